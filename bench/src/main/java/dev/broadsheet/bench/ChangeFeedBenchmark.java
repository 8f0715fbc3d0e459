package dev.broadsheet.bench;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.ChangePage;
import dev.broadsheet.SyncToken;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * The change feed ({@code ArticleRepository.changes}) over generated articles: reading 10,000
 * logged changes in pages of 1,000, an initial sync of every article in pages of 1,000, and a
 * poll that finds nothing new (what a server does for each subscriber at each wake-up).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ChangeFeedBenchmark {
  @Param({"10000", "100000"})
  int size;

  private ArticleRepository repository;
  private SyncToken beforeChanges;
  private SyncToken head;

  @Setup
  public void setUp() {
    List<Article> articles = BenchData.articles(size);
    repository = ArticleRepository.builder().store(new InMemoryArticleStore(articles)).clock(BenchData.CLOCK).build();
    beforeChanges = drain(null);
    // 10,000 changes after the token: edits of the first articles (a title, so every one is a change).
    for (int i = 0; i < 10_000; i++) {
      Article a = articles.get(i % articles.size());
      repository.save(a.toBuilder().title(a.title() + " (" + i + ")").build());
    }
    head = drain(beforeChanges);
  }

  @TearDown
  public void tearDown() {
    repository.close();
  }

  private SyncToken drain(SyncToken from) {
    SyncToken t = from;
    ChangePage page;
    do {
      page = repository.changes(t, 1000);
      t = page.next();
    } while (page.hasMore());
    return t;
  }

  /** Ten pages of 1,000 changes. */
  @Benchmark
  public SyncToken replayTenThousandChanges() {
    return drain(beforeChanges);
  }

  /** Every visible article, in pages of 1,000, then the changes since the sync began (none). */
  @Benchmark
  public SyncToken initialSync() {
    return drain(null);
  }

  /** A poll with nothing new. */
  @Benchmark
  public ChangePage pollNothingNew() {
    return repository.changes(head, 100);
  }
}
