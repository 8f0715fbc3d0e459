package dev.broadsheet.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Page;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A started application with the starter and nothing but properties: the API at its base path,
 * Actuator's health of the content, and the application's own controllers writing articles
 * with Spring Boot's Jackson 3 mapper in the JSON of the API.
 */
class StartedApplicationTest {
  @TempDir Path dir;
  private ConfigurableApplicationContext context;
  private URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  @RestController
  static class OwnController {
    private final ArticleRepository articles;

    OwnController(ArticleRepository articles) {
      this.articles = articles;
    }

    @GetMapping("/own/article")
    Article article(@RequestParam("id") String id) {
      return articles.get(id).orElseThrow();
    }
  }

  @Import({OwnController.class, SportsDesk.class})
  static class App extends TestApplication {}

  @BeforeEach
  void start() throws IOException {
    TestApplication.write(dir.resolve("content"), "2026/01/harbour-pier", TestApplication.HARBOUR_PIER);
    TestApplication.write(dir.resolve("content"), "2026/01/derby-draw", """
        ---
        title: Derby ends in a draw
        publishedAt: 2026-01-11T20:00:00Z
        category: SPORTS
        ---
        Nil all, in the rain.
        """);
    context = new SpringApplicationBuilder(App.class).properties(TestApplication.properties(
        "broadsheet.content.path=" + dir.resolve("content"),
        "broadsheet.api.write-token=s3cret-write")).run();
    base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
  }

  @AfterEach
  void stop() {
    context.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheApiAtTheDefaultBasePath() throws Exception {
    HttpResponse<String> r = get("/content/articles?category=LOCAL");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"id\":\"2026/01/harbour-pier\"").contains("\"total\":1");
    assertThat(get("/content/").body()).contains("href=\"/content/articles/2026/01/harbour-pier.html\"");
    assertThat(get("/articles").statusCode()).isEqualTo(404); // Spring MVC's, outside the base path
  }

  @Test
  void writesOverHttpChangeOnlyTheLinesOfTheFile() throws Exception {
    String etag = get("/content/articles/2026/01/harbour-pier").headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> patched = http.send(HttpRequest.newBuilder(base.resolve("/content/articles/2026/01/harbour-pier"))
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"tags\": [\"PORT\", \"CITY\"]}"))
        .header("Content-Type", "application/merge-patch+json")
        .header("Authorization", "Bearer s3cret-write")
        .header("If-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(Files.readString(dir.resolve("content/2026/01/harbour-pier.md")))
        .contains("# a comment the file keeps").contains("CITY");
  }

  @Test
  void theReadmesControllerWritesAPageOfArticlesWithTheirBodies() throws Exception {
    HttpResponse<String> desk = get("/desk/sports");
    assertThat(desk.statusCode()).isEqualTo(200);
    Page<Article> page = context.getBean(ArticleRepository.class)
        .query(ArticleQuery.builder().categories("SPORTS").limit(5).build());
    assertThat(page.items()).extracting(Article::id).containsExactly("2026/01/derby-draw");
    assertThat(desk.body()).isEqualTo(new ObjectMapper().registerModule(new dev.broadsheet.json.BroadsheetModule())
        .writeValueAsString(page)).contains("\"body\":\"Nil all, in the rain.\\n\"");
  }

  @Test
  void actuatorReportsTheContentsHealth() throws Exception {
    HttpResponse<String> r = get("/actuator/health/broadsheet");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(r.body())).isEqualTo(new ObjectMapper().readTree("""
        {"status": "UP", "details": {"status": "ok", "articles": 2, "problems": 0}}"""));
  }

  @Test
  void theApplicationsControllersWriteArticlesInTheJsonOfTheApi() throws Exception {
    HttpResponse<String> own = get("/own/article?id=2026/01/harbour-pier");
    assertThat(own.statusCode()).isEqualTo(200);
    Article article = context.getBean(ArticleRepository.class).get("2026/01/harbour-pier").orElseThrow();
    String jackson2 = new ObjectMapper().registerModule(new dev.broadsheet.json.BroadsheetModule())
        .writeValueAsString(article);
    assertThat(own.body()).isEqualTo(jackson2);
  }
}
