package dev.broadsheet.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * Leaves merged only where they score alike: every document's score under the merged query is
 * the score under the query as read, bit for bit, over seeded English indexes where a word's
 * stem sometimes has other forms in a field and sometimes not, in one segment or several.
 */
class SameTermsTest {
  /** {@code validator} and {@code ferry} stem to {@code valid} and {@code ferri}; their relatives share those stems. */
  private static final String[] WORDS = {"validator", "validator", "validators", "validation", "ferry", "ferries",
      "harbour", "selloff", "council"};
  private static final String[] QUERIES = {"validator selloff", "ferry harbour", "validator ferry", "council",
      "validators -council", "\"validator selloff\"", "valid"};
  private static final Map<String, Float> WEIGHTS = new LinkedHashMap<>(Map.of("title", 4f, "body", 1f));

  @Test
  void mergedLeavesScoreEveryDocumentAsTheQueryAsRead() throws IOException, TextQuery.TooLong {
    int merges = 0;
    int kept = 0;
    for (int seed = 0; seed < 30; seed++) {
      Random r = new Random(seed);
      try (Directory dir = new ByteBuffersDirectory();
          IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(
          new org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper(new StandardAnalyzer(), Languages.byField(java.util.List.of("title", "body")))))) {
        int segments = 1 + r.nextInt(3);
        for (int s = 0; s < segments; s++) {
          // Each segment draws from its own part of the vocabulary: a stem may have one form here, several there.
          int forms = 1 + r.nextInt(WORDS.length);
          for (int i = 0; i < 40 + r.nextInt(80); i++) {
            Document d = new Document();
            d.add(new TextField(Languages.EN.field("title"), words(r, forms, 1 + r.nextInt(4)), Field.Store.NO));
            d.add(new TextField(Languages.EN.field("body"), words(r, forms, 3 + r.nextInt(30)), Field.Store.NO));
            w.addDocument(d);
          }
          w.commit();
        }
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
          IndexSearcher searcher = new IndexSearcher(reader);
          SameTerms same = new SameTerms();
          for (String text : QUERIES) {
            Query read = TextQuery.read(text, 1000, 100, 5).in(Languages.EN, WEIGHTS, false, 5);
            if (read == null) {
              continue;
            }
            Query flat = TopQuery.of(read);
            Query merged = same.merge(reader, flat);
            if (merged != flat) {
              merges++;
              assertThat(((BooleanQuery) merged).clauses()).hasSizeLessThan(((BooleanQuery) flat).clauses().size());
            } else {
              kept++;
            }
            assertThat(scores(searcher, merged)).as("seed %d, %s: %s", seed, text, merged)
                .isEqualTo(scores(searcher, flat));
            // Asked again, the kept answers give the same query.
            assertThat(same.merge(reader, flat)).isEqualTo(merged);
          }
        }
      }
    }
    // Both cases were met: leaves made one, and leaves left apart because other forms share the stem.
    assertThat(merges).isGreaterThan(20);
    assertThat(kept).isGreaterThan(20);
  }

  /** Two terms with the same counts but different documents are left apart. */
  @Test
  void termsWithTheSameCountsButOtherDocumentsStayApart() throws IOException {
    try (Directory dir = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
      for (String text : new String[] {"alpha gamma", "beta gamma", "alpha beta"}) {
        Document d = new Document();
        d.add(new TextField("f", text, Field.Store.NO));
        w.addDocument(d);
      }
      Document d = new Document();
      d.add(new TextField("f", "delta", Field.Store.NO));
      w.addDocument(d);
      w.commit();
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        SameTerms same = new SameTerms();
        // alpha: documents 0 and 2; gamma: 0 and 1. Same counts, other documents.
        Query apart = flat(new Term("f", "alpha"), new Term("f", "gamma"));
        assertThat(same.merge(reader, apart)).isSameAs(apart);
        // Other boosts, or other fields, stay apart too.
        Query boosts = new BooleanQuery.Builder()
            .add(new BoostQuery(new TermQuery(new Term("f", "alpha")), 2f), BooleanClause.Occur.SHOULD)
            .add(new TermQuery(new Term("f", "alpha")), BooleanClause.Occur.SHOULD).build();
        assertThat(same.merge(reader, boosts)).isSameAs(boosts);
        // The same term twice scores alike: made one, at twice the boost.
        Query twice = flat(new Term("f", "beta"), new Term("f", "beta"));
        Query merged = same.merge(reader, twice);
        assertThat(merged).isEqualTo(new BooleanQuery.Builder()
            .add(new BoostQuery(new TermQuery(new Term("f", "beta")), 2f), BooleanClause.Occur.SHOULD).build());
        IndexSearcher searcher = new IndexSearcher(reader);
        assertThat(scores(searcher, merged)).isEqualTo(scores(searcher, twice)).hasSize(2);
      }
    }
  }

  private static Query flat(Term a, Term b) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(a), BooleanClause.Occur.SHOULD)
        .add(new TermQuery(b), BooleanClause.Occur.SHOULD).build();
  }

  private static String words(Random r, int forms, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(forms)]);
    }
    return b.toString();
  }

  /** Every matching document's score. */
  private static Map<Integer, Float> scores(IndexSearcher searcher, Query q) throws IOException {
    Map<Integer, Float> out = new HashMap<>();
    for (ScoreDoc sd : searcher.search(q, Math.max(1, searcher.getIndexReader().maxDoc())).scoreDocs) {
      out.put(sd.doc, sd.score);
    }
    return out;
  }
}
