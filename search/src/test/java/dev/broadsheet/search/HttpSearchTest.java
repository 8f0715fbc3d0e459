package dev.broadsheet.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.server.ContentServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API's q parameter and the preview page's search box, on a real server. */
@Timeout(60)
class HttpSearchTest {
  @TempDir static Path dir;
  private static ArticleRepository repo;
  private static ContentServer.Running server;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    repo = ArticleRepository.builder()
        .store(FileArticleStore.builder(Samples.copy(dir.resolve("content"))).build())
        .search(LuceneSearch.builder().folder(dir.resolve("search")).build())
        .build();
    server = ContentServer.builder(repo).build().start(0);
  }

  @AfterAll
  static void stop() {
    server.close();
    repo.close();
  }

  private static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void listsMatchesBestFirstWithSnippets() throws Exception {
    HttpResponse<String> r = get("/articles?q=" + q("comet -Stonehaven"));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode page = JSON.readTree(r.body());
    assertThat(page.get("total").asInt()).isEqualTo(1);
    JsonNode item = page.get("items").get(0);
    assertThat(item.get("id").asText()).isEqualTo("2026/09/ashcombe-hill-observatory-tracks-a-faint-comet-on-its-way");
    assertThat(item.get("snippet").asText()).contains("<mark>comet</mark>");
  }

  @Test
  void combinesWithFiltersAndWalksCursors() throws Exception {
    List<String> walked = new ArrayList<>();
    String next = "/articles?q=" + q("harbourside") + "&category=LOCAL&limit=1";
    int total = -1;
    while (next != null) {
      JsonNode page = JSON.readTree(get(next).body());
      total = page.get("total").asInt();
      page.get("items").forEach(i -> {
        walked.add(i.get("id").asText());
        assertThat(i.get("category").asText()).isEqualTo("LOCAL");
      });
      JsonNode cursor = page.get("nextCursor");
      next = cursor == null || cursor.isNull() ? null
          : "/articles?q=" + q("harbourside") + "&category=LOCAL&limit=1&cursor=" + q(cursor.asText());
    }
    assertThat(walked).hasSize(total).doesNotHaveDuplicates();
    assertThat(total).isGreaterThan(1);
  }

  @Test
  void facetsCountTheMatches() throws Exception {
    JsonNode facets = JSON.readTree(get("/facets?q=" + q("marché") + "&lang=fr").body());
    JsonNode list = JSON.readTree(get("/articles?q=" + q("marché") + "&lang=fr").body());
    assertThat(facets.get("total").asInt()).isEqualTo(list.get("total").asInt()).isGreaterThanOrEqualTo(2);
    JsonNode langs = facets.get("langs");
    assertThat(langs).hasSize(1);
    assertThat(langs.get(0).get("value").asText()).isEqualTo("fr");
    assertThat(langs.get(0).get("count").asInt()).isEqualTo(list.get("total").asInt());
  }

  @Test
  void hostileTextIsAnsweredOrRefusedWithA400() throws Exception {
    assertThat(get("/articles?q=" + q("x".repeat(10_240))).statusCode()).isIn(400, 414); // refused by length
    assertThat(get("/articles?q=" + q("x".repeat(2_000))).statusCode()).isEqualTo(400);
    assertThat(get("/articles?q=" + q("a ".repeat(1000))).statusCode()).isEqualTo(400);
    assertThat(get("/articles?q=" + q("+-&|!(){}[]^\"~*?:\\/")).statusCode()).isEqualTo(200);
    assertThat(get("/articles?q=" + q("\"unbalanced")).statusCode()).isEqualTo(200);
    assertThat(get("/articles?q=*").statusCode()).isEqualTo(200);
    assertThat(get("/articles?q=%01%02%7F").statusCode()).isEqualTo(200);
    assertThat(get("/articles?sort=relevance").statusCode()).isEqualTo(400);
  }

  @Test
  void previewPageHasASearchBoxAndShowsSnippets() throws Exception {
    HttpResponse<String> home = get("/");
    assertThat(home.body()).contains("<form method=\"get\" action=\"/\" role=\"search\">")
        .contains("name=\"q\"").doesNotContain("<script");
    assertThat(home.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("form-action 'self'");
    HttpResponse<String> found = get("/?q=" + q("<anemone>"));
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.body()).contains("value=\"&lt;anemone&gt;\"")
        .contains("<p class=\"snippet\">").contains("<mark>anemone</mark>").doesNotContain("<anemone>");
  }
}
