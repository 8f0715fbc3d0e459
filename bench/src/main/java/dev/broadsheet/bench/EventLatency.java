package dev.broadsheet.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.postgres.PostgresArticleStore;
import dev.broadsheet.server.ContentApi;
import dev.broadsheet.servlet.ContentServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * How long an edit takes to reach a client of {@code GET /events}: from the moment a file is
 * rewritten (the store watching the folder, as {@code broadsheet serve} does) or {@code
 * ArticleRepository.save} is called, to the moment the client has read the event's data line.
 * One edit at a time, each waited for, so the figures are latencies, not throughput.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.broadsheet.bench.EventLatency [EDITS] [ARTICLES]
 *     # in this process: Jetty with ContentServlet over a watched temporary folder
 * java -cp bench/target/benchmarks.jar dev.broadsheet.bench.EventLatency external URL DIR [EDITS]
 *     # file edits in DIR, which `broadsheet serve DIR` serves at URL (articles bench/a-N written first)
 * java -cp bench/target/benchmarks.jar dev.broadsheet.bench.EventLatency external-db URL JDBC_URL [EDITS]
 *     # saves through another store on the database that `broadsheet serve JDBC_URL` serves at URL
 * </pre>
 */
public final class EventLatency {
  private static final ArticleCodec CODEC = ArticleCodec.builder().build();

  private EventLatency() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("external")) {
      URI base = URI.create(args[1]);
      Path dir = Path.of(args[2]);
      int edits = args.length > 3 ? Integer.parseInt(args[3]) : 300;
      int articles = 20;
      for (int i = 0; i < articles; i++) {
        write(dir, i, "first");
      }
      Thread.sleep(3000); // let the server take them in
      try (Events events = Events.open(base)) {
        report("file edit -> SSE (external serve)", run(edits, i -> write(dir, i % articles, "edit " + i), events, articles));
      }
      return;
    }
    if (args.length > 0 && args[0].equals("external-db")) {
      // Saves through a store of this process on the database that `broadsheet serve JDBC_URL`
      // serves at URL: another instance's writes, as the server's follower sees them.
      URI base = URI.create(args[1]);
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(args[2]);
      config.setMaximumPoolSize(4);
      int edits = args.length > 3 ? Integer.parseInt(args[3]) : 300;
      int articles = 20;
      try (HikariDataSource pool = new HikariDataSource(config);
          PostgresArticleStore store = PostgresArticleStore.builder(pool).build()) {
        for (int i = 0; i < articles; i++) {
          store.put(article(i, "first"), null);
        }
        Thread.sleep(3000); // let the server take them in
        try (Events events = Events.open(base)) {
          report("database write (another instance) -> SSE (external serve)",
              run(edits, i -> store.put(article(i % articles, "edit " + i), null), events, articles));
        }
      }
      return;
    }
    int edits = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int articles = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path dir = Files.createTempDirectory("broadsheet-event-latency");
    for (int i = 0; i < articles; i++) {
      write(dir, i, "first");
    }
    FileArticleStore store = FileArticleStore.builder(dir).watching(Watching.LIVE).build();
    try (ArticleRepository repository = ArticleRepository.builder().store(store).build()) {
      ContentApi api = ContentApi.builder(repository).build();
      Server jetty = new Server();
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      jetty.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler("/");
      ServletHolder holder = new ServletHolder(new ContentServlet(api));
      holder.setAsyncSupported(true);
      context.addServlet(holder, "/*");
      jetty.setHandler(context);
      jetty.start();
      URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
      System.out.printf(Locale.ROOT, "%d articles in %s, served on %s (Jetty, ContentServlet), %d edits each%n",
          articles, dir, base, edits);
      try (Events events = Events.open(base)) {
        run(Math.min(50, edits), i -> repository.save(repository.get(id(i % articles)).orElseThrow()
            .withTitle("warm " + i)), events, articles); // warm-up
        report("repository.save -> SSE", run(edits, i -> repository.save(repository.get(id(i % articles)).orElseThrow()
            .withTitle("save " + i)), events, articles));
        report("file edit -> SSE (watched folder)", run(edits, i -> write(dir, i % articles, "edit " + i), events,
            articles));
      } finally {
        api.closeEventStreams();
        jetty.stop();
      }
    }
  }

  private static String id(int i) {
    return "bench/a-" + i;
  }

  private static Article article(int i, String title) {
    return Article.builder(id(i)).title("Article " + i + " " + title)
        .publishedAt(Instant.parse("2026-01-01T00:00:00Z")).lang("en").category("LOCAL")
        .body("## Overview\n\nBody of article " + i + ".\n").build();
  }

  private static void write(Path dir, int i, String title) throws Exception {
    Article a = article(i, title);
    Path file = dir.resolve(a.id() + ".md");
    Files.createDirectories(file.getParent());
    Files.write(file, CODEC.write(a));
  }

  interface Edit {
    void apply(int i) throws Exception;
  }

  /** Latencies in microseconds, one per edit; -1 for an edit whose event did not come in 10 s. */
  private static long[] run(int edits, Edit edit, Events events, int articles) throws Exception {
    long[] out = new long[edits];
    for (int i = 0; i < edits; i++) {
      events.received.clear();
      String wanted = "\"id\":\"" + id(i % articles) + "\"";
      long start = System.nanoTime();
      edit.apply(i);
      long deadline = start + TimeUnit.SECONDS.toNanos(10);
      out[i] = -1;
      while (System.nanoTime() < deadline) {
        Received r = events.received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (r != null && r.data.contains(wanted)) {
          out[i] = (r.at - start) / 1000;
          break;
        }
      }
    }
    return out;
  }

  /** Prints the latencies of {@code micros} (microseconds, -1 for missed): percentiles, max, misses. */
  static void report(String what, long[] micros) {
    long missed = Arrays.stream(micros).filter(m -> m < 0).count();
    long[] got = Arrays.stream(micros).filter(m -> m >= 0).sorted().toArray();
    if (got.length == 0) {
      System.out.printf(Locale.ROOT, "%-36s no event arrived%n", what);
      return;
    }
    System.out.printf(Locale.ROOT, "%-36s n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms missed=%d%n", what,
        got.length, pct(got, 50), pct(got, 90), pct(got, 99), got[got.length - 1] / 1000.0, missed);
  }

  static double pct(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
  }

  private record Received(String data, long at) {}

  /** One SSE client: data lines with the instant they were read. */
  private static final class Events implements AutoCloseable {
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;

    private Events(HttpResponse<Stream<String>> response) {
      this.response = response;
      Thread t = new Thread(() -> {
        try (Stream<String> lines = response.body()) {
          for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
            String line = it.next();
            long at = System.nanoTime();
            if (line.startsWith("data:")) {
              received.add(new Received(line, at));
            }
          }
        } catch (RuntimeException e) {
          // closed
        }
      }, "events-reader");
      t.setDaemon(true);
      t.start();
    }

    static Events open(URI base) throws Exception {
      HttpResponse<Stream<String>> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(base.resolve("/events")).build(), HttpResponse.BodyHandlers.ofLines());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET /events gave " + r.statusCode());
      }
      return new Events(r);
    }

    @Override
    public void close() {
      response.body().close();
    }
  }
}
