package dev.broadsheet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpServer;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.spi.ForwardingArticleStore;
import dev.broadsheet.spi.ArticleStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The server mounted in an application's own HTTP server, built with options, and failing cleanly. */
class EmbeddingTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
  private final HttpClient client = HttpClient.newHttpClient();

  private static ArticleRepository repository(ArticleStore store) {
    return ArticleRepository.builder().store(store).clock(CLOCK).build();
  }

  private static Article article(String id) {
    return Article.builder(id).title("Title of " + id).publishedAt(Instant.parse("2026-02-01T00:00:00Z"))
        .category("LOCAL").body("Body of " + id + ".\n").build();
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void mountsBelowAPathOnTheApplicationsServer() throws Exception {
    ArticleRepository repo = repository(new InMemoryArticleStore(List.of(article("2026/02/a"), article("2026/02/b"))));
    HttpServer host = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    host.setExecutor(pool);
    ContentServer.builder(repo).clock(CLOCK).build().register(host, "/api");
    host.start();
    try {
      String base = "http://127.0.0.1:" + host.getAddress().getPort();
      assertThat(get(URI.create(base + "/api/articles")).body()).contains("\"total\":2");
      assertThat(get(URI.create(base + "/api/articles/2026/02/a")).body()).contains("\"body\":\"Body of 2026/02/a.\\n\"");
      String page = get(URI.create(base + "/api")).body();
      assertThat(page).contains("<a href=\"/api/articles/2026/02/a.html\">");
      assertThat(get(URI.create(base + "/api/articles/2026/02/a.html")).body()).contains("<a href=\"/api/\">");
      assertThat(get(URI.create(base + "/api/")).statusCode()).isEqualTo(200);
      // The JDK matches contexts by prefix; a longer first segment is not ours.
      assertThat(get(URI.create(base + "/apiary")).statusCode()).isEqualTo(404);
      assertThat(get(URI.create(base + "/elsewhere")).statusCode()).isEqualTo(404);
    } finally {
      host.stop(0);
      pool.shutdown();
    }
  }

  @Test
  void aMaximumPageBelowTheDefaultShortensPagesWithoutALimit() {
    List<Article> many = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      many.add(article("2026/02/a" + i));
    }
    ContentApi api = ContentApi.builder(repository(new InMemoryArticleStore(many))).clock(CLOCK).maxLimit(5).build();
    ApiResponse list = api.handle(ApiRequest.builder("GET", "/articles").build());
    assertThat(list.status()).isEqualTo(200);
    assertThat(new String(list.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"total\":8");
    assertThat(new String(list.body(), java.nio.charset.StandardCharsets.UTF_8).split("\"id\":", -1)).hasSize(6);
    assertThat(api.handle(ApiRequest.builder("GET", "/articles").query("limit=6").build()).status()).isEqualTo(400);
  }

  @Test
  void builderRefusesBadOptionsWithExactMessages() {
    ContentServer.Builder b = ContentServer.builder(repository(new InMemoryArticleStore()));
    assertThatThrownBy(() -> b.previewToken(" ")).hasMessage("previewToken must not be blank");
    assertThatThrownBy(() -> b.previewToken("two words"))
        .hasMessage("previewToken must not hold white space or control characters");
    assertThatThrownBy(() -> b.cacheControl("max-age=1\r\nX-Evil: 1"))
        .hasMessage("cacheControl must be a non-blank header value, was 'max-age=1\r\nX-Evil: 1'");
    assertThatThrownBy(() -> b.maxLimit(0)).hasMessage("maxLimit must be positive, was 0");
    assertThatThrownBy(() -> b.threads(0)).hasMessage("threads must be positive, was 0");
    assertThatThrownBy(() -> b.maxThreads(-1)).hasMessage("maxThreads must be positive, was -1");
    assertThatThrownBy(() -> b.requestTimeout(Duration.ZERO)).hasMessage("requestTimeout must be positive, was PT0S");
    assertThatThrownBy(() -> b.responseTimeout(Duration.ofSeconds(-1)))
        .hasMessage("responseTimeout must be positive, was PT-1S");
    assertThatThrownBy(() -> b.requestTimeout(null)).hasMessage("requestTimeout");
    assertThatThrownBy(() -> ContentServer.builder(repository(new InMemoryArticleStore())).threads(8).maxThreads(4).build())
        .hasMessage("maxThreads must be at least threads (8), was 4");
    assertThatThrownBy(() -> ContentServer.builder((ArticleRepository) null)).hasMessage("repository");
    assertThatThrownBy(() -> b.writeToken("")).hasMessage("writeToken must not be blank");
    assertThatThrownBy(() -> b.writeToken("a\tb")).hasMessage("writeToken must not hold white space or control characters");
    assertThatThrownBy(() -> b.maxBodyBytes(0)).hasMessage("maxBodyBytes must be from 1 to 2147483646, was 0");
    assertThatThrownBy(() -> b.corsOrigins("https://example.com/path"))
        .hasMessage("corsOrigins must be origins such as https://example.com, was 'https://example.com/path'");
    assertThatThrownBy(() -> b.corsOrigins("*")).hasMessage("corsOrigins must be origins such as https://example.com, was '*'");
    assertThatThrownBy(() -> b.corsOrigins("ftp://example.com"))
        .hasMessage("corsOrigins must be origins such as https://example.com, was 'ftp://example.com'");
    ContentServer server = b.build();
    assertThatThrownBy(() -> server.register(null, "/x")).hasMessage("server");
    assertThatThrownBy(() -> ContentServer.builder(repository(new InMemoryArticleStore())).writeToken("w")
        .authorizer(request -> Authorizer.Decision.anonymous()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("set an authorizer or the previewToken and writeToken, not both");
  }

  @Test
  void aServerOfABuiltApiTakesOnlyTheServersOwnOptions() {
    ContentApi api = ContentApi.builder(repository(new InMemoryArticleStore())).build();
    ContentServer.Builder b = ContentServer.builder(api).threads(2).requestTimeout(Duration.ofSeconds(1));
    assertThatThrownBy(() -> b.previewToken("t"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("previewToken is an option of the ContentApi this server was made with");
    assertThat(b.build().api()).isSameAs(api);
  }

  @Test
  void startedServerListensOnLoopbackAtTheRoot() {
    try (ContentServer.Running running = ContentServer.builder(repository(new InMemoryArticleStore())).build().start(0)) {
      assertThat(running.uri().toString()).isEqualTo("http://127.0.0.1:" + running.port() + "/");
      assertThat(running.address().getAddress().isLoopbackAddress()).isTrue();
    }
  }

  @Test
  void registerRefusesPathsTheRoutesCannotHangBelow() throws Exception {
    ContentServer server = ContentServer.builder(repository(new InMemoryArticleStore())).build();
    HttpServer host = HttpServer.create();
    assertThatThrownBy(() -> server.register(host, "api"))
        .hasMessage("path must start with '/' and not end with one, was 'api'");
    assertThatThrownBy(() -> server.register(host, "/api/"))
        .hasMessage("path must start with '/' and not end with one, was '/api/'");
  }

  @Test
  void startTurnsOnNoDelayAndLimitsConnectionsUnlessTheJvmChoseOtherwise() {
    ContentServer server = ContentServer.builder(repository(new InMemoryArticleStore())).build();
    try (ContentServer.Running running = server.start(0)) {
      assertThat(running.port()).isPositive();
      assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
      assertThat(System.getProperty("jdk.httpserver.maxConnections")).isEqualTo("1000");
    }
    String chosen = System.setProperty("jdk.httpserver.maxConnections", "20000");
    try (ContentServer.Running running = server.start(0)) {
      assertThat(running.port()).isPositive();
      assertThat(System.getProperty("jdk.httpserver.maxConnections")).isEqualTo("20000");
    } finally {
      System.setProperty("jdk.httpserver.maxConnections", chosen);
    }
  }

  @Test
  void aBusyPortIsReportedWithTheAddress() {
    ContentServer server = ContentServer.builder(repository(new InMemoryArticleStore())).build();
    try (ContentServer.Running first = server.start(0)) {
      assertThatThrownBy(() -> server.start(first.port()))
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasMessageStartingWith("cannot listen on ");
    }
  }
}
