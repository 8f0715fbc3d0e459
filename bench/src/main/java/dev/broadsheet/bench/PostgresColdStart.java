package dev.broadsheet.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Page;
import dev.broadsheet.postgres.PostgresArticleStore;
import java.lang.management.ManagementFactory;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One start of an instance on the PostgreSQL store, as a whole process, to the first query
 * answered: {@code java -cp benchmarks.jar dev.broadsheet.bench.PostgresColdStart MODE SIZE|SCHEMA}
 * against the server {@link PostgresServer} runs (or {@code BROADSHEET_TEST_JDBC_URL}). Time
 * the process from outside; it prints its own figures to stderr, and with {@code -Dheap=true}
 * the heap once full collections settle it, and how much it grew over the load: what the
 * instance holds (run it with {@code -XX:+UseSerialGC}, as {@link MemoryReport}). SIZE names
 * the schema of {@link BenchData}'s articles ({@code 100000}: {@code bench_100000}); any other
 * argument is a schema, such as one {@code PostgresServer corpus_100k=/tmp/corpus100k} filled
 * from a folder.
 *
 * <ul>
 *   <li>{@code index}: a repository loading its index from the store, then the
 *       category-and-sentiment top 20;
 *   <li>{@code pushdown}: the same on a store with {@code queryPushdown(true)};
 *   <li>{@code jdbc}: the floor, a plain JDBC {@code SELECT} of the columns the index reads
 *       (id, key, revision, the indexed columns, precise: what the store's load reads) of
 *       every row into small Java records, through a cursor of 1,000 rows at a time.
 * </ul>
 */
public final class PostgresColdStart {
  private PostgresColdStart() {}

  /** One row of the plain SELECT. */
  private record Row(String id, String key, String revision, OffsetDateTime published, OffsetDateTime expires,
      String lang, String source, String category, Object[] tags, int sticky, String sentiment, boolean draft,
      String precise) {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String schema = PostgresData.schemaOf(args[1]);
    boolean heap = Boolean.getBoolean("heap");
    long base = heap ? settledUsed() : 0;
    long t0 = System.nanoTime();
    String result;
    Object held;
    if (mode.equals("jdbc")) {
      List<Row> rows = select(schema);
      held = rows;
      result = rows.size() + " rows";
    } else if (mode.equals("index") || mode.equals("pushdown")) {
      HikariDataSource pool = PostgresData.pool(PostgresData.url(), 4);
      PostgresArticleStore store = PostgresArticleStore.builder(pool).schema(schema)
          .queryPushdown(mode.equals("pushdown")).build();
      ArticleRepository repo = ArticleRepository.builder().store(store).clock(BenchData.CLOCK).build();
      Page<Article> first = repo.query(BenchData.categorySentiment());
      held = repo;
      result = repo.size() + " articles, first page of " + first.items().size();
    } else {
      throw new IllegalArgumentException("mode is index, pushdown or jdbc");
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    System.err.printf(Locale.ROOT, "%s: %s in %d ms (%d ms since JVM start)%n", mode, result, ms, sinceStart);
    if (heap) {
      // Only on request: settling the heap lengthens the process.
      long used = settledUsed();
      int n = held instanceof ArticleRepository r ? r.size() : ((List<?>) held).size();
      System.err.printf(Locale.ROOT, "heap after GC %.1f MB, %.1f MB more than before the load: %.0f bytes per "
          + "article (holding %s)%n", used / 1e6, (used - base) / 1e6, (used - base) / (double) n,
          held.getClass().getSimpleName());
      java.lang.ref.Reference.reachabilityFence(held);
    }
    System.exit(0);
  }

  /** The used heap once full collections no longer change it, as {@link MemoryReport} reads it. */
  private static long settledUsed() throws InterruptedException {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(100);
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (i >= 3 && Math.abs(used - last) < 64 * 1024) {
        return used;
      }
      last = used;
    }
    return last;
  }

  private static List<Row> select(String schema) throws Exception {
    List<Row> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(PostgresData.url())) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement("SELECT id, key, revision, published_at, expires_at, lang, "
          + "source_key, category, tags, sticky_weight, sentiment, draft, precise FROM "
          + PostgresData.table(schema))) {
        s.setFetchSize(1000);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            Array tags = rs.getArray(9);
            out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getString(7), rs.getString(8),
                tags == null ? null : (Object[]) tags.getArray(), rs.getInt(10), rs.getString(11), rs.getBoolean(12),
                rs.getString(13)));
          }
        }
      }
      c.commit();
    }
    return out;
  }
}
