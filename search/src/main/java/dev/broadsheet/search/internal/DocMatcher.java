package dev.broadsheet.search.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Whether a query matches one document, asked of a few documents in increasing order: the
 * candidates a top-score search collects. The query's boolean structure is walked per document
 * and each leaf's postings are advanced only when its answer is needed, stopping at the first
 * clause that decides: a word found in one field is not looked for in the others. Lucene's own
 * iterator for the query would advance every leaf to every document asked, and find the next
 * match beyond it.
 *
 * <p>Made per query; {@link #in} gives the matcher of one segment. Not thread-safe.
 */
public final class DocMatcher {
  private final Node root;

  private DocMatcher(Node root) {
    this.root = root;
  }

  /** The matcher of {@code query} (rewritten by {@code searcher} leaf by leaf). */
  public static DocMatcher of(IndexSearcher searcher, Query query) throws IOException {
    return new DocMatcher(node(QueryTree.of(searcher, query)));
  }

  /** Asks of documents of {@code segment}, in increasing order. */
  public Segment in(LeafReaderContext segment) throws IOException {
    return new Segment(root.in(segment));
  }

  /** The matcher of one segment. */
  public static final class Segment {
    private final Check check;

    private Segment(Check check) {
      this.check = check;
    }

    /** Whether the query matches {@code doc}; documents asked in increasing order. */
    public boolean matches(int doc) throws IOException {
      return check.matches(doc);
    }
  }

  private static Node node(QueryTree tree) {
    if (tree instanceof QueryTree.Bool b) {
      return new All(nodes(b.required()), nodes(b.optional()), b.minShould(), nodes(b.excluded()));
    }
    return new Leaf(((QueryTree.Leaf) tree).weight());
  }

  private static List<Node> nodes(List<QueryTree> trees) {
    List<Node> out = new ArrayList<>(trees.size());
    for (QueryTree t : trees) {
      out.add(node(t));
    }
    return out;
  }

  private interface Node {
    Check in(LeafReaderContext segment) throws IOException;
  }

  private interface Check {
    boolean matches(int doc) throws IOException;

    /** About how many documents of the segment match: asked to try likelier matches first. */
    long cost();
  }

  private record Leaf(Weight weight) implements Node {
    @Override
    public Check in(LeafReaderContext segment) throws IOException {
      Scorer s = weight.scorer(segment);
      TwoPhaseIterator twoPhase = s == null ? null : s.twoPhaseIterator();
      DocIdSetIterator approximation = s == null ? null : twoPhase == null ? s.iterator() : twoPhase.approximation();
      return new Check() {
        private int last = -1;
        private boolean lastAnswer;

        @Override
        public long cost() {
          return approximation == null ? 0 : approximation.cost();
        }

        @Override
        public boolean matches(int doc) throws IOException {
          if (doc == last) {
            return lastAnswer;
          }
          DocIdSetIterator it = approximation;
          boolean answer = false;
          if (it != null) {
            int at = it.docID();
            if (at < doc) {
              at = it.advance(doc);
            }
            answer = at == doc && (twoPhase == null || twoPhase.matches());
          }
          last = doc;
          lastAnswer = answer;
          return answer;
        }
      };
    }
  }

  private record All(List<Node> required, List<Node> optional, int minShould, List<Node> excluded) implements Node {
    @Override
    public Check in(LeafReaderContext segment) throws IOException {
      Check[] must = checks(required, segment);
      Check[] should = checks(optional, segment);
      Check[] not = checks(excluded, segment);
      // Likelier matches first, so a disjunction stops early: the clause with most documents.
      Arrays.sort(should, Comparator.comparingLong(Check::cost).reversed());
      // The rarest requirement first, so a conjunction fails early.
      Arrays.sort(must, Comparator.comparingLong(Check::cost));
      long any = 0;
      for (Check c : should) {
        any += c.cost();
      }
      // A conjunction matches at most what its rarest requirement does; a disjunction the sum.
      long estimate = must.length > 0 ? must[0].cost() : any;
      boolean nothing = must.length == 0 && should.length == 0; // only exclusions: Lucene matches nothing
      return new Check() {
        @Override
        public long cost() {
          return estimate;
        }

        @Override
        public boolean matches(int doc) throws IOException {
          if (nothing) {
            return false;
          }
          for (Check c : must) {
            if (!c.matches(doc)) {
              return false;
            }
          }
          if (minShould > 0) {
            int found = 0;
            for (int i = 0; i < should.length && found < minShould; i++) {
              if (should[i].matches(doc)) {
                found++;
              }
            }
            if (found < minShould) {
              return false;
            }
          }
          for (Check c : not) {
            if (c.matches(doc)) {
              return false;
            }
          }
          return true;
        }
      };
    }

    private static Check[] checks(List<Node> nodes, LeafReaderContext segment) throws IOException {
      Check[] out = new Check[nodes.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = nodes.get(i).in(segment);
      }
      return out;
    }
  }
}
