package dev.broadsheet.bench;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Facets;
import dev.broadsheet.SearchHit;
import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.search.LuceneSearch;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Full-text search over a gen-corpus.py corpus: the repository with {@link LuceneSearch} (an
 * on-disk index in the temporary folder, kept for the next fork), SQLite FTS5 (bm25, the title weighted 4) and
 * PostgreSQL full-text search ({@code tsvector}, a GIN index, {@code ts_rank} with the title weighted 4) holding
 * the same titles and bodies, answering the same questions.
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
      try (PreparedStatement c = sqlite.prepareStatement("SELECT count(*) FROM fts JOIN articles a"
          + " ON a.rowid = fts.rowid WHERE fts MATCH ? AND a.category_lc = ?" + visible);
          PreparedStatement p = sqlite.prepareStatement("SELECT count(*) FROM fts JOIN articles a"
              + " ON a.rowid = fts.rowid WHERE fts MATCH ?" + visible)) {
        c.setString(1, TWO_WORDS);
        c.setString(2, CATEGORY.toLowerCase(Locale.ROOT));
        p.setString(1, PHRASE);
        System.out.println("\nSQLite matches: two words + category " + count(c) + ", phrase " + count(p));
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
      sqlite.close();
    }
  }

  /**
   * PostgreSQL full-text search over the same titles and bodies, in table {@code articles} of
   * schema {@code search_bench_COUNT}: a stored generated {@code tsvector} (the title weighted A,
   * description and body D, English stemming), a GIN index on it, and {@code ts_rank} with A
   * weighted 4 times D. The table is loaded with {@code COPY} by the first fork and kept for the
   * next ones and the next runs, as long as it holds {@code count} rows of the same folder. The
   * server is found as {@link PostgresBenchmark} finds it.
   */
  @State(Scope.Benchmark)
  public static class Postgres {
    /** ts_rank's weights, in the order D, C, B, A. */
    static final String WEIGHTS = "'{0.25, 0.5, 0.75, 1.0}'";

    @Param("/tmp/corpus100k")
    public String dir;

    @Param("100000")
    public int count;

    private EmbeddedPostgres embedded;
    private Connection connection;
    private PreparedStatement twoWordsCategory;
    private PreparedStatement phrase;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      String url = PostgresData.url();
      embedded = PostgresData.startUnlessRunning(url);
      connection = DriverManager.getConnection(url);
      String table = "\"search_bench_" + count + "\".articles";
      String source = Path.of(dir).toAbsolutePath().normalize().toString();
      if (!holds(table, source)) {
        load(table, source);
      }
      String visible = " AND NOT draft AND published_at <= '" + BenchData.NOW + "'"
          + " AND (expires_at IS NULL OR expires_at > '" + BenchData.NOW + "')";
      String rank = " ORDER BY ts_rank(" + WEIGHTS + ", tsv, q) DESC, id LIMIT 20";
      twoWordsCategory = connection.prepareStatement("SELECT id FROM " + table + ", plainto_tsquery('english', ?) q"
          + " WHERE tsv @@ q AND category_lc = ?" + visible + rank);
      phrase = connection.prepareStatement("SELECT id FROM " + table + ", phraseto_tsquery('english', ?) q"
          + " WHERE tsv @@ q" + visible + rank);
      try (PreparedStatement c = connection.prepareStatement("SELECT count(*) FROM " + table
          + ", plainto_tsquery('english', ?) q WHERE tsv @@ q AND category_lc = ?" + visible);
          PreparedStatement p = connection.prepareStatement("SELECT count(*) FROM " + table
              + ", phraseto_tsquery('english', ?) q WHERE tsv @@ q" + visible)) {
        c.setString(1, TWO_WORDS);
        c.setString(2, CATEGORY.toLowerCase(Locale.ROOT));
        p.setString(1, PHRASE);
        System.out.println("\nPostgreSQL matches: two words + category " + count(c) + ", phrase " + count(p));
      }
    }

    /** Whether {@code table} holds {@code count} rows loaded from {@code source}. */
    private boolean holds(String table, String source) throws SQLException {
      try (Statement s = connection.createStatement()) {
        try (ResultSet r = s.executeQuery("SELECT obj_description(to_regclass('" + table + "'), 'pg_class')")) {
          r.next();
          if (!source.equals(r.getString(1))) {
            return false;
          }
        }
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
          r.next();
          return r.getLong(1) == count;
        }
      }
    }

    /**
     * Makes {@code table} afresh from the articles of {@link #dir}; its comment, the folder, is
     * written last, so that a table loaded only in part is not taken for a whole one.
     */
    private void load(String table, String source) throws IOException, SQLException {
      List<Article> articles = SearchData.read(Path.of(dir), count);
      long t0 = System.nanoTime();
      try (Statement s = connection.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS \"search_bench_" + count + "\" CASCADE");
        s.execute("CREATE SCHEMA \"search_bench_" + count + "\"");
        s.execute("CREATE TABLE " + table + " (id text PRIMARY KEY, category_lc text, draft boolean NOT NULL,"
            + " published_at timestamptz, expires_at timestamptz, title text NOT NULL, description text,"
            + " body text NOT NULL, tsv tsvector GENERATED ALWAYS AS ("
            + "setweight(to_tsvector('english', title), 'A')"
            + " || setweight(to_tsvector('english', coalesce(description, '') || ' ' || body), 'D')) STORED)");
      }
      CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table
          + " (id, category_lc, draft, published_at, expires_at, title, description, body) FROM STDIN (FORMAT csv)");
      try {
        StringBuilder rows = new StringBuilder(1 << 20);
        for (Article a : articles) {
          rows.append(csv(a.id())).append(',')
              .append(csv(a.category() == null ? null : a.category().toLowerCase(Locale.ROOT))).append(',')
              .append(a.draft() ? 't' : 'f').append(',')
              .append(a.publishedAt() == null ? "" : a.publishedAt().toString()).append(',')
              .append(a.expiresAt() == null ? "" : a.expiresAt().toString()).append(',')
              .append(csv(a.title())).append(',')
              .append(csv(a.description())).append(',')
              .append(csv(a.body())).append('\n');
          if (rows.length() >= 1 << 20) {
            write(copy, rows);
          }
        }
        write(copy, rows);
        copy.endCopy();
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
      try (Statement s = connection.createStatement()) {
        s.execute("SET maintenance_work_mem = '256MB'");
        s.execute("CREATE INDEX ON " + table + " USING gin (tsv)");
        s.execute("CREATE INDEX ON " + table + " (category_lc)");
        s.execute("VACUUM ANALYZE " + table);
        s.execute("COMMENT ON TABLE " + table + " IS '" + source.replace("'", "''") + "'");
      }
      System.out.printf("%nloaded %d articles of %s into PostgreSQL table %s in %d s%n", articles.size(), source,
          table, (System.nanoTime() - t0) / 1_000_000_000);
    }

    private static void write(CopyIn copy, StringBuilder rows) throws SQLException {
      byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      rows.setLength(0);
    }

    /** A CSV field, quoted; {@code null} is the empty unquoted field COPY reads as NULL. */
    private static String csv(String value) {
      return value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      connection.close();
      if (embedded != null) {
        embedded.close();
      }
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
  /** The total a list of the two words in the category carries (every HTTP list has one). */
  @Benchmark
  public int twoWordsCategoryCount(Broadsheet b) {
    return b.repository.count(b.twoWordsCategory);
  }

  @Benchmark
  public Facets twoWordsFacets(Broadsheet b) {
    return b.repository.facets(b.twoWords);
  }

  /**
   * The PostgreSQL store with query pushdown: the repository's own search index gives the
   * matches, which SQL joins to the table and filters, orders and pages. The store is the
   * schema {@code corpus_100k} as {@link PostgresServer} makes it from the folder; the index's
   * first opening reads every article from the database.
   */
  @State(Scope.Benchmark)
  public static class Pushdown {
    @Param("/tmp/corpus100k")
    public String dir;

    @Param("corpus_100k")
    public String schema;

    private EmbeddedPostgres embedded;
    private com.zaxxer.hikari.HikariDataSource pool;
    private dev.broadsheet.postgres.PostgresArticleStore store;
    private ArticleRepository repository;
    private ArticleQuery twoWordsCategory;
    private ArticleQuery phrase;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      String url = PostgresData.url();
      embedded = PostgresData.startUnlessRunning(url);
      pool = PostgresData.pool(url, 4);
      PostgresData.fillFolder(pool, schema, Path.of(dir));
      store = dev.broadsheet.postgres.PostgresArticleStore.builder(pool).schema(schema).queryPushdown(true).build();
      Path folder = Path.of(System.getProperty("java.io.tmpdir"), "broadsheet-search-bench-" + schema);
      LuceneSearch search = LuceneSearch.builder().folder(folder).build();
      repository = ArticleRepository.builder().store(store).clock(BenchData.CLOCK).search(search).build();
      twoWordsCategory = ArticleQuery.builder().text(TWO_WORDS).categories(CATEGORY).limit(20).build();
      phrase = ArticleQuery.builder().text(PHRASE).limit(20).build();
      System.out.println("\npushdown index " + search.lastOpen().orElseThrow() + "; matches: two words + category "
          + repository.count(twoWordsCategory) + ", phrase " + repository.count(phrase));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      repository.close();
      store.close();
      pool.close();
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  @Benchmark
  public List<Article> pushdownTwoWordsCategoryTop20(Pushdown p) {
    return p.repository.query(p.twoWordsCategory).items();
  }

  /** The total of the same query: every match goes to the database to be counted. */
  @Benchmark
  public int pushdownTwoWordsCategoryCount(Pushdown p) {
    return p.repository.count(p.twoWordsCategory);
  }

  @Benchmark
  public List<Article> pushdownPhraseTop20(Pushdown p) {
    return p.repository.query(p.phrase).items();
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

  @Benchmark
  public List<String> postgresTwoWordsCategoryTop20(Postgres p) throws SQLException {
    p.twoWordsCategory.setString(1, TWO_WORDS);
    p.twoWordsCategory.setString(2, CATEGORY.toLowerCase(Locale.ROOT));
    return ids(p.twoWordsCategory);
  }

  /** phraseto_tsquery takes the words of the phrase in order; the quotes are FTS5's. */
  @Benchmark
  public List<String> postgresPhraseTop20(Postgres p) throws SQLException {
    p.phrase.setString(1, PHRASE);
    return ids(p.phrase);
  }

  private static long count(PreparedStatement s) throws SQLException {
    try (ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
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
