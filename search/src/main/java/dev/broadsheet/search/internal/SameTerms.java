package dev.broadsheet.search.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.jspecify.annotations.Nullable;

/**
 * The leaves of a flat disjunction ({@link TopQuery}) that score alike on every document, made
 * one leaf at twice the boost. Two terms of one field, with one boost, whose postings are the same
 * documents with the same frequencies, score the same on every document: a word and its stem
 * where the field holds no other word of that stem ({@code validator} and {@code valid}). One of
 * them at twice the boost scores what both did, exactly (doubling a float is exact, and so is
 * every step of BM25 after it), and Lucene's top-score skipping then walks one list of postings
 * where it walked two.
 *
 * <p>Whether two terms' postings are the same is decided once per segment and kept while the
 * segment is open (segments never change): by their document and occurrence counts where those
 * differ, else by reading both postings. Thread-safe.
 */
public final class SameTerms {
  /** At most this many answers kept per segment; then they are forgotten and read again. */
  private static final int KEPT = 4096;

  private final Map<Object, Map<String, Boolean>> bySegment = new ConcurrentHashMap<>();

  /**
   * {@code flat} with every set of leaves that score alike made one; {@code flat} itself when it
   * is not a disjunction of leaves or none are alike.
   */
  public Query merge(IndexReader reader, Query flat) throws IOException {
    if (!(flat instanceof BooleanQuery bq) || bq.getMinimumNumberShouldMatch() > 0) {
      return flat;
    }
    List<BooleanClause> clauses = bq.clauses();
    int n = clauses.size();
    @Nullable Term[] terms = new Term[n];
    float[] boosts = new float[n];
    for (int i = 0; i < n; i++) {
      BooleanClause c = clauses.get(i);
      if (c.getOccur() != BooleanClause.Occur.SHOULD) {
        return flat;
      }
      Query q = c.getQuery();
      boosts[i] = 1f;
      if (q instanceof BoostQuery b) {
        boosts[i] = b.getBoost();
        q = b.getQuery();
      }
      terms[i] = q instanceof TermQuery t ? t.getTerm() : null;
    }
    // Pairs only: twice a score is exact, three times is not.
    int[] times = new int[n]; // how many leaves each leaf stands for; 0 for one merged away
    java.util.Arrays.fill(times, 1);
    boolean merged = false;
    for (int i = 0; i < n; i++) {
      Term a = terms[i];
      if (a == null || times[i] != 1) {
        continue;
      }
      for (int j = i + 1; j < n; j++) {
        Term b = terms[j];
        if (b != null && times[j] == 1 && boosts[i] == boosts[j] && a.field().equals(b.field())
            && same(reader, a, b)) {
          times[i] = 2;
          times[j] = 0;
          merged = true;
          break;
        }
      }
    }
    if (!merged) {
      return flat;
    }
    BooleanQuery.Builder out = new BooleanQuery.Builder();
    for (int i = 0; i < n; i++) {
      if (times[i] == 1) {
        out.add(clauses.get(i));
      } else if (times[i] == 2) {
        out.add(new BoostQuery(new TermQuery(terms[i]), 2 * boosts[i]), BooleanClause.Occur.SHOULD);
      }
    }
    return out.build();
  }

  /** Whether {@code a} and {@code b} (one field) have the same postings in every segment of {@code reader}. */
  private boolean same(IndexReader reader, Term a, Term b) throws IOException {
    String key = a.field() + '\u0000' + a.text() + '\u0000' + b.text();
    for (LeafReaderContext leaf : reader.leaves()) {
      IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
      Map<String, Boolean> kept = helper == null ? null : kept(helper);
      Boolean answer = kept == null ? null : kept.get(key);
      if (answer == null) {
        answer = samePostings(leaf, a, b);
        if (kept != null) {
          if (kept.size() >= KEPT) {
            kept.clear();
          }
          kept.put(key, answer);
        }
      }
      if (!answer) {
        return false;
      }
    }
    return true;
  }

  private Map<String, Boolean> kept(IndexReader.CacheHelper helper) {
    Map<String, Boolean> kept = bySegment.get(helper.getKey());
    if (kept == null) {
      Map<String, Boolean> made = new ConcurrentHashMap<>();
      kept = bySegment.putIfAbsent(helper.getKey(), made);
      if (kept == null) {
        kept = made;
        helper.addClosedListener(bySegment::remove);
      }
    }
    return kept;
  }

  /** Whether {@code a} and {@code b} have the same documents with the same frequencies in {@code leaf}. */
  static boolean samePostings(LeafReaderContext leaf, Term a, Term b) throws IOException {
    Terms terms = leaf.reader().terms(a.field());
    if (terms == null) {
      return true; // neither is in this segment
    }
    TermsEnum ta = terms.iterator();
    boolean hasA = ta.seekExact(a.bytes());
    TermsEnum tb = terms.iterator();
    boolean hasB = tb.seekExact(b.bytes());
    if (!hasA || !hasB) {
      return hasA == hasB;
    }
    if (ta.docFreq() != tb.docFreq() || ta.totalTermFreq() != tb.totalTermFreq()) {
      return false;
    }
    PostingsEnum pa = ta.postings(null, PostingsEnum.FREQS);
    PostingsEnum pb = tb.postings(null, PostingsEnum.FREQS);
    for (int doc = pa.nextDoc(); ; doc = pa.nextDoc()) {
      if (pb.nextDoc() != doc) {
        return false;
      }
      if (doc == DocIdSetIterator.NO_MORE_DOCS) {
        return true;
      }
      if (pa.freq() != pb.freq()) {
        return false;
      }
    }
  }
}
