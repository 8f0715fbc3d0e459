package dev.broadsheet.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.postgres.PostgresArticleStore;
import dev.broadsheet.spi.ArticleStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Articles in PostgreSQL from {@code broadsheet.postgres.*}, on the application's DataSource: a
 * real PostgreSQL 17 (embedded, or the server of {@code BROADSHEET_TEST_JDBC_URL}).
 */
class BroadsheetPostgresAutoConfigurationTest {
  private static EmbeddedPostgres embedded;
  private static DataSource dataSource;
  private static final String SCHEMA = "spring_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));

  @TempDir Path dir;

  @BeforeAll
  static void startDatabase() throws IOException {
    String given = System.getenv("BROADSHEET_TEST_JDBC_URL");
    PGSimpleDataSource ds = new PGSimpleDataSource();
    if (given != null && !given.isBlank()) {
      ds.setURL(given);
    } else {
      embedded = EmbeddedPostgres.builder().start();
      ds.setURL(embedded.getJdbcUrl("postgres", "postgres"));
    }
    dataSource = ds;
  }

  @AfterAll
  static void dropSchema() throws SQLException, IOException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
    if (embedded != null) {
      embedded.close();
    }
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(BroadsheetPostgresAutoConfiguration.class,
          BroadsheetAutoConfiguration.class))
      .withBean(DataSource.class, () -> dataSource);

  @Test
  void keepsTheArticlesInTheApplicationsDatabaseWhereAnotherInstanceSeesThem() {
    Article article = Article.builder("2026/01/harbour-pier").title("Harbour pier reopens")
        .publishedAt(Instant.parse("2026-01-10T08:00:00Z")).body("Open again.").build();
    runner.withPropertyValues("broadsheet.postgres.enabled=true", "broadsheet.postgres.schema=" + SCHEMA)
        .run(first -> {
          assertThat(first).hasSingleBean(PostgresArticleStore.class).doesNotHaveBean(FileArticleStore.class);
          first.getBean(ArticleRepository.class).save(article);
        });
    runner.withPropertyValues("broadsheet.postgres.enabled=true", "broadsheet.postgres.schema=" + SCHEMA)
        .run(second -> assertThat(second.getBean(ArticleRepository.class).get("2026/01/harbour-pier"))
            .contains(article));
  }

  @Test
  void takesPrecedenceOverAContentPathAndIsOffByDefault() throws IOException {
    TestApplication.write(dir.resolve("content"), "2026/01/harbour-pier", TestApplication.HARBOUR_PIER);
    String path = "broadsheet.content.path=" + dir.resolve("content");
    runner.withPropertyValues(path, "broadsheet.postgres.enabled=true", "broadsheet.postgres.schema=" + SCHEMA)
        .run(context -> assertThat(context.getBean(ArticleStore.class)).isInstanceOf(PostgresArticleStore.class));
    runner.withPropertyValues(path)
        .run(context -> assertThat(context.getBean(ArticleStore.class)).isInstanceOf(FileArticleStore.class));
  }
}
