package dev.broadsheet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Revision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("storage-postgres"))) {
        return dir;
      }
    }
    throw new IllegalStateException("the repository root is not above " + Path.of("").toAbsolutePath());
  }

  private static String normalized(String code) {
    return code.strip().replaceAll("\\s+", " ");
  }

  @Test
  void readmeShowsTheCodeCompiledHere() throws IOException {
    Path root = root();
    Matcher block = Pattern.compile("```java postgres\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(root.resolve("README.md")));
    List<String> blocks = new ArrayList<>();
    while (block.find()) {
      blocks.add(normalized(block.group(1)));
    }
    Matcher region = Pattern.compile("// README example begins\n(.*?)  // README example ends", Pattern.DOTALL)
        .matcher(Files.readString(root.resolve("storage-postgres/src/test/java/dev/broadsheet/postgres/ReadmeExampleTest.java")));
    List<String> compiled = new ArrayList<>();
    while (region.find()) {
      compiled.add(normalized(region.group(1)));
    }
    assertThat(compiled).hasSize(1);
    assertThat(blocks).isEqualTo(compiled);
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
