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
 * answered: {@code java -cp benchmarks.jar dev.broadsheet.bench.PostgresColdStart MODE SIZE}
 * against the server {@link PostgresServer} runs (or {@code BROADSHEET_TEST_JDBC_URL}). Time
 * the process from outside; it prints its own figures to stderr, and with {@code -Dheap=true}
 * the heap after a full collection, which is what the instance holds.
 *
 * <ul>
 *   <li>{@code index}: a repository loading its index from the store, then the
 *       category-and-sentiment top 20;
 *   <li>{@code pushdown}: the same on a store with {@code queryPushdown(true)};
 *   <li>{@code jdbc}: the floor, a plain JDBC {@code SELECT} of the columns the index reads
 *       (id, revision, the indexed columns, precise) of every row into small Java records,
 *       through a cursor of 1,000 rows at a time.
 * </ul>
 */
public final class PostgresColdStart {
  private PostgresColdStart() {}

  /** One row of the plain SELECT. */
  private record Row(String id, String revision, OffsetDateTime published, OffsetDateTime expires, String lang,
      String source, String category, Object[] tags, int sticky, String sentiment, boolean draft, String precise) {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int size = Integer.parseInt(args[1]);
    long t0 = System.nanoTime();
    String result;
    Object held;
    if (mode.equals("jdbc")) {
      List<Row> rows = select(size);
      held = rows;
      result = rows.size() + " rows";
    } else if (mode.equals("index") || mode.equals("pushdown")) {
      HikariDataSource pool = PostgresData.pool(PostgresData.url(), 4);
      PostgresArticleStore store = PostgresArticleStore.builder(pool).schema(PostgresData.schema(size))
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
    if (Boolean.getBoolean("heap")) {
      System.gc();
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      System.err.printf(Locale.ROOT, "heap after GC %.1f MB (holding %s)%n", heap / 1e6,
          held.getClass().getSimpleName());
    }
    System.exit(0);
  }

  private static List<Row> select(int size) throws Exception {
    List<Row> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(PostgresData.url())) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement("SELECT id, revision, published_at, expires_at, lang, "
          + "source_key, category, tags, sticky_weight, sentiment, draft, precise FROM " + PostgresData.table(size))) {
        s.setFetchSize(1000);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            Array tags = rs.getArray(8);
            out.add(new Row(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getString(6), rs.getString(7),
                (Object[]) tags.getArray(), rs.getInt(9), rs.getString(10), rs.getBoolean(11), rs.getString(12)));
          }
        }
      }
      c.commit();
    }
    return out;
  }
}
