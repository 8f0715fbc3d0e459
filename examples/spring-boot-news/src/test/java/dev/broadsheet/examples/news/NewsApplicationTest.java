package dev.broadsheet.examples.news;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The site started on a random port over a copy of the sample articles, read as a browser would. */
class NewsApplicationTest {
  @TempDir static Path dir;
  private static ConfigurableApplicationContext site;
  private static URI base;
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final Pattern TEASER = Pattern.compile("<h3><a href=\"(/articles/[^\"]+)\">");

  @BeforeAll
  static void start() throws IOException {
    Path content = dir.resolve("content");
    Path samples = samples();
    try (Stream<Path> files = Files.walk(samples)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = content.resolve(samples.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
    // Arguments, as on a command line, win over the site's application.properties.
    site = new SpringApplicationBuilder(NewsApplication.class).run("--server.port=0",
        "--spring.main.banner-mode=off", "--logging.level.root=WARN", "--broadsheet.content.path=" + content);
    base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) site).getWebServer().getPort());
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  /** examples/content, from wherever the build runs. */
  private static Path samples() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("examples/content/2026"))) {
        return d.resolve("examples/content");
      }
    }
    throw new IllegalStateException("examples/content is not above " + Path.of("").toAbsolutePath());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> teasers(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = TEASER.matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void theFrontPageListsTheNewestTenAndEveryCategoryAndPagesThroughAllPublicArticles() throws Exception {
    HttpResponse<String> front = get("/");
    assertThat(front.statusCode()).isEqualTo(200);
    assertThat(front.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(front.body()).contains("<h2>Latest news</h2>").contains("href=\"/category/sports\"");
    List<String> all = new ArrayList<>(teasers(front.body()));
    assertThat(all).hasSize(10);
    String html = front.body();
    Pattern next = Pattern.compile("<a rel=\"next\" href=\"([^\"]+)\">");
    for (Matcher m = next.matcher(html); m.find(); m = next.matcher(html)) {
      html = get(m.group(1).replace("&amp;", "&")).body();
      all.addAll(teasers(html));
    }
    assertThat(all).hasSize(61).doesNotHaveDuplicates(); // the 61 public of the 66 samples
  }

  @Test
  void aCategoryPageListsOnlyItsArticles() throws Exception {
    HttpResponse<String> sports = get("/category/sports");
    assertThat(sports.statusCode()).isEqualTo(200);
    assertThat(sports.body()).contains("<h2>Sports</h2>").contains("class=\"current\"");
    List<String> links = teasers(sports.body());
    assertThat(links).isNotEmpty();
    for (String link : links) {
      assertThat(get(link).body()).contains("href=\"/category/sports\">SPORTS</a>");
    }
    assertThat(get("/category/no-such-desk").statusCode()).isEqualTo(404);
  }

  @Test
  void anArticlePageShowsTheRenderedBodyAndHidesDrafts() throws Exception {
    HttpResponse<String> page = get("/articles/2026/10/unemployment-falls-again-to-5-4-percent-in-september");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>").contains("min read").containsPattern("<h2 id=\"[a-z-]+\">");
    String draft = draftId();
    assertThat(get("/articles/" + draft).statusCode()).isEqualTo(404);
    assertThat(get("/articles/2026/01/no-such-article").statusCode()).isEqualTo(404);
  }

  @Test
  void theJsonApiAndTheHealthOfTheContentAreBesideTheSite() throws Exception {
    HttpResponse<String> api = get("/api/articles?category=SPORTS&limit=2");
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.body()).startsWith("{\"items\":[").contains("\"total\":");
    assertThat(get("/actuator/health/broadsheet").body()).contains("\"status\":\"UP\"").contains("\"articles\":66");
  }

  @Test
  void theClassPathOfTheRunCommandHoldsTheAnnotationsSpringReadsAtRunTime() throws IOException {
    // Spring Framework 7 loads JSpecify's annotations of the controller's parameters; without
    // them the site stops at startup with a NoClassDefFoundError (the test class path has them).
    assertThat(Files.readString(Path.of("target/classpath.txt"))).contains("jspecify");
  }

  /** The id of one of the sample drafts. */
  private static String draftId() throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("content"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
        if (Files.readString(f).contains("\ndraft: true")) {
          String rel = dir.resolve("content").relativize(f).toString();
          return rel.substring(0, rel.length() - ".md".length());
        }
      }
    }
    throw new IllegalStateException("the samples hold no draft");
  }
}
