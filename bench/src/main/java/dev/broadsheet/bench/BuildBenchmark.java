package dev.broadsheet.bench;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.memory.InMemoryArticleStore;
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
 * Building the index: {@code ArticleRepository.builder()...build()} over articles already in
 * memory, so parsing is excluded. Each iteration gets a fresh store (a store keeps a listener
 * per repository built on it), made and filled outside the measured time.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 5)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class BuildBenchmark {
  @Param({"100000", "1000000"})
  public int size;

  private List<Article> articles;
  private InMemoryArticleStore store;
  private ArticleRepository built;

  @Setup(Level.Trial)
  public void generate() {
    articles = BenchData.articles(size);
  }

  @Setup(Level.Iteration)
  public void freshStore() {
    built = null;
    store = new InMemoryArticleStore(articles);
    System.gc();
  }

  @TearDown(Level.Iteration)
  public void release() {
    if (built != null) {
      built.close();
    }
  }

  @Benchmark
  public ArticleRepository build() {
    built = ArticleRepository.builder().store(store).clock(BenchData.CLOCK).build();
    return built;
  }
}
