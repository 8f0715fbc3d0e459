package dev.broadsheet.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class NewsFeedsTest {
  static final Instant NOW = Instant.parse("2026-04-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String HOSTILE_TITLE = "Markets ]]> <script>alert(1)</script> & \"quotes\" \u0000\u0007 \uFFFE \uFDD0 "
      + "\uD800 lone, \uD83D\uDCF0 paired, \u202Eשלום עולם\u202C مرحبا";
  static final String HOSTILE_BODY = """
      ## Overview

      A <script>alert("body")</script> and <img src=x onerror=alert(2)> in raw HTML; ]]> ends no CDATA.

      [a link](javascript:alert(3)) & an ampersand, \u0001 a control, \uFFFF a noncharacter, עברית.
      """;

  final NewsFeeds feeds = NewsFeeds.builder("https://news.example.com/").title("Harbour Times").language("en")
      .clock(CLOCK).build();

  static Article.Builder article(String id, Instant published) {
    return Article.builder(id).title("Title of " + id).description("About " + id).publishedAt(published)
        .lang("en").category("CITY").tags("PORT", "C++").body("## Overview\n\nText of " + id + ".\n");
  }

  /** Public articles, one hostile, and one of every hidden kind. */
  static List<Article> newsroom() {
    List<Article> out = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      out.add(article("2026/03/story-" + i, NOW.minus(Duration.ofHours(10L * i + 1))).build());
    }
    out.add(article("2026/03/hostile", NOW).title(HOSTILE_TITLE)
        .description(HOSTILE_TITLE).category("C&A <b>").tags("<i>", "]]>").body(HOSTILE_BODY).build());
    out.add(article("2026/03/hidden-draft", NOW.minus(Duration.ofHours(1))).draft(true).build());
    out.add(article("2026/03/hidden-scheduled", NOW.plus(Duration.ofHours(1))).build());
    out.add(article("2026/03/hidden-expired", NOW.minus(Duration.ofHours(3))).expiresAt(NOW.minus(Duration.ofHours(2)))
        .build());
    // A story in four languages; the French version is a draft.
    for (String lang : List.of("en", "de", "fr", "es")) {
      out.add(article("2026/03/budget-" + lang, NOW.minus(Duration.ofDays(3))).lang(lang).translationKey("budget")
          .draft(lang.equals("fr")).build());
    }
    return out;
  }

  static ArticleRepository repository(List<Article> articles) {
    return ArticleRepository.builder().store(new InMemoryArticleStore(articles)).clock(CLOCK).build();
  }

  static String string(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Every output of a channel and the sitemaps, as text. */
  private List<byte[]> everything(ArticleRepository repo) {
    List<byte[]> out = new ArrayList<>();
    for (Channel c : List.of(Channel.home(), Channel.category("CITY"), Channel.tag("port"), Channel.tag("C++"))) {
      for (FeedFormat f : FeedFormat.values()) {
        out.add(feeds.feed(repo, c, f));
      }
    }
    ByteArrayOutputStream sitemap = new ByteArrayOutputStream();
    feeds.sitemap(repo, sitemap);
    out.add(sitemap.toByteArray());
    ByteArrayOutputStream news = new ByteArrayOutputStream();
    feeds.newsSitemap(repo, news);
    out.add(news.toByteArray());
    return out;
  }

  @Test
  void rssHoldsTheNewestPublicArticlesNewestFirstWithAbsoluteLinksAndBodies() {
    List<Element> items = Parsed.rssItems(feeds.feed(repository(newsroom()), Channel.home(), FeedFormat.RSS));
    assertThat(items).extracting(i -> Parsed.text(i, null, "link")).startsWith(
        "https://news.example.com/articles/2026/03/hostile.html",
        "https://news.example.com/articles/2026/03/story-0.html",
        "https://news.example.com/articles/2026/03/story-1.html");
    Element story = items.get(1);
    assertThat(Parsed.text(story, null, "title")).isEqualTo("Title of 2026/03/story-0");
    assertThat(Parsed.text(story, null, "description")).isEqualTo("About 2026/03/story-0");
    assertThat(Parsed.rfc822(Parsed.text(story, null, "pubDate")).toInstant()).isEqualTo(NOW.minusSeconds(3600));
    assertThat(Parsed.children(story, null, "category")).extracting(Element::getTextContent)
        .containsExactly("CITY", "PORT", "C++");
    assertThat(Parsed.text(story, Parsed.CONTENT, "encoded"))
        .isEqualTo("<h2 id=\"overview\">Overview</h2>\n<p>Text of 2026/03/story-0.</p>\n");
  }

  @Test
  void atomAndJsonFeedCarryTheSameArticles() {
    ArticleRepository repo = repository(newsroom());
    List<Element> entries = Parsed.atomEntries(feeds.feed(repo, Channel.home(), FeedFormat.ATOM));
    List<JsonNode> items = Parsed.jsonItems(feeds.feed(repo, Channel.home(), FeedFormat.JSON));
    List<String> rss = Parsed.rssItems(feeds.feed(repo, Channel.home(), FeedFormat.RSS)).stream()
        .map(i -> Parsed.text(i, null, "link")).toList();
    assertThat(entries).extracting(e -> Parsed.text(e, Parsed.ATOM, "id")).containsExactlyElementsOf(rss);
    assertThat(items).extracting(i -> i.path("id").asText()).containsExactlyElementsOf(rss);
    assertThat(items.get(1).path("tags")).extracting(JsonNode::asText).containsExactly("CITY", "PORT", "C++");
    assertThat(items.get(1).path("date_published").asText()).isEqualTo("2026-04-01T11:00:00Z");
    assertThat(Parsed.text(entries.get(1), Parsed.ATOM, "content")).contains("<p>Text of 2026/03/story-0.</p>");
  }

  @Test
  void aFeedHoldsAtMostItsSizeAndCategoryAndTagFeedsOnlyTheirArticles() {
    ArticleRepository repo = repository(newsroom());
    NewsFeeds three = NewsFeeds.builder("https://news.example.com").size(3).build();
    assertThat(Parsed.rssItems(three.feed(repo, Channel.home(), FeedFormat.RSS))).hasSize(3);
    assertThat(Parsed.rssItems(feeds.feed(repo, Channel.category("city"), FeedFormat.RSS))).hasSize(11); // 8 + 3 public budget versions
    assertThat(Parsed.rssItems(feeds.feed(repo, Channel.tag("]]>"), FeedFormat.RSS))).hasSize(1);
    assertThat(Parsed.atomEntries(feeds.feed(repo, Channel.tag("nothing"), FeedFormat.ATOM))).isEmpty();
    assertThat(Channel.tag("C++").path(FeedFormat.JSON)).isEqualTo("tag/c~2b~2b/feed.json");
    assertThat(Parsed.json(feeds.feed(repo, Channel.tag("C++"), FeedFormat.JSON)).path("feed_url").asText())
        .isEqualTo("https://news.example.com/tag/c~2b~2b/feed.json");
  }

  @Test
  void hostileTitlesAndBodiesGiveWellFormedScriptFreeOutput() {
    ArticleRepository repo = repository(newsroom());
    for (byte[] out : everything(repo)) {
      String text = string(out);
      // Markup of articles is escaped text here; "onerror=" may appear, as inert text, never as "<img ... onerror".
      assertThat(text.toLowerCase(Locale.ROOT)).doesNotContain("<script", "<img");
      assertThat(text).doesNotContain("\u0000", "\u0007", "\u0001", "\uFFFE", "\uFFFF", "\uFDD0", "\uFFFD");
    }
    Element hostile = Parsed.rssItems(feeds.feed(repo, Channel.home(), FeedFormat.RSS)).get(0);
    String title = Parsed.text(hostile, null, "title");
    assertThat(title).isEqualTo("Markets ]]> <script>alert(1)</script> & \"quotes\"     lone, \uD83D\uDCF0 paired, "
        + "\u202Eשלום עולם\u202C مرحبا"); // text, escaped in the XML; dropped what XML cannot carry
    String content = Parsed.text(hostile, Parsed.CONTENT, "encoded");
    assertThat(content.toLowerCase(Locale.ROOT)).doesNotContain("<script", "<img", "javascript:");
    assertThat(content).contains("]]&gt; ends no CDATA", "עברית");
    JsonNode item = Parsed.jsonItems(feeds.feed(repo, Channel.home(), FeedFormat.JSON)).get(0);
    assertThat(item.path("title").asText()).isEqualTo(title);
    assertThat(item.path("content_html").asText()).isEqualTo(content);
    Element entry = Parsed.atomEntries(feeds.feed(repo, Channel.home(), FeedFormat.ATOM)).get(0);
    assertThat(Parsed.text(entry, Parsed.ATOM, "title")).isEqualTo(title);
  }

  @Test
  void hiddenArticlesAreInNoOutput() {
    ArticleRepository repo = repository(newsroom());
    for (byte[] out : everything(repo)) {
      assertThat(string(out)).doesNotContain("hidden-", "budget-fr");
    }
  }

  @Test
  void sitemapListsEveryPublicPageWithLastModAndLanguageVersions() {
    ArticleRepository repo = repository(newsroom());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    feeds.sitemap(repo, out);
    List<Element> urls = Parsed.sitemapUrls(out.toByteArray());
    assertThat(urls).hasSize(12);
    Element en = urls.stream().filter(u -> Parsed.text(u, Parsed.SITEMAP, "loc").endsWith("budget-en.html"))
        .findFirst().orElseThrow();
    assertThat(Parsed.text(en, Parsed.SITEMAP, "lastmod")).isEqualTo("2026-03-29T12:00:00Z");
    assertThat(Parsed.children(en, Parsed.XHTML, "link")).extracting(
            l -> l.getAttribute("rel") + " " + l.getAttribute("hreflang") + " " + l.getAttribute("href"))
        .containsExactly("alternate en https://news.example.com/articles/2026/03/budget-en.html",
            "alternate de https://news.example.com/articles/2026/03/budget-de.html",
            "alternate es https://news.example.com/articles/2026/03/budget-es.html");
    assertThat(feeds.sitemapPage(repo, 1, new ByteArrayOutputStream())).isFalse(); // one page: no index
  }

  @Test
  void newsSitemapHoldsTheLastTwoDaysWithPublicationAndLanguage() {
    ArticleRepository repo = repository(newsroom());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    feeds.newsSitemap(repo, out);
    List<Element> urls = Parsed.sitemapUrls(out.toByteArray());
    assertThat(urls).extracting(u -> Parsed.text(u, Parsed.SITEMAP, "loc")).containsExactly(
        "https://news.example.com/articles/2026/03/hostile.html",
        "https://news.example.com/articles/2026/03/story-0.html",
        "https://news.example.com/articles/2026/03/story-1.html",
        "https://news.example.com/articles/2026/03/story-2.html",
        "https://news.example.com/articles/2026/03/story-3.html",
        "https://news.example.com/articles/2026/03/story-4.html"); // 41 hours ago; story-5 is 51
    Element news = Parsed.one(urls.get(1), Parsed.NEWS, "news");
    Element publication = Parsed.one(news, Parsed.NEWS, "publication");
    assertThat(Parsed.text(publication, Parsed.NEWS, "name")).isEqualTo("Harbour Times");
    assertThat(Parsed.text(publication, Parsed.NEWS, "language")).isEqualTo("en");
    assertThat(Parsed.text(news, Parsed.NEWS, "publication_date")).isEqualTo("2026-04-01T11:00:00Z");
    assertThat(Parsed.text(news, Parsed.NEWS, "title")).isEqualTo("Title of 2026/03/story-0");
  }

  @Test
  void robotsNamesBothSitemaps() {
    assertThat(string(feeds.robots())).isEqualTo("""
        User-agent: *
        Allow: /

        Sitemap: https://news.example.com/sitemap.xml
        Sitemap: https://news.example.com/news-sitemap.xml
        """);
  }

  @Test
  void sitemapOfFiftyThousandAndOneArticlesIsAnIndexOfTwoPages() {
    List<Article> many = new ArrayList<>(50_001);
    Instant start = NOW.minus(Duration.ofDays(400));
    for (int i = 0; i < 50_001; i++) {
      many.add(Article.builder(String.format("2025/gen/a-%05d", i)).title("Generated " + i)
          .publishedAt(start.plusSeconds(60L * i)).body("").build());
    }
    ArticleRepository repo = repository(many);
    ByteArrayOutputStream index = new ByteArrayOutputStream();
    feeds.sitemap(repo, index);
    assertThat(Parsed.sitemapIndex(index.toByteArray())).containsExactly(
        "https://news.example.com/sitemap-1.xml", "https://news.example.com/sitemap-2.xml");
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    assertThat(feeds.sitemapPage(repo, 1, first)).isTrue();
    List<Element> page1 = Parsed.sitemapUrls(first.toByteArray());
    assertThat(page1).hasSize(50_000);
    assertThat(Parsed.text(page1.get(0), Parsed.SITEMAP, "loc")).endsWith("/articles/2025/gen/a-00000.html");
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    assertThat(feeds.sitemapPage(repo, 2, second)).isTrue();
    assertThat(Parsed.sitemapUrls(second.toByteArray())).extracting(u -> Parsed.text(u, Parsed.SITEMAP, "loc"))
        .containsExactly("https://news.example.com/articles/2025/gen/a-50000.html");
    assertThat(feeds.sitemapPage(repo, 3, new ByteArrayOutputStream())).isFalse();
    assertThat(feeds.sitemapPage(repo, 0, new ByteArrayOutputStream())).isFalse();
  }

  @Test
  void sitemapPagesStayUnderTheByteLimitToo() {
    List<Sitemaps.Url> urls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      urls.add(new Sitemaps.Url("https://example.com/" + "x".repeat(1000) + i, null, List.of()));
    }
    List<List<Sitemaps.Url>> pages = Sitemaps.pages(urls, 50_000, 20_000);
    assertThat(pages).hasSizeGreaterThan(1);
    assertThat(pages.stream().mapToInt(List::size).sum()).isEqualTo(10);
    for (List<Sitemaps.Url> page : pages) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Sitemaps.urlset(page, out);
      assertThat(out.size()).isLessThanOrEqualTo(20_000);
    }
    assertThat(Sitemaps.pages(List.of(), 50_000, 20_000)).containsExactly(List.of());
  }

  @Test
  void exportWritesEveryFeedAndSitemapBesideOtherFiles(@TempDir Path dir) throws IOException {
    ArticleRepository repo = repository(newsroom());
    Files.writeString(dir.resolve("index.json"), "{}");
    NewsFeeds.Result r = feeds.export(repo, dir);
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> names = files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted().toList();
      assertThat(names).contains("index.json", "feed.rss", "feed.atom", "feed.json", "category/city/feed.rss",
          "category/c~26a~20~3cb~3e/feed.atom", "tag/c~2b~2b/feed.json", "tag/~5d~5d~3e/feed.rss", "sitemap.xml",
          "news-sitemap.xml", "robots.txt");
      assertThat(names).hasSize(r.files() + 1);
      assertThat(names.stream().filter(n -> n.contains("feed."))).hasSize(r.feeds());
    }
    assertThat(Files.readAllBytes(dir.resolve("feed.atom"))).isEqualTo(feeds.feed(repo, Channel.home(), FeedFormat.ATOM));
    Parsed.rssItems(Files.readAllBytes(dir.resolve("tag/c~2b~2b/feed.rss")));
    assertThat(Parsed.sitemapUrls(Files.readAllBytes(dir.resolve("sitemap.xml")))).hasSize(12);
    assertThat(string(Files.readAllBytes(dir.resolve("category/city/feed.json")))).doesNotContain("hidden-");
  }

  @Test
  void channelsAreFoundByTheirExportKeys() {
    ArticleRepository repo = repository(newsroom());
    assertThat(feeds.channel(repo, Channel.Kind.TAG, "c~2b~2b")).contains(Channel.tag("c++"));
    assertThat(feeds.channel(repo, Channel.Kind.CATEGORY, "city")).contains(Channel.category("city"));
    assertThat(feeds.channel(repo, Channel.Kind.CATEGORY, "CITY")).isEmpty(); // not a key the export gives
    assertThat(feeds.channel(repo, Channel.Kind.CATEGORY, "sports")).isEmpty(); // no public article
    assertThat(feeds.channel(repo, Channel.Kind.TAG, "c~2B~2B")).isEmpty();
    assertThat(feeds.channel(repo, Channel.Kind.TAG, "~zz")).isEmpty();
    String longTag = "Ünïcode tag ".repeat(12);
    ArticleRepository withLong = repository(List.of(article("2026/03/long", NOW).tags(longTag).build()));
    String key = dev.broadsheet.json.StaticExport.key(longTag);
    assertThat(key).contains("~~");
    assertThat(feeds.channel(withLong, Channel.Kind.TAG, key)).contains(Channel.tag(longTag));
  }

  @Test
  void articlePathsArePercentEncodedFromUtf8() {
    assertThat(NewsFeeds.articlePath("2026/01/über uns")).isEqualTo("articles/2026/01/%C3%BCber%20uns.html");
    assertThat(feeds.articleUrl("a&b")).isEqualTo("https://news.example.com/articles/a%26b.html");
  }

  @Test
  void builderRefusesWhatItCannotUse() {
    assertThatThrownBy(() -> NewsFeeds.builder("news.example.com")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must be an absolute http or https URL without query or fragment, was 'news.example.com'");
    assertThatThrownBy(() -> NewsFeeds.builder("ftp://example.com")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NewsFeeds.builder("https://example.com/?a=1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NewsFeeds.builder("https://example.com/\nSitemap: x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NewsFeeds.builder("https://example.com").size(0)).hasMessage("size must be from 1 to 1000, was 0");
    assertThatThrownBy(() -> NewsFeeds.builder("https://example.com").title(" ")).hasMessage("title must not be blank");
    assertThat(NewsFeeds.builder("https://example.com/news///").build().baseUrl()).isEqualTo("https://example.com/news");
  }
}
