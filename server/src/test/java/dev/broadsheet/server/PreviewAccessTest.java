package dev.broadsheet.server;

import static dev.broadsheet.server.TestServer.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.broadsheet.fs.Watching;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drafts, scheduled and expired articles: hidden from the public everywhere, shown to the preview token. */
class PreviewAccessTest {
  /** What only the hidden articles hold: titles, tags, ids. */
  private static final List<String> SECRETS = List.of("Secret budget plan", "HIDDENTAG", "budget-plan",
      "Scheduled tram launch", "SCHEDULEDTAG", "tram-launch", "Expired winter", "EXPIREDTAG", "winter-offer",
      "TECHNOLOGY");

  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.newsroom(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void nothingHiddenLeaksToThePublic() {
    for (String path : List.of("/", "/?limit=100", "/articles?limit=100", "/articles?category=BUSINESS",
        "/articles?tag=ECONOMY", "/articles?sort=oldest&limit=100", "/facets", "/facets?topTags=1000",
        "/facets?category=TECHNOLOGY", "/health")) {
      HttpResponse<String> r = server.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      for (String secret : SECRETS) {
        assertThat(r.body()).as(path).doesNotContain(secret);
      }
    }
    assertThat(server.json("/articles?tag=HIDDENTAG").get("total").asInt()).isZero();
    assertThat(server.json("/health").get("articles").asInt()).isEqualTo(5);
  }

  @Test
  void hiddenArticlesAreNotFoundByIdForThePublic() {
    for (String id : List.of(Newsroom.DRAFT, Newsroom.SCHEDULED, Newsroom.EXPIRED)) {
      for (String path : List.of("/articles/" + id, "/articles/" + id + ".html")) {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(404);
        assertThat(r.body()).isEqualTo(server.get("/articles/no/such/article").body());
      }
    }
  }

  @Test
  void previewParametersWithoutATokenAreUnauthorized() {
    for (String query : List.of("drafts=include", "drafts=only", "asOf=2026-05-01", "scheduled=include",
        "expired=only")) {
      for (String path : List.of("/articles?", "/facets?", "/?")) {
        HttpResponse<String> r = server.get(path + query);
        assertThat(r.statusCode()).as(path + query).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"broadsheet\"");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode p = TestServer.parse(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(401);
        assertThat(p.get("detail").asText()).endsWith("needs a valid preview token (Authorization: Bearer).");
      }
    }
  }

  @Test
  void aWrongTokenIsUnauthorizedWhateverIsAsked() {
    for (String path : List.of("/articles", "/articles/2026/01/rate-pause", "/facets", "/health", "/",
        "/articles?drafts=include")) {
      for (String token : List.of("wrong", TestServer.TOKEN + "x", TestServer.TOKEN.substring(1), "")) {
        HttpResponse<String> r = server.get(path, TestServer.bearer(token));
        assertThat(r.statusCode()).as(path + " with " + token).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
            .hasValue("Bearer realm=\"broadsheet\", error=\"invalid_token\"");
        assertThat(r.body()).doesNotContain(TestServer.TOKEN);
      }
    }
  }

  @Test
  void aServerWithoutTokenRefusesEveryBearer() throws Exception {
    try (TestServer open = new TestServer(dir, Watching.OFF, b -> b.previewToken(null))) {
      assertThat(open.get("/articles", TestServer.bearer(TestServer.TOKEN)).statusCode()).isEqualTo(401);
      assertThat(open.get("/articles?drafts=include").statusCode()).isEqualTo(401);
      assertThat(open.get("/articles").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void otherAuthorizationSchemesAreNotOurs() {
    HttpResponse<String> r = server.get("/articles", "Authorization", "Basic dXNlcjpwYXNz");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(TestServer.parse(r.body()).get("total").asInt()).isEqualTo(5);
    assertThat(server.get("/articles?drafts=include", "Authorization", "Basic dXNlcjpwYXNz").statusCode())
        .isEqualTo(401);
  }

  @Test
  void theTokenShowsDraftsAndAnotherMoment() {
    String[] auth = TestServer.bearer(TestServer.TOKEN);
    assertThat(ids(server.json("/articles?drafts=only", auth))).containsExactly(Newsroom.DRAFT);
    assertThat(ids(server.json("/articles?drafts=include&category=business&sort=newest", auth)))
        .containsExactly(Newsroom.DRAFT, "2026/02/chip-plant", "2026/01/rate-pause");
    assertThat(ids(server.json("/articles?asOf=2026-04-02&category=technology", auth)))
        .containsExactly(Newsroom.SCHEDULED);
    assertThat(ids(server.json("/articles?asOf=2026-01-15&sort=newest", auth)))
        .containsExactly("2026/01/harbour-pier", Newsroom.EXPIRED);
    assertThat(ids(server.json("/articles?scheduled=only", auth))).containsExactly(Newsroom.SCHEDULED);
    assertThat(ids(server.json("/articles?expired=only", auth))).containsExactly(Newsroom.EXPIRED);
    assertThat(server.json("/facets?drafts=only&topTags=5", auth).get("tags").toString()).contains("HIDDENTAG");
    // Previews go to one reader: never stored by a cache.
    assertThat(server.get("/articles?drafts=only", auth).headers().firstValue("Cache-Control"))
        .hasValue("private, no-store");
    assertThat(server.get("/articles", auth).headers().firstValue("Cache-Control")).hasValue("private, no-store");
  }

  @Test
  void theTokenFetchesHiddenArticlesById() {
    String[] auth = TestServer.bearer(TestServer.TOKEN);
    for (String id : List.of(Newsroom.DRAFT, Newsroom.SCHEDULED, Newsroom.EXPIRED)) {
      assertThat(server.json("/articles/" + id, auth).get("id").asText()).isEqualTo(id);
      HttpResponse<String> page = server.get("/articles/" + id + ".html", auth);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<meta name=\"robots\" content=\"noindex\">");
      assertThat(page.headers().firstValue("Cache-Control")).hasValue("private, no-store");
    }
    assertThat(server.get("/articles/" + Newsroom.DRAFT + ".html", auth).body())
        .contains("<span class=\"status\">Draft</span>");
    assertThat(server.get("/?drafts=include", auth).body())
        .contains("Secret budget plan").contains("<span class=\"status\">Draft</span>");
  }

  @Test
  void theTokenIsTakenWithAnySpellingOfTheScheme() {
    assertThat(server.get("/articles?drafts=only", "Authorization", "bearer " + TestServer.TOKEN).statusCode())
        .isEqualTo(200);
    assertThat(server.get("/articles?drafts=only", "Authorization", "BEARER  " + TestServer.TOKEN).statusCode())
        .isEqualTo(200);
  }
}
