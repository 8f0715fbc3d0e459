package dev.broadsheet.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.Revision;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.spi.ForwardingArticleStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticExportTest {
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final ObjectMapper FULL = new ObjectMapper().registerModule(new BroadsheetModule());
  private static final ObjectMapper LISTING = new ObjectMapper()
      .registerModule(BroadsheetModule.builder().bodies(BroadsheetModule.Bodies.OMIT).build());

  @TempDir Path dir;

  private static Article.Builder article(String id, String published, String category, String... tags) {
    return Article.builder(id).title("Title of " + id).publishedAt(Instant.parse(published)).category(category)
        .tags(tags).lang("en").body("## Overview\n\nThe body of " + id + ".\n");
  }

  /** Four public articles, spelled two ways in one category, and three the public must not see. */
  static List<Article> newsroom() {
    return List.of(
        article("2026/01/pier", "2026-01-10T08:00:00Z", "LOCAL", "CITY", "TRANSPORT").stickyWeight(1)
            .updatedAt(Instant.parse("2026-01-11T09:00:00Z")).source(Source.of("Gazette", "gazette", "RSS"))
            .sentiment(Sentiment.POSITIVE).build(),
        article("2026/01/rates", "2026-01-20T13:00:00Z", "BUSINESS", "ECONOMY")
            .source(Source.of("Ledger", "ledger", "API")).sentiment(Sentiment.NEUTRAL).build(),
        article("2026/02/chips", "2026-02-03T08:00:00Z", "Business", "TECH", "ECONOMY", "C++")
            .source(Source.of("Ledger", "ledger", "API")).sentiment(Sentiment.NEGATIVE).build(),
        article("2026/02/stadion", "2026-02-14T18:00:00Z", "SPORTS", "Fußball", "CITY").lang("de")
            .source(Source.of("Bote", "bote", "RSS")).sentiment(Sentiment.POSITIVE).build(),
        article("drafts/plan", "2026-02-20T00:00:00Z", "BUSINESS", "SECRETTAG").title("Secret plan").draft(true).build(),
        article("2026/04/launch", "2026-04-01T00:00:00Z", "TECHNOLOGY", "SECRETTAG").title("Secret launch").build(),
        article("2026/01/offer", "2026-01-02T00:00:00Z", "LOCAL", "SECRETTAG").title("Secret offer")
            .expiresAt(Instant.parse("2026-02-01T00:00:00Z")).build());
  }

  private static ArticleRepository repository(List<Article> articles) {
    return ArticleRepository.builder().store(new InMemoryArticleStore(articles)).clock(CLOCK).build();
  }

  private static StaticExport export(int pageSize) {
    return StaticExport.builder().pageSize(pageSize).clock(CLOCK).build();
  }

  /** Every file below {@code root}, by relative path with '/', with its text. */
  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"),
            Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private static String listed(ArticleRepository repo, String id) throws IOException {
    return LISTING.writeValueAsString(repo.get(id).orElseThrow());
  }

  @Test
  void writesExactlyTheExpectedFiles() throws Exception {
    StaticExport.Result r = export(2).write(repository(newsroom()), dir.resolve("out"));

    assertThat(files(dir.resolve("out")).keySet()).containsExactly(
        "articles/2026/01/pier.json",
        "articles/2026/01/rates.json",
        "articles/2026/02/chips.json",
        "articles/2026/02/stadion.json",
        "category/business/page-1.json",
        "category/local/page-1.json",
        "category/sports/page-1.json",
        "facets.json",
        "feed/page-1.json",
        "feed/page-2.json",
        "index.json",
        "tag/city/page-1.json",
        "tag/c~2b~2b/page-1.json",
        "tag/economy/page-1.json",
        "tag/fu~c3~9fball/page-1.json",
        "tag/tech/page-1.json",
        "tag/transport/page-1.json");
    assertThat(r).isEqualTo(new StaticExport.Result(4, 17));
  }

  @Test
  void articleFilesHoldTheStoredArticleWithItsBody() throws Exception {
    ArticleRepository repo = repository(newsroom());
    export(2).write(repo, dir.resolve("out"));

    StoredArticle chips = repo.find("2026/02/chips").orElseThrow();
    assertThat(Files.readString(dir.resolve("out/articles/2026/02/chips.json")))
        .isEqualTo(FULL.writeValueAsString(chips) + "\n")
        .contains("\"body\":\"## Overview\\n\\nThe body of 2026/02/chips.\\n\"");
  }

  @Test
  void feedsArePagesInTheDefaultOrderWithoutBodies() throws Exception {
    ArticleRepository repo = repository(newsroom());
    export(2).write(repo, dir.resolve("out"));
    Map<String, String> files = files(dir.resolve("out"));

    assertThat(files.get("feed/page-1.json")).isEqualTo("{\"items\":[" + listed(repo, "2026/01/pier") + ","
        + listed(repo, "2026/02/stadion") + "],\"total\":4,\"page\":1,\"pages\":2,\"next\":\"feed/page-2.json\","
        + "\"previous\":null}\n");
    assertThat(files.get("feed/page-2.json")).isEqualTo("{\"items\":[" + listed(repo, "2026/02/chips") + ","
        + listed(repo, "2026/01/rates") + "],\"total\":4,\"page\":2,\"pages\":2,\"next\":null,"
        + "\"previous\":\"feed/page-1.json\"}\n");
    assertThat(files.get("category/business/page-1.json")).isEqualTo("{\"items\":[" + listed(repo, "2026/02/chips")
        + "," + listed(repo, "2026/01/rates") + "],\"total\":2,\"page\":1,\"pages\":1,\"next\":null,\"previous\":null}\n");
    assertThat(files.get("tag/c~2b~2b/page-1.json")).isEqualTo("{\"items\":[" + listed(repo, "2026/02/chips")
        + "],\"total\":1,\"page\":1,\"pages\":1,\"next\":null,\"previous\":null}\n");
    files.forEach((path, text) -> {
      if (!path.startsWith("articles/")) {
        assertThat(text).as(path).doesNotContain("\"body\"");
      }
    });
  }

  @Test
  void indexListsArticlesFeedsAndKeys() throws Exception {
    ArticleRepository repo = repository(newsroom());
    export(2).write(repo, dir.resolve("out"));

    Revision pier = repo.find("2026/01/pier").orElseThrow().revision();
    Revision rates = repo.find("2026/01/rates").orElseThrow().revision();
    Revision chips = repo.find("2026/02/chips").orElseThrow().revision();
    Revision stadion = repo.find("2026/02/stadion").orElseThrow().revision();
    assertThat(Files.readString(dir.resolve("out/index.json"))).isEqualTo("{\"total\":4,\"pageSize\":2,"
        + "\"feed\":\"feed/page-1.json\",\"facets\":\"facets.json\","
        + "\"categories\":["
        + "{\"key\":\"business\",\"value\":\"BUSINESS\",\"count\":2,\"feed\":\"category/business/page-1.json\"},"
        + "{\"key\":\"local\",\"value\":\"LOCAL\",\"count\":1,\"feed\":\"category/local/page-1.json\"},"
        + "{\"key\":\"sports\",\"value\":\"SPORTS\",\"count\":1,\"feed\":\"category/sports/page-1.json\"}],"
        + "\"tags\":["
        + "{\"key\":\"c~2b~2b\",\"value\":\"C++\",\"count\":1,\"feed\":\"tag/c~2b~2b/page-1.json\"},"
        + "{\"key\":\"city\",\"value\":\"CITY\",\"count\":2,\"feed\":\"tag/city/page-1.json\"},"
        + "{\"key\":\"economy\",\"value\":\"ECONOMY\",\"count\":2,\"feed\":\"tag/economy/page-1.json\"},"
        + "{\"key\":\"fu~c3~9fball\",\"value\":\"Fußball\",\"count\":1,\"feed\":\"tag/fu~c3~9fball/page-1.json\"},"
        + "{\"key\":\"tech\",\"value\":\"TECH\",\"count\":1,\"feed\":\"tag/tech/page-1.json\"},"
        + "{\"key\":\"transport\",\"value\":\"TRANSPORT\",\"count\":1,\"feed\":\"tag/transport/page-1.json\"}],"
        + "\"articles\":["
        + "{\"id\":\"2026/01/pier\",\"revision\":\"" + pier + "\",\"publishedAt\":\"2026-01-10T08:00:00Z\","
        + "\"updatedAt\":\"2026-01-11T09:00:00Z\",\"path\":\"articles/2026/01/pier.json\"},"
        + "{\"id\":\"2026/01/rates\",\"revision\":\"" + rates + "\",\"publishedAt\":\"2026-01-20T13:00:00Z\","
        + "\"path\":\"articles/2026/01/rates.json\"},"
        + "{\"id\":\"2026/02/chips\",\"revision\":\"" + chips + "\",\"publishedAt\":\"2026-02-03T08:00:00Z\","
        + "\"path\":\"articles/2026/02/chips.json\"},"
        + "{\"id\":\"2026/02/stadion\",\"revision\":\"" + stadion + "\",\"publishedAt\":\"2026-02-14T18:00:00Z\","
        + "\"path\":\"articles/2026/02/stadion.json\"}]}\n");
  }

  @Test
  void facetsCountEverythingTheRepositoryCounts() throws Exception {
    // One spelling per value, so the repository's labels are the export's.
    List<Article> plain = newsroom().stream()
        .map(a -> "Business".equals(a.category()) ? a.toBuilder().category("BUSINESS").build() : a).toList();
    ArticleRepository repo = repository(plain);
    export(2).write(repo, dir.resolve("out"));

    String expected = FULL.writeValueAsString(repo.facets(ArticleQuery.builder().asOf(NOW).topTags(1000).build()));
    assertThat(Files.readString(dir.resolve("out/facets.json"))).isEqualTo(expected + "\n");
    assertThat(expected).contains("{\"value\":\"C++\",\"count\":1}");
  }

  /** Per lower-cased value, in facet order: the most frequent first spelling (least on a tie) and the count. */
  private static List<String> countByHand(List<Article> articles, Function<Article, List<String>> values) {
    Map<String, Map<String, Integer>> byKey = new TreeMap<>();
    for (Article a : articles) {
      Set<String> seen = new HashSet<>();
      for (String v : values.apply(a)) {
        if (seen.add(v.toLowerCase(Locale.ROOT))) {
          byKey.computeIfAbsent(v.toLowerCase(Locale.ROOT), k -> new TreeMap<>()).merge(v, 1, Integer::sum);
        }
      }
    }
    List<String> out = new ArrayList<>();
    byKey.entrySet().stream()
        .sorted(Comparator.comparingInt(e -> -e.getValue().values().stream().mapToInt(Integer::intValue).sum()))
        .forEach(e -> {
          int most = Collections.max(e.getValue().values());
          String label = e.getValue().entrySet().stream().filter(x -> x.getValue() == most).findFirst()
              .orElseThrow().getKey();
          out.add(label + "=" + e.getValue().values().stream().mapToInt(Integer::intValue).sum());
        });
    return out;
  }

  private static List<String> valuesAndCounts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get("value").asText() + "=" + n.get("count").asInt()));
    return out;
  }

  @Test
  void facetsAndIndexNameEachValueByItsMostFrequentSpelling() throws Exception {
    Random r = new Random(11);
    String[] categories = {"Business", "BUSINESS", "business", "Sports", "SPORTS", "Local"};
    String[] tags = {"AI", "ai", "Ai", "Economy", "ECONOMY", "C++", "c++", "Fußball", "FUSSBALL"};
    String[] langs = {"en", "EN", "de"};
    String[] sources = {"ledger", "Ledger", "bote"};
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      List<String> some = new ArrayList<>();
      for (int t = r.nextInt(4); t > 0; t--) {
        some.add(tags[r.nextInt(tags.length)]);
      }
      articles.add(Article.builder(String.format("2026/a%03d", i)).title("Title " + i)
          .publishedAt(NOW.minus(Duration.ofDays(r.nextInt(60) - 5))).draft(r.nextInt(10) == 0)
          .category(r.nextInt(10) == 0 ? null : categories[r.nextInt(categories.length)]).tags(some)
          .lang(langs[r.nextInt(langs.length)]).source(Source.of("S", sources[r.nextInt(sources.length)], "RSS"))
          .sentiment(r.nextInt(5) == 0 ? null : Sentiment.values()[r.nextInt(3)]).build());
    }
    export(50).write(repository(articles), dir.resolve("out"));
    List<Article> visible = articles.stream().filter(a -> StaticExport.isPublic(a, NOW)).toList();
    Function<Article, List<String>> category = a -> a.category() == null ? List.of() : List.of(a.category());

    JsonNode facets = FULL.readTree(dir.resolve("out/facets.json").toFile());
    assertThat(facets.get("total").asInt()).isEqualTo(visible.size()).isLessThan(articles.size());
    assertThat(valuesAndCounts(facets.get("categories"))).isEqualTo(countByHand(visible, category));
    assertThat(valuesAndCounts(facets.get("tags"))).isEqualTo(countByHand(visible, Article::tags));
    assertThat(valuesAndCounts(facets.get("langs"))).isEqualTo(countByHand(visible, a -> List.of(a.lang())));
    assertThat(valuesAndCounts(facets.get("sources")))
        .isEqualTo(countByHand(visible, a -> List.of(a.source().key())));
    JsonNode index = FULL.readTree(dir.resolve("out/index.json").toFile());
    assertThat(valuesAndCounts(index.get("categories"))).containsExactlyInAnyOrderElementsOf(
        countByHand(visible, category));
    assertThat(valuesAndCounts(index.get("tags"))).containsExactlyInAnyOrderElementsOf(
        countByHand(visible, Article::tags));
  }

  @Test
  void nothingHiddenIsExported() throws Exception {
    export(2).write(repository(newsroom()), dir.resolve("out"));

    files(dir.resolve("out")).forEach((path, text) -> {
      assertThat(path).doesNotContain("plan").doesNotContain("launch").doesNotContain("offer").doesNotContain("technology");
      assertThat(text).as(path).doesNotContain("Secret").doesNotContain("SECRETTAG").doesNotContain("TECHNOLOGY");
    });
  }

  @Test
  void theClockDecidesWhatIsPublic() throws Exception {
    Clock april = Clock.fixed(Instant.parse("2026-04-02T00:00:00Z"), ZoneOffset.UTC);
    StaticExport.builder().clock(april).build().write(repository(newsroom()), dir.resolve("out"));

    assertThat(dir.resolve("out/articles/2026/04/launch.json")).exists();
    assertThat(dir.resolve("out/articles/drafts/plan.json")).doesNotExist();
  }

  @Test
  void theSameContentGivesTheSameBytes() throws Exception {
    ArticleRepository repo = repository(newsroom());
    export(2).write(repo, dir.resolve("a"));
    export(2).write(repo, dir.resolve("b"));
    assertThat(files(dir.resolve("b"))).isEqualTo(files(dir.resolve("a")));

    // Loaded in another order (revisions differ, so compare what does not hold them).
    List<Article> reversed = new ArrayList<>(newsroom());
    Collections.reverse(reversed);
    export(2).write(repository(reversed), dir.resolve("c"));
    Map<String, String> a = files(dir.resolve("a"));
    Map<String, String> c = files(dir.resolve("c"));
    assertThat(c.keySet()).isEqualTo(a.keySet());
    a.forEach((path, text) -> {
      if (!path.startsWith("articles/") && !path.equals("index.json")) {
        assertThat(c.get(path)).as(path).isEqualTo(text);
      }
    });
  }

  @Test
  void replacesAnEarlierExportAndLeavesNothingBeside() throws Exception {
    Path out = dir.resolve("site/api");
    export(2).write(repository(newsroom()), out);
    Files.writeString(out.resolve("stale.json"), "{}");
    List<Article> fewer = newsroom().stream().filter(x -> !x.id().equals("2026/02/chips")).toList();

    StaticExport.Result r = export(2).write(repository(fewer), out);

    assertThat(r.articles()).isEqualTo(3);
    assertThat(out.resolve("stale.json")).doesNotExist();
    assertThat(out.resolve("articles/2026/02/chips.json")).doesNotExist();
    assertThat(out.resolve("tag/c~2b~2b")).doesNotExist();
    try (Stream<Path> siblings = Files.list(dir.resolve("site"))) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("api");
    }
  }

  @Test
  void removesWhatAKilledRunLeftBeside() throws Exception {
    Path leftover = dir.resolve(".out.export-12345/articles");
    Files.createDirectories(leftover);
    Files.writeString(leftover.resolve("half.json"), "{");
    Files.createDirectories(dir.resolve(".out.replaced-999"));
    Files.createDirectories(dir.resolve(".other.export-1"));

    export(2).write(repository(newsroom()), dir.resolve("out"));

    try (Stream<Path> siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("out", ".other.export-1");
    }
  }

  @Test
  void neverReplacesAFolderThatIsNotAnExport() throws Exception {
    Path out = dir.resolve("documents");
    Files.createDirectories(out);
    Files.writeString(out.resolve("thesis.txt"), "years of work");

    assertThatThrownBy(() -> export(2).write(repository(newsroom()), out))
        .isInstanceOf(BroadsheetException.class)
        .hasMessage("will not replace " + out + ": it is not empty and holds no index.json, so it is not an "
            + "earlier export");
    assertThat(Files.readString(out.resolve("thesis.txt"))).isEqualTo("years of work");
    Path file = dir.resolve("file.json");
    Files.writeString(file, "{}");
    assertThatThrownBy(() -> export(2).write(repository(newsroom()), file))
        .hasMessage("will not replace " + file + ": it is not a folder");
  }

  @Test
  void aFailureHalfwayLeavesTheEarlierExportAsItWas() throws Exception {
    Path out = dir.resolve("out");
    export(2).write(repository(newsroom()), out);
    Map<String, String> before = files(out);

    ArticleRepository failing = ArticleRepository.builder()
        .store(new FailingBodies(newsroom(), "2026/02/chips")).clock(CLOCK).build();
    assertThatThrownBy(() -> export(2).write(failing, out))
        .isInstanceOf(BroadsheetException.class)
        .hasMessageContaining("disk failed");

    assertThat(files(out)).isEqualTo(before);
    try (Stream<Path> siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("out");
    }
  }

  @Test
  void anEmptyRepositoryExportsAnEmptyFirstPage() throws Exception {
    StaticExport.Result r = export(20).write(repository(List.of()), dir.resolve("out"));

    assertThat(r).isEqualTo(new StaticExport.Result(0, 3));
    assertThat(Files.readString(dir.resolve("out/feed/page-1.json")))
        .isEqualTo("{\"items\":[],\"total\":0,\"page\":1,\"pages\":1,\"next\":null,\"previous\":null}\n");
    assertThat(Files.readString(dir.resolve("out/facets.json"))).isEqualTo(
        "{\"total\":0,\"categories\":[],\"tags\":[],\"sentiments\":[],\"langs\":[],\"sources\":[]}\n");
  }

  @Test
  void builderRefusesBadPageSizes() {
    assertThatThrownBy(() -> StaticExport.builder().pageSize(0)).hasMessage("pageSize must be from 1 to 1000, was 0");
    assertThatThrownBy(() -> StaticExport.builder().pageSize(1001))
        .hasMessage("pageSize must be from 1 to 1000, was 1001");
  }

  @Test
  void slugsAreLowerCaseEscapedAndNeverCollide() {
    assertThat(ExportSlugs.slug("AI")).isEqualTo("ai");
    assertThat(ExportSlugs.slug("C++")).isEqualTo("c~2b~2b");
    assertThat(ExportSlugs.slug("Über")).isEqualTo("~c3~bcber");
    assertThat(ExportSlugs.slug("a/b")).isEqualTo("a~2fb");
    assertThat(ExportSlugs.slug("..")).isEqualTo("~2e~2e");
    assertThat(ExportSlugs.slug("~2b")).isEqualTo("~7e2b");
    assertThat(ExportSlugs.slug("")).isEqualTo("~");
    assertThat(ExportSlugs.slug("new york")).isEqualTo("new~20york");
    List<String> values = List.of("c++", "c--", "c~2b~2b", "c+", "c~2b", "~", "", "~~", "a b", "a+b", "a_b", "a-b");
    assertThat(values.stream().map(ExportSlugs::slug).distinct()).hasSameSizeAs(values);

    String longA = "ä".repeat(100);
    String longB = "ä".repeat(99) + "ö";
    assertThat(ExportSlugs.slug(longA)).hasSizeLessThanOrEqualTo(ExportSlugs.MAX_LENGTH).contains("~~")
        .isNotEqualTo(ExportSlugs.slug(longB));
    assertThat(ExportSlugs.slug(longA)).matches("(~[0-9a-f]{2})+~~[0-9a-f]{16}");
  }

  /** Whole articles kept out of memory, as the file store keeps them, and one of them unreadable. */
  private static final class FailingBodies extends ForwardingArticleStore {
    private final String failing;

    FailingBodies(List<Article> articles, String failing) {
      super(new InMemoryArticleStore(articles));
      this.failing = failing;
    }

    @Override
    public boolean partialArticles() {
      return true;
    }

    @Override
    public Optional<StoredArticle> article(String id, Revision revision) throws IOException {
      if (id.equals(failing)) {
        throw new IOException("disk failed");
      }
      return delegate.get(id);
    }
  }
}
