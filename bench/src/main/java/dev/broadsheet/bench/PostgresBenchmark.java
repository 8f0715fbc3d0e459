package dev.broadsheet.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Facets;
import dev.broadsheet.postgres.PostgresArticleStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
 * The questions of {@link BroadsheetBenchmark} asked of the PostgreSQL store, three ways:
 * {@code index}, a repository with its in-memory index loaded from the database; {@code
 * pushdown}, a repository on a store with {@code queryPushdown(true)}, which asks PostgreSQL;
 * {@code sql}, hand-written SQL over the same table ({@link HandWrittenSql}), ids only. The
 * server is {@code BROADSHEET_TEST_JDBC_URL}, or the embedded one of {@link PostgresServer} if
 * it runs, or an embedded server this fork starts.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class PostgresBenchmark {
  @Param({"100000"})
  public int size;

  @Param({"index", "pushdown", "sql"})
  public String mode;

  private EmbeddedPostgres embedded;
  private HikariDataSource pool;
  private PostgresArticleStore store;
  private ArticleRepository repository;
  private HandWrittenSql sql;
  private String rareTag;
  private ArticleQuery categorySentiment;
  private ArticleQuery rareTagQuery;
  private ArticleQuery category;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String url = PostgresData.url();
    embedded = PostgresData.startUnlessRunning(url);
    pool = PostgresData.pool(url, 8);
    PostgresData.fill(pool, size);
    rareTag = PostgresData.rareTag(pool, size);
    categorySentiment = BenchData.categorySentiment();
    rareTagQuery = BenchData.tag(rareTag);
    category = BenchData.category();
    if (mode.equals("sql")) {
      sql = new HandWrittenSql(pool, PostgresData.table(size));
      System.out.println("\n" + sql.explain(BenchData.CATEGORY, rareTag, BenchData.NOW));
    } else {
      store = PostgresArticleStore.builder(pool).schema(PostgresData.schema(size))
          .queryPushdown(mode.equals("pushdown")).build();
      repository = ArticleRepository.builder().store(store).clock(BenchData.CLOCK).build();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (repository != null) {
      repository.close();
    }
    pool.close();
    if (embedded != null) {
      embedded.close();
    }
  }

  @Benchmark
  public Object categorySentimentTop20() throws SQLException {
    if (sql != null) {
      return sql.categorySentimentTop(BenchData.CATEGORY, BenchData.SENTIMENT, BenchData.NOW, BenchData.LIMIT);
    }
    List<Article> items = repository.query(categorySentiment).items();
    return items;
  }

  @Benchmark
  public Object rareTagTop20() throws SQLException {
    if (sql != null) {
      return sql.tagTop(rareTag, BenchData.NOW, BenchData.LIMIT);
    }
    return repository.query(rareTagQuery).items();
  }

  @Benchmark
  public Object facetsUnfiltered() throws SQLException {
    if (sql != null) {
      return sql.facets(null, BenchData.NOW);
    }
    Facets f = repository.facets(ArticleQuery.all());
    return f;
  }

  @Benchmark
  public Object facetsCategory() throws SQLException {
    if (sql != null) {
      List<Map<String, Integer>> f = sql.facets(BenchData.CATEGORY, BenchData.NOW);
      return f;
    }
    return repository.facets(category);
  }
}
