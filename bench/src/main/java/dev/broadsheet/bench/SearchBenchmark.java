package dev.broadsheet.bench;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Facets;
import dev.broadsheet.SearchHit;
import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.search.LuceneSearch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full-text search over a gen-corpus.py corpus: the repository with {@link LuceneSearch} (an
 * on-disk index in the temporary folder, kept for the next fork), and SQLite FTS5 (bm25, the title weighted 4) holding
 * the same titles and bodies, answering the same questions in the same fork.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SearchBenchmark {
  static final String TWO_WORDS = "validator selloff";
  static final String PHRASE = "\"mainnet launch\"";
  static final String CATEGORY = "BUSINESS";

  /** The repository with its search index, set up only for the benchmarks that use it. */
  @State(Scope.Benchmark)
  public static class Broadsheet {
    @Param("/tmp/corpus100k")
    public String dir;

    @Param("100000")
    public int count;

    private ArticleRepository repository;
    private ArticleQuery twoWordsCategory;
    private ArticleQuery phrase;
    private ArticleQuery twoWords;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      List<Article> articles = SearchData.read(Path.of(dir), count);
      // One index for every fork: the first builds it, the others reopen it (nothing changed).
      Path folder = Path.of(System.getProperty("java.io.tmpdir"), "broadsheet-search-bench-" + count);
      LuceneSearch search = LuceneSearch.builder().folder(folder).build();
      repository = ArticleRepository.builder()
          .store(new InMemoryArticleStore(articles))
          .clock(BenchData.CLOCK)
          .search(search)
          .build();
      twoWordsCategory = ArticleQuery.builder().text(TWO_WORDS).categories(CATEGORY).limit(20).build();
      phrase = ArticleQuery.builder().text(PHRASE).limit(20).build();
      twoWords = ArticleQuery.builder().text(TWO_WORDS).build();
      System.out.println("\nindex " + search.lastOpen().orElseThrow() + "; matches: two words + category "
          + repository.count(twoWordsCategory) + ", phrase " + repository.count(phrase) + ", two words "
          + repository.count(twoWords));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      repository.close();
    }
  }

  /** SQLite FTS5 in memory over the same titles and bodies. */
  @State(Scope.Benchmark)
  public static class Sqlite {
    @Param("/tmp/corpus100k")
    public String dir;

    @Param("100000")
    public int count;

    private Connection sqlite;
    private PreparedStatement twoWordsCategory;
    private PreparedStatement phrase;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
      List<Article> articles = SearchData.read(Path.of(dir), count);
      sqlite = DriverManager.getConnection("jdbc:sqlite::memory:");
      try (Statement s = sqlite.createStatement()) {
        s.execute("CREATE TABLE articles(rowid INTEGER PRIMARY KEY, id TEXT, category_lc TEXT, draft INTEGER,"
            + " published_ms INTEGER, expires_ms INTEGER)");
        s.execute("CREATE INDEX articles_category ON articles(category_lc)");
        s.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2')");
      }
      sqlite.setAutoCommit(false);
      try (PreparedStatement a = sqlite.prepareStatement("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?)");
          PreparedStatement f = sqlite.prepareStatement("INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)")) {
        int rowid = 0;
        for (Article art : articles) {
          rowid++;
          a.setInt(1, rowid);
          a.setString(2, art.id());
          a.setString(3, art.category() == null ? null : art.category().toLowerCase(Locale.ROOT));
          a.setInt(4, art.draft() ? 1 : 0);
          a.setObject(5, art.publishedAt() == null ? null : art.publishedAt().toEpochMilli());
          a.setObject(6, art.expiresAt() == null ? null : art.expiresAt().toEpochMilli());
          a.addBatch();
          f.setInt(1, rowid);
          f.setString(2, art.title());
          f.setString(3, (art.description() == null ? "" : art.description() + "\n") + art.body());
          f.addBatch();
        }
        a.executeBatch();
        f.executeBatch();
      }
      sqlite.commit();
      String visible = " AND a.draft = 0 AND a.published_ms <= " + BenchData.NOW.toEpochMilli()
          + " AND (a.expires_ms IS NULL OR a.expires_ms > " + BenchData.NOW.toEpochMilli() + ")";
      twoWordsCategory = sqlite.prepareStatement("SELECT a.id FROM fts JOIN articles a ON a.rowid = fts.rowid"
          + " WHERE fts MATCH ? AND a.category_lc = ?" + visible + " ORDER BY bm25(fts, 4.0, 1.0) LIMIT 20");
      phrase = sqlite.prepareStatement("SELECT a.id FROM fts JOIN articles a ON a.rowid = fts.rowid"
          + " WHERE fts MATCH ?" + visible + " ORDER BY bm25(fts, 4.0, 1.0) LIMIT 20");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
      sqlite.close();
    }
  }

  /** Two words in one category, the first 20 in relevance order: a search page without its total. */
  @Benchmark
  public List<Article> twoWordsCategoryTop20(Broadsheet b) {
    return b.repository.query(b.twoWordsCategory).items();
  }

  /** The same with snippets, as a search results page shows them. */
  @Benchmark
  public List<SearchHit> twoWordsCategoryTop20Snippets(Broadsheet b) {
    return b.repository.search(b.twoWordsCategory).items();
  }

  @Benchmark
  public List<Article> phraseTop20(Broadsheet b) {
    return b.repository.query(b.phrase).items();
  }

  /** Facets of a two-word query over everything visible: every match counted. */
  @Benchmark
  public Facets twoWordsFacets(Broadsheet b) {
    return b.repository.facets(b.twoWords);
  }

  @Benchmark
  public List<String> sqliteTwoWordsCategoryTop20(Sqlite s) throws SQLException {
    s.twoWordsCategory.setString(1, TWO_WORDS);
    s.twoWordsCategory.setString(2, CATEGORY.toLowerCase(Locale.ROOT));
    return ids(s.twoWordsCategory);
  }

  @Benchmark
  public List<String> sqlitePhraseTop20(Sqlite s) throws SQLException {
    s.phrase.setString(1, PHRASE);
    return ids(s.phrase);
  }

  private static List<String> ids(PreparedStatement s) throws SQLException {
    List<String> out = new ArrayList<>(20);
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
