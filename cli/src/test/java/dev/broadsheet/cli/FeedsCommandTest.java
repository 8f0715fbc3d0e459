package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code export --base-url} and {@code serve --base-url}: feeds and sitemaps beside the rest. */
class FeedsCommandTest {
  @TempDir Path dir;

  @Test
  void exportWithABaseUrlWritesFeedsSitemapsAndRobotsInAChildProcess() throws Exception {
    Path content = dir.resolve("content");
    ContentFixture.newsroom(content);
    Path out = dir.resolve("public");

    ChildBroadsheet.Result r = ChildBroadsheet.run(dir, "export", content.toString(), out.toString(),
        "--as-of", ContentFixture.AS_OF, "--base-url", "https://news.example.com/");

    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).matches("Wrote \\d+ feeds, 2 sitemaps and robots.txt to .*public");
    assertThat(out.resolve("index.json")).exists(); // the static export is still there
    String rss = Files.readString(out.resolve("feed.rss"));
    assertThat(rss).contains("<link>https://news.example.com/articles/2026/01/ferry-night.html</link>")
        .doesNotContain("drafts/budget", "winter-offer");
    assertThat(out.resolve("feed.atom")).exists();
    assertThat(out.resolve("feed.json")).exists();
    assertThat(Files.readString(out.resolve("sitemap.xml"))).contains("<loc>https://news.example.com/articles/");
    assertThat(out.resolve("news-sitemap.xml")).exists();
    assertThat(Files.readString(out.resolve("robots.txt"))).contains("Sitemap: https://news.example.com/sitemap.xml");
    try (var categories = Files.list(out.resolve("category"))) {
      assertThat(categories).allMatch(c -> Files.exists(c.resolve("feed.rss")) && Files.exists(c.resolve("page-1.json")));
    }
  }

  @Test
  void exportRefusesABaseUrlThatIsNotOne() {
    Cli.Run r = Cli.run("export", dir.resolve("content"), dir.resolve("out"), "--base-url", "news.example.com");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Invalid value for option '--base-url': baseUrl must be an absolute http or https URL");
  }

  @Test
  void serveAnswersFeedsWithLinksFromTheBaseUrl() throws Exception {
    ServeCommandTest.content(dir);
    ServeCommand serve = new ServeCommand();
    CommandLine cmd = new CommandLine(serve);
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(new StringWriter(), true));
    cmd.setErr(new PrintWriter(err, true));
    AtomicReference<URI> running = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    serve.onStart = u -> {
      running.set(u);
      started.countDown();
    };
    Thread thread = new Thread(() -> cmd.execute(dir.toString(), "--port", "0", "--base-url", "https://example.org/news"));
    thread.start();
    try {
      assertThat(started.await(60, TimeUnit.SECONDS)).as("started; err: %s", err).isTrue();
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> feed = client.send(HttpRequest.newBuilder(running.get().resolve("/category/local/feed.atom"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(feed.statusCode()).isEqualTo(200);
      assertThat(feed.body()).contains("<id>https://example.org/news/articles/2020/01/third.html</id>")
          .doesNotContain("2020/01/second", "drafts/plan");
      HttpResponse<String> robots = client.send(HttpRequest.newBuilder(running.get().resolve("/robots.txt")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(robots.body()).contains("Sitemap: https://example.org/news/news-sitemap.xml");
    } finally {
      serve.stop.countDown();
      thread.join(30_000);
    }
  }

  private void version(String name, String lang, String key) throws Exception {
    Files.writeString(dir.resolve(name), """
        ---
        title: Budget %s
        description: The city's budget.
        publishedAt: '2026-02-20T08:00:00Z'
        lang: %s
        translationKey: %s
        ---
        Text.
        """.formatted(lang, lang, key));
  }

  @Test
  void checkWarnsAboutTwoVersionsInOneLanguageAndAKeyUsedOnce() throws Exception {
    version("a.md", "en", "budget");
    version("b.md", "de", "budget");
    version("c.md", "de", "budget");
    version("d.md", "en", "budgte");

    Cli.Run r = Cli.run("check", dir);

    assertThat(r.exitCode()).isZero();
    assertThat(r.outLines()).containsExactly(
        dir.resolve("c.md") + ":6:17: warning: translationKey 'budget' already has a version in 'de': "
            + dir.resolve("b.md") + " [duplicate-translation]",
        dir.resolve("d.md") + ":6:17: warning: translationKey 'budgte' is used by no other article "
            + "[lonely-translation-key]",
        "4 files, 4 valid, 0 invalid, 2 warnings");
  }
}
