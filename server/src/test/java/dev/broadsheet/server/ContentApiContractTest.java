package dev.broadsheet.server;

import static dev.broadsheet.server.ApiClient.bearer;
import static dev.broadsheet.server.ApiClient.header;
import static dev.broadsheet.server.ApiClient.ids;
import static dev.broadsheet.server.ApiClient.mediaType;
import static dev.broadsheet.server.ApiClient.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.spi.ForwardingArticleStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every adapter of {@link ContentApi} shares, over real HTTP on the loopback
 * interface: reading, previews, writes, validators, compression, CORS, errors. An adapter passes
 * it with a subclass that starts an API on its server:
 *
 * <pre>{@code
 * class ContentServletContractTest extends ContentApiContractTest {
 *   @Override
 *   protected Served serve(ContentApi api) throws Exception {
 *     Server jetty = ...;                      // the API mounted at /api/*
 *     jetty.start();
 *     return Served.of(URI.create("http://127.0.0.1:" + port + "/api"), jetty::stop);
 *   }
 * }
 * }</pre>
 *
 * <p>Each test serves a small content folder ({@link Newsroom}) from a file store in a temporary
 * folder, seen at a fixed moment, with a preview token and a write token.
 */
@Timeout(120)
public abstract class ContentApiContractTest {
  static final String TOKEN = "s3cret-preview-token";
  static final String WRITE_TOKEN = "s3cret-write-token";
  static final Clock CLOCK = Clock.fixed(Newsroom.NOW, ZoneOffset.UTC);
  private static final String CSP = "default-src 'none'; img-src 'self' https: data:; style-src 'unsafe-inline'; "
      + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  /** An API running on a real server. */
  protected interface Served extends AutoCloseable {
    /** Where the API is mounted: {@code http://127.0.0.1:8080} or {@code http://127.0.0.1:8080/api}. */
    URI base();

    /** Stops the server. */
    @Override
    void close();

    /** A served API at {@code base}, stopped by {@code stop}. */
    static Served of(URI base, AutoCloseable stop) {
      return new Served() {
        @Override
        public URI base() {
          return base;
        }

        @Override
        public void close() {
          try {
            stop.close();
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException("cannot stop the server at " + base, e);
          }
        }
      };
    }
  }

  /**
   * Starts {@code api} on a real server of this adapter, listening on the loopback interface; it
   * is closed after the test. The API may be mounted at the server's root or below a path.
   */
  protected abstract Served serve(ContentApi api) throws Exception;

