package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.broadsheet.AiInfo;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleChange;
import dev.broadsheet.ArticleField;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.ChangePage;
import dev.broadsheet.Facets;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.Page;
import dev.broadsheet.QueryOption;
import dev.broadsheet.Sort;
import dev.broadsheet.Source;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.SyncToken;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.json.BroadsheetModule.Bodies;
import dev.broadsheet.json.BroadsheetModule;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.markdown.render.ArticleRenderer;
import dev.broadsheet.markdown.render.MarkdownRenderer;
import dev.broadsheet.markdown.render.RenderedArticle;
import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.server.ContentApi;
import dev.broadsheet.server.ContentServer;
import dev.broadsheet.server.Webhooks;
import dev.broadsheet.servlet.ContentServlet;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples in README.md are compiled here: the code between each pair of markers
 * below must be the README's snippet at the same place in order, whitespace aside, and it must
 * do what the README says.
 */
class ReadmeExampleTest {
  @TempDir Path content;

  // README example begins
  ContentServer.Running sportsDesk(Path content) throws IOException {
    FileArticleStore store = FileArticleStore.builder(content).build();        // .md files; edits show up live
    ArticleRepository repo = ArticleRepository.builder().store(store).build(); // indexed in memory, thread-safe
    repo.problems().forEach(System.err::println);                              // broken files: path:line:col
    Page<Article> sports = repo.query(ArticleQuery.builder()
        .categories("SPORTS").limit(3).build());                               // pinned first, then newest
    sports.items().forEach(a -> System.out.println(a.publishedAt() + "  " + a.title()));
    StoredArticle top = repo.find(sports.items().get(0).id()).orElseThrow();
    RenderedArticle page = ArticleRenderer.builder().build().render(top);     // safe HTML, sections, TOC
    page.sections().forEach(s -> System.out.println("  #" + s.id() + "  " + s.title()));
    return ContentServer.builder(repo).build().start(8080);                   // GET /articles?category=SPORTS
  }
  // README example ends

  // README example begins
  void pinArticle(Path content) throws IOException {
    ArticleCodec codec = ArticleCodec.builder().build(); // immutable: build once, share
    Path file = content.resolve("2026/01/harbour-ferry.md");
    ArticleResult read = codec.read("2026/01/harbour-ferry", file.toString(), Files.readAllBytes(file));
    if (!read.isValid()) {
      read.problems().forEach(System.err::println); // content/2026/01/harbour-ferry.md:4:8: error: ...
      return;
    }
    Article pinned = read.article().withStickyWeight(5);
    byte[] updated = codec.update(read.document(), pinned); // only "stickyWeight: 0" became "stickyWeight: 5"
    Files.write(file, updated);
  }
  // README example ends

  // README example begins
  ArticleRepository openRepository(List<Article> articles) {
    return ArticleRepository.builder()
        .store(new InMemoryArticleStore(articles)) // any ArticleStore: memory, files, a database
        .clock(Clock.systemUTC())                  // "now", for drafts, scheduled and expired articles
        .build();                                  // thread-safe: build once, share
  }

  List<String> transportStories(ArticleRepository repo) {
    ArticleQuery query = ArticleQuery.builder()
        .categories("LOCAL", "BUSINESS") // in any of these categories
        .allTags("TRANSPORT")            // carrying every one of these tags
        .sort(Sort.NEWEST)
        .limit(2)
        .build();
    Page<Article> first = repo.query(query); // the 2 newest matches; first.total() is 3
    Page<Article> rest = repo.query(query.withCursor(first.nextCursor().orElseThrow())); // the 3rd
    List<String> ids = new ArrayList<>();
    first.items().forEach(a -> ids.add(a.id()));
    rest.items().forEach(a -> ids.add(a.id()));
    return ids; // [fare-freeze, night-ferries, bus-depot]
  }

  Map<String, Integer> transportCategories(ArticleRepository repo) {
    Facets facets = repo.facets(ArticleQuery.builder().allTags("TRANSPORT").build());
    return facets.categories(); // {LOCAL=2, BUSINESS=1, SPORTS=1}: most frequent first
  }
  // README example ends

