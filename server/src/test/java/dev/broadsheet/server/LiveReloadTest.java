package dev.broadsheet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.fs.Watching;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder edited while it is served: the answers follow the files. */
class LiveReloadTest {
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    Newsroom.write(dir);
    server = new TestServer(dir, Watching.LIVE, b -> b);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Asks until the answer passes or the deadline is over; returns the last answer. */
  private static <T> T eventually(Supplier<T> ask, Predicate<T> done) throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    T last = ask.get();
    while (!done.test(last) && System.nanoTime() < end) {
      Thread.sleep(50);
      last = ask.get();
    }
    return last;
  }

  @Test
  void anEditOnDiskIsServedWithANewEtag() throws Exception {
    Path file = dir.resolve("2026/01/rate-pause.md");
    HttpResponse<String> before = server.get("/articles/2026/01/rate-pause");
    String etag = before.headers().firstValue("ETag").orElseThrow();

    Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8)
        .replace("Central bank leaves its main rate alone", "Central bank raises its main rate"), StandardCharsets.UTF_8);

    HttpResponse<String> after = eventually(() -> server.get("/articles/2026/01/rate-pause", "If-None-Match", etag),
        r -> r.statusCode() == 200);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(TestServer.parse(after.body()).get("title").asText()).isEqualTo("Central bank raises its main rate");
    assertThat(server.get("/articles/2026/01/rate-pause.html").body()).contains("<h1>Central bank raises its main rate</h1>");
  }

  @Test
  void newFilesAppearAndFilesTurnedDraftDisappear() throws Exception {
    Newsroom.write(dir, "2026/02/late-news.md", """
        ---
        title: Late news from the harbour
        publishedAt: '2026-02-28T12:00:00.000Z'
        category: LOCAL
        tags:
          - CITY
        draft: false
        ---
        Boats are back.
        """);
    Path pier = dir.resolve("2026/01/harbour-pier.md");
    Files.writeString(pier, Files.readString(pier, StandardCharsets.UTF_8).replace("draft: false", "draft: true"),
        StandardCharsets.UTF_8);

    String list = eventually(() -> server.get("/articles?category=LOCAL").body(),
        b -> b.contains("late-news") && !b.contains("harbour-pier"));
    assertThat(list).contains("\"id\":\"2026/02/late-news\"").doesNotContain("harbour-pier");
    assertThat(server.get("/articles/2026/01/harbour-pier").statusCode()).isEqualTo(404);
    assertThat(server.json("/health").get("articles").asInt()).isEqualTo(5);
  }
}
