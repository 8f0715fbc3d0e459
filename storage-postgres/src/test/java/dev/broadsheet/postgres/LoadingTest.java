package dev.broadsheet.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Article;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.spi.ArticleStore;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Loading reads the indexed columns only, through a cursor, and never a file. */
class LoadingTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  @Test
  void aLoadNeedsNoRightToReadTheFilesOrTheJsonb() throws Exception {
    assumeTrue(System.getenv(TestDatabase.URL_VARIABLE) == null,
        "makes a role of its own, which only the embedded server is sure to allow");
    String schema = TestDatabase.freshSchema();
    Map<String, Article> written = new HashMap<>();
    try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema).build()) {
      for (int i = 0; i < 250; i++) {
        Article a = Samples.article("2026/07/story-" + i).toBuilder().stickyWeight(i % 4)
            .publishedAt(Instant.parse("2026-07-01T00:00:00Z").plusNanos(i * 1_000_000_001L)).build();
        store.put(a, null);
        written.put(a.id(), a);
      }
    }
    // A role that may read every column of the articles but the file and the jsonb copy.
    String role = "reader_" + schema;
    String table = schema + ".broadsheet_articles";
    db.execute("CREATE ROLE " + role + " LOGIN");
    db.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
    db.execute("GRANT SELECT ON " + schema + ".broadsheet_changes_head, " + schema + ".broadsheet_schema_version, "
        + schema + ".broadsheet_changes TO " + role);
    db.execute("GRANT SELECT (key, id, revision, seq, precise, " + Columns.list() + ") ON " + table + " TO " + role);
    String url = db.url().replaceFirst("user=[^&]*", "user=" + role);
    try (HikariDataSource pool = TestDatabase.pool(url, 2);
        PostgresArticleStore reader = PostgresArticleStore.builder(pool).schema(schema).fetchSize(7)
            .migrations(Migrations.VERIFY).build()) {
      List<StoredArticle> loaded = reader.loadAll().articles();
      assertThat(loaded).hasSize(250).allSatisfy(s -> {
        assertThat(s.article()).isEqualTo(ArticleStore.partial(written.get(s.id())));
        assertThat(s.revision()).isNotEqualTo(Revision.NONE);
      });
      // Reading a whole article does need the file.
      assertThatThrownBy(() -> reader.get("2026/07/story-1"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("permission denied");
    } finally {
      db.execute("DROP OWNED BY " + role);
      db.execute("DROP ROLE " + role);
    }
  }
}
