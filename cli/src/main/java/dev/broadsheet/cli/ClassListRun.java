package dev.broadsheet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * Runs what the launcher's class-data sharing archive is made for, so that the JVM lists the
 * classes it loads: a query printed as JSON, and the server answering the requests a client
 * starts with. Not a command of the tool: the {@code broadsheet} script runs it once after a
 * build, with {@code -XX:DumpLoadedClassList}, over the sample content.
 *
 * <p>The server's classes were once left out (the list came from a query alone), and {@code
 * serve} loaded and verified Jetty, the HTTP API and Lucene from the jar at every start.
 */
final class ClassListRun {
  /** How long the server may take to start over the sample content (about a second), and to stop. */
  private static final long WAIT_SECONDS = 30;
  /** How long one request may take to connect, and then to answer. */
  private static final int REQUEST_MILLIS = 10_000;
  /** What clients ask first: lists, filters, one article as JSON and HTML, facets, the feed. */
  private static final List<String> REQUESTS = List.of("/health", "/articles?limit=5",
      "/articles?limit=5&category=LOCAL&sort=oldest", "/facets", "/changes?limit=5", "/openapi.json",
      "/feed.rss", "/sitemap.xml", "/articles?q=harbour&limit=5");

  private ClassListRun() {}

  /**
   * Runs over the folder {@code args[0]}. Whatever fails is passed over: a class list of what
   * ran is still a class list, and the archive is only a way to start sooner.
   */
  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    try {
      CommandLine query = BroadsheetCommand.commandLine("query");
      query.setOut(none).setErr(none);
      query.execute("query", dir.toString(), "--limit", "5", "--format", "json");
      serve(dir, none);
    } catch (RuntimeException e) {
      // passed over, as above
    }
    System.exit(0); // nothing the run started may keep the JVM, and so the script, waiting
  }

  private static void serve(Path dir, PrintWriter none) {
    ServeCommand serve = new ServeCommand();
    CommandLine cmd = new CommandLine(serve).setOut(none).setErr(none);
    AtomicReference<URI> running = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(1);
    serve.onStart = uri -> {
      running.set(uri);
      ready.countDown();
    };
    Thread server = new Thread(() -> {
      try {
        cmd.execute(dir.toString(), "--port", "0", "--host", "127.0.0.1");
      } finally {
        ready.countDown(); // it ended without serving
      }
    }, "class-list-serve");
    server.setDaemon(true);
    server.start();
    try {
      @Nullable URI base = ready.await(WAIT_SECONDS, TimeUnit.SECONDS) ? running.get() : null;
      if (base != null) {
        @Nullable String first = null;
        for (String path : REQUESTS) {
          Answer a = get(base.resolve(path), null);
          if (first == null && a != null && path.startsWith("/articles?limit=5")) {
            first = firstId(a.body());
          }
        }
        if (first != null) {
          URI article = base.resolve("/articles/" + first);
          Answer a = get(article, null);
          get(base.resolve("/articles/" + first + ".html"), null);
          if (a != null && a.etag() != null) {
            get(article, a.etag()); // answered 304
          }
        }
      }
      serve.stop.countDown();
      server.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Answer(String body, @Nullable String etag) {}

  /** A GET's answer, or null when there is none; with {@code If-None-Match} when given. */
  private static @Nullable Answer get(URI uri, @Nullable String ifNoneMatch) {
    try {
      // Straight to the loopback address, whatever proxy the JVM was told of.
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout(REQUEST_MILLIS);
      c.setReadTimeout(REQUEST_MILLIS);
      if (ifNoneMatch != null) {
        c.setRequestProperty("If-None-Match", ifNoneMatch);
      }
      int status = c.getResponseCode();
      try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        byte[] body = in == null ? new byte[0] : in.readAllBytes();
        return new Answer(new String(body, StandardCharsets.UTF_8), c.getHeaderField("ETag"));
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return null;
    }
  }

  /** The first {@code "id":"..."} of a list's JSON, or null. */
  private static @Nullable String firstId(String json) {
    String marker = "\"id\":\"";
    int at = json.indexOf(marker);
    if (at < 0) {
      return null;
    }
    int from = at + marker.length();
    int to = json.indexOf('"', from);
    return to < 0 ? null : json.substring(from, to);
  }
}
