package dev.broadsheet.bench;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Facets;
import dev.broadsheet.Page;
import dev.broadsheet.Sort;
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
 * Query latency of {@link ArticleRepository} over generated articles. Sample time, so JMH
 * reports percentiles (p0.50, p0.99) besides the mean.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class BroadsheetBenchmark {
  @Param({"100000", "1000000"})
  public int size;

  private ArticleRepository repository;
  private ArticleQuery categorySentiment;
  private ArticleQuery rareTag;
  private ArticleQuery rareTagNewest;
  private ArticleQuery unfiltered;
  private ArticleQuery category;

  @Setup(Level.Trial)
  public void setUp() {
    List<Article> articles = BenchData.articles(size);
    String tag = BenchData.rareTag(articles);
    System.out.println("\nrare tag " + tag + " on " + BenchData.tagCount(articles, tag) + " articles");
    repository = BenchData.repository(articles);
    categorySentiment = BenchData.categorySentiment();
    rareTag = BenchData.tag(tag);
    rareTagNewest = rareTag.toBuilder().sort(Sort.NEWEST).build();
    unfiltered = ArticleQuery.all();
    category = BenchData.category();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    repository.close();
  }

  /** The home page of a section: items only, the total never asked for. */
  @Benchmark
  public List<Article> categorySentimentTop20() {
    return repository.query(categorySentiment).items();
  }

  /** The same page with its total, as a paginated list shows it. */
  @Benchmark
  public int categorySentimentTop20WithTotal() {
    Page<Article> page = repository.query(categorySentiment);
    return page.items().size() + page.total();
  }

  @Benchmark
  public List<Article> rareTagTop20() {
    return repository.query(rareTag).items();
  }

  /** The rare tag in plain newest-first order, to tell the sticky pass apart from the rest. */
  @Benchmark
  public List<Article> rareTagTop20Newest() {
    return repository.query(rareTagNewest).items();
  }

  @Benchmark
  public Facets facetsUnfiltered() {
    return repository.facets(unfiltered);
  }

  @Benchmark
  public Facets facetsCategory() {
    return repository.facets(category);
  }
}
