package dev.broadsheet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.ReadmeExamples;
import dev.broadsheet.Revision;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Java example of README.md's PostgreSQL section (fenced {@code ```java postgres}) is
 * compiled here: the code between the markers below must be the README's snippet, whitespace
 * aside, and it must do what the README says.
 */
class ReadmeExampleTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  // README example begins
  ArticleRepository openNewsroom(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);                        // jdbc:postgresql://db.example.com/news
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(8);                      // one connection stays with the store, for LISTEN
    PostgresArticleStore store = PostgresArticleStore.builder(new HikariDataSource(config))
        .schema("newsroom")                            // newsroom.broadsheet_articles, ...: made on first use
        .build();
    return ArticleRepository.builder().store(store).build(); // loads the index, then follows the change log
  }
  // README example ends

  @Test
  void readmeShowsTheCodeCompiledHere() throws IOException {
    ReadmeExamples.assertShown("postgres", "storage-postgres/src/test/java/dev/broadsheet/postgres/ReadmeExampleTest.java", 1);
  }

  @Test
  void readmeExampleMakesTheTablesAndTwoInstancesSeeEachOthersWrites() throws Exception {
    // The test server's URL carries its credentials; Hikari takes null for "as in the URL".
    try (ArticleRepository first = openNewsroom(db.url(), null, null);
        ArticleRepository second = openNewsroom(db.url(), null, null)) {
      assertThat(db.queryOne("SELECT count(*) FROM newsroom.broadsheet_articles")).isEqualTo(0L);
      Revision r = first.save(Samples.article("2026/06/newsroom"), Revision.NONE);
      TestDatabase.await("the second instance sees the first one's save", 10,
          () -> second.find("2026/06/newsroom").isPresent());
      assertThat(second.find("2026/06/newsroom").orElseThrow().revision()).isEqualTo(r);
      assertThat(second.query(ArticleQuery.all()).items()).extracting(Article::id).containsExactly("2026/06/newsroom");
    }
  }
}
