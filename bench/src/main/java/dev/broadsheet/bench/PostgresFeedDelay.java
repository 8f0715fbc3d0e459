package dev.broadsheet.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleChange;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.ChangePage;
import dev.broadsheet.SyncToken;
import dev.broadsheet.postgres.PostgresArticleStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a write on one instance takes to appear in another instance's change feed: {@code
 * java -cp benchmarks.jar dev.broadsheet.bench.PostgresFeedDelay [WRITES] [ARTICLES]}. Two
 * stores and repositories (one pool each) on one schema, in one JVM, on the embedded server (or
 * {@code BROADSHEET_TEST_JDBC_URL}); instance A saves a public article, and from the moment the
 * save returns (committed) instance B calls {@code changes(token, 100)} every 0.2 ms until the
 * article is in a page. A pause of 0 to 20 ms separates writes. Prints p50, p90, p99 and the
 * maximum.
 */
public final class PostgresFeedDelay {
  private PostgresFeedDelay() {}

  public static void main(String[] args) throws Exception {
    int writes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int articles = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    EmbeddedPostgres embedded = System.getenv(PostgresData.URL_VARIABLE) == null ? PostgresData.startEmbedded() : null;
    String schema = "feed_delay_" + System.currentTimeMillis();
    Instant published = Instant.parse("2026-01-01T00:00:00Z");
    try (HikariDataSource poolA = PostgresData.pool(PostgresData.url(), 4);
        HikariDataSource poolB = PostgresData.pool(PostgresData.url(), 4)) {
      ArticleRepository a = ArticleRepository.builder()
          .store(PostgresArticleStore.builder(poolA).schema(schema).build()).build();
      for (int i = 0; i < articles; i++) {
        a.save(article("2026/01/base-" + i, published));
      }
      ArticleRepository b = ArticleRepository.builder()
          .store(PostgresArticleStore.builder(poolB).schema(schema).build()).build();
      SyncToken token = b.changes(null, 1000).next();
      while (true) {
        ChangePage p = b.changes(token, 1000);
        token = p.next();
        if (!p.hasMore()) {
          break;
        }
      }
      Random random = new Random(1);
      long[] delays = new long[writes];
      for (int i = 0; i < writes; i++) {
        String id = "2026/01/w-" + i;
        a.save(article(id, published));
        long t0 = System.nanoTime();
        boolean seen = false;
        while (!seen) {
          ChangePage p = b.changes(token, 100);
          token = p.next();
          for (ArticleChange c : p.items()) {
            seen |= c.id().equals(id);
          }
          if (!seen) {
            LockSupport.parkNanos(200_000);
          }
          if (System.nanoTime() - t0 > 30_000_000_000L) {
            throw new IllegalStateException("write " + i + " not in B's feed within 30 s");
          }
        }
        delays[i] = System.nanoTime() - t0;
        Thread.sleep(random.nextInt(21));
      }
      Arrays.sort(delays);
      System.out.printf(Locale.ROOT, "%d writes, %d articles: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          writes, articles, ms(delays, 0.50), ms(delays, 0.90), ms(delays, 0.99), delays[writes - 1] / 1e6);
      a.close();
      b.close();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static Article article(String id, Instant published) {
    return Article.builder(id).title("Feed delay " + id).publishedAt(published).category("CITY")
        .tags("BENCH").body("Measured.\n").build();
  }
}