  @TempDir Path dir;
  Path content;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void writeContent() throws IOException {
    content = dir.resolve("content");
    Newsroom.write(content);
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** The newsroom served with both tokens. */
  ApiClient start() throws Exception {
    return start(b -> b);
  }

  ApiClient start(UnaryOperator<ContentApi.Builder> options) throws Exception {
    return start(s -> s, options);
  }

  ApiClient start(UnaryOperator<FileArticleStore.Builder> storeOptions, UnaryOperator<ContentApi.Builder> options)
      throws Exception {
    FileArticleStore store = storeOptions.apply(FileArticleStore.builder(content)
        .watching(Watching.OFF).rescanInterval(Duration.ofMillis(500))).build();
    return start(ArticleRepository.builder().store(store).clock(CLOCK).build(),
        b -> options.apply(b.previewToken(TOKEN).writeToken(WRITE_TOKEN)));
  }

  /** {@code repository} served, closed after the test. */
  ApiClient start(ArticleRepository repository, UnaryOperator<ContentApi.Builder> options) throws Exception {
    open.add(repository);
    Served served = serve(options.apply(ContentApi.builder(repository).clock(CLOCK)).build());
    open.add(served);
    return new ApiClient(served.base());
  }

  // ================================================================== reading

  @Test
  void listsPublishedArticlesStickyFirstWithoutBodies() throws Exception {
    ApiClient api = start();
    HttpResponse<String> r = api.get("/articles");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(mediaType(r)).isEqualTo("application/json;charset=utf-8");
    JsonNode page = parse(r.body());
    assertThat(ids(page)).containsExactly("2026/01/harbour-pier", "2026/02/chip-plant",
        "2026/02/gallery-night", "2026/02/stadion", "2026/01/rate-pause");
    assertThat(page.get("total").asInt()).isEqualTo(5);
    assertThat(page.get("nextCursor").isNull()).isTrue();
    page.get("items").forEach(i -> assertThat(i.has("body")).isFalse());
    assertThat(page.get("items").get(0).get("title").asText()).isEqualTo("Harbour pier reopens after two years of repairs");
  }

  @Test
  void filtersAsTheCommandLineDoes() throws Exception {
    ApiClient api = start();
    assertThat(ids(api.json("/articles?category=business&sort=newest")))
        .containsExactly("2026/02/chip-plant", "2026/01/rate-pause");
    assertThat(ids(api.json("/articles?category=BUSINESS&category=sports&sort=oldest")))
        .containsExactly("2026/01/rate-pause", "2026/02/chip-plant", "2026/02/stadion");
    assertThat(ids(api.json("/articles?tag=CITY&tag=transport"))).containsExactly("2026/01/harbour-pier");
    assertThat(ids(api.json("/articles?anyTag=RATES&anyTag=FOOTBALL&sort=newest")))
        .containsExactly("2026/02/stadion", "2026/01/rate-pause");
    assertThat(ids(api.json("/articles?excludeTag=CITY&sort=newest")))
        .containsExactly("2026/02/chip-plant", "2026/01/rate-pause");
    assertThat(ids(api.json("/articles?sentiment=negative&sentiment=NEUTRAL&sort=newest")))
        .containsExactly("2026/02/chip-plant", "2026/01/rate-pause");
    assertThat(ids(api.json("/articles?sticky=true"))).containsExactly("2026/01/harbour-pier", "2026/02/chip-plant");
    assertThat(ids(api.json("/articles?minSticky=2"))).containsExactly("2026/01/harbour-pier");
    assertThat(ids(api.json("/articles?from=2026-02-01&to=2026-02-15T00:00:00Z&sort=oldest")))
        .containsExactly("2026/02/chip-plant", "2026/02/stadion");
    assertThat(ids(api.json("/articles?lang=de&lang=fr&sort=newest")))
        .containsExactly("2026/02/gallery-night", "2026/02/stadion");
    assertThat(ids(api.json("/articles?source=ledger&sort=oldest")))
        .containsExactly("2026/01/rate-pause", "2026/02/chip-plant");
    assertThat(ids(api.json("/articles?category=LOCAL&sentiment=negative"))).isEmpty();
  }

  @Test
  void cursorWalkVisitsEveryArticleOnceToTheEnd() throws Exception {
    ApiClient api = start();
    List<String> seen = new ArrayList<>();
    String path = "/articles?sort=newest&limit=2";
    int pages = 0;
    while (true) {
      JsonNode page = api.json(path);
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
  void servesOneArticleWithBodyAndRevision() throws Exception {
    ApiClient api = start();
    JsonNode a = api.json("/articles/2026/01/rate-pause");

    assertThat(a.get("id").asText()).isEqualTo("2026/01/rate-pause");
    assertThat(a.get("revision").asText()).isNotEmpty();
    assertThat(a.get("category").asText()).isEqualTo("BUSINESS");
    assertThat(a.get("body").asText()).isEqualTo("## Overview\n\nThe rate stays where it was for a third month.\n");
  }

  @Test
  void decodesEscapesInTheIdOnce() throws Exception {
    ApiClient api = start();
    assertThat(api.json("/articles/2026/02/st%61dion").get("id").asText()).isEqualTo("2026/02/stadion");
    // Decoded once: %2561 is the three characters "%61", which no id here has (a 404 from the
    // API), or an ambiguous encoding a container refuses itself (Jetty's 400).
    assertThat(api.get("/articles/2026/02/st%2561dion").statusCode()).isIn(400, 404);
  }

  @Test
  void countsFacetsOfPublishedArticlesWithTheSameFilters() throws Exception {
    ApiClient api = start();
    JsonNode f = api.json("/facets");
    assertThat(f.get("total").asInt()).isEqualTo(5);
    assertThat(f.get("categories").toString()).isEqualTo("[{\"value\":\"BUSINESS\",\"count\":2},"
        + "{\"value\":\"CULTURE\",\"count\":1},{\"value\":\"LOCAL\",\"count\":1},{\"value\":\"SPORTS\",\"count\":1}]");
    assertThat(f.get("langs").toString())
        .isEqualTo("[{\"value\":\"en\",\"count\":3},{\"value\":\"de\",\"count\":1},{\"value\":\"fr\",\"count\":1}]");

    JsonNode business = api.json("/facets?category=business&topTags=1");
    assertThat(business.get("total").asInt()).isEqualTo(2);
    assertThat(business.get("tags").toString()).isEqualTo("[{\"value\":\"ECONOMY\",\"count\":2}]");
  }

  @Test
  void healthIsOkAndCountsPublishedArticles() throws Exception {
    ApiClient api = start();
    HttpResponse<String> r = api.get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"ok\",\"articles\":5,\"problems\":0}");
    assertThat(header(r, "Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void healthIsDegradedWithTheProblemCountWhenFilesCannotBeServed() throws Exception {
    Newsroom.write(content, "broken.md", "---\ntitle: Broken\npublishedAt: soon\n---\n");
    ApiClient api = start();
    HttpResponse<String> r = api.get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"degraded\",\"articles\":5,\"problems\":1}");
  }

  @Test
  void healthIsDownWithServiceUnavailableOnceTheContentFolderIsDeleted() throws Exception {
    // No snapshot: its writer would make the folder again.
    ApiClient api = start(s -> s.withoutSnapshot(), b -> b);
    assertThat(api.get("/health").statusCode()).isEqualTo(200);
    try (Stream<Path> all = Files.walk(content)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }

    HttpResponse<String> r = api.get("/health");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("{\"status\":\"down\",\"articles\":5,\"problems\":0}");
    assertThat(header(r, "Cache-Control")).isEqualTo("no-store");
    assertThat(mediaType(r)).isEqualTo("application/json;charset=utf-8");
    // The rest answers from what the repository last read.
    assertThat(api.json("/articles").get("total").asInt()).isEqualTo(5);

    Files.createDirectories(content);
    assertThat(api.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownPathsAndIdsAreNotFoundProblems() throws Exception {
    ApiClient api = start();
    for (String path : List.of("/nothing", "/articles/", "/articles/2026/01/missing", "/articles/2026/01/missing.html",
        "/facets/extra", "/health/", "/articlesx")) {
      HttpResponse<String> r = api.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(mediaType(r)).isEqualTo("application/problem+json");
      assertThat(header(r, "Cache-Control")).isEqualTo("no-store");
      JsonNode p = parse(r.body());
      assertThat(p.get("type").asText()).isEqualTo("about:blank");
      assertThat(p.get("title").asText()).isEqualTo("Not Found");
      assertThat(p.get("status").asInt()).isEqualTo(404);
    }
  }

  @Test
  void badParametersAreNamedInTheProblemDocument() throws Exception {
    ApiClient api = start();
    assertInvalid(api, "/articles?limit=500", "limit", "must be a whole number from 1 to 100, was 500");
    assertInvalid(api, "/articles?limit=0", "limit", "must be a whole number >= 1, was 0");
    assertInvalid(api, "/articles?limit=ten", "limit", "must be a whole number >= 1, was 'ten'");
    assertInvalid(api, "/articles?from=yesterday", "from",
        "must be an ISO-8601 instant such as 2026-02-01T09:00:00Z or a date such as 2026-02-01, was 'yesterday'");
    assertInvalid(api, "/articles?from=2026-02-01&to=2026-01-01", "to",
        "must be after from (2026-02-01T00:00:00Z), was 2026-01-01T00:00:00Z");
    assertInvalid(api, "/articles?sort=popular", "sort", "must be sticky, newest, oldest, relevance, was 'popular'");
    assertInvalid(api, "/articles?sentiment=happy", "sentiment", "must be positive, neutral or negative, was 'happy'");
    assertInvalid(api, "/articles?sticky=yes", "sticky", "must be true or false, was 'yes'");
    assertInvalid(api, "/articles?minSticky=-1", "minSticky", "must be a whole number >= 0, was -1");
    assertInvalid(api, "/articles?limit=1&limit=2", "limit", "is given 2 times; give it once");
    assertInvalid(api, "/articles?category=", "category", "must not be empty");
    assertInvalid(api, "/articles?cursor=not-a-cursor", "cursor",
        "is not a cursor this library made; use the nextCursor of the page before, with the same query");
    assertInvalid(api, "/facets?topTags=5000", "topTags", "must be a whole number from 0 to 1000, was 5000");
    assertInvalid(api, "/articles?category=%E0%A4", "category", "the value is not valid percent-encoded UTF-8");
    assertInvalid(api, "/articles/2026/01/rate-pause?v=2", "v", "is not an option here; the options are none");
    assertInvalid(api, "/facets?limit=5", "limit", "is not an option here; the options are category, tag, anyTag, "
        + "excludeTag, sentiment, sticky, minSticky, from, to, lang, source, q, drafts, scheduled, expired, asOf, topTags");
  }

  @Test
  void aTypoInAParameterNameIsRefusedNotIgnored() throws Exception {
    ApiClient api = start();
    HttpResponse<String> r = api.get("/articles?catgory=BUSINESS");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode p = parse(r.body());
    assertThat(p.get("type").asText()).isEqualTo("https://broadsheet.dev/problems/invalid-parameters");
    assertThat(p.get("invalid-params").get(0).get("name").asText()).isEqualTo("catgory");
    assertThat(p.get("invalid-params").get(0).get("reason").asText())
        .startsWith("is not an option here; the options are category, tag,");
  }

  @Test
  void everyBadParameterIsReportedAtOnce() throws Exception {
    ApiClient api = start();
    HttpResponse<String> r = api.get("/articles?limit=0&sort=up&colour=red");
    JsonNode p = parse(r.body());
    assertThat(r.statusCode()).isEqualTo(400);
    List<String> names = new ArrayList<>();
    p.get("invalid-params").forEach(x -> names.add(x.get("name").asText()));
    assertThat(names).containsExactly("limit", "sort", "colour");
    assertThat(p.get("detail").asText()).isEqualTo("3 parameters are invalid.");
  }

  @Test
  void aCursorMadeForAnotherSortIsRefused() throws Exception {
    ApiClient api = start();
    JsonNode first = api.json("/articles?sort=newest&limit=1");
    HttpResponse<String> r = api.get("/articles?sort=oldest&cursor=" + first.get("nextCursor").asText());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(parse(r.body()).get("invalid-params").get(0).get("reason").asText())
        .isEqualTo("was made for sort newest, not oldest; keep the sort of the first page");
  }

  @Test
  void traversalAttemptsAreRefusedAndShowNothing() throws Exception {
    Files.writeString(dir.resolve("outside.md"), "---\ntitle: Outside the root\n---\nSecret outside.\n");
    ApiClient api = start();
    for (String path : List.of("/articles/..%2Foutside", "/articles/%2e%2e/outside", "/articles/%2E%2E%2Foutside",
        "/articles/2026/%2e%2e/%2e%2e/outside", "/articles/%2Fetc%2Fpasswd", "/articles/2026%5C01%5Crate-pause",
        "/articles/..%5Coutside", "/articles/C:%5Cwindows", "/articles/.hidden/file", "/articles/2026//01/rate-pause",
        "/articles/2026/01/rate-pause%00", "/articles/%252e%252e%252foutside", "/articles/..%2Foutside.html")) {
      HttpResponse<String> r = api.get(path);
      // The API answers 404; a container may refuse an ambiguous path itself with a 400.
      assertThat(r.statusCode()).as(path).isIn(400, 404);
      assertThat(r.body()).as(path).doesNotContain("Secret outside").doesNotContain(dir.toString())
          .doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void longQueriesAndManyParametersAreRefusedQuickly() throws Exception {
    ApiClient api = start();
    // 414 from the API, or 414 or 431 from a server whose request-line limit is shorter.
    assertThat(api.get("/articles?category=" + "x".repeat(9000)).statusCode()).isIn(414, 431);
    HttpResponse<String> tooMany = api.get("/articles?" + "category=x&".repeat(101));
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(parse(tooMany.body()).get("invalid-params").get(0).get("reason").asText())
        .isEqualTo("more than 100 parameters");
  }

  @Test
  void aFailingStoreGivesAGenericProblemWithoutDetails() throws Exception {
    ApiClient api = start(ArticleRepository.builder().store(new UnreadableBodies(List.of(article("2026/02/a"))))
        .clock(CLOCK).build(), b -> b);
    for (String path : List.of("/articles/2026/02/a", "/articles/2026/02/a.html", "/articles", "/")) {
      HttpResponse<String> r = api.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(500);
      assertThat(mediaType(r)).isEqualTo("application/problem+json");
      JsonNode p = parse(r.body());
      assertThat(p.get("title").asText()).isEqualTo("Internal Server Error");
      assertThat(p.get("detail").asText()).isEqualTo("The server could not answer this request.");
      assertThat(r.body()).doesNotContain("/srv/secret").doesNotContain("Exception").doesNotContain("\tat ");
    }
    // The failure does not take the server down.
    assertThat(api.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void writesJsonWithTheApplicationsMapperSettings() throws Exception {
    ObjectMapper indented = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ApiClient api = start(b -> b.objectMapper(indented));
    assertThat(api.get("/articles/2026/01/rate-pause").body()).startsWith("{\n  \"id\" : \"2026/01/rate-pause\",");
  }

  @Test
  void anIdEndingInHtmlIsReachedAsJsonWithTheDotEscaped() throws Exception {
    ApiClient api = start(ArticleRepository.builder().store(new InMemoryArticleStore(List.of(article("notes/page.html"))))
        .clock(CLOCK).build(), b -> b);
    HttpResponse<String> json = api.get("/articles/notes/page%2Ehtml");
    assertThat(mediaType(json)).isEqualTo("application/json;charset=utf-8");
    assertThat(json.body()).contains("\"id\":\"notes/page.html\"");
    HttpResponse<String> page = api.get("/articles/notes/page.html.html");
    assertThat(mediaType(page)).isEqualTo("text/html;charset=utf-8");
    assertThat(page.body()).contains("<h1>Title of notes/page.html</h1>");
    assertThat(api.get("/").body()).contains("<a href=\"" + api.path("/articles/notes/page.html.html") + "\">");
  }

  // ================================================================== pages

  @Test
  void previewPageListsTheNewestArticlesLinkingToTheirPagesBelowTheBase() throws Exception {
    ApiClient api = start();
    HttpResponse<String> r = api.get("/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(mediaType(r)).isEqualTo("text/html;charset=utf-8");
    assertThat(header(r, "Content-Security-Policy")).isEqualTo(CSP.replace("form-action 'none'", "form-action 'self'"));
    assertThat(header(r, "X-Content-Type-Options")).isEqualTo("nosniff");
    String html = r.body();
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<p class=\"meta\">5 articles</p>");
    int previous = -1;
    for (String id : Newsroom.PUBLIC_NEWEST_FIRST) {
      int at = html.indexOf("<a href=\"" + api.path("/articles/" + id + ".html") + "\">");
      assertThat(at).as(id).isGreaterThan(previous);
      previous = at;
    }
    assertThat(html).contains("<img src=\"https://images.example.com/pier.jpg?w=200\" alt=\"\" width=\"100\" "
        + "height=\"67\" loading=\"lazy\">Harbour pier reopens after two years of repairs</a>");
    assertThat(html).contains("<p class=\"meta\"><time datetime=\"2026-01-12T07:30:00Z\">2026-01-12 07:30 UTC</time>"
        + " \u00b7 LOCAL \u00b7 positive \u00b7 Harbour Gazette</p>");
    assertThat(html).contains("<p class=\"tags\">#CITY #TRANSPORT</p>");
    // The base itself, with or without its slash, is the preview page too.
    assertThat(api.send(java.net.http.HttpRequest.newBuilder(api.base).GET()).body()).isEqualTo(html);
  }

  @Test
  void previewPageEscapesEveryValueAndLoadsNoUnsafeImage() throws Exception {
    ApiClient api = start();
    String html = api.get("/").body();

    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("javascript:").doesNotContain("<b>")
        .doesNotContain("<i>ART");
    assertThat(html).contains("Gallery night &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;friends&quot;");
    assertThat(html).contains("#&lt;i&gt;ART&lt;/i&gt;").contains("Culture &lt;Weekly&gt;");
    assertThat(html).contains("<img src=\"/images/gallery.jpg?a=1&amp;b=&quot;2&quot;\"");
    assertThat(html).contains("<a href=\"" + api.path("/articles/2026/02/chip-plant.html")
        + "\">Chip plant opening slips to next year</a>");
  }

  @Test
  void previewPageLinksToTheNextPageWithTheSameFilters() throws Exception {
    ApiClient api = start();
    String html = api.get("/?limit=2&lang=en").body();
    assertThat(html).contains("<p class=\"meta\">3 articles</p>");
    String marker = "<nav><a href=\"" + api.path("/?limit=2&amp;lang=en&amp;cursor=");
    assertThat(html).contains(marker);
    String href = html.substring(html.indexOf(marker) + "<nav><a href=\"".length());
    href = href.substring(0, href.indexOf('"')).replace("&amp;", "&");
    String next = api.get(href.substring(api.basePath().length())).body();
    assertThat(next).contains(api.path("/articles/2026/01/harbour-pier.html")).doesNotContain("Older articles");
  }

  @Test
  void articlePageIsAMinimalSafeDocumentLinkingBackToTheBase() throws Exception {
    ApiClient api = start();
    HttpResponse<String> r = api.get("/articles/2026/01/harbour-pier.html");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(mediaType(r)).isEqualTo("text/html;charset=utf-8");
    assertThat(header(r, "Content-Security-Policy")).isEqualTo(CSP);
    String body = r.body();
    String style = body.substring(body.indexOf("<style>") + 7, body.indexOf("</style>"));
    assertThat(body).isEqualTo("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Harbour pier reopens after two years of repairs</title>
        <meta name="description" content="Walkers and anglers get the old pier back on Saturday.">
        <style>%s</style>
        </head>
        <body>
        <nav><a href="%s">All articles</a></nav>
        <article>
        <header>
        <h1>Harbour pier reopens after two years of repairs</h1>
        <p class="meta"><time datetime="2026-01-12T07:30:00Z">2026-01-12 07:30 UTC</time> \u00b7 LOCAL \u00b7 positive \u00b7 Harbour Gazette</p>
        </header>
        <h2 id="overview">Overview</h2>
        <p>The pier is open again from Saturday morning, with new railings and lights.</p>
        <h2 id="what-happened">What Happened</h2>
        <p>Storm damage closed it two winters ago.</p>
        </article>
        </body>
        </html>
        """.formatted(style, api.path("/")));
  }

  @Test
  void articlePageEscapesTitleMetaAndBody() throws Exception {
    ApiClient api = start();
    String html = api.get("/articles/2026/02/gallery-night.html").body();

    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("javascript:");
    assertThat(html).contains("<html lang=\"fr\">")
        .contains("<title>Gallery night &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;friends&quot;</title>")
        .contains("<meta name=\"description\" content=\"A night of &lt;b&gt;art&lt;/b&gt; &amp; music\">")
        .contains("Doors open at seven. &lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt;")
        .contains("<a href=\"https://example.com/map?a=1&amp;b=2\">the map</a>");
  }

  // ================================================================== previews and tokens

  /** What only the hidden articles hold: titles, tags, ids. */
  private static final List<String> SECRETS = List.of("Secret budget plan", "HIDDENTAG", "budget-plan",
      "Scheduled tram launch", "SCHEDULEDTAG", "tram-launch", "Expired winter", "EXPIREDTAG", "winter-offer",
      "TECHNOLOGY");

  @Test
  void nothingHiddenLeaksToThePublic() throws Exception {
    ApiClient api = start();
    for (String path : List.of("/", "/?limit=100", "/articles?limit=100", "/articles?category=BUSINESS",
        "/articles?tag=ECONOMY", "/articles?sort=oldest&limit=100", "/facets", "/facets?topTags=1000",
        "/facets?category=TECHNOLOGY", "/health")) {
      HttpResponse<String> r = api.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      for (String secret : SECRETS) {
        assertThat(r.body()).as(path).doesNotContain(secret);
      }
    }
    assertThat(api.json("/articles?tag=HIDDENTAG").get("total").asInt()).isZero();
    assertThat(api.json("/health").get("articles").asInt()).isEqualTo(5);
  }

  @Test
  void hiddenArticlesAreNotFoundByIdForThePublicNorForTheWriteToken() throws Exception {
    ApiClient api = start();
    String notFound = api.get("/articles/no/such/article").body();
    for (String id : List.of(Newsroom.DRAFT, Newsroom.SCHEDULED, Newsroom.EXPIRED)) {
      for (String path : List.of("/articles/" + id, "/articles/" + id + ".html")) {
        HttpResponse<String> r = api.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(404);
        assertThat(r.body()).isEqualTo(notFound);
        assertThat(api.get(path, bearer(WRITE_TOKEN)).statusCode()).as(path).isEqualTo(404);
      }
    }
  }

  @Test
  void previewParametersWithoutATokenAreUnauthorized() throws Exception {
    ApiClient api = start();
    for (String query : List.of("drafts=include", "drafts=only", "asOf=2026-05-01", "scheduled=include",
        "expired=only")) {
      for (String path : List.of("/articles?", "/facets?", "/?")) {
        HttpResponse<String> r = api.get(path + query);
        assertThat(r.statusCode()).as(path + query).isEqualTo(401);
        assertThat(header(r, "WWW-Authenticate")).isEqualTo("Bearer realm=\"broadsheet\"");
        assertThat(mediaType(r)).isEqualTo("application/problem+json");
        JsonNode p = parse(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(401);
        assertThat(p.get("detail").asText()).endsWith("needs a valid preview token (Authorization: Bearer).");
      }
    }
  }

  @Test
  void theWriteTokenGrantsNoPreviews() throws Exception {
    ApiClient api = start();
    HttpResponse<String> r = api.get("/articles?drafts=include", bearer(WRITE_TOKEN));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(header(r, "WWW-Authenticate")).isEqualTo("Bearer realm=\"broadsheet\", error=\"insufficient_scope\"");
    // Public answers stay public.
    HttpResponse<String> list = api.get("/articles", bearer(WRITE_TOKEN));
    assertThat(parse(list.body()).get("total").asInt()).isEqualTo(5);
    assertThat(header(list, "Cache-Control")).isEqualTo("no-cache");
  }

  @Test
  void aWrongTokenIsUnauthorizedWhateverIsAsked() throws Exception {
    ApiClient api = start();
    for (String path : List.of("/articles", "/articles/2026/01/rate-pause", "/facets", "/health", "/",
        "/articles?drafts=include")) {
      for (String token : List.of("wrong", TOKEN + "x", TOKEN.substring(1), WRITE_TOKEN + "x", "")) {
        HttpResponse<String> r = api.get(path, bearer(token));
        assertThat(r.statusCode()).as(path + " with " + token).isEqualTo(401);
        assertThat(header(r, "WWW-Authenticate")).isEqualTo("Bearer realm=\"broadsheet\", error=\"invalid_token\"");
        assertThat(r.body()).doesNotContain(TOKEN).doesNotContain(WRITE_TOKEN);
      }
    }
  }

  @Test
  void anApiWithoutTokensRefusesEveryBearer() throws Exception {
    ArticleRepository repository = ArticleRepository.builder()
        .store(FileArticleStore.builder(content).watching(Watching.OFF).build()).clock(CLOCK).build();
    ApiClient api = start(repository, b -> b);
    assertThat(api.get("/articles", bearer(TOKEN)).statusCode()).isEqualTo(401);
    assertThat(api.get("/articles?drafts=include").statusCode()).isEqualTo(401);
    assertThat(api.get("/articles").statusCode()).isEqualTo(200);
  }

  @Test
  void otherAuthorizationSchemesAreNotOurs() throws Exception {
    ApiClient api = start();
    HttpResponse<String> r = api.get("/articles", "Authorization", "Basic dXNlcjpwYXNz");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(parse(r.body()).get("total").asInt()).isEqualTo(5);
    assertThat(api.get("/articles?drafts=include", "Authorization", "Basic dXNlcjpwYXNz").statusCode()).isEqualTo(401);
  }

  @Test
  void theTokenShowsDraftsAndAnotherMoment() throws Exception {
    ApiClient api = start();
    String[] auth = bearer(TOKEN);
    assertThat(ids(api.json("/articles?drafts=only", auth))).containsExactly(Newsroom.DRAFT);
    assertThat(ids(api.json("/articles?drafts=include&category=business&sort=newest", auth)))
        .containsExactly(Newsroom.DRAFT, "2026/02/chip-plant", "2026/01/rate-pause");
    assertThat(ids(api.json("/articles?asOf=2026-04-02&category=technology", auth))).containsExactly(Newsroom.SCHEDULED);
    assertThat(ids(api.json("/articles?asOf=2026-01-15&sort=newest", auth)))
        .containsExactly("2026/01/harbour-pier", Newsroom.EXPIRED);
    assertThat(ids(api.json("/articles?scheduled=only", auth))).containsExactly(Newsroom.SCHEDULED);
    assertThat(ids(api.json("/articles?expired=only", auth))).containsExactly(Newsroom.EXPIRED);
    assertThat(api.json("/facets?drafts=only&topTags=5", auth).get("tags").toString()).contains("HIDDENTAG");
    // Previews go to one reader: never stored by a cache.
    assertThat(header(api.get("/articles?drafts=only", auth), "Cache-Control")).isEqualTo("private, no-store");
    assertThat(header(api.get("/articles", auth), "Cache-Control")).isEqualTo("private, no-store");
    // With the token spelt in any case, and white space after the scheme.
    assertThat(api.get("/articles?drafts=only", "Authorization", "bearer " + TOKEN).statusCode()).isEqualTo(200);
    assertThat(api.get("/articles?drafts=only", "Authorization", "BEARER  " + TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void theTokenFetchesHiddenArticlesById() throws Exception {
    ApiClient api = start();
    String[] auth = bearer(TOKEN);
    for (String id : List.of(Newsroom.DRAFT, Newsroom.SCHEDULED, Newsroom.EXPIRED)) {
      assertThat(api.json("/articles/" + id, auth).get("id").asText()).isEqualTo(id);
      HttpResponse<String> page = api.get("/articles/" + id + ".html", auth);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<meta name=\"robots\" content=\"noindex\">");
      assertThat(header(page, "Cache-Control")).isEqualTo("private, no-store");
    }
    assertThat(api.get("/articles/" + Newsroom.DRAFT + ".html", auth).body()).contains("<span class=\"status\">Draft</span>");
    assertThat(api.get("/?drafts=include", auth).body())
        .contains("Secret budget plan").contains("<span class=\"status\">Draft</span>");
  }

  @Test
  void oneTokenConfiguredForBothGrantsBoth() throws Exception {
    ArticleRepository repository = ArticleRepository.builder()
        .store(FileArticleStore.builder(content).watching(Watching.OFF).build()).clock(CLOCK).build();
    ApiClient api = start(repository, b -> b.previewToken("editor-token").writeToken("editor-token"));
    HttpResponse<String> draft = api.get("/articles/" + Newsroom.DRAFT, bearer("editor-token"));
    assertThat(draft.statusCode()).isEqualTo(200);
    HttpResponse<String> r = api.send("PATCH", "/articles/" + Newsroom.DRAFT, "{\"draft\":false}",
        "Authorization", "Bearer editor-token", "Content-Type", "application/merge-patch+json",
        "If-Match", header(draft, "ETag"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(api.get("/articles/" + Newsroom.DRAFT).statusCode()).isEqualTo(200);
  }

  @Test
  void anAuthorizerReplacesTheTokens() throws Exception {
    ArticleRepository repository = ArticleRepository.builder()
        .store(FileArticleStore.builder(content).watching(Watching.OFF).build()).clock(CLOCK).build();
    Authorizer byHeader = request -> switch (request.header("X-Role").orElse("")) {
      case "editor" -> Authorizer.Decision.authenticated(Authorizer.Permission.PREVIEW, Authorizer.Permission.WRITE);
      case "reader" -> Authorizer.Decision.authenticated();
      case "" -> Authorizer.Decision.anonymous();
      default -> Authorizer.Decision.refused("Unknown role.");
    };
    ApiClient api = start(repository, b -> b.authorizer(byHeader));
    assertThat(api.get("/articles?drafts=only", "X-Role", "editor").statusCode()).isEqualTo(200);
    assertThat(api.get("/articles?drafts=only", "X-Role", "reader").statusCode()).isEqualTo(403);
    assertThat(api.get("/articles?drafts=only").statusCode()).isEqualTo(401);
    HttpResponse<String> refused = api.get("/articles", "X-Role", "admin");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(parse(refused.body()).get("detail").asText()).isEqualTo("Unknown role.");
    assertThat(api.send("DELETE", "/articles/2026/01/rate-pause", null, "X-Role", "reader").statusCode())
        .isEqualTo(403);
  }

  // ================================================================== methods

  @Test
  void headAnswersLikeGetWithoutBodyWhereverGetIs() throws Exception {
    ApiClient api = start();
    for (String path : List.of("/", "/articles", "/articles/2026/01/rate-pause", "/articles/2026/01/rate-pause.html",
        "/facets", "/health")) {
      HttpResponse<String> get = api.get(path);
      HttpResponse<String> head = api.head(path);

      assertThat(head.statusCode()).as(path).isEqualTo(200);
      assertThat(head.body()).as(path).isEmpty();
      assertThat(header(head, "ETag")).as(path).isEqualTo(header(get, "ETag"));
      assertThat(mediaType(head)).as(path).isEqualTo(mediaType(get));
      assertThat(header(head, "Content-Length")).as(path).isEqualTo(String.valueOf(get.body().getBytes(StandardCharsets.UTF_8).length));
    }
  }

  @Test
  void withoutAWriteTokenWritesAreNotAllowed() throws Exception {
    ArticleRepository repository = ArticleRepository.builder()
        .store(FileArticleStore.builder(content).watching(Watching.OFF).build()).clock(CLOCK).build();
    ApiClient api = start(repository, b -> b.previewToken(TOKEN));
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      for (String path : List.of("/articles", "/articles/2026/01/rate-pause")) {
        HttpResponse<String> r = api.send(method, path, "{}", "Authorization", "Bearer " + TOKEN,
            "Content-Type", "application/json");
        assertThat(r.statusCode()).as(method + " " + path).isEqualTo(405);
        assertThat(header(r, "Allow")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(mediaType(r)).isEqualTo("application/problem+json");
        assertThat(parse(r.body()).get("status").asInt()).isEqualTo(405);
      }
    }
  }

  @Test
  void refusesOtherMethodsWithTheAllowOfEachPath() throws Exception {
    ApiClient api = start();
    assertThat(header(api.send("DELETE", "/articles", null), "Allow")).isEqualTo("GET, HEAD, POST, OPTIONS");
    assertThat(header(api.send("POST", "/articles/2026/01/rate-pause", "{}"), "Allow"))
        .isEqualTo("GET, HEAD, PUT, PATCH, DELETE, OPTIONS");
    for (String path : List.of("/", "/facets", "/health", "/articles/2026/01/rate-pause.html")) {
      HttpResponse<String> r = api.send("PUT", path, "{}");
      assertThat(r.statusCode()).as(path).isEqualTo(405);
      assertThat(header(r, "Allow")).as(path).isEqualTo("GET, HEAD, OPTIONS");
    }
  }

  @Test
  void optionsAnswersWithAllow() throws Exception {
    ApiClient api = start();
    HttpResponse<String> r = api.send("OPTIONS", "/articles/2026/01/rate-pause", null);
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(header(r, "Allow")).isEqualTo("GET, HEAD, PUT, PATCH, DELETE, OPTIONS");
    assertThat(header(r, "Accept-Patch")).isEqualTo("application/merge-patch+json");
    assertThat(header(r, "Access-Control-Allow-Origin")).isNull();
    assertThat(r.body()).isEmpty();
  }

  // ================================================================== validators

  @Test
  void answersIfNoneMatchWithNotModified() throws Exception {
    ApiClient api = start();
    HttpResponse<String> first = api.get("/articles?category=business");
    String etag = header(first, "ETag");
    assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
    assertThat(header(api.get("/articles?category=business"), "ETag")).isEqualTo(etag);

    HttpResponse<String> same = api.get("/articles?category=business", "If-None-Match", etag);
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.body()).isEmpty();
    assertThat(header(same, "ETag")).isEqualTo(etag);

    assertThat(api.get("/articles?category=business", "If-None-Match", "\"other\", W/" + etag).statusCode())
        .isEqualTo(304);
    assertThat(api.get("/articles/2026/01/rate-pause", "If-None-Match", "*").statusCode()).isEqualTo(304);
    assertThat(api.get("/articles?category=sports", "If-None-Match", etag).statusCode()).isEqualTo(200);
    // No article, nothing to match: * does not turn a 404 into a 304.
    assertThat(api.get("/articles/2026/01/missing", "If-None-Match", "*").statusCode()).isEqualTo(404);
  }

  @Test
  void aListsTagComesFromTheRepositorysVersionSoItsNotModifiedRunsNoQuery() throws Exception {
    MovableClock clock = new MovableClock(Newsroom.NOW);
    ArticleRepository repo = movable(clock, 1000);
    ApiClient api = start(repo, b -> b.clock(clock));
    java.util.concurrent.atomic.AtomicInteger asked = queriesOf(repo);
    String list = "/articles?limit=20";
    HttpResponse<String> first = api.get(list);
    String etag = header(first, "ETag");
    String facetsTag = header(api.get("/facets"), "ETag");
    int made = asked.get();
    assertThat(made).isGreaterThanOrEqualTo(2);

    HttpResponse<String> same = api.get(list, "If-None-Match", etag);
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(header(same, "ETag")).isEqualTo(etag);
    assertThat(api.get("/facets", "If-None-Match", facetsTag).statusCode()).isEqualTo(304);
    assertThat(asked.get()).as("queries run for the 304s").isEqualTo(made);
    // Another request, another tag: the query string, the preview token.
    assertThat(header(api.get("/articles?limit=19"), "ETag")).isNotEqualTo(etag);
    assertThat(header(api.get(list, bearer(TOKEN)), "ETag")).isNotEqualTo(etag);

    repo.save(repo.get("2026/01/harbour-pier").orElseThrow().withTitle("Pier, again"));
    HttpResponse<String> saved = api.get(list, "If-None-Match", etag);
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.body()).contains("Pier, again");
    String afterSave = header(saved, "ETag");
    assertThat(afterSave).isNotEqualTo(etag);

    Instant due = Objects.requireNonNull(repo.get(Newsroom.SCHEDULED).orElseThrow().publishedAt());
    clock.set(due.minusSeconds(1));
    assertThat(api.get(list, "If-None-Match", afterSave).statusCode()).isEqualTo(304);
    clock.set(due.plusSeconds(1));
    HttpResponse<String> published = api.get(list, "If-None-Match", afterSave);
    assertThat(published.statusCode()).as("the scheduled article is public now").isEqualTo(200);
    assertThat(published.body()).contains(Newsroom.SCHEDULED);
  }

  /**
   * A public list or facets asked again before anything changes is sent as it was made, with no
   * query; a change, the clock passing a publication, another query string and a preview each
   * get an answer made anew.
   */
  @Test
  void anAnswerAskedAgainBeforeAnythingChangesIsSentAsMadeWithoutAQuery() throws Exception {
    MovableClock clock = new MovableClock(Newsroom.NOW);
    ArticleRepository repo = movable(clock, 1000);
    ApiClient api = start(repo, b -> b.clock(clock).previewToken(TOKEN));
    java.util.concurrent.atomic.AtomicInteger asked = queriesOf(repo);
    String list = "/articles?limit=20";
    HttpResponse<String> first = api.get(list);
    String facets = api.get("/facets").body();
    int made = asked.get();
    assertThat(made).isGreaterThanOrEqualTo(2);

    HttpResponse<String> again = api.get(list);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(header(again, "ETag")).isEqualTo(header(first, "ETag"));
    assertThat(api.get("/facets").body()).isEqualTo(facets);
    assertThat(asked.get()).as("queries run for answers asked again").isEqualTo(made);

    assertThat(api.get("/articles?limit=4").body()).isNotEqualTo(first.body());
    assertThat(asked.get()).as("another query string").isGreaterThan(made);
    made = asked.get();
    HttpResponse<String> preview = api.get(list + "&drafts=include", bearer(TOKEN));
    assertThat(preview.body()).contains(Newsroom.DRAFT);
    api.get(list + "&drafts=include", bearer(TOKEN));
    assertThat(asked.get()).as("previews, made each time").isGreaterThanOrEqualTo(made + 2);
    assertThat(api.get(list + "&drafts=include").statusCode()).as("the public cannot have the preview").isEqualTo(401);

    repo.save(repo.get("2026/01/harbour-pier").orElseThrow().withTitle("Pier, again"));
    assertThat(api.get(list).body()).contains("Pier, again").isNotEqualTo(first.body());
    String saved = api.get(list).body();
    assertThat(saved).doesNotContain(Newsroom.SCHEDULED);

    Instant due = Objects.requireNonNull(repo.get(Newsroom.SCHEDULED).orElseThrow().publishedAt());
    clock.set(due.minusSeconds(1));
    assertThat(api.get(list).body()).isEqualTo(saved);
    clock.set(due.plusSeconds(1));
    assertThat(api.get(list).body()).as("the scheduled article is public now").contains(Newsroom.SCHEDULED);
  }

  /**
   * Saves while four clients read the same list without pause: each list asked after a save
   * returned shows that save, though the answers of the versions before were kept for the
   * readers.
   */
  @Test
  void aListAskedAfterASaveShowsItWhileOthersReadTheSameList() throws Exception {
    MovableClock clock = new MovableClock(Newsroom.NOW);
    ArticleRepository repo = movable(clock, 1000);
    ApiClient api = start(repo, b -> b.clock(clock));
    String list = "/articles?limit=20";
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();
    List<Integer> refused = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread reader = new Thread(() -> {
        while (!stop.get()) {
          int status;
          try {
            status = api.get(list).statusCode();
          } catch (RuntimeException e) {
            status = -1; // no answer at all
          }
          if (status != 200) {
            refused.add(status);
          }
          read.incrementAndGet();
        }
      });
      reader.start();
      readers.add(reader);
    }
    try {
      for (int i = 0; i < 40; i++) {
        int before = read.get();
        repo.save(repo.get("2026/01/harbour-pier").orElseThrow().withTitle("Pier, take " + i));
        assertThat(api.get(list).body()).as("after save %d", i).contains("\"Pier, take " + i + "\"");
        // the readers have read the list since this save began, however slow the machine
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (read.get() <= before && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
      }
    } finally {
      stop.set(true);
      for (Thread reader : readers) {
        reader.join(10_000);
      }
    }
    assertThat(refused).isEmpty();
    assertThat(read.get()).isGreaterThanOrEqualTo(40);
  }

  @Test
  void anArticlesEtagIsItsRevisionAndItsPageHasOneOfItsOwn() throws Exception {
    ApiClient api = start();
    HttpResponse<String> json = api.get("/articles/2026/02/stadion");
    String revision = parse(json.body()).get("revision").asText();
    assertThat(header(json, "ETag")).isEqualTo("\"" + revision + "\"");
    String page = header(api.get("/articles/2026/02/stadion.html"), "ETag");
    assertThat(page).isEqualTo("\"" + revision + ".html\"");
    assertThat(api.get("/articles/2026/02/stadion.html", "If-None-Match", page).statusCode()).isEqualTo(304);
    assertThat(api.get("/articles/2026/02/stadion.html", "If-None-Match", header(json, "ETag")).statusCode())
        .isEqualTo(200);
    // The preview of a draft shows its status, so its page is another representation.
    HttpResponse<String> draft = api.get("/articles/" + Newsroom.DRAFT + ".html", bearer(TOKEN));
    assertThat(header(draft, "ETag")).endsWith(".html.draft\"");
  }

  @Test
  void anArticleIsLastModifiedWhenItWasUpdatedAndIfModifiedSinceGivesNotModified() throws Exception {
    ApiClient api = start();
    HttpResponse<String> pier = api.get("/articles/2026/01/harbour-pier");
    assertThat(header(pier, "Last-Modified")).isEqualTo("Mon, 12 Jan 2026 09:15:00 GMT"); // its updatedAt
    assertThat(header(api.get("/articles/2026/01/rate-pause"), "Last-Modified"))
        .isEqualTo("Tue, 20 Jan 2026 13:00:00 GMT"); // no updatedAt: its publishedAt
    assertThat(header(api.get("/articles/2026/01/harbour-pier.html"), "Last-Modified"))
        .isEqualTo("Mon, 12 Jan 2026 09:15:00 GMT");

    HttpResponse<String> same = api.get("/articles/2026/01/harbour-pier", "If-Modified-Since",
        "Mon, 12 Jan 2026 09:15:00 GMT");
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(header(same, "ETag")).isEqualTo(header(pier, "ETag"));
    assertThat(api.get("/articles/2026/01/harbour-pier", "If-Modified-Since", "Mon, 12 Jan 2026 09:14:59 GMT")
        .statusCode()).isEqualTo(200);
    assertThat(api.get("/articles/2026/01/harbour-pier", "If-Modified-Since", "not a date").statusCode())
        .isEqualTo(200);
    // The ETag wins: a tag that does not match is a 200 whatever the date says.
    assertThat(api.get("/articles/2026/01/harbour-pier", "If-None-Match", "\"other\"",
        "If-Modified-Since", "Sun, 01 Mar 2026 00:00:00 GMT").statusCode()).isEqualTo(200);
  }

  @Test
  void listsFacetsAndPagesCarryNoLastModified() throws Exception {
    ApiClient api = start();
    for (String path : List.of("/articles", "/facets", "/", "/health")) {
      HttpResponse<String> r = api.get(path);
      assertThat(header(r, "Last-Modified")).as(path).isNull();
      assertThat(api.get(path, "If-Modified-Since", "Sun, 01 Mar 2026 00:00:00 GMT").statusCode()).as(path)
          .isEqualTo(200);
    }
  }

  @Test
  void publicAnswersCarryTheConfiguredCacheControlAndVary() throws Exception {
    ApiClient cdn = start(b -> b.cacheControl("public, max-age=60"));
    HttpResponse<String> r = cdn.get("/articles/2026/01/rate-pause");
    assertThat(header(r, "Cache-Control")).isEqualTo("public, max-age=60");
    assertThat(header(r, "Vary")).isEqualTo("Authorization, Accept-Encoding");
    assertThat(header(r, "X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(header(r, "Referrer-Policy")).isEqualTo("no-referrer");
  }

  // ================================================================== compression

  @Test
  void gzipsLargeAnswersForClientsThatAcceptIt() throws Exception {
    ApiClient api = start();
    HttpResponse<byte[]> plain = api.bytes("/articles");
    HttpResponse<byte[]> zipped = api.bytes("/articles", "Accept-Encoding", "br;q=1, gzip;q=0.8");

    assertThat(plain.body().length).isGreaterThan(1024);
    assertThat(header(plain, "Content-Encoding")).isNull();
    assertThat(header(zipped, "Content-Encoding")).isEqualTo("gzip");
    assertThat(header(zipped, "Vary")).contains("Accept-Encoding");
    assertThat(zipped.body().length).isLessThan(plain.body().length);
    assertThat(gunzip(zipped.body())).isEqualTo(plain.body());
    String etag = header(plain, "ETag");
    assertThat(header(zipped, "ETag")).isEqualTo(etag.substring(0, etag.length() - 1) + "--gzip\"");
    // Either tag validates either representation.
    assertThat(api.bytes("/articles", "Accept-Encoding", "gzip", "If-None-Match", etag).statusCode()).isEqualTo(304);
    HttpResponse<byte[]> notModified = api.bytes("/articles", "If-None-Match", header(zipped, "ETag"));
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    // Refused, or small: sent as they are.
    assertThat(header(api.bytes("/articles", "Accept-Encoding", "gzip;q=0, *"), "Content-Encoding")).isNull();
    assertThat(header(api.bytes("/health", "Accept-Encoding", "gzip"), "Content-Encoding")).isNull();
    HttpResponse<String> head = api.head("/articles", "Accept-Encoding", "gzip");
    assertThat(header(head, "Content-Encoding")).isEqualTo("gzip");
    assertThat(header(head, "Content-Length")).isEqualTo(String.valueOf(zipped.body().length));
  }

  @Test
  void compressionCanBeLeftToTheHost() throws Exception {
    ApiClient api = start(b -> b.compression(ContentApi.Compression.NONE));
    assertThat(header(api.bytes("/articles", "Accept-Encoding", "gzip"), "Content-Encoding")).isNull();
  }

  // ================================================================== CORS

  @Test
  void configuredOriginsMayReadAndOthersGetNoCorsHeader() throws Exception {
    ApiClient api = start(b -> b.corsOrigins("https://Editor.example.com:443", "http://localhost:3000"));
    HttpResponse<String> ours = api.get("/articles", "Origin", "https://editor.example.com");
    assertThat(header(ours, "Access-Control-Allow-Origin")).isEqualTo("https://editor.example.com");
    assertThat(header(ours, "Access-Control-Expose-Headers")).contains("ETag").contains("Location");
    assertThat(header(ours, "Vary")).isEqualTo("Authorization, Accept-Encoding, Origin");
    assertThat(header(api.get("/articles", "Origin", "http://localhost:3000"), "Access-Control-Allow-Origin"))
        .isEqualTo("http://localhost:3000");

    for (String other : List.of("https://evil.example.com", "http://editor.example.com", "null",
        "https://editor.example.com.evil.example")) {
      HttpResponse<String> r = api.get("/articles", "Origin", other);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(header(r, "Access-Control-Allow-Origin")).as(other).isNull();
      assertThat(header(r, "Vary")).contains("Origin");
    }
  }

  @Test
  void aPreflightFromAConfiguredOriginMayWriteWithTheTokenAndConditions() throws Exception {
    ApiClient api = start(b -> b.corsOrigins("https://editor.example.com"));
    HttpResponse<String> r = api.send("OPTIONS", "/articles/2026/01/rate-pause", null,
        "Origin", "https://editor.example.com", "Access-Control-Request-Method", "PATCH",
        "Access-Control-Request-Headers", "authorization, content-type, if-match");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("https://editor.example.com");
    assertThat(header(r, "Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, PUT, PATCH, DELETE, OPTIONS");
    assertThat(header(r, "Access-Control-Allow-Headers"))
        .isEqualTo("Authorization, Content-Type, If-Match, If-None-Match, If-Modified-Since");
    assertThat(header(r, "Access-Control-Max-Age")).isEqualTo("600");

    HttpResponse<String> evil = api.send("OPTIONS", "/articles/2026/01/rate-pause", null,
        "Origin", "https://evil.example.com", "Access-Control-Request-Method", "DELETE");
    assertThat(header(evil, "Access-Control-Allow-Origin")).isNull();
    assertThat(header(evil, "Access-Control-Allow-Methods")).isNull();
  }

  // ================================================================== writes

  private static final String NEW_ARTICLE = """
      {"id": "2026/03/ferry-timetable", "title": "New ferry timetable from April",
       "publishedAt": "2026-02-28T10:00:00Z", "category": "LOCAL", "tags": ["TRANSPORT"],
       "body": "## Overview\\n\\nBoats run every half hour.\\n"}
      """;

  private static String[] writeHeaders(String contentType, String... more) {
    List<String> h = new ArrayList<>(List.of("Authorization", "Bearer " + WRITE_TOKEN));
    if (contentType != null) {
      h.addAll(List.of("Content-Type", contentType));
    }
    h.addAll(List.of(more));
    return h.toArray(String[]::new);
  }

  @Test
  void postCreatesAnArticleWithLocationAndTheEtagItIsReadWith() throws Exception {
    ApiClient api = start();
    HttpResponse<String> r = api.send("POST", "/articles", NEW_ARTICLE, writeHeaders("application/json"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(header(r, "Location")).isEqualTo(api.path("/articles/2026/03/ferry-timetable"));
    assertThat(header(r, "Cache-Control")).isEqualTo("no-store");
    JsonNode stored = parse(r.body());
    assertThat(stored.get("id").asText()).isEqualTo("2026/03/ferry-timetable");
    assertThat(header(r, "ETag")).isEqualTo("\"" + stored.get("revision").asText() + "\"");
    assertThat(Files.readString(content.resolve("2026/03/ferry-timetable.md"))).contains("title: New ferry timetable");

    HttpResponse<String> read = api.get(header(r, "Location").substring(api.basePath().length()));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(header(read, "ETag")).isEqualTo(header(r, "ETag"));
    assertThat(parse(read.body()).get("body").asText()).isEqualTo("## Overview\n\nBoats run every half hour.\n");
    assertThat(api.json("/articles?category=LOCAL").get("total").asInt()).isEqualTo(2);
  }

  @Test
  void postOfAnIdThatExistsInAnySpellingIsAConflict() throws Exception {
    ApiClient api = start();
    for (String id : List.of("2026/01/rate-pause", "2026/01/Rate-Pause", "2026/01/RATE-PAUSE")) {
      HttpResponse<String> r = api.send("POST", "/articles", NEW_ARTICLE.replace("2026/03/ferry-timetable", id),
          writeHeaders("application/json"));
      assertThat(r.statusCode()).as(id).isEqualTo(409);
      assertThat(r.body()).doesNotContain(dir.toString());
      assertThat(parse(r.body()).get("type").asText()).isEqualTo("https://broadsheet.dev/problems/article-exists");
    }
    assertThat(api.json("/articles/2026/01/rate-pause").get("title").asText())
        .isEqualTo("Central bank leaves its main rate alone");
  }

  @Test
  void putReplacesTheRevisionNamedAndAStaleEtagIsAPreconditionFailure() throws Exception {
    ApiClient api = start();
    HttpResponse<String> read = api.get("/articles/2026/01/rate-pause");
    String etag = header(read, "ETag");
    String changed = read.body().replace("Central bank leaves its main rate alone", "Central bank holds its rate");

    HttpResponse<String> put = api.send("PUT", "/articles/2026/01/rate-pause", changed,
        writeHeaders("application/json", "If-Match", etag));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    String newEtag = header(put, "ETag");
    assertThat(newEtag).isNotEqualTo(etag).isEqualTo("\"" + parse(put.body()).get("revision").asText() + "\"");
    assertThat(api.json("/articles/2026/01/rate-pause").get("title").asText()).isEqualTo("Central bank holds its rate");

    HttpResponse<String> stale = api.send("PUT", "/articles/2026/01/rate-pause", read.body(),
        writeHeaders("application/json", "If-Match", etag));
    assertThat(stale.statusCode()).isEqualTo(412);
    JsonNode p = parse(stale.body());
    assertThat(p.get("type").asText()).isEqualTo("https://broadsheet.dev/problems/revision-mismatch");
    assertThat(p.get("currentEtag").asText()).isEqualTo(newEtag);
    assertThat(p.get("currentRevision").asText()).isEqualTo(parse(put.body()).get("revision").asText());
    assertThat(p.get("detail").asText()).contains(newEtag);
    // A weak tag never matches for a write.
    assertThat(api.send("PUT", "/articles/2026/01/rate-pause", changed,
        writeHeaders("application/json", "If-Match", "W/" + newEtag)).statusCode()).isEqualTo(412);
  }

  @Test
  void putCreatesOnlyWithIfNoneMatchStarAndNeedsAPreconditionOtherwise() throws Exception {
    ApiClient api = start();
    String path = "/articles/2026/03/ferry-timetable";
    HttpResponse<String> bare = api.send("PUT", path, NEW_ARTICLE, writeHeaders("application/json"));
    assertThat(bare.statusCode()).isEqualTo(428);
    assertThat(parse(bare.body()).get("detail").asText())
        .isEqualTo("PUT needs If-Match with the article's current ETag, or If-None-Match: * to create it.");
    assertThat(api.send("PUT", path, NEW_ARTICLE, writeHeaders("application/json", "If-Match", "*")).statusCode())
        .isEqualTo(428);
    assertThat(api.send("PUT", path, NEW_ARTICLE, writeHeaders("application/json", "If-Match", "\"m1\"")).statusCode())
        .isEqualTo(412);

    HttpResponse<String> created = api.send("PUT", path, NEW_ARTICLE, writeHeaders("application/json", "If-None-Match", "*"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(header(created, "Location")).isEqualTo(api.path(path));

    HttpResponse<String> again = api.send("PUT", path, NEW_ARTICLE, writeHeaders("application/json", "If-None-Match", "*"));
    assertThat(again.statusCode()).isEqualTo(412);
    assertThat(parse(again.body()).get("currentEtag").asText()).isEqualTo(header(created, "ETag"));
  }

  @Test
  void putTakesOnlyTheIdInThePath() throws Exception {
    ApiClient api = start();
    HttpResponse<String> read = api.get("/articles/2026/01/rate-pause");
    HttpResponse<String> r = api.send("PUT", "/articles/2026/01/rate-pause",
        read.body().replace("\"id\":\"2026/01/rate-pause\"", "\"id\":\"2026/01/other\""),
        writeHeaders("application/json", "If-Match", header(read, "ETag")));
    assertThat(r.statusCode()).isEqualTo(422);
    JsonNode error = parse(r.body()).get("errors").get(0);
    assertThat(error.get("pointer").asText()).isEqualTo("/id");
    assertThat(error.get("message").asText()).isEqualTo("id must be the id in the path, '2026/01/rate-pause'");
  }

  @Test
  void patchChangesOneFieldAndLeavesEveryOtherByteOfTheFile() throws Exception {
    String original = """
        ---
        title: Harbour Ferries to Run Through the Night
        publishedAt: '2026-01-12T07:30:00.000Z'
        # editors: do not reorder
        tags: [TRANSPORT, CITY]
        stickyWeight: 0 # pinned stories have a weight
        category: LOCAL
        seoKeywords: [ferry, night]
        draft: false
        ---
        ## Overview

        Night owls will no longer need a taxi.
        """;
    Path file = Newsroom.write(content, "2026/01/harbour-ferry.md", original);
    ApiClient api = start();
    String etag = header(api.get("/articles/2026/01/harbour-ferry"), "ETag");

    HttpResponse<String> r = api.send("PATCH", "/articles/2026/01/harbour-ferry", "{\"stickyWeight\": 5}",
        writeHeaders("application/merge-patch+json", "If-Match", etag));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(parse(r.body()).get("stickyWeight").asInt()).isEqualTo(5);
    assertThat(Files.readString(file)).isEqualTo(original.replace("stickyWeight: 0 #", "stickyWeight: 5 #"));
    assertThat(header(r, "ETag")).isNotEqualTo(etag);
    assertThat(header(api.get("/articles/2026/01/harbour-ferry"), "ETag")).isEqualTo(header(r, "ETag"));
  }

  @Test
  void patchRemovesWhatIsNullMergesObjectsAndReplacesTheBody() throws Exception {
    ApiClient api = start();
    HttpResponse<String> read = api.get("/articles/2026/01/harbour-pier");
    HttpResponse<String> r = api.send("PATCH", "/articles/2026/01/harbour-pier", """
        {"description": null, "source": {"type": null, "name": "The Gazette"}, "extra": {"desk": "city"},
         "body": "Open again.\\n", "revision": "ignored"}
        """, writeHeaders("application/merge-patch+json; charset=UTF-8", "If-Match", header(read, "ETag")));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode a = api.json("/articles/2026/01/harbour-pier");
    assertThat(a.has("description")).isFalse();
    assertThat(a.get("source").toString()).isEqualTo("{\"name\":\"The Gazette\",\"key\":\"gazette\"}");
    assertThat(a.get("extra").toString()).isEqualTo("{\"desk\":\"city\"}");
    assertThat(a.get("body").asText()).isEqualTo("Open again.\n");
    assertThat(a.get("title").asText()).isEqualTo("Harbour pier reopens after two years of repairs");
    assertThat(a.get("tags").toString()).isEqualTo("[\"CITY\",\"TRANSPORT\"]");
    assertThat(header(api.get("/articles/2026/01/harbour-pier.html"), "ETag"))
        .isEqualTo("\"" + a.get("revision").asText() + ".html\"");
  }

  @Test
  void patchCannotChangeTheIdAndReportsEveryProblemWithItsPositionInThePatch() throws Exception {
    ApiClient api = start();
    String etag = header(api.get("/articles/2026/01/rate-pause"), "ETag");
    HttpResponse<String> r = api.send("PATCH", "/articles/2026/01/rate-pause",
        "{\"id\": \"2026/01/elsewhere\",\n \"title\": null,\n \"stickyWeight\": -3}",
        writeHeaders("application/merge-patch+json", "If-Match", etag));

    assertThat(r.statusCode()).isEqualTo(422);
    JsonNode p = parse(r.body());
    assertThat(p.get("type").asText()).isEqualTo("https://broadsheet.dev/problems/invalid-article");
    assertThat(p.get("detail").asText()).isEqualTo("3 problems make the article invalid.");
    List<String> errors = new ArrayList<>();
    p.get("errors").forEach(e -> errors.add(e.get("pointer").asText() + " " + e.get("path").asText() + " "
        + e.get("line").asInt() + ":" + e.get("column").asInt()));
    assertThat(errors).containsExactlyInAnyOrder("/id $.id 1:8", "/title $.title 2:11", "/stickyWeight $.stickyWeight 3:18");
    assertThat(api.json("/articles/2026/01/rate-pause").get("title").asText())
        .isEqualTo("Central bank leaves its main rate alone");
  }

  @Test
  void anInvalidArticleListsEveryProblemByJsonPathLineAndColumn() throws Exception {
    ApiClient api = start();
    HttpResponse<String> r = api.send("POST", "/articles",
        "{\"id\": \"2026/03/bad\", \"title\": 5,\n \"tags\": [\"A\", 7], \"colour\": \"red\"}",
        writeHeaders("application/json"));

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(mediaType(r)).isEqualTo("application/problem+json");
    JsonNode p = parse(r.body());
    assertThat(p.get("title").asText()).isEqualTo("Invalid article");
    List<String> errors = new ArrayList<>();
    p.get("errors").forEach(e -> errors.add(e.get("pointer").asText() + " " + e.get("line").asInt() + ":"
        + e.get("column").asInt() + " " + e.get("rule").asText()));
    // Every problem at once, the missing publishedAt too, each where it is in the body sent.
    assertThat(errors).containsExactly("/publishedAt 1:1 required", "/title 1:32 type", "/tags/1 2:16 type",
        "/colour 2:20 unknown-field");
    assertThat(p.get("errors").get(1).get("message").asText()).isEqualTo("title must be a string, was a number");
    assertThat(Files.exists(content.resolve("2026/03/bad.md"))).isFalse();
  }

  @Test
  void aBodyThatIsNotJsonIsABadRequestWithItsPosition() throws Exception {
    ApiClient api = start();
    HttpResponse<String> r = api.send("POST", "/articles", "{\"id\": \"a\",\n \"title\": }", writeHeaders("application/json"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode p = parse(r.body());
    assertThat(p.get("type").asText()).isEqualTo("https://broadsheet.dev/problems/malformed-json");
    assertThat(p.get("line").asInt()).isEqualTo(2);
    assertThat(api.send("POST", "/articles", "", writeHeaders("application/json")).statusCode()).isEqualTo(400);
    assertThat(api.send("POST", "/articles", NEW_ARTICLE + " {}", writeHeaders("application/json")).statusCode())
        .isEqualTo(400);
  }

  @Test
  void writesTakeTheirOwnMediaTypeOnly() throws Exception {
    ApiClient api = start();
    String etag = header(api.get("/articles/2026/01/rate-pause"), "ETag");
    HttpResponse<String> patch = api.send("PATCH", "/articles/2026/01/rate-pause", "{\"stickyWeight\": 1}",
        writeHeaders("application/json", "If-Match", etag));
    assertThat(patch.statusCode()).isEqualTo(415);
    assertThat(header(patch, "Accept-Patch")).isEqualTo("application/merge-patch+json");
    for (String type : List.of("text/plain", "application/json; charset=ISO-8859-1", "application/merge-patch+json")) {
      assertThat(api.send("POST", "/articles", NEW_ARTICLE, writeHeaders(type)).statusCode()).as(type).isEqualTo(415);
    }
    assertThat(api.send("POST", "/articles", NEW_ARTICLE, writeHeaders(null)).statusCode()).isEqualTo(415);
    assertThat(api.send("POST", "/articles", NEW_ARTICLE, writeHeaders("Application/JSON;charset=\"utf-8\""))
        .statusCode()).isEqualTo(201);
  }

  @Test
  void writesNeedTheWriteToken() throws Exception {
    ApiClient api = start();
    HttpResponse<String> anonymous = api.send("POST", "/articles", NEW_ARTICLE, "Content-Type", "application/json");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(header(anonymous, "WWW-Authenticate")).isEqualTo("Bearer realm=\"broadsheet\"");
    HttpResponse<String> preview = api.send("POST", "/articles", NEW_ARTICLE, "Content-Type", "application/json",
        "Authorization", "Bearer " + TOKEN);
    assertThat(preview.statusCode()).isEqualTo(403);
    assertThat(parse(preview.body()).get("detail").asText())
        .isEqualTo("POST needs a valid write token (Authorization: Bearer).");
    assertThat(api.send("DELETE", "/articles/2026/01/rate-pause", null, "Authorization", "Bearer wrong").statusCode())
        .isEqualTo(401);
    assertThat(Files.exists(content.resolve("2026/03/ferry-timetable.md"))).isFalse();
    assertThat(api.get("/articles/2026/01/rate-pause").statusCode()).isEqualTo(200);
  }

  @Test
  void deleteNeedsTheCurrentEtag() throws Exception {
    ApiClient api = start();
    String path = "/articles/2026/01/rate-pause";
    String etag = header(api.get(path), "ETag");
    HttpResponse<String> bare = api.send("DELETE", path, null, writeHeaders(null));
    assertThat(bare.statusCode()).isEqualTo(428);
    assertThat(parse(bare.body()).get("detail").asText())
        .isEqualTo("DELETE needs If-Match with the article's current ETag (GET it first).");
    assertThat(api.send("DELETE", path, null, writeHeaders(null, "If-Match", "\"stale\"")).statusCode()).isEqualTo(412);

    HttpResponse<String> deleted = api.send("DELETE", path, null, writeHeaders(null, "If-Match", etag));
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(api.get(path).statusCode()).isEqualTo(404);
    assertThat(Files.exists(content.resolve("2026/01/rate-pause.md"))).isFalse();
    assertThat(api.send("DELETE", path, null, writeHeaders(null, "If-Match", etag)).statusCode()).isEqualTo(404);
    assertThat(api.send("PATCH", path, "{}", writeHeaders("application/merge-patch+json", "If-Match", etag)).statusCode())
        .isEqualTo(404);
  }

  @Test
  void ofTwoConcurrentWritesWithTheSameEtagExactlyOneWins() throws Exception {
    ApiClient api = start();
    String path = "/articles/2026/01/rate-pause";
    for (int round = 0; round < 5; round++) {
      HttpResponse<String> read = api.get(path);
      String etag = header(read, "ETag");
      List<CompletableFuture<HttpResponse<String>>> writes = new ArrayList<>();
      for (String title : List.of("First writer " + round, "Second writer " + round)) {
        writes.add(api.sendAsync("PUT", path, read.body().replaceFirst("\"title\":\"[^\"]*\"", "\"title\":\"" + title + "\""),
            writeHeaders("application/json", "If-Match", etag)));
      }
      List<Integer> statuses = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> w : writes) {
        statuses.add(w.get().statusCode());
      }
      assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 412);
      String winner = writes.get(statuses.indexOf(200)).get().body();
      assertThat(api.json(path).get("title").asText()).isEqualTo(parse(winner).get("title").asText());
    }
  }

  @Test
  void aBodyOverTheLimitIsRefusedWithoutReadingIt() throws Exception {
    ApiClient api = start(b -> b.maxBodyBytes(64 * 1024));
    // Ten megabytes announced, none sent: the answer comes from the Content-Length alone.
    try (Socket s = new Socket(api.base.getHost(), api.base.getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("POST " + api.path("/articles") + " HTTP/1.1\r\nHost: localhost\r\n"
          + "Authorization: Bearer " + WRITE_TOKEN + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: 10000000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      String response = ApiClient.response(s.getInputStream());
      assertThat(response).startsWith("HTTP/1.1 413 ").contains("\"maxBytes\":65536");
    }

    // Sent without a length: read up to the limit, then refused.
    try (Socket s = new Socket(api.base.getHost(), api.base.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST " + api.path("/articles") + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
          + WRITE_TOKEN + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      byte[] chunk = ("4000\r\n" + " ".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
      for (int i = 0; i < 5; i++) {
        out.write(chunk);
      }
      out.flush();
      byte[] status = s.getInputStream().readNBytes("HTTP/1.1 413".length());
      assertThat(new String(status, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 413");
    }
    assertThat(api.get("/health").statusCode()).isEqualTo(200);
  }

  // ================================================================== live content

  @Test
  void anEditOnDiskIsServedWithANewEtag() throws Exception {
    ApiClient api = start(s -> s.watching(Watching.LIVE), b -> b);
    Path file = content.resolve("2026/01/rate-pause.md");
    String etag = header(api.get("/articles/2026/01/rate-pause"), "ETag");

    Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8)
        .replace("Central bank leaves its main rate alone", "Central bank raises its main rate"), StandardCharsets.UTF_8);

    HttpResponse<String> after = eventually(() -> api.get("/articles/2026/01/rate-pause", "If-None-Match", etag),
        r -> r.statusCode() == 200);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(parse(after.body()).get("title").asText()).isEqualTo("Central bank raises its main rate");
    assertThat(api.get("/articles/2026/01/rate-pause.html").body()).contains("<h1>Central bank raises its main rate</h1>");
  }

  @Test
  void newFilesAppearAndFilesTurnedDraftDisappear() throws Exception {
    ApiClient api = start(s -> s.watching(Watching.LIVE), b -> b);
    Newsroom.write(content, "2026/02/late-news.md", """
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
    Path pier = content.resolve("2026/01/harbour-pier.md");
    Files.writeString(pier, Files.readString(pier, StandardCharsets.UTF_8).replace("draft: false", "draft: true"),
        StandardCharsets.UTF_8);

    String list = eventually(() -> api.get("/articles?category=LOCAL").body(),
        b -> b.contains("late-news") && !b.contains("harbour-pier"));
    assertThat(list).contains("\"id\":\"2026/02/late-news\"").doesNotContain("harbour-pier");
    assertThat(api.get("/articles/2026/01/harbour-pier").statusCode()).isEqualTo(404);
    assertThat(api.json("/health").get("articles").asInt()).isEqualTo(5);
  }

  // ================================================================== changes and events

  /**
   * A repository of the newsroom whose clock a test moves, and tokens kept for {@code
   * changeLogCapacity} changes: the repository's log in memory (the folder's journal, with a
   * bound of its own, has its tests in the file store).
   */
  ArticleRepository movable(MovableClock clock, int changeLogCapacity) throws IOException {
    FileArticleStore store = FileArticleStore.builder(content).watching(Watching.OFF).clock(clock).withoutJournal()
        .build();
    return ArticleRepository.builder().store(store).clock(clock).changeLogCapacity(changeLogCapacity).build();
  }

  /** Counts the queries, counts and facets {@code repo} answers from now on. */
  static java.util.concurrent.atomic.AtomicInteger queriesOf(ArticleRepository repo) {
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    repo.observe((operation, nanos, outcome) -> {
      if (operation != dev.broadsheet.RepositoryObserver.Operation.FIND
          && operation != dev.broadsheet.RepositoryObserver.Operation.LOAD) {
        asked.incrementAndGet();
      }
    });
    return asked;
  }

  /** A clock that stands still until a test moves it. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void set(Instant value) {
      now = value;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static List<String> changeIds(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("items").forEach(i -> out.add(i.get("id").asText() + " " + i.get("change").asText()));
    return out;
  }

  @Test
  void changesPageTheInitialSyncThenTheChangesAfterIt() throws Exception {
    MovableClock clock = new MovableClock(Newsroom.NOW);
    ArticleRepository repo = movable(clock, 1000);
    ApiClient api = start(repo, b -> b.previewToken(TOKEN).writeToken(WRITE_TOKEN));

    HttpResponse<String> r = api.get("/changes?limit=2");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(mediaType(r)).isEqualTo("application/json;charset=utf-8");
    assertThat(header(r, "Cache-Control")).isEqualTo("no-store");
    List<String> seen = new ArrayList<>();
    JsonNode page = parse(r.body());
    seen.addAll(changeIds(page));
    int pages = 1;
    while (page.get("hasMore").asBoolean()) {
      page = api.json("/changes?limit=2&since=" + page.get("next").asText());
      seen.addAll(changeIds(page));
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("2026/01/harbour-pier upsert", "2026/01/rate-pause upsert",
        "2026/02/chip-plant upsert", "2026/02/gallery-night upsert", "2026/02/stadion upsert");
    JsonNode item = parse(r.body()).get("items").get(0);
    assertThat(item.get("revision").asText()).isEqualTo(repo.find("2026/01/harbour-pier").orElseThrow().revision().value());
    assertThat(item.get("at").asText()).isEqualTo("2026-03-01T00:00:00Z");

    String next = page.get("next").asText();
    assertThat(changeIds(api.json("/changes?since=" + next))).isEmpty();
    clock.set(Newsroom.NOW.plusSeconds(10));
    Revision pier = repo.save(repo.get("2026/01/harbour-pier").orElseThrow().withTitle("Pier, again"));
    repo.save(repo.get(Newsroom.DRAFT).orElseThrow().withTitle("Still a draft")); // not a public change
    repo.delete("2026/02/stadion");
    JsonNode after = api.json("/changes?since=" + next);
    assertThat(changeIds(after)).containsExactly("2026/01/harbour-pier upsert", "2026/02/stadion delete");
    assertThat(after.get("items").get(0).get("revision").asText()).isEqualTo(pier.value());
    assertThat(after.get("items").get(1).get("revision").isNull()).isTrue();
    assertThat(after.get("items").get(0).get("at").asText()).isEqualTo("2026-03-01T00:00:10Z");
    assertThat(after.get("hasMore").asBoolean()).isFalse();
  }

  @Test
  void thePreviewTokenReadsThePreviewFeed() throws Exception {
    ApiClient api = start();
    HttpResponse<String> preview = api.get("/changes", bearer(TOKEN));
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(header(preview, "Cache-Control")).isEqualTo("private, no-store");
    assertThat(changeIds(parse(preview.body()))).hasSize(8)
        .contains(Newsroom.DRAFT + " upsert", Newsroom.SCHEDULED + " upsert", Newsroom.EXPIRED + " upsert");
    assertThat(changeIds(api.json("/changes"))).hasSize(5).doesNotContain(Newsroom.DRAFT + " upsert");
    assertThat(api.get("/changes", bearer("wrong")).statusCode()).isEqualTo(401);
  }

  @Test
  void badTokensAndLimitsAreProblems() throws Exception {
    ArticleRepository repo = movable(new MovableClock(Newsroom.NOW), 2);
    ApiClient api = start(repo, b -> b.previewToken(TOKEN));

    HttpResponse<String> bad = api.get("/changes?since=not-a-token");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(mediaType(bad)).isEqualTo("application/problem+json");
    JsonNode problem = parse(bad.body());
    assertThat(problem.get("type").asText()).isEqualTo("https://broadsheet.dev/problems/invalid-sync-token");
    assertThat(problem.get("detail").asText()).contains("sync from scratch");
    assertThat(header(bad, "Cache-Control")).isEqualTo("no-store");

    HttpResponse<String> limit = api.get("/changes?limit=0");
    assertThat(limit.statusCode()).isEqualTo(400);
    assertThat(parse(limit.body()).get("invalid-params").get(0).get("name").asText()).isEqualTo("limit");
    assertThat(api.get("/changes?limit=101").statusCode()).isEqualTo(400);
    assertThat(api.get("/changes?limit=x").statusCode()).isEqualTo(400);
    HttpResponse<String> unknown = api.get("/changes?sinse=abc");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(parse(unknown.body()).get("invalid-params").get(0).get("name").asText()).isEqualTo("sinse");

    String old = api.json("/changes").get("next").asText();
    for (int i = 0; i < 4; i++) {
      repo.save(repo.get("2026/01/harbour-pier").orElseThrow().withTitle("Edit " + i));
    }
    HttpResponse<String> expired = api.get("/changes?since=" + old);
    assertThat(expired.statusCode()).isEqualTo(410);
    JsonNode gone = parse(expired.body());
    assertThat(gone.get("type").asText()).isEqualTo("https://broadsheet.dev/problems/sync-token-expired");
    assertThat(gone.get("detail").asText()).contains("sync from scratch");
    // The same on the event stream, before any event.
    assertThat(SseClient.open(api.client, api.uri("/events?since=" + old)).status()).isEqualTo(410);
    assertThat(SseClient.open(api.client, api.uri("/events"), "Last-Event-ID", "garbage").status()).isEqualTo(400);
  }

  @Test
  void eventsCarryChangesInOrderAndResumeFromLastEventId() throws Exception {
    MovableClock clock = new MovableClock(Newsroom.NOW);
    ArticleRepository repo = movable(clock, 1000);
    ApiClient api = start(repo, b -> b.previewToken(TOKEN));
    String lastEventId;
    try (SseClient sse = SseClient.open(api.client, api.uri("/events"))) {
      assertThat(sse.status()).isEqualTo(200);
      assertThat(mediaType(sse.response)).startsWith("text/event-stream");
      assertThat(header(sse.response, "Cache-Control")).isEqualTo("no-store");
      for (int i = 1; i <= 3; i++) {
        clock.set(Newsroom.NOW.plusSeconds(i));
        repo.save(repo.get("2026/01/harbour-pier").orElseThrow().withTitle("Edit " + i));
      }
      List<SseClient.Event> got = sse.until(e -> e.json().get("at").asText().equals("2026-03-01T00:00:03Z"),
          DEADLINE);
      assertThat(got).hasSize(3);
      assertThat(got).allSatisfy(e -> {
        assertThat(e.json().get("id").asText()).isEqualTo("2026/01/harbour-pier");
        assertThat(e.json().get("change").asText()).isEqualTo("upsert");
        assertThat(e.id()).isNotNull();
      });
      assertThat(got.get(2).json().get("revision").asText())
          .isEqualTo(repo.find("2026/01/harbour-pier").orElseThrow().revision().value());
      // Each id is the token after its item: /changes from it has nothing more.
      assertThat(changeIds(api.json("/changes?since=" + got.get(2).id()))).isEmpty();
      assertThat(changeIds(api.json("/changes?since=" + got.get(0).id())))
          .containsExactly("2026/01/harbour-pier upsert", "2026/01/harbour-pier upsert");
      lastEventId = sse.lastEventId;
    }
    clock.set(Newsroom.NOW.plusSeconds(10));
    repo.delete("2026/02/stadion");
    repo.save(repo.get("2026/02/chip-plant").orElseThrow().withDraft(true));
    try (SseClient resumed = SseClient.open(api.client, api.uri("/events?since=ignored-when-resuming"),
        "Last-Event-ID", lastEventId)) {
      assertThat(resumed.status()).isEqualTo(200);
      assertThat(resumed.next(DEADLINE).json().get("change").asText()).isEqualTo("delete");
      SseClient.Event unpublished = resumed.next(DEADLINE);
      assertThat(unpublished.json().get("id").asText()).isEqualTo("2026/02/chip-plant");
      assertThat(unpublished.json().get("change").asText()).isEqualTo("unpublished");
    }
    // The preview stream sees a draft's edits.
    try (SseClient preview = SseClient.open(api.client, api.uri("/events"), bearer(TOKEN))) {
      repo.save(repo.get(Newsroom.DRAFT).orElseThrow().withTitle("Draft edit"));
      assertThat(preview.next(DEADLINE).json().get("id").asText()).isEqualTo(Newsroom.DRAFT);
    }
  }

  @Test
  void eventStreamsSendHeartbeats() throws Exception {
    ApiClient api = start(b -> b.eventHeartbeat(Duration.ofMillis(100)));
    try (SseClient sse = SseClient.open(api.client, api.uri("/events"))) {
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (sse.comments.get() < 3 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        Thread.sleep(10);
      }
      assertThat(sse.comments.get()).isGreaterThanOrEqualTo(3);
      assertThat(sse.drained()).isEmpty();
      assertThat(sse.lastEventId).isNotNull(); // the resume point, sent first
    }
  }

  @Test
  void streamsBeyondTheLimitAreRefusedUntilOneCloses() throws Exception {
    ApiClient api = start(b -> b.maxEventStreams(2).eventHeartbeat(Duration.ofMillis(100)));
    SseClient one = SseClient.open(api.client, api.uri("/events"));
    try (SseClient two = SseClient.open(api.client, api.uri("/events"))) {
      assertThat(one.status()).isEqualTo(200);
      assertThat(two.status()).isEqualTo(200);
      SseClient three = SseClient.open(api.client, api.uri("/events"));
      assertThat(three.status()).isEqualTo(503);
      assertThat(mediaType(three.response)).isEqualTo("application/problem+json");
      assertThat(header(three.response, "Retry-After")).isNotNull();
      three.close();
      assertThat(api.get("/changes").statusCode()).isEqualTo(200); // the rest still answers
      one.close();
      // The server notices at the next heartbeat that the client went away.
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      int status = 0;
      while (System.nanoTime() < deadline) {
        try (SseClient again = SseClient.open(api.client, api.uri("/events"))) {
          status = again.status();
        }
        if (status == 200) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(status).isEqualTo(200);
    }
  }

  @Test
  void aClientThatNeverReadsBlocksNeitherWritesNorOthersAndIsDropped() throws Exception {
    ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore(List.of(article("a/one"))))
        .clock(CLOCK).build();
    open.add(repo);
    ContentApi built = ContentApi.builder(repo).eventSendTimeout(Duration.ofSeconds(1))
        .eventHeartbeat(Duration.ofMillis(200)).build();
    Served served = serve(built);
    open.add(served);
    ApiClient api = new ApiClient(served.base());
    try (Socket stuck = new Socket()) {
      stuck.setReceiveBufferSize(1024);
      stuck.connect(new java.net.InetSocketAddress(api.base.getHost(), api.base.getPort()));
      stuck.getOutputStream().write(("GET " + api.path("/events") + " HTTP/1.1\r\nHost: x\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      stuck.getOutputStream().flush();
      try (SseClient reader = SseClient.open(api.client, api.uri("/events"))) {
        Article one = repo.get("a/one").orElseThrow();
        long start = System.nanoTime();
        // Some 7 MB of events for each stream: more than the stuck client's socket buffers hold.
        int edits = 20_000;
        for (int i = 0; i < edits; i++) {
          repo.save(one.withTitle("Edit " + i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        String last = repo.find("a/one").orElseThrow().revision().value();
        reader.until(e -> e.json().get("revision").asText().equals(last), Duration.ofSeconds(60));
        // The stuck client's write waited past the send timeout: it was dropped, the reader was not.
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (built.eventStreams() > 1 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(built.eventStreams()).isEqualTo(1);
        assertThat(reader.ended).isFalse();
      }
    }
  }

  @Test
  void aScheduledArticleIsPublishedOnTheStreamWhenItsTimeComes() throws Exception {
    MovableClock clock = new MovableClock(Newsroom.NOW);
    ArticleRepository repo = movable(clock, 1000);
    ApiClient api = start(repo, b -> b.eventHeartbeat(Duration.ofMinutes(5))); // woken by the timer, not polls
    try (SseClient sse = SseClient.open(api.client, api.uri("/events"))) {
      assertThat(sse.status()).isEqualTo(200);
      clock.set(Instant.parse("2026-04-01T06:00:01Z"));
      SseClient.Event e = sse.next(DEADLINE);
      assertThat(e.json().get("id").asText()).isEqualTo(Newsroom.SCHEDULED);
      assertThat(e.json().get("change").asText()).isEqualTo("published");
      assertThat(e.json().get("at").asText()).isEqualTo("2026-04-01T06:00:00Z");
    }
  }

  @Test
  void closingTheServerEndsEventStreams() throws Exception {
    ArticleRepository repo = movable(new MovableClock(Newsroom.NOW), 1000);
    open.add(repo);
    Served served = serve(ContentApi.builder(repo).build());
    ApiClient api = new ApiClient(served.base());
    try (SseClient sse = SseClient.open(api.client, api.uri("/events"))) {
      assertThat(sse.status()).isEqualTo(200);
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (sse.lastEventId == null && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      long start = System.nanoTime();
      served.close();
      while (!sse.ended && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(sse.ended).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  // ================================================================== OpenAPI

  /**
   * The document describes the API where it is mounted. Every answer of this kit is checked
   * against it as it arrives ({@link ApiClient}, {@link OpenApiConformance}).
   */
  @Test
  void servesItsOpenApiDocumentWithTheBasePathAsServer() throws Exception {
    ApiClient api = start();
    HttpResponse<String> r = api.get("/openapi.json");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(mediaType(r)).isEqualTo("application/json;charset=utf-8");
    JsonNode doc = parse(r.body());
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.at("/servers/0/url").asText()).isEqualTo(api.basePath().isEmpty() ? "/" : api.basePath());
    assertThat(doc.at("/paths/~1articles~1{id}/put/operationId").asText()).isEqualTo("replaceArticle");
    assertThat(api.get("/openapi.json", "If-None-Match", header(r, "ETag")).statusCode()).isEqualTo(304);
    assertThat(api.get("/openapi.json?x=1").statusCode()).isEqualTo(400);
  }

  @Test
  void answersConformToTheDocumentEvenWhenRefused() throws Exception {
    ApiClient api = start();
    // Each is checked by the client: the status listed, the media type given, the body valid.
    assertThat(api.get("/articles?limit=0").statusCode()).isEqualTo(400);
    assertThat(api.get("/articles?drafts=include").statusCode()).isEqualTo(401);
    assertThat(api.get("/articles?drafts=include", bearer(WRITE_TOKEN)).statusCode()).isEqualTo(403);
    assertThat(api.get("/articles/nope").statusCode()).isEqualTo(404);
    assertThat(api.get("/changes?since=not-a-token").statusCode()).isEqualTo(400);
    assertThat(api.send("POST", "/articles", "{", withJson(bearer(WRITE_TOKEN))).statusCode()).isEqualTo(400);
    assertThat(api.send("POST", "/articles", "{\"id\": \"x\", \"tags\": 3}", withJson(bearer(WRITE_TOKEN)))
        .statusCode()).isEqualTo(422);
    assertThat(api.send("DELETE", "/articles/2026/01/rate-pause", null, bearer(WRITE_TOKEN)).statusCode())
        .isEqualTo(428);
    assertThat(api.send("DELETE", "/articles/2026/01/rate-pause", null,
        "Authorization", "Bearer " + WRITE_TOKEN, "If-Match", "\"stale\"").statusCode()).isEqualTo(412);
    assertThat(api.send("PATCH", "/facets", "{}", bearer(WRITE_TOKEN)).statusCode()).isEqualTo(405);
  }

  private static String[] withJson(String[] headers) {
    String[] out = java.util.Arrays.copyOf(headers, headers.length + 2);
    out[headers.length] = "Content-Type";
    out[headers.length + 1] = "application/json";
    return out;
  }

  // ================================================================== helpers

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

  private static void assertInvalid(ApiClient api, String path, String name, String reason) {
    HttpResponse<String> r = api.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(400);
    assertThat(mediaType(r)).isEqualTo("application/problem+json");
    JsonNode p = parse(r.body());
    assertThat(p.get("status").asInt()).isEqualTo(400);
    assertThat(p.get("title").asText()).isEqualTo("Invalid request parameters");
    assertThat(p.get("detail").asText()).as(path).isEqualTo("Parameter '" + name + "': " + reason);
    assertThat(p.get("invalid-params")).hasSize(1);
    assertThat(p.get("invalid-params").get(0).get("name").asText()).as(path).isEqualTo(name);
    assertThat(p.get("invalid-params").get(0).get("reason").asText()).as(path).isEqualTo(reason);
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  static Article article(String id) {
    return Article.builder(id).title("Title of " + id).publishedAt(Instant.parse("2026-02-01T00:00:00Z"))
        .category("LOCAL").body("Body of " + id + ".\n").build();
  }

  /** A store whose disk fails when an article is read, as a failing disk or a revoked mount would. */
  static final class UnreadableBodies extends ForwardingArticleStore {
    UnreadableBodies(List<Article> articles) {
      super(new InMemoryArticleStore(articles));
    }

    @Override
    public boolean partialArticles() {
      return true;
    }

    @Override
    public Optional<StoredArticle> article(String id, Revision revision) throws IOException {
      throw new IOException("cannot read /srv/secret/content/" + id + ".md");
    }
  }

  // ================================================================== feeds, sitemaps, translations

  private static final String SITE = "https://news.example.com";

  ApiClient startWithFeeds() throws Exception {
    return start(b -> b.feeds(dev.broadsheet.feeds.NewsFeeds.builder(SITE).title("Harbour Gazette").clock(CLOCK)
        .build()));
  }

  /** The texts of every element named {@code name} (local name, any namespace), in order. */
  static List<String> xmlTexts(String xml, String name) throws Exception {
    javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    org.w3c.dom.NodeList nodes = f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getElementsByTagNameNS("*", name);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent());
    }
    return out;
  }

  static String page(String id) {
    return SITE + "/articles/" + id + ".html";
  }

  @Test
  void servesFeedsOfThePublicArticlesWithConditionalGet() throws Exception {
    ApiClient api = startWithFeeds();
    HttpResponse<String> rss = api.get("/feed.rss");
    assertThat(rss.statusCode()).isEqualTo(200);
    assertThat(mediaType(rss)).isEqualTo("application/rss+xml;charset=utf-8");
    List<String> newest = Stream.of(Newsroom.PUBLIC_NEWEST_FIRST).map(ContentApiContractTest::page).toList();
    assertThat(xmlTexts(rss.body(), "guid")).containsExactlyElementsOf(newest);
    String etag = header(rss, "ETag");
    assertThat(etag).isNotNull();
    assertThat(api.get("/feed.rss", "If-None-Match", etag).statusCode()).isEqualTo(304);

    HttpResponse<String> atom = api.get("/feed.atom");
    assertThat(mediaType(atom)).isEqualTo("application/atom+xml;charset=utf-8");
    assertThat(xmlTexts(atom.body(), "entry")).hasSize(5);
    HttpResponse<String> json = api.get("/category/business/feed.json");
    assertThat(mediaType(json)).isEqualTo("application/feed+json;charset=utf-8");
    assertThat(parse(json.body()).get("items").findValuesAsText("id"))
        .containsExactly(page("2026/02/chip-plant"), page("2026/01/rate-pause"));
    assertThat(xmlTexts(api.get("/tag/transport/feed.rss").body(), "link")).contains(page("2026/01/harbour-pier"));
    for (String path : List.of("/feed.rss", "/feed.atom", "/feed.json", "/category/local/feed.atom")) {
      assertThat(api.get(path).body()).doesNotContain(Newsroom.DRAFT, Newsroom.SCHEDULED, Newsroom.EXPIRED);
    }
    assertThat(api.get("/category/weather/feed.rss").statusCode()).isEqualTo(404);
    assertThat(api.get("/category/BUSINESS/feed.rss").statusCode()).isEqualTo(404); // keys are lower case
    assertThat(api.get("/category/business/feed.xml").statusCode()).isEqualTo(404);
    assertThat(api.get("/feed.rss?limit=2").statusCode()).isEqualTo(400);
    assertThat(api.get("/feed.rss", bearer(TOKEN)).body()).doesNotContain(Newsroom.DRAFT);
  }

  @Test
  void servesSitemapsAndRobots() throws Exception {
    ApiClient api = startWithFeeds();
    HttpResponse<String> sitemap = api.get("/sitemap.xml");
    assertThat(sitemap.statusCode()).isEqualTo(200);
    assertThat(mediaType(sitemap)).isEqualTo("application/xml;charset=utf-8");
    assertThat(xmlTexts(sitemap.body(), "loc")).containsExactlyInAnyOrderElementsOf(
        Stream.of(Newsroom.PUBLIC_NEWEST_FIRST).map(ContentApiContractTest::page).toList());
    assertThat(api.get("/sitemap.xml", "If-None-Match", header(sitemap, "ETag")).statusCode()).isEqualTo(304);
    assertThat(api.get("/sitemap-1.xml").statusCode()).isEqualTo(404); // one page: no index
    assertThat(api.get("/sitemap-0.xml").statusCode()).isEqualTo(404);
    HttpResponse<String> news = api.get("/news-sitemap.xml");
    assertThat(news.statusCode()).isEqualTo(200);
    assertThat(xmlTexts(news.body(), "name")).allMatch(n -> n.equals("Harbour Gazette"));
    HttpResponse<String> robots = api.get("/robots.txt");
    assertThat(mediaType(robots)).isEqualTo("text/plain;charset=utf-8");
    assertThat(robots.body()).contains("Sitemap: " + SITE + "/sitemap.xml\n", "Sitemap: " + SITE + "/news-sitemap.xml\n");
  }

  @Test
  void withoutFeedsTheirPathsAreNotFound() throws Exception {
    ApiClient api = start();
    for (String path : List.of("/feed.rss", "/tag/city/feed.json", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt")) {
      assertThat(api.get(path).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void anArticleListsItsPublicLanguageVersions() throws Exception {
    for (String lang : List.of("en", "de", "fr")) {
      Path file = content.resolve("2026/02/budget-" + lang + ".md");
      Files.writeString(file, """
          ---
          title: Budget %s
          publishedAt: '2026-02-20T08:00:00Z'
          lang: %s
          translationKey: city-budget
          draft: %s
          ---
          Text.
          """.formatted(lang, lang, lang.equals("fr")));
    }
    ApiClient api = startWithFeeds();
    JsonNode en = api.json("/articles/2026/02/budget-en");
    assertThat(en.get("translationKey").asText()).isEqualTo("city-budget");
    assertThat(en.get("translations").toString()).isEqualTo("[{\"lang\":\"de\",\"id\":\"2026/02/budget-de\"}]");
    assertThat(api.json("/articles/2026/01/rate-pause").has("translations")).isFalse();
    String html = api.get("/articles/2026/02/budget-de.html").body();
    assertThat(html).contains("<link rel=\"alternate\" hreflang=\"de\" href=\"" + page("2026/02/budget-de") + "\">",
        "<link rel=\"alternate\" hreflang=\"en\" href=\"" + page("2026/02/budget-en") + "\">");
    assertThat(html).doesNotContain("budget-fr");
    assertThat(api.get("/sitemap.xml").body()).contains("hreflang=\"en\"").doesNotContain("budget-fr");
  }
}
