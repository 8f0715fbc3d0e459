package dev.broadsheet.bench;

import dev.broadsheet.Article;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
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
 * The questions of {@link BroadsheetBenchmark} asked of an in-memory SQLite database holding
 * the same articles. Method names match, so the two can be read side by side. SQLite returns
 * ids only, not articles, which favours it slightly.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class SqliteBenchmark {
  @Param({"100000", "1000000"})
  public int size;

  private SqliteArticles db;
  private String rareTag;
  private final int sentiment = BenchData.SENTIMENT.ordinal();

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    List<Article> articles = BenchData.articles(size);
    rareTag = BenchData.rareTag(articles);
    db = new SqliteArticles(articles);
    System.out.println("\n" + db.explain(BenchData.CATEGORY, sentiment, rareTag, BenchData.NOW));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    db.close();
  }

  @Benchmark
  public List<String> categorySentimentTop20() throws SQLException {
    return db.categorySentimentTop(BenchData.CATEGORY, sentiment, BenchData.NOW, BenchData.LIMIT);
  }

  @Benchmark
  public int categorySentimentTop20WithTotal() throws SQLException {
    return db.categorySentimentTop(BenchData.CATEGORY, sentiment, BenchData.NOW, BenchData.LIMIT).size()
        + db.categorySentimentCount(BenchData.CATEGORY, sentiment, BenchData.NOW);
  }

  @Benchmark
  public List<String> rareTagTop20() throws SQLException {
    return db.tagTop(rareTag, BenchData.NOW, BenchData.LIMIT);
  }

  @Benchmark
  public List<Map<String, Integer>> facetsUnfiltered() throws SQLException {
    return db.facets(BenchData.NOW);
  }

  @Benchmark
  public List<Map<String, Integer>> facetsCategory() throws SQLException {
    return db.facets(BenchData.CATEGORY, BenchData.NOW);
  }
}