  // README example begins
  ArticleQuery fromText(Map<String, List<String>> parameters) {
    return ArticleQuery.builder()
        .sort(Sort.NEWEST)                            // a default the options may change
        .options(parameters, QueryOption.ALL)         // {"category": ["SPORTS"], "limit": ["5"]}
        .build();                                     // InvalidQueryException: every bad option, named
  }
  // README example ends

  // README example begins
  Article pinFromText(Article article, String path, String text) {
    ArticleField field = ArticleField.byPath(path).orElseThrow(); // "stickyWeight", "source.key", "ai.version"
    return field.with(article, field.parse(text));                // read by its type; "" removes it
  }
  // README example ends

  @Test
  void queryOptionsAreReadFromTextAndEveryBadOneIsNamed() {
    ArticleQuery q = fromText(Map.of("category", List.of("SPORTS"), "limit", List.of("5")));
    assertThat(q.categories()).containsExactly("sports");
    assertThat(q.limit()).isEqualTo(5);
    assertThat(q.sort()).isEqualTo(Sort.NEWEST);
    assertThat(fromText(Map.of("sort", List.of("oldest"))).sort()).isEqualTo(Sort.OLDEST);
    assertThatThrownBy(() -> fromText(Map.of("limit", List.of("0"), "colour", List.of("red"))))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.violations())
            .extracting(InvalidQueryException.Violation::option).containsExactlyInAnyOrder("limit", "colour"));
  }

  @Test
  void aFieldIsSetFromTextByItsTypeInTheSchema() {
    Article a = Article.builder("a").title("A").source(new Source("Decrypt", "decrypt", "RSS")).build();
    assertThat(pinFromText(a, "stickyWeight", "5").stickyWeight()).isEqualTo(5);
    assertThat(pinFromText(a, "source.key", "dc").source()).isEqualTo(new Source("Decrypt", "dc", "RSS"));
    assertThat(pinFromText(a, "ai.version", "2").ai()).isEqualTo(new AiInfo(null, null, 2));
    assertThat(pinFromText(pinFromText(a, "stickyWeight", "5"), "stickyWeight", "").stickyWeight()).isZero();
    assertThatThrownBy(() -> pinFromText(a, "stickyWeight", "lots"))
        .hasMessage("stickyWeight must be a whole number >= 0, was 'lots'");
  }

  // README example begins
  List<String> openContentFolder(Path content) throws IOException {
    FileArticleStore store = FileArticleStore.builder(content).build(); // follows outside edits
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      repo.problems().forEach(System.err::println); // broken files: reported, left as they are
      StoredArticle ferry = repo.find("2026/01/harbour-ferry").orElseThrow();
      repo.save(ferry.article().withStickyWeight(5), ferry.revision()); // refused if the file changed since
      return repo.query(ArticleQuery.all()).items().stream().map(Article::id).toList();
    }
  }
  // README example ends

  // README example begins
  SyncToken mirrorChanges(ArticleRepository repository, Map<String, Article> mirror, @Nullable SyncToken token) {
    ChangePage page;
    do {
      page = repository.changes(token, 500);               // null token: an initial sync
      for (ArticleChange c : page.items()) {               // id, kind, revision, at
        switch (c.kind()) {
          case UPSERT, PUBLISHED -> repository.get(c.id()).ifPresent(a -> mirror.put(c.id(), a));
          case DELETE, UNPUBLISHED -> mirror.remove(c.id());
        }
      }
      token = page.next();                                 // keep token.toString(); SyncToken.parse reads it
    } while (page.hasMore());
    return token;
  }
  // README example ends

  @Test
  void readmeMirrorFollowsTheChangeFeed() {
    try (ArticleRepository repo = openRepository(TRANSPORT_DESK)) {
      Map<String, Article> mirror = new TreeMap<>();
      SyncToken token = mirrorChanges(repo, mirror, null);
      assertThat(mirror.keySet()).containsExactly("bus-depot", "chip-plant", "derby-tickets", "fare-freeze",
          "night-ferries");
      repo.delete("chip-plant");
      repo.save(Article.builder("tram-plans").title("Tram plans").category("LOCAL").tags("TRANSPORT")
          .publishedAt(Instant.parse("2024-03-01T00:00:00Z")).build()); // a draft made public: PUBLISHED
      mirrorChanges(repo, mirror, SyncToken.parse(token.toString()));
      assertThat(mirror.keySet()).containsExactly("bus-depot", "derby-tickets", "fare-freeze", "night-ferries",
          "tram-plans");
    }
  }

  // README example begins
  ArticleRenderer newRenderer() {
    return ArticleRenderer.builder()
        .renderer(MarkdownRenderer.builder()
            .nofollowExternalLinks(true) // rel="nofollow noopener" on links to other sites
            .lazyImages(true)            // loading="lazy" on images
            .build())
        .maximumSize(10_000)             // rendered articles kept; renderer.stats() counts hits
        .build();
  }

  String articlePage(ArticleRepository repo, ArticleRenderer renderer, String id) {
    RenderedArticle page = renderer.render(repo.find(id).orElseThrow()); // cached by id and revision
    StringBuilder toc = new StringBuilder();
    page.tableOfContents().forEach(e -> toc.append(e.id()).append(' ')); // overview what-happened
    return toc + page.excerpt(120) + " " + page.readingTime().toMinutes() + " min\n" + page.html();
  }
  // README example ends

  // README example begins
  String homeFeedJson(ArticleRepository repo) throws IOException {
    ObjectMapper mapper = new ObjectMapper()
        .registerModule(BroadsheetModule.builder().bodies(Bodies.OMIT).build()); // listings without bodies
    return mapper.writeValueAsString(repo.query(ArticleQuery.all())); // {"items":[...],"total":2,"nextCursor":null}
  }

  Article articleFromJson(String json) throws IOException {
    ObjectMapper mapper = new ObjectMapper().registerModule(new BroadsheetModule());
    return mapper.readValue(json, Article.class); // InvalidArticleException: $.tags[1] at 1:140, ...
  }
  // README example ends

  // README example begins
  Server jettyWithTheApi(ArticleRepository repo, int port) throws Exception {
    ContentApi api = ContentApi.builder(repo)
        .previewToken(System.getenv("BROADSHEET_PREVIEW_TOKEN")) // null: no previews
        .writeToken(System.getenv("BROADSHEET_WRITE_TOKEN"))     // null: no writes (405)
        .corsOrigins("https://editor.example.com")               // scripts there may call it
        .build();                                                // thread-safe: one for every request
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new ContentServlet(api)), "/api/*"); // GET /api/articles, ...
    Server jetty = new Server(new InetSocketAddress("127.0.0.1", port));
    jetty.setHandler(context);
    jetty.start();
    return jetty;
  }
  // README example ends

  // README example begins
  Webhooks.Running startWebhooks(ArticleRepository repository) {
    return Webhooks.builder(repository)
        .endpoint(URI.create("https://build.example.com/hook"), System.getenv("BROADSHEET_WEBHOOK_SECRET"))
        .stateFile(Path.of("content/.broadsheet/webhooks.json")) // where each endpoint's position is kept
        .build()
        .start();                                                // close() to stop
  }

  // The receiver's check, over the bytes received, before parsing them:
  static boolean verified(String header, byte[] body, String secret) throws GeneralSecurityException {
    Map<String, String> parts = new HashMap<>();                 // t=<unix seconds>,v1=<hex HMAC>
    for (String part : header.split(",")) {
      String[] kv = part.trim().split("=", 2);
      parts.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    long t = Long.parseLong(parts.getOrDefault("t", "0"));
    if (Math.abs(Instant.now().getEpochSecond() - t) > 300) {
      return false;                                              // an old request replayed
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, parts.getOrDefault("v1", "").getBytes(StandardCharsets.UTF_8));
  }
  // README example ends

  @Test
  void readmeWebhookCheckAcceptsTheSignatureAndNothingElse() throws Exception {
    byte[] body = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    String header = Webhooks.signature("s3cret", now, body);
    assertThat(verified(header, body, "s3cret")).isTrue();
    assertThat(verified(header, body, "other")).isFalse();
    assertThat(verified(header, "{}".getBytes(StandardCharsets.UTF_8), "s3cret")).isFalse();
    long old = now - 3600;
    assertThat(verified(Webhooks.signature("s3cret", old, body), body, "s3cret")).isFalse();
  }

  @Test
  void readmeShowsTheCodeCompiledHere() throws IOException {
    Path root = RepositoryFiles.root();
    String readme = Files.readString(root.resolve("README.md"));
    Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    List<String> blocks = new ArrayList<>();
    while (block.find()) {
      blocks.add(block.group(1));
    }
    String source = Files.readString(root.resolve(
        "cli/src/test/java/dev/broadsheet/cli/ReadmeExampleTest.java"));
    List<String> compiled = new ArrayList<>();
    Matcher region = Pattern.compile("// README example begins\n(.*?)  // README example ends", Pattern.DOTALL)
        .matcher(source);
    while (region.find()) {
      compiled.add(normalized(region.group(1)));
    }

    assertThat(compiled).hasSize(11);
    assertThat(blocks.stream().map(ReadmeExampleTest::normalized).toList()).isEqualTo(compiled);
  }

  private static final List<Article> TRANSPORT_DESK = List.of(
      story("night-ferries", "2024-01-12T07:30:00Z", "LOCAL", "TRANSPORT", "CITY"),
      story("fare-freeze", "2024-02-17T16:20:00Z", "LOCAL", "TRANSPORT"),
      story("bus-depot", "2024-01-05T09:00:00Z", "BUSINESS", "TRANSPORT"),
      story("derby-tickets", "2024-02-20T10:00:00Z", "SPORTS", "TRANSPORT"),
      story("chip-plant", "2024-02-01T00:00:00Z", "BUSINESS", "TECH"),
      Article.builder("tram-plans").title("Tram plans").category("LOCAL").tags("TRANSPORT").draft(true).build());

  private static Article story(String id, String publishedAt, String category, String... tags) {
    return Article.builder(id).title("Story " + id).publishedAt(Instant.parse(publishedAt))
        .category(category).tags(tags).build();
  }

  @Test
  void readmeQueryExamplePagesThroughMatchesNewestFirst() {
    try (ArticleRepository repo = openRepository(TRANSPORT_DESK)) {
      assertThat(transportStories(repo)).containsExactly("fare-freeze", "night-ferries", "bus-depot");
      assertThat(repo.query(ArticleQuery.builder().categories("LOCAL", "BUSINESS").allTags("TRANSPORT")
          .limit(2).build()).total()).isEqualTo(3);
    }
  }

  @Test
  void readmeFacetsExampleCountsCategoriesMostFrequentFirst() {
    try (ArticleRepository repo = openRepository(TRANSPORT_DESK)) {
      assertThat(transportCategories(repo)).containsExactly(
          Map.entry("LOCAL", 2), Map.entry("BUSINESS", 1), Map.entry("SPORTS", 1));
    }
  }

  @Test
  void readmeExampleChangesOnlyTheStickyWeightLine() throws IOException {
    Path file = content.resolve("2026/01/harbour-ferry.md");
    Files.createDirectories(file.getParent());
    String original = """
        ---
        title: Harbour Ferries to Run Through the Night
        publishedAt: '2026-01-12T07:30:00.000Z'
        # editors: do not reorder
        tags: [TRANSPORT, CITY]
        stickyWeight: 0
        draft: false
        ---
        ## Overview

        Night owls will no longer need a taxi.
        """;
    Files.writeString(file, original);

    pinArticle(content);

    assertThat(Files.readString(file)).isEqualTo(original.replace("stickyWeight: 0", "stickyWeight: 5"));
  }

  @Test
  void readmeStorageExampleSavesThroughTheFileAndListsTheFolder() throws IOException {
    Path file = content.resolve("2026/01/harbour-ferry.md");
    Files.createDirectories(file.getParent());
    String original = """
        ---
        title: Harbour Ferries to Run Through the Night
        publishedAt: '2026-01-12T07:30:00.000Z'
        stickyWeight: 0 # pinned stories have a weight
        ---
        Night owls will no longer need a taxi.
        """;
    Files.writeString(file, original);
    Files.writeString(content.resolve("2026/01/broken.md"), "---\ntitle: [unclosed\n---\n");

    assertThat(openContentFolder(content)).containsExactly("2026/01/harbour-ferry");
    assertThat(Files.readString(file)).isEqualTo(original.replace("stickyWeight: 0", "stickyWeight: 5"));
    assertThat(Files.readString(content.resolve("2026/01/broken.md"))).isEqualTo("---\ntitle: [unclosed\n---\n");
  }

  private static final Article FERRY = Article.builder("2026/01/harbour-ferry")
      .title("Harbour ferries to run through the night")
      .publishedAt(Instant.parse("2026-01-12T07:30:00Z"))
      .tags("TRANSPORT")
      .body("""
          Night owls will no longer need a taxi home.

          ## Overview

          The harbour board votes on Tuesday. <script>alert(1)</script>

          ## What happened

          [A petition](javascript:alert(1)) gathered four thousand names.
          """)
      .build();

  @Test
  void readmeRenderingExampleGivesAnchorsExcerptAndSafeHtml() {
    try (ArticleRepository repo = openRepository(List.of(FERRY))) {
      ArticleRenderer renderer = newRenderer();
      String page = articlePage(repo, renderer, "2026/01/harbour-ferry");

      assertThat(page).startsWith("overview what-happened Night owls will no longer need a taxi home. 1 min\n");
      assertThat(page).contains("<h2 id=\"overview\">Overview</h2>", "&lt;script&gt;", "A petition")
          .doesNotContain("<script", "javascript:");
      articlePage(repo, renderer, "2026/01/harbour-ferry");
      assertThat(renderer.stats().hits()).isEqualTo(1);
    }
  }

  @Test
  void readmeJsonExampleWritesAPageAndReadsAnArticleBack() throws IOException {
    try (ArticleRepository repo = openRepository(List.of(FERRY))) {
      String json = homeFeedJson(repo);

      assertThat(json).startsWith("{\"items\":[{\"id\":\"2026/01/harbour-ferry\",\"title\":")
          .endsWith("],\"total\":1,\"nextCursor\":null}").doesNotContain("Night owls");
      String one = new ObjectMapper().registerModule(new BroadsheetModule()).writeValueAsString(FERRY);
      assertThat(articleFromJson(one)).isEqualTo(FERRY);
      assertThatThrownBy(() -> articleFromJson(one.replace("[\"TRANSPORT\"]", "[\"TRANSPORT\", 7]")))
          .isInstanceOfSatisfying(InvalidArticleException.class, e -> assertThat(e.problems())
              .extracting(p -> p.field() + " " + p.line() + ":" + p.column())
              .containsExactly("$.tags[1] 1:140"));
    }
  }

  @Test
  void readmeFifteenLinesPrintTheSportsDeskAndServeIt() throws Exception {
    Path samples = RepositoryFiles.root().resolve("examples/content");
    java.io.PrintStream original = System.out;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    ContentServer.Running running;
    try {
      running = sportsDesk(samples);
    } catch (java.io.UncheckedIOException e) {
      org.junit.jupiter.api.Assumptions.assumeTrue(false, "port 8080 is taken on this machine: " + e.getMessage());
      return;
    } finally {
      System.setOut(original);
    }
    try (running) {
      List<String> lines = printed.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
      assertThat(lines.subList(0, 3)).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT.*Z  .+"));
      assertThat(lines.subList(3, lines.size())).isNotEmpty().allMatch(l -> l.startsWith("  #"));
      java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(running.uri().resolve("/articles?category=SPORTS&limit=3")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      for (String line : lines.subList(0, 3)) {
        assertThat(answer.body()).contains(new ObjectMapper().writeValueAsString(line.substring(line.indexOf("  ") + 2)));
      }
    }
  }

  @Test
  void readmeServletExampleServesTheApiBelowApiOnJetty() throws Exception {
    try (ArticleRepository repo = openRepository(List.of(FERRY))) {
      Server jetty = jettyWithTheApi(repo, 0);
      try {
        int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        java.net.URI base = java.net.URI.create("http://127.0.0.1:" + port + "/api/");
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> one = client.send(java.net.http.HttpRequest.newBuilder(
            base.resolve("articles/2026/01/harbour-ferry")).header("Origin", "https://editor.example.com").build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://editor.example.com");
        String page = client.send(java.net.http.HttpRequest.newBuilder(base).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("<a href=\"/api/articles/2026/01/harbour-ferry.html\">");
      } finally {
        jetty.stop();
      }
    }
  }

  private static String normalized(String code) {
    return code.strip().replaceAll("\\s+", " ");
  }
}
