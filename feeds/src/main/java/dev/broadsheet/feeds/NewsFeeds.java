package dev.broadsheet.feeds;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Page;
import dev.broadsheet.Sort;
import dev.broadsheet.json.StaticExport;
import dev.broadsheet.markdown.render.ArticleRenderer;
import dev.broadsheet.markdown.render.RenderedArticle;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Feeds, sitemaps and robots.txt of what the public sees of a repository, with absolute links
 * from the site's base URL: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the home feed and every
 * category and tag; a sitemap (an index of paged sitemaps beyond 50,000 URLs or 50 MB) with the
 * language versions of each page; a news sitemap of the last 48 hours; and a robots.txt naming
 * both sitemaps.
 *
 * <pre>{@code
 * NewsFeeds feeds = NewsFeeds.builder("https://news.example.com")
 *     .title("Harbour Times")
 *     .language("en")
 *     .build();
 * feeds.feed(repository, Channel.category("SPORTS"), FeedFormat.ATOM, out); // newest 50, as Atom
 * feeds.sitemap(repository, out);                                        // every public article
 * NewsFeeds.Result r = feeds.export(repository, Path.of("public"));      // every file, in a folder
 * }</pre>
 *
 * <h2>Layout</h2>
 *
 * <p>Paths below the base URL, which the HTTP API answers and {@link #export} writes:
 *
 * <pre>
 * feed.rss, feed.atom, feed.json                the newest public articles
 * category/{key}/feed.rss, .atom, .json         those of one category
 * tag/{key}/feed.rss, .atom, .json              those carrying one tag
 * sitemap.xml                                   every public article's page; an index when paged
 * sitemap-1.xml, sitemap-2.xml, ...             the pages of a paged sitemap
 * news-sitemap.xml                              articles published in the last 48 hours
 * robots.txt                                    names both sitemaps
 * </pre>
 *
 * <p>Keys are those of the static export ({@link StaticExport#key}). An article's page is {@code
 * articles/{id}.html} ({@link #articlePath}), its URL in every output, and its feed id and guid.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Only what the public sees now: never a draft, a scheduled or an expired article, nor one
 *       as a language version of another.
 *   <li>Well-formed whatever the articles hold: XML is written by a streaming writer that escapes
 *       markup, and characters XML cannot carry are dropped from every text. Bodies are the safe
 *       HTML of the {@linkplain Builder#renderer renderer}, carried as escaped text.
 *   <li>The same public content gives the same bytes, except the {@code updated} time of a feed
 *       without dated items, which is the clock's.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class NewsFeeds {
  /** The most articles a feed may hold. */
  public static final int MAX_SIZE = 1000;
  /** How far back the news sitemap reaches. */
  static final Duration NEWS_WINDOW = Duration.ofHours(48);
  /** The most URLs of a news sitemap, as search engines read it. */
  static final int MAX_NEWS = 1000;
  /** Articles asked of the repository at once when walking all of them. */
  private static final int BATCH = 100;

  private final String base;
  private final String title;
  private final String description;
  private final @Nullable String language;
  private final int size;
  private final ArticleRenderer renderer;
  private final Clock clock;

  private NewsFeeds(Builder b) {
    this.base = b.base;
    this.title = b.title;
    this.description = b.description != null ? b.description : b.title;
    this.language = b.language;
    this.size = b.size;
    this.renderer = b.renderer != null ? b.renderer : ArticleRenderer.builder().build();
    this.clock = b.clock;
  }

  /**
   * A builder for a site at {@code baseUrl}, an absolute {@code http} or {@code https} URL such
   * as {@code https://news.example.com} or {@code https://example.com/news}.
   *
   * @throws IllegalArgumentException when {@code baseUrl} is not such a URL, or has a query or fragment
   */
  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  /** The base URL, without a trailing slash: {@code https://news.example.com}. */
  public String baseUrl() {
    return base;
  }

  /**
   * The path of an article's page below the base URL: {@code articles/2026/01/harbour-pier.html};
   * bytes other than letters, digits, {@code - _ ~ / .} are percent-encoded from UTF-8.
   */
  public static String articlePath(String id) {
    StringBuilder b = new StringBuilder(id.length() + 24).append("articles/");
    for (byte x : id.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '~' || c == '/' || c == '.') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return b.append(".html").toString();
  }

  /** The absolute URL of an article's page. */
  public String articleUrl(String id) {
    return base + "/" + articlePath(Objects.requireNonNull(id, "id"));
  }

  // ------------------------------------------------------------------ feeds

  /**
   * Writes the feed of {@code channel} in {@code format}: its newest public articles, newest
   * first, at most the {@linkplain Builder#size size}. The stream is flushed, not closed.
   *
   * @throws UncheckedIOException when {@code out} fails
   */
  public void feed(ArticleRepository repository, Channel channel, FeedFormat format, OutputStream out) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(out, "out");
    Instant now = clock.instant();
    List<Article> articles = repository.query(channel.query().asOf(now).sort(Sort.NEWEST).limit(size).build()).items();
    List<FeedWriter.Item> items = new ArrayList<>(articles.size());
    for (Article a : articles) {
      RenderedArticle r = renderer.render(a);
      String summary = a.description() != null && !a.description().isBlank() ? a.description() : r.excerpt(300);
      items.add(new FeedWriter.Item(a, articleUrl(a.id()), summary, r.html()));
    }
    String feedTitle = switch (channel.kind()) {
      case HOME -> title;
      case CATEGORY -> title + ": " + (articles.isEmpty() || articles.get(0).category() == null
          ? channel.value() : articles.get(0).category());
      case TAG -> title + ": #" + spelling(channel.value(), articles);
    };
    FeedWriter.Head head = new FeedWriter.Head(feedTitle, description, base + "/", base + "/" + channel.path(format),
        language, now);
    FeedWriter.write(format, head, items, out);
  }

  /** The feed as bytes. */
  public byte[] feed(ArticleRepository repository, Channel channel, FeedFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    feed(repository, channel, format, out);
    return out.toByteArray();
  }

  /** How the newest article carrying {@code tag} spells it. */
  private static String spelling(String tag, List<Article> articles) {
    String key = ArticleQuery.key(tag);
    for (Article a : articles) {
      for (String t : a.tags()) {
        if (ArticleQuery.key(t).equals(key)) {
          return t;
        }
      }
    }
    return tag;
  }

  /**
   * The channel of a category or tag feed's path key ({@code sports} in {@code
   * category/sports/feed.rss}); empty when no public article has that category or tag, or the
   * key is none the static export gives.
   */
  public Optional<Channel> channel(ArticleRepository repository, Channel.Kind kind, String key) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    if (kind == Channel.Kind.HOME) {
      return key.isEmpty() ? Optional.of(Channel.home()) : Optional.empty();
    }
    Optional<String> value = StaticExport.valueKey(key);
    if (value.isPresent()) {
      Channel c = new Channel(kind, value.get());
      return repository.count(c.query().asOf(clock.instant()).build()) > 0 ? Optional.of(c) : Optional.empty();
    }
    // A key cut to length: only the values themselves tell which one it is.
    Channel[] found = {null};
    forEachPublic(repository, a -> {
      if (found[0] == null) {
        List<String> values = kind == Channel.Kind.CATEGORY
            ? (a.category() == null ? List.of() : List.of(a.category())) : a.tags();
        for (String v : values) {
          if (StaticExport.key(v).equals(key)) {
            found[0] = new Channel(kind, v);
          }
        }
      }
    });
    return Optional.ofNullable(found[0]);
  }

  // ------------------------------------------------------------------ sitemaps

  /**
   * Writes {@code sitemap.xml}: every public article's page with its last change and its
   * language versions; when they do not fit one sitemap, the index of the pages {@link
   * #sitemapPage} writes.
   */
  public void sitemap(ArticleRepository repository, OutputStream out) {
    List<List<Sitemaps.Url>> pages = Sitemaps.pages(urls(repository, null), Sitemaps.MAX_URLS, Sitemaps.MAX_BYTES);
    if (pages.size() == 1) {
      Sitemaps.urlset(pages.get(0), out);
    } else {
      Sitemaps.index(pages, pageUrls(pages.size()), out);
    }
  }

  /**
   * Writes page {@code page} (from 1) of a paged sitemap, {@code sitemap-{page}.xml}; false,
   * writing nothing, when the sitemap is not paged or has no such page.
   */
  public boolean sitemapPage(ArticleRepository repository, int page, OutputStream out) {
    List<List<Sitemaps.Url>> pages = Sitemaps.pages(urls(repository, null), Sitemaps.MAX_URLS, Sitemaps.MAX_BYTES);
    if (pages.size() == 1 || page < 1 || page > pages.size()) {
      return false;
    }
    Sitemaps.urlset(pages.get(page - 1), out);
    return true;
  }

  private List<String> pageUrls(int pages) {
    List<String> out = new ArrayList<>(pages);
    for (int p = 1; p <= pages; p++) {
      out.add(base + "/sitemap-" + p + ".xml");
    }
    return out;
  }

  /** Every public article's URL, oldest first; the categories and tags met go to {@code values}. */
  private List<Sitemaps.Url> urls(ArticleRepository repository, @Nullable Values values) {
    List<Sitemaps.Url> urls = new ArrayList<>();
    forEachPublic(repository, a -> {
      List<Sitemaps.Alternate> alternates = List.of();
      if (a.translationKey() != null && a.lang() != null && !a.lang().isBlank()) {
        List<Article> others = repository.translations(a.id());
        if (!others.isEmpty()) {
          alternates = new ArrayList<>(others.size() + 1);
          alternates.add(new Sitemaps.Alternate(a.lang(), articleUrl(a.id())));
          for (Article o : others) {
            if (o.lang() != null && !o.lang().isBlank()) {
              alternates.add(new Sitemaps.Alternate(o.lang(), articleUrl(o.id())));
            }
          }
        }
      }
      urls.add(new Sitemaps.Url(articleUrl(a.id()), new FeedWriter.Item(a, "", "", "").updated(), alternates));
      if (values != null) {
        values.add(a);
      }
    });
    return urls;
  }

  /** Writes {@code news-sitemap.xml}: the public articles published in the last 48 hours, newest first. */
  public void newsSitemap(ArticleRepository repository, OutputStream out) {
    Instant now = clock.instant();
    Instant from = now.minus(NEWS_WINDOW);
    List<Sitemaps.NewsUrl> urls = new ArrayList<>();
    String cursor = null;
    do {
      Page<Article> p = repository.query(ArticleQuery.builder().asOf(now).sort(Sort.NEWEST).limit(BATCH).cursor(cursor)
          .build());
      for (Article a : p.items()) {
        Instant at = a.publishedAt();
        if (at == null || at.isBefore(from) || urls.size() == MAX_NEWS) {
          Sitemaps.news(title, urls, out);
          return;
        }
        if (!at.isAfter(now)) {
          String lang = a.lang() != null && !a.lang().isBlank() ? a.lang() : language != null ? language : "en";
          urls.add(new Sitemaps.NewsUrl(articleUrl(a.id()), a.title(), lang, at));
        }
      }
      cursor = p.nextCursor().orElse(null);
    } while (cursor != null);
    Sitemaps.news(title, urls, out);
  }

  /** {@code robots.txt}: everything allowed, and where both sitemaps are. */
  public byte[] robots() {
    return Sitemaps.robots(base);
  }

  /** Every public article, oldest first, whole. */
  private void forEachPublic(ArticleRepository repository, Consumer<Article> each) {
    Instant now = clock.instant();
    String cursor = null;
    do {
      Page<Article> p = repository.query(ArticleQuery.builder().asOf(now).sort(Sort.OLDEST).limit(BATCH).cursor(cursor)
          .build());
      p.items().forEach(each);
      cursor = p.nextCursor().orElse(null);
    } while (cursor != null);
  }

  // ------------------------------------------------------------------ export

  /**
   * What an export wrote.
   *
   * @param feeds feed files (three per channel)
   * @param sitemaps sitemap files, the news sitemap's included
   * @param files every file written, robots.txt included
   */
  public record Result(int feeds, int sitemaps, int files) {}

  /**
   * Writes every output into {@code folder} at the paths of the layout, creating folders as
   * needed and replacing files of the same names; other files are left alone, so that an
   * export can go beside a {@link StaticExport}. Files are not synced to disk one by one.
   *
   * @throws UncheckedIOException when a file cannot be written
   */
  public Result export(ArticleRepository repository, Path folder) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(folder, "folder");
    Values values = new Values();
    List<Sitemaps.Url> urls = urls(repository, values);
    int feeds = 0;
    List<Channel> channels = new ArrayList<>();
    channels.add(Channel.home());
    values.categories.values().forEach(v -> channels.add(Channel.category(v)));
    values.tags.values().forEach(v -> channels.add(Channel.tag(v)));
    for (Channel c : channels) {
      for (FeedFormat f : FeedFormat.values()) {
        write(folder.resolve(c.path(f)), out -> feed(repository, c, f, out));
        feeds++;
      }
    }
    List<List<Sitemaps.Url>> pages = Sitemaps.pages(urls, Sitemaps.MAX_URLS, Sitemaps.MAX_BYTES);
    int sitemaps = 0;
    if (pages.size() == 1) {
      write(folder.resolve("sitemap.xml"), out -> Sitemaps.urlset(pages.get(0), out));
      sitemaps++;
    } else {
      write(folder.resolve("sitemap.xml"), out -> Sitemaps.index(pages, pageUrls(pages.size()), out));
      sitemaps++;
      for (int p = 0; p < pages.size(); p++) {
        List<Sitemaps.Url> page = pages.get(p);
        write(folder.resolve("sitemap-" + (p + 1) + ".xml"), out -> Sitemaps.urlset(page, out));
        sitemaps++;
      }
    }
    write(folder.resolve("news-sitemap.xml"), out -> newsSitemap(repository, out));
    sitemaps++;
    byte[] robots = robots();
    write(folder.resolve("robots.txt"), out -> out.write(robots));
    return new Result(feeds, sitemaps, feeds + sitemaps + 1);
  }

  /** The categories and tags of the public articles, one spelling per export key, by key. */
  private static final class Values {
    final Map<String, String> categories = new TreeMap<>();
    final Map<String, String> tags = new TreeMap<>();

    void add(Article a) {
      if (a.category() != null && !a.category().isBlank()) {
        categories.putIfAbsent(StaticExport.key(a.category()), a.category());
      }
      for (String t : a.tags()) {
        if (!t.isBlank()) {
          tags.putIfAbsent(StaticExport.key(t), t);
        }
      }
    }
  }

  private interface Writing {
    void to(OutputStream out) throws IOException;
  }

  private static void write(Path file, Writing writing) {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
        writing.to(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Options of {@link NewsFeeds}. Not thread-safe; {@link #build()} copies its state. */
  public static final class Builder {
    private final String base;
    private String title = "Broadsheet";
    private @Nullable String description;
    private @Nullable String language;
    private int size = 50;
    private @Nullable ArticleRenderer renderer;
    private Clock clock = Clock.systemUTC();

    private Builder(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      String message = "baseUrl must be an absolute http or https URL without query or fragment, was '" + baseUrl + "'";
      URI uri;
      try {
        uri = new URI(baseUrl);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(message, e);
      }
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
          || baseUrl.chars().anyMatch(c -> c <= ' ' || c >= 0x7F)) {
        throw new IllegalArgumentException(message);
      }
      String b = baseUrl;
      while (b.endsWith("/")) {
        b = b.substring(0, b.length() - 1);
      }
      this.base = b;
    }

    /** The site's name: the title of the feeds and the news sitemap's publication; default "Broadsheet". */
    public Builder title(String value) {
      Objects.requireNonNull(value, "title");
      if (value.isBlank()) {
        throw new IllegalArgumentException("title must not be blank");
      }
      this.title = value;
      return this;
    }

    /** The feeds' description; default the title. */
    public Builder description(@Nullable String value) {
      this.description = value;
      return this;
    }

    /**
     * The site's language tag ({@code en}, {@code de-CH}): the feeds' language, and the news
     * sitemap's for articles without {@code lang} (there "en" when this is not set); default none.
     */
    public Builder language(@Nullable String value) {
      this.language = value;
      return this;
    }

    /** How many articles a feed holds, newest first; default 50, at most {@link #MAX_SIZE}. */
    public Builder size(int value) {
      if (value < 1 || value > MAX_SIZE) {
        throw new IllegalArgumentException("size must be from 1 to " + MAX_SIZE + ", was " + value);
      }
      this.size = value;
      return this;
    }

    /** Renders bodies for the feeds' content; default {@code ArticleRenderer.builder().build()}. */
    public Builder renderer(ArticleRenderer value) {
      this.renderer = Objects.requireNonNull(value, "renderer");
      return this;
    }

    /**
     * The clock that decides what is public (as a query's {@code asOf}) and the news sitemap's 48
     * hours; default {@link Clock#systemUTC()}. Give it the repository's clock, or the instant an
     * export is made as of. (Language versions are those public by the repository's clock.)
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public NewsFeeds build() {
      return new NewsFeeds(this);
    }
  }
}
