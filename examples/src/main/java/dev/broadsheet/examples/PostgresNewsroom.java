package dev.broadsheet.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.postgres.PostgresArticleStore;
import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.LoadResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Two application instances on one PostgreSQL database, as behind a load balancer: each has
 * its own pool, store and repository, and an edit saved on one shows on the other within about
 * a second. An empty database is first filled with the sample articles, byte for byte.
 *
 * <p>The database is the JDBC URL of the first argument or of {@code BROADSHEET_JDBC_URL}, its
 * password {@code BROADSHEET_DB_PASSWORD} (never an argument, which others may see); the tables
 * go into the schema {@value #SCHEMA}. With neither, the example starts a PostgreSQL 17 of its
 * own, in a temporary folder removed at the end.
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
 *     dev.broadsheet.examples.PostgresNewsroom [JDBC_URL]
 * }</pre>
 */
public final class PostgresNewsroom {
  /** The schema the example's tables are in: newsroom.broadsheet_articles, ... */
  static final String SCHEMA = "newsroom";

  private PostgresNewsroom() {}

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : System.getenv("BROADSHEET_JDBC_URL");
    Path content = SampleFolder.of(new String[0]);
    if (url != null && !url.isBlank()) {
      run(url, System.getenv("BROADSHEET_DB_PASSWORD"), content);
      return;
    }
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
      System.out.println("No JDBC URL given: started an embedded PostgreSQL on port " + server.getPort());
      run(server.getJdbcUrl("postgres", "postgres"), null, content);
    }
  }

  static void run(String url, @Nullable String password, Path content) throws Exception {
    // Two instances of the application, as two processes would be: nothing shared but the database.
    try (HikariDataSource poolA = pool(url, password); HikariDataSource poolB = pool(url, password)) {
      int imported;
      try (FileArticleStore folder = FileArticleStore.builder(content).watching(Watching.OFF).build();
          PostgresArticleStore database = PostgresArticleStore.builder(poolA).schema(SCHEMA).build()) {
        imported = copyIfEmpty(folder, database);
      }
      System.out.println(imported > 0
          ? "Imported " + imported + " articles from " + content + " into " + SCHEMA + ".broadsheet_articles, byte for byte"
          : "The database holds articles already: nothing imported");

      try (ArticleRepository a = open(poolA); ArticleRepository b = open(poolB)) {
        System.out.println("Instance A holds " + a.size() + " articles, instance B " + b.size());

        // An editor on instance A updates the front page's top story.
        String id = a.query(ArticleQuery.builder().limit(1).build()).items().get(0).id();
        StoredArticle read = a.find(id).orElseThrow();
        Article edited = read.article().toBuilder().updatedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS)).build();
        Revision saved = a.save(edited, read.revision()); // refused if anyone saved it since it was read
        System.out.println("A saved " + id + ": updatedAt " + edited.updatedAt()
            + ", revision " + read.revision() + " -> " + saved);

        // Instance B follows the database's change log: wait until it holds the new revision.
        long start = System.nanoTime();
        while (!b.find(id).map(StoredArticle::revision).orElse(Revision.NONE).equals(saved)) {
          if (System.nanoTime() - start > Duration.ofSeconds(10).toNanos()) {
            throw new IllegalStateException("instance B did not see the edit of " + id + " within 10 s");
          }
          Thread.sleep(10);
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        StoredArticle seen = b.find(id).orElseThrow();
        System.out.println("B sees it after " + millis + " ms: updatedAt " + seen.article().updatedAt()
            + ", revision " + seen.revision());
      }
    }
  }

  /** One instance's pool. The store keeps one connection to follow the change log (LISTEN). */
  private static HikariDataSource pool(String url, @Nullable String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);          // jdbc:postgresql://db.example.com/news?user=news
    config.setPassword(password);    // null: as in the URL, or none
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  /** One instance's repository: loads the index, then follows the other instances' writes. */
  private static ArticleRepository open(DataSource pool) {
    PostgresArticleStore store = PostgresArticleStore.builder(pool).schema(SCHEMA).build(); // tables made on first use
    return ArticleRepository.builder().store(store).build();
  }

  /**
   * Copies every article of {@code from} into {@code to}, unless {@code to} holds articles
   * already; returns how many. File by file, byte for byte: each keeps its revision, a hash of
   * its bytes.
   */
  static int copyIfEmpty(ArticleStore from, ArticleStore to) throws IOException {
    LoadResult held = to.loadAll();
    if (!held.articles().isEmpty() || !held.problems().isEmpty()) {
      return 0;
    }
    List<StoredArticle> articles = from.loadAll().articles();
    for (StoredArticle article : articles) {
      to.putFile(article.id(), from.file(article.id()).orElseThrow(), Revision.NONE); // NONE: create only
    }
    return articles.size();
  }
}
