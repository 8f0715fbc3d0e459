package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  @TempDir Path dir;
  private final HttpClient client = HttpClient.newHttpClient();

  /** Three published articles, long past, and a draft. */
  static void content(Path root) throws Exception {
    ContentFixture c = new ContentFixture(root);
    c.write(ContentFixture.article("2020/01/first", "2020-01-01T08:00:00Z", "LOCAL", List.of("CITY"), "gazette"));
    c.write(ContentFixture.article("2020/01/second", "2020-01-02T08:00:00Z", "BUSINESS", List.of("ECONOMY"), "ledger"));
    c.write(ContentFixture.article("2020/01/third", "2020-01-03T08:00:00Z", "LOCAL", List.of("CITY"), "gazette"));
    c.write(ContentFixture.draft("drafts/plan").title("Secret plan"));
  }

  private HttpResponse<String> get(URI uri, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheFolderUntilStopped() throws Exception {
    content(dir);
    ServeCommand serve = new ServeCommand();
    CommandLine cmd = new CommandLine(serve);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    AtomicReference<URI> running = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    serve.onStart = r -> {
      running.set(r);
      started.countDown();
    };
    AtomicInteger exit = new AtomicInteger(-1);
    Thread thread = new Thread(() -> exit.set(cmd.execute(dir.toString(), "--port", "0",
        "--preview-token", "tok-123", "--cache-control", "public, max-age=30")));
    thread.start();
    try {
      assertThat(started.await(60, TimeUnit.SECONDS)).as("started; err: %s", err).isTrue();
      URI base = running.get();
      assertThat(out.toString()).isEqualTo("Serving 3 articles on " + base + System.lineSeparator());
      assertThat(base.toString()).startsWith("http://127.0.0.1:");

      HttpResponse<String> list = get(base.resolve("/articles?category=local&sort=oldest"));
      JsonNode page = new ObjectMapper().readTree(list.body());
      assertThat(page.get("items").get(0).get("id").asText()).isEqualTo("2020/01/first");
      assertThat(page.get("total").asInt()).isEqualTo(2);
      assertThat(list.headers().firstValue("Cache-Control")).hasValue("public, max-age=30");
      assertThat(get(base.resolve("/articles/drafts/plan")).statusCode()).isEqualTo(404);
      assertThat(get(base.resolve("/articles/drafts/plan"), "Authorization", "Bearer tok-123").body())
          .contains("Secret plan");

      // The folder is followed: a new file is served without a restart.
      new ContentFixture(dir).write(ContentFixture.article("2020/02/fourth", "2020-02-01T08:00:00Z"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      int status = 0;
      while (System.nanoTime() < deadline && (status = get(base.resolve("/articles/2020/02/fourth")).statusCode()) != 200) {
        Thread.sleep(50);
      }
      assertThat(status).isEqualTo(200);
    } finally {
      serve.stop.countDown();
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertThat(exit.get()).as(err.toString()).isZero();
    assertThat(err.toString()).isEqualTo("Previews need the header: Authorization: Bearer <the preview token>"
        + System.lineSeparator());
  }

  @Test
  void refusesBadOptionsBeforeServing() throws Exception {
    content(dir);
    Cli.Run port = Cli.run("serve", dir, "--port", "70000");
    assertThat(port.exitCode()).isEqualTo(2);
    assertThat(port.err()).startsWith("Invalid value for option '--port': must be from 0 to 65535, was 70000\n");

    Cli.Run token = Cli.run("serve", dir, "--preview-token", "two words");
    assertThat(token.exitCode()).isEqualTo(2);
    assertThat(token.err()).startsWith("Invalid value for option '--preview-token': "
        + "previewToken must not hold white space or control characters\n");

    Cli.Run write = Cli.run("serve", dir, "--write-token", "two words");
    assertThat(write.exitCode()).isEqualTo(2);
    assertThat(write.err()).startsWith("Invalid value for option '--write-token': "
        + "writeToken must not hold white space or control characters\n");

    Cli.Run origin = Cli.run("serve", dir, "--cors-origin", "https://editor.example.com", "--cors-origin", "*");
    assertThat(origin.exitCode()).isEqualTo(2);
    assertThat(origin.err()).startsWith("Invalid value for option '--cors-origin': "
        + "corsOrigins must be origins such as https://example.com, was '*'\n");

    Cli.Run cache = Cli.run("serve", dir, "--cache-control", "max-age=1\nX-Injected: 1");
    assertThat(cache.exitCode()).isEqualTo(2);
    assertThat(cache.err()).startsWith("Invalid value for option '--cache-control': ");

    Cli.Run missing = Cli.run("serve", dir.resolve("missing"));
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).startsWith("Invalid value for DIR: no such folder: ");
    assertThat(missing.out()).isEmpty();
  }

  @Test
  void writesWithTheWriteTokenAndAnswersTheConfiguredOrigins() throws Exception {
    content(dir);
    ServeCommand serve = new ServeCommand();
    CommandLine cmd = new CommandLine(serve);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    AtomicReference<URI> running = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    serve.onStart = r -> {
      running.set(r);
      started.countDown();
    };
    AtomicInteger exit = new AtomicInteger(-1);
    Thread thread = new Thread(() -> exit.set(cmd.execute(dir.toString(), "--port", "0", "--write-token", "w-123",
        "--cors-origin", "https://editor.example.com", "--cors-origin", "http://localhost:3000")));
    thread.start();
    try {
      assertThat(started.await(60, TimeUnit.SECONDS)).as("started; err: %s", err).isTrue();
      URI article = running.get().resolve("/articles/2020/01/first");
      HttpResponse<String> read = get(article, "Origin", "http://localhost:3000");
      assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
      String etag = read.headers().firstValue("ETag").orElseThrow();

      HttpResponse<String> patched = client.send(HttpRequest.newBuilder(article)
          .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"stickyWeight\": 4}"))
          .header("Authorization", "Bearer w-123").header("Content-Type", "application/merge-patch+json")
          .header("If-Match", etag).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
      assertThat(Files.readString(dir.resolve("2020/01/first.md"))).contains("stickyWeight: 4");
      // The write token shows no drafts.
      assertThat(get(running.get().resolve("/articles/drafts/plan"), "Authorization", "Bearer w-123").statusCode())
          .isEqualTo(404);
    } finally {
      serve.stop.countDown();
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertThat(exit.get()).as(err.toString()).isZero();
    assertThat(err.toString()).isEqualTo("Writes need the header: Authorization: Bearer <the write token>"
        + System.lineSeparator());
  }

  @Test
  void aPortInUseExitsOneWithTheAddress() throws Exception {
    content(dir);
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cli.Run r = Cli.run("serve", dir, "--port", taken.getLocalPort());
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).startsWith("broadsheet serve: cannot listen on ").doesNotContain("\tat ");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void problemsOfTheFolderAreReportedOnStandardError() throws Exception {
    content(dir);
    Files.writeString(dir.resolve("broken.md"), "---\ntitle: Broken\npublishedAt: soon\n---\n");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cli.Run r = Cli.run("serve", dir, "--port", taken.getLocalPort());
      assertThat(r.err()).startsWith(dir.resolve("broken.md") + ":3:14: error: publishedAt must be");
    }
  }
}
