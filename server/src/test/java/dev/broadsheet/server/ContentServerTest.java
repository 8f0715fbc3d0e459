package dev.broadsheet.server;

import static dev.broadsheet.server.TestServer.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.broadsheet.fs.Watching;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentServerTest {
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
  void listsPublishedArticlesStickyFirstWithoutBodies() {
    HttpResponse<String> r = server.get("/articles");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    JsonNode page = TestServer.parse(r.body());
    assertThat(ids(page)).containsExactly("2026/01/harbour-pier", "2026/02/chip-plant",
        "2026/02/gallery-night", "2026/02/stadion", "2026/01/rate-pause");
    assertThat(page.get("total").asInt()).isEqualTo(5);
    assertThat(page.get("nextCursor").isNull()).isTrue();
    page.get("items").forEach(i -> assertThat(i.has("body")).isFalse());
    assertThat(page.get("items").get(0).get("title").asText()).isEqualTo("Harbour pier reopens after two years of repairs");
  }

  @Test
  void filtersAsTheCommandLineDoes() {
    assertThat(ids(server.json("/articles?category=business&sort=newest")))
        .containsExactly("2026/02/chip-plant", "2026/01/rate-pause");
    assertThat(ids(server.json("/articles?category=BUSINESS&category=sports&sort=oldest")))
        .containsExactly("2026/01/rate-pause", "2026/02/chip-plant", "2026/02/stadion");
    assertThat(ids(server.json("/articles?tag=CITY&tag=transport")))
        .containsExactly("2026/01/harbour-pier");
    assertThat(ids(server.json("/articles?anyTag=RATES&anyTag=FOOTBALL&sort=newest")))
        .containsExactly("2026/02/stadion", "2026/01/rate-pause");
    assertThat(ids(server.json("/articles?excludeTag=CITY&sort=newest")))
        .containsExactly("2026/02/chip-plant", "2026/01/rate-pause");
    assertThat(ids(server.json("/articles?sentiment=negative&sentiment=NEUTRAL&sort=newest")))
        .containsExactly("2026/02/chip-plant", "2026/01/rate-pause");
    assertThat(ids(server.json("/articles?sticky=true"))).containsExactly("2026/01/harbour-pier", "2026/02/chip-plant");
    assertThat(ids(server.json("/articles?minSticky=2"))).containsExactly("2026/01/harbour-pier");
    assertThat(ids(server.json("/articles?from=2026-02-01&to=2026-02-15T00:00:00Z&sort=oldest")))
        .containsExactly("2026/02/chip-plant", "2026/02/stadion");
    assertThat(ids(server.json("/articles?lang=de&lang=fr&sort=newest")))
        .containsExactly("2026/02/gallery-night", "2026/02/stadion");
    assertThat(ids(server.json("/articles?source=ledger&sort=oldest")))
        .containsExactly("2026/01/rate-pause", "2026/02/chip-plant");
    assertThat(ids(server.json("/articles?category=LOCAL&sentiment=negative"))).isEmpty();
  }

  @Test
  void cursorWalkVisitsEveryArticleOnceToTheEnd() {
    List<String> seen = new ArrayList<>();
    String path = "/articles?sort=newest&limit=2";
    int pages = 0;
    while (true) {
      JsonNode page = server.json(path);
      pages++;
      seen.addAll(ids(page));
      assertThat(page.get("total").asInt()).isEqualTo(5);
      if (page.get("nextCursor").isNull()) {
        break;
      }
      path = "/articles?sort=newest&limit=2&cursor=" + page.get("nextCursor").asText();
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly(Newsroom.PUBLIC_NEWEST_FIRST);
  }

  @Test
  void servesOneArticleWithBodyAndRevision() {
    JsonNode a = server.json("/articles/2026/01/rate-pause");

    assertThat(a.get("id").asText()).isEqualTo("2026/01/rate-pause");
    assertThat(a.get("revision").asText()).isNotEmpty();
    assertThat(a.get("category").asText()).isEqualTo("BUSINESS");
    assertThat(a.get("body").asText()).isEqualTo("## Overview\n\nThe rate stays where it was for a third month.\n");
  }

  @Test
  void findsAnIdWithEscapedCharactersDecodedOnce() {
    assertThat(server.json("/articles/2026%2F02%2Fstadion").get("id").asText()).isEqualTo("2026/02/stadion");
    assertThat(server.json("/articles/2026/02/st%61dion").get("id").asText()).isEqualTo("2026/02/stadion");
    // Decoded once: %2561 is the three characters "%61", which no id here has.
    assertThat(server.get("/articles/2026/02/st%2561dion").statusCode()).isEqualTo(404);
  }

  @Test
  void countsFacetsOfPublishedArticlesWithTheSameFilters() {
    JsonNode f = server.json("/facets");
    assertThat(f.get("total").asInt()).isEqualTo(5);
    assertThat(f.get("categories").toString()).isEqualTo("[{\"value\":\"BUSINESS\",\"count\":2},"
        + "{\"value\":\"CULTURE\",\"count\":1},{\"value\":\"LOCAL\",\"count\":1},{\"value\":\"SPORTS\",\"count\":1}]");
    assertThat(f.get("langs").toString())
        .isEqualTo("[{\"value\":\"en\",\"count\":3},{\"value\":\"de\",\"count\":1},{\"value\":\"fr\",\"count\":1}]");

    JsonNode business = server.json("/facets?category=business&topTags=1");
    assertThat(business.get("total").asInt()).isEqualTo(2);
    assertThat(business.get("tags").toString()).isEqualTo("[{\"value\":\"ECONOMY\",\"count\":2}]");
  }

  @Test
  void healthIsOkAndCountsPublishedArticles() {
    HttpResponse<String> r = server.get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"ok\",\"articles\":5,\"problems\":0}");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void healthIsDegradedWithTheProblemCountWhenFilesCannotBeServed() throws Exception {
    Newsroom.write(dir, "broken.md", "---\ntitle: Broken\npublishedAt: soon\n---\n");
    try (TestServer withBroken = new TestServer(dir, dev.broadsheet.fs.Watching.OFF, b -> b)) {
      HttpResponse<String> r = withBroken.get("/health");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"status\":\"degraded\",\"articles\":5,\"problems\":1}");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
  }

  @Test
  void healthIsDownWithServiceUnavailableOnceTheContentFolderIsDeleted() throws Exception {
    Path content = dir.resolve("content");
    Newsroom.write(content);
    // No snapshot: its writer would make the folder again.
    try (TestServer gone = new TestServer(content, s -> s.watching(Watching.OFF).withoutSnapshot(), b -> b)) {
      assertThat(gone.get("/health").statusCode()).isEqualTo(200);
      try (Stream<Path> all = Files.walk(content)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }

      HttpResponse<String> r = gone.get("/health");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).isEqualTo("{\"status\":\"down\",\"articles\":5,\"problems\":0}");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
      // The rest answers from what the repository last read.
      assertThat(gone.json("/articles").get("total").asInt()).isEqualTo(5);

      Files.createDirectories(content);
      assertThat(gone.get("/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void answersIfNoneMatchWithNotModified() {
    HttpResponse<String> first = server.get("/articles?category=business");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
    assertThat(server.get("/articles?category=business").headers().firstValue("ETag")).hasValue(etag);

    HttpResponse<String> same = server.get("/articles?category=business", "If-None-Match", etag);
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.body()).isEmpty();
    assertThat(same.headers().firstValue("ETag")).hasValue(etag);

    assertThat(server.get("/articles?category=business", "If-None-Match", "\"other\", W/" + etag).statusCode())
        .isEqualTo(304);
    assertThat(server.get("/articles/2026/01/rate-pause", "If-None-Match", "*").statusCode()).isEqualTo(304);
    assertThat(server.get("/articles?category=sports", "If-None-Match", etag).statusCode()).isEqualTo(200);
    // No article, nothing to match: * does not turn a 404 into a 304.
    assertThat(server.get("/articles/2026/01/missing", "If-None-Match", "*").statusCode()).isEqualTo(404);
  }

  @Test
  void publicAnswersCarryTheConfiguredCacheControlAndVaryOnAuthorization() throws Exception {
    try (TestServer cdn = new TestServer(dir, dev.broadsheet.fs.Watching.OFF, b -> b.cacheControl("public, max-age=60"))) {
      HttpResponse<String> r = cdn.get("/articles/2026/01/rate-pause");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
      assertThat(r.headers().firstValue("Vary")).hasValue("Authorization");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(server.get("/articles").headers().firstValue("Cache-Control")).hasValue("no-cache");
    }
  }

  @Test
  void headAnswersLikeGetWithoutBody() {
    HttpResponse<String> get = server.get("/articles/2026/01/rate-pause");
    HttpResponse<String> head = server.send(HttpRequest.newBuilder(server.uri("/articles/2026/01/rate-pause"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("ETag")).isEqualTo(get.headers().firstValue("ETag"));
    assertThat(head.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
  }

  @Test
  void refusesOtherMethodsWithAllow() {
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
      HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/articles"))
          .method(method, HttpRequest.BodyPublishers.ofString("{}")));
      assertThat(r.statusCode()).as(method).isEqualTo(405);
      assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(TestServer.parse(r.body()).get("status").asInt()).isEqualTo(405);
    }
  }

  @Test
  void unknownPathsAndIdsAreNotFoundProblems() {
    for (String path : List.of("/nothing", "/articles/", "/articles/2026/01/missing", "/articles/2026/01/missing.html",
        "/facets/extra", "/health/", "/articlesx")) {
      HttpResponse<String> r = server.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
      JsonNode p = TestServer.parse(r.body());
      assertThat(p.get("type").asText()).isEqualTo("about:blank");
      assertThat(p.get("title").asText()).isEqualTo("Not Found");
      assertThat(p.get("status").asInt()).isEqualTo(404);
    }
  }

  @Test
  void badParametersAreNamedInTheProblemDocument() {
    assertInvalid("/articles?limit=500", "limit", "must be a whole number from 1 to 100, was 500");
    assertInvalid("/articles?limit=0", "limit", "must be a whole number >= 1, was 0");
    assertInvalid("/articles?limit=ten", "limit", "must be a whole number >= 1, was 'ten'");
    assertInvalid("/articles?from=yesterday", "from",
        "must be an ISO-8601 instant such as 2026-02-01T09:00:00Z or a date such as 2026-02-01, was 'yesterday'");
    assertInvalid("/articles?from=2026-02-01&to=2026-01-01", "to",
        "must be after from (2026-02-01T00:00:00Z), was 2026-01-01T00:00:00Z");
    assertInvalid("/articles?sort=popular", "sort", "must be sticky, newest, oldest, was 'popular'");
    assertInvalid("/articles?sentiment=happy", "sentiment", "must be positive, neutral or negative, was 'happy'");
    assertInvalid("/articles?sticky=yes", "sticky", "must be true or false, was 'yes'");
    assertInvalid("/articles?minSticky=-1", "minSticky", "must be a whole number >= 0, was -1");
    assertInvalid("/articles?limit=1&limit=2", "limit", "is given 2 times; give it once");
    assertInvalid("/articles?category=", "category", "must not be empty");
    assertInvalid("/articles?cursor=not-a-cursor", "cursor",
        "is not a cursor this library made; use the nextCursor of the page before, with the same query");
    assertInvalid("/facets?topTags=5000", "topTags", "must be a whole number from 0 to 1000, was 5000");
    assertInvalid("/articles?category=%E0%A4", "category", "the value is not valid percent-encoded UTF-8");
    assertInvalid("/articles/2026/01/rate-pause?v=2", "v", "is not an option here; the options are none");
    assertInvalid("/facets?limit=5", "limit", "is not an option here; the options are category, tag, anyTag, "
        + "excludeTag, sentiment, sticky, minSticky, from, to, lang, source, drafts, scheduled, expired, asOf, topTags");
  }

  @Test
  void aTypoInAParameterNameIsRefusedNotIgnored() {
    HttpResponse<String> r = server.get("/articles?catgory=BUSINESS");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode p = TestServer.parse(r.body());
    assertThat(p.get("type").asText()).isEqualTo("https://broadsheet.dev/problems/invalid-parameters");
    assertThat(p.get("invalid-params").get(0).get("name").asText()).isEqualTo("catgory");
    assertThat(p.get("invalid-params").get(0).get("reason").asText()).startsWith("is not an option here; the options are category, tag,");
  }

  @Test
  void everyBadParameterIsReportedAtOnce() {
    HttpResponse<String> r = server.get("/articles?limit=0&sort=up&colour=red");
    JsonNode p = TestServer.parse(r.body());
    assertThat(r.statusCode()).isEqualTo(400);
    List<String> names = new ArrayList<>();
    p.get("invalid-params").forEach(x -> names.add(x.get("name").asText()));
    assertThat(names).containsExactly("limit", "sort", "colour");
    assertThat(p.get("detail").asText()).isEqualTo("3 parameters are invalid.");
  }

  @Test
  void aCursorMadeForAnotherSortIsRefused() {
    JsonNode first = server.json("/articles?sort=newest&limit=1");
    HttpResponse<String> r = server.get("/articles?sort=oldest&cursor=" + first.get("nextCursor").asText());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(TestServer.parse(r.body()).get("invalid-params").get(0).get("reason").asText())
        .isEqualTo("was made for sort newest, not oldest; keep the sort of the first page");
  }

  private void assertInvalid(String path, String name, String reason) {
    HttpResponse<String> r = server.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = TestServer.parse(r.body());
    assertThat(p.get("status").asInt()).isEqualTo(400);
    assertThat(p.get("title").asText()).isEqualTo("Invalid request parameters");
    assertThat(p.get("detail").asText()).as(path).isEqualTo("Parameter '" + name + "': " + reason);
    assertThat(p.get("invalid-params")).hasSize(1);
    assertThat(p.get("invalid-params").get(0).get("name").asText()).as(path).isEqualTo(name);
    assertThat(p.get("invalid-params").get(0).get("reason").asText()).as(path).isEqualTo(reason);
  }
}
