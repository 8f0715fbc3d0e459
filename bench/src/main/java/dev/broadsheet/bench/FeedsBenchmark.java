package dev.broadsheet.bench;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Page;
import dev.broadsheet.Sort;
import dev.broadsheet.feeds.Channel;
import dev.broadsheet.feeds.FeedFormat;
import dev.broadsheet.feeds.NewsFeeds;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Feeds and sitemaps of {@link NewsFeeds} over generated articles in memory, one in five in a
 * translation group of two, with what they are made of as baselines measured in the same run:
 * the query of a feed's 50 articles, and a walk over every public article in pages of 100 (what
 * a sitemap reads). Output goes to a stream that drops it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class FeedsBenchmark {
  @Param({"100000"})
  public int size;

  private ArticleRepository repository;
  private NewsFeeds feeds;

  @Setup(Level.Trial)
  public void setUp() {
    List<Article> articles = new ArrayList<>(BenchData.articles(size));
    for (int i = 0; i + 1 < articles.size(); i += 10) {
      String key = "story-" + i;
      articles.set(i, articles.get(i).toBuilder().translationKey(key).lang("en").build());
      articles.set(i + 1, articles.get(i + 1).toBuilder().translationKey(key).lang("de").build());
    }
    repository = BenchData.repository(articles);
    feeds = NewsFeeds.builder("https://news.example.com").clock(BenchData.CLOCK).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    repository.close();
  }

  @Benchmark
  public int baselineQuery50() {
    return repository.query(ArticleQuery.builder().sort(Sort.NEWEST).limit(50).build()).items().size();
  }

  @Benchmark
  public int baselineWalkAll() {
    int n = 0;
    String cursor = null;
    do {
      Page<Article> p = repository.query(ArticleQuery.builder().sort(Sort.OLDEST).limit(100).cursor(cursor).build());
      n += p.items().size();
      cursor = p.nextCursor().orElse(null);
    } while (cursor != null);
    return n;
  }

  @Benchmark
  public void rssHome() {
    feeds.feed(repository, Channel.home(), FeedFormat.RSS, OutputStream.nullOutputStream());
  }

  @Benchmark
  public void atomCategory() {
    feeds.feed(repository, Channel.category(BenchData.CATEGORY), FeedFormat.ATOM, OutputStream.nullOutputStream());
  }

  @Benchmark
  public void jsonFeedHome() {
    feeds.feed(repository, Channel.home(), FeedFormat.JSON, OutputStream.nullOutputStream());
  }

  /** An index of two pages at 100,000 articles: every public article is walked to split them. */
  @Benchmark
  public void sitemapIndex() {
    feeds.sitemap(repository, OutputStream.nullOutputStream());
  }

  /** The first 50,000 URLs, with the language versions of those in a group. */
  @Benchmark
  public boolean sitemapPage1() {
    return feeds.sitemapPage(repository, 1, OutputStream.nullOutputStream());
  }

  @Benchmark
  public void newsSitemap() {
    feeds.newsSitemap(repository, OutputStream.nullOutputStream());
  }
}
