package dev.broadsheet.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * The matcher, and the bits a count reads ({@link MatchBits}), against Lucene's own matching, on
 * seeded random queries over a small index.
 */
class DocMatcherTest {
  private static final String[] WORDS = {"harbour", "ferry", "bridge", "council", "budget", "storm", "pier", "tram"};
  private static final String[] FIELDS = {"title", "body"};

  @Test
  void matchesWhatLuceneMatchesOnRandomQueries() throws IOException {
    Random random = new Random(20261204L);
    try (Directory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
        for (int d = 0; d < 600; d++) {
          Document doc = new Document();
          doc.add(new TextField("title", words(random, 1 + random.nextInt(4)), Field.Store.NO));
          doc.add(new TextField("body", words(random, random.nextInt(12)), Field.Store.NO));
          w.addDocument(doc);
          if (d % 200 == 199) {
            w.commit(); // several segments
          }
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertThat(reader.leaves()).hasSizeGreaterThan(1);
        IndexSearcher searcher = new IndexSearcher(reader);
        int nonTrivial = 0;
        int withBits = 0;
        for (int i = 0; i < 400; i++) {
          Query q = query(random, 0);
          TreeSet<Integer> expected = luceneMatches(searcher, q);
          if (!expected.isEmpty() && expected.size() < reader.maxDoc()) {
            nonTrivial++;
          }
          DocMatcher matcher = DocMatcher.of(searcher, q);
          // Every document in order, then a sparse increasing subset, as a search asks.
          assertThat(matched(matcher, reader, random, 1.0)).as("%s", q).isEqualTo(expected);
          TreeSet<Integer> sparse = new TreeSet<>();
          for (int doc : matched(matcher, reader, random, 0.1, sparse)) {
            assertThat(expected).as("%s", q).contains(doc);
          }
          for (int doc : sparse) {
            assertThat(matcher.in(leafOf(reader, doc)).matches(doc - leafOf(reader, doc).docBase))
                .as("%s, doc %d", q, doc).isEqualTo(expected.contains(doc));
          }
          MatchBits bits = MatchBits.of(searcher, q);
          if (bits != null) {
            withBits++;
            assertThat(fromBits(bits, reader)).as("bits of %s", q).isEqualTo(expected);
          }
        }
        // Only a minimum of two or more optional clauses has no bits.
        assertThat(withBits).isGreaterThan(300);
        assertThat(nonTrivial).as("queries that match some documents but not all").isGreaterThan(100);
      }
    }
  }

  private static TreeSet<Integer> fromBits(MatchBits bits, DirectoryReader reader) throws IOException {
    TreeSet<Integer> out = new TreeSet<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      org.apache.lucene.util.FixedBitSet b = bits.in(leaf).bits();
      for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
        if (b.get(doc)) {
          out.add(leaf.docBase + doc);
        }
      }
      assertThat(bits.in(leaf).cost()).isGreaterThanOrEqualTo(0);
    }
    return out;
  }

  private static LeafReaderContext leafOf(DirectoryReader reader, int doc) {
    List<LeafReaderContext> leaves = reader.leaves();
    return leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
  }

  private static TreeSet<Integer> matched(DocMatcher matcher, DirectoryReader reader, Random random, double share)
      throws IOException {
    return matched(matcher, reader, random, share, new TreeSet<>());
  }

  /** The documents {@code matcher} matches among a share of them, asked in order; those asked go in {@code asked}. */
  private static TreeSet<Integer> matched(DocMatcher matcher, DirectoryReader reader, Random random, double share,
      TreeSet<Integer> asked) throws IOException {
    TreeSet<Integer> out = new TreeSet<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      DocMatcher.Segment m = matcher.in(leaf);
      for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
        if (share < 1.0 && random.nextDouble() >= share) {
          continue;
        }
        asked.add(leaf.docBase + doc);
        boolean once = m.matches(doc);
        assertThat(m.matches(doc)).as("asked twice").isEqualTo(once);
        if (once) {
          out.add(leaf.docBase + doc);
        }
      }
    }
    return out;
  }

  private static TreeSet<Integer> luceneMatches(IndexSearcher searcher, Query q) throws IOException {
    TreeSet<Integer> out = new TreeSet<>();
    searcher.search(q, new SimpleCollector() {
      private int base;

      @Override
      protected void doSetNextReader(LeafReaderContext context) {
        base = context.docBase;
      }

      @Override
      public void collect(int doc) {
        out.add(base + doc);
      }

      @Override
      public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
      }
    });
    return out;
  }

  private static String words(Random random, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(WORDS[random.nextInt(WORDS.length)]);
    }
    return String.join(" ", out);
  }

  private static Query query(Random random, int depth) {
    int kind = random.nextInt(depth >= 2 ? 4 : 7);
    String field = FIELDS[random.nextInt(FIELDS.length)];
    String word = WORDS[random.nextInt(WORDS.length)];
    switch (kind) {
      case 0, 1:
        return new TermQuery(new Term(field, word));
      case 2:
        return new PhraseQuery(field, word, WORDS[random.nextInt(WORDS.length)]);
      case 3:
        return new BoostQuery(new ConstantScoreQuery(new PrefixQuery(new Term(field, word.substring(0, 2)))), 2f);
      default:
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int clauses = 1 + random.nextInt(4);
        int should = 0;
        for (int i = 0; i < clauses; i++) {
          BooleanClause.Occur occur = BooleanClause.Occur.values()[random.nextInt(4)];
          should += occur == BooleanClause.Occur.SHOULD ? 1 : 0;
          b.add(query(random, depth + 1), occur);
        }
        if (should > 1 && random.nextInt(3) == 0) {
          b.setMinimumNumberShouldMatch(1 + random.nextInt(should));
        }
        return b.build();
    }
  }
}
