package dev.broadsheet.bench;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.postgres.PostgresArticleStore;
import dev.broadsheet.server.Webhooks;
import dev.broadsheet.spi.ArticleStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Delay from a repository save to the webhook receiver:
 * {@code java -cp benchmarks.jar dev.broadsheet.bench.WebhookLatency [SAVES] [memory|folder|file-edit|postgres]}
 * (default 500, memory). One save at a time: each waits until the receiver, a JDK HTTP server on
 * loopback, has the batch naming it; the delay runs from just before {@code save} to the moment
 * the receiver read the request's body. The state file is written after every acknowledged
 * batch (fsync and rename), as {@code serve --webhook} does. Prints p50, p90, p99 and max in
 * milliseconds after {@code SAVES / 10} warm-up saves.
 */
public final class WebhookLatency {
  private static final ArticleCodec CODEC = ArticleCodec.builder().build();

  private WebhookLatency() {}

  public static void main(String[] args) throws Exception {
    int saves = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    String mode = args.length > 1 ? args[1] : "memory";
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Path temp = Files.createTempDirectory("webhook-latency");
    ConcurrentHashMap<String, Long> received = new ConcurrentHashMap<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    receiver.setExecutor(Executors.newFixedThreadPool(4));
    receiver.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      long now = System.nanoTime();
      int i = 0;
      while ((i = body.indexOf("\"id\":\"", i)) >= 0) {
        int end = body.indexOf('"', i + 6);
        received.putIfAbsent(body.substring(i + 6, end), now);
        i = end;
      }
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    receiver.start();
    URI uri = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    // postgres: the save on one instance, the webhooks on another, on one database (embedded
    // as the other PostgreSQL benchmarks, or BROADSHEET_TEST_JDBC_URL).
    EmbeddedPostgres pg = mode.equals("postgres") && System.getenv("BROADSHEET_TEST_JDBC_URL") == null
        ? PostgresData.startEmbedded() : null;
    HikariDataSource pool = mode.equals("postgres") ? PostgresData.pool(PostgresData.url(), 8) : null;
    String schema = "webhook_latency_" + System.nanoTime();
    ArticleStore store = switch (mode) {
      case "folder" -> FileArticleStore.builder(Files.createDirectories(temp.resolve("content"))).build();
      case "file-edit" -> FileArticleStore.builder(Files.createDirectories(temp.resolve("content")))
          .watching(Watching.LIVE).build();
      case "postgres" -> PostgresArticleStore.builder(pool).schema(schema).build();
      default -> new InMemoryArticleStore();
    };
    ArticleStore delivering = mode.equals("postgres") ? PostgresArticleStore.builder(pool).schema(schema).build() : null;
    int warmup = Math.max(10, saves / 10);
    long[] delays = new long[saves];
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build();
        ArticleRepository other = delivering == null ? repo : ArticleRepository.builder().store(delivering).build();
        Webhooks.Running hooks = Webhooks.builder(other).endpoint(uri, "bench-secret")
            .stateFile(temp.resolve("webhooks.json")).build().start()) {
      for (int n = 0; n < warmup + saves; n++) {
        String id = "2026/01/a" + n;
        Article a = Article.builder(id).title("Article " + n).publishedAt(Instant.parse("2026-01-01T00:00:00Z"))
            .category("LOCAL").body("Body " + n + ".\n").build();
        long start = System.nanoTime();
        if (mode.equals("file-edit")) {
          // As an editor saves a file: written beside and renamed; the store's watcher sees it.
          Path file = temp.resolve("content").resolve(id + ".md");
          Files.createDirectories(file.getParent());
          Path part = file.resolveSibling("." + file.getFileName() + ".part");
          Files.write(part, CODEC.write(a));
          Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        } else {
          repo.save(a);
        }
        long deadline = start + 30_000_000_000L;
        Long at;
        while ((at = received.get(id)) == null) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("not delivered in 30 s: " + id);
          }
          Thread.onSpinWait();
        }
        if (n >= warmup) {
          delays[n - warmup] = at - start;
        }
      }
    } finally {
      receiver.stop(0);
      if (pool != null) {
        pool.close();
      }
      if (pg != null) {
        pg.close();
      }
    }
    Arrays.sort(delays);
    System.out.printf("webhook delay, %s store, %d saves: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        mode, saves, ms(delays, 0.50), ms(delays, 0.90), ms(delays, 0.99), delays[saves - 1] / 1e6);
    System.exit(0);
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }
}
