package dev.broadsheet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tables of schema version 1 with articles in them, brought to version 2: the query columns are
 * filled in exactly as the store writes them, without a change logged for the rows SQL can
 * lower-case itself (ASCII), and the others are read again from their files.
 */
class SchemaUpgradeTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private static final String DERIVED = "category_lower, lang_lower, source_key_lower, tags_lower, "
      + "published_at_ns, expires_at_ns";

  @Test
  void versionTwoFillsTheQueryColumnsOfRowsStoredBefore() throws Exception {
    String schema = TestDatabase.freshSchema();
    String table = schema + ".broadsheet_articles";
    List<Article> articles = List.of(
        Samples.article("2026/01/plain").toBuilder().category("City").tags("Transport", "TRANSPORT", "night").build(),
        Samples.article("2026/01/nanos").toBuilder().publishedAt(Instant.parse("2026-01-30T02:57:10.123456789Z"))
            .expiresAt(Instant.parse("2027-01-01T00:00:00.000000007Z")).build(),
        Samples.article("2026/01/accents").toBuilder().category("ÉCONOMIE").tags("Ärger", "İstanbul").build(),
        Article.builder("drafts/bare").title("Bare").draft(true).build());
    try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema).build()) {
      for (Article a : articles) {
        store.put(a, Revision.NONE);
      }
    }
    List<String> written = derived(table);
    downgradeToVersionOne(schema);
    long changesBefore = (Long) db.queryOne("SELECT count(*) FROM " + schema + ".broadsheet_changes");

    try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema)
        .queryPushdown(true).build()) {
      assertThat(store.revisions()).containsOnlyKeys("2026/01/plain", "2026/01/nanos", "2026/01/accents",
          "drafts/bare");
    }
    assertThat(db.queryOne("SELECT count(*) FROM " + schema + ".broadsheet_changes WHERE seq > ?", changesBefore))
        .as("only the row beyond ASCII is logged, once as it lost its revision and once as it was read again")
        .isEqualTo(2L);
    assertThat(derived(table)).isEqualTo(written);
    try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema).build()) {
      assertThat(store.loadAll().articles()).extracting(StoredArticle::id)
          .containsExactlyInAnyOrder("2026/01/plain", "2026/01/nanos", "2026/01/accents", "drafts/bare");
    }
  }

  @Test
  void versionFourReadsTranslationKeysThatVersionThreeKeptAsExtraValues() throws Exception {
    String schema = TestDatabase.freshSchema();
    List<Article> articles = List.of(
        Samples.article("2026/01/story-en").toBuilder().lang("en").translationKey("story").build(),
        Samples.article("2026/01/story-de").toBuilder().lang("de").translationKey("story").build(),
        Samples.article("2026/01/alone"));
    try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema).build()) {
      for (Article a : articles) {
        store.put(a, Revision.NONE);
      }
    }
    downgradeToVersionThree(db, schema);
    // Version 3 knew no translationKey: the JSON it wrote held it among the extra values.
    db.execute("UPDATE " + schema + ".broadsheet_articles SET article = jsonb_set(article - 'translationKey', "
        + "'{extra}', coalesce(article -> 'extra', '{}') || jsonb_build_object('translationKey', "
        + "article -> 'translationKey')) WHERE article -> 'translationKey' IS NOT NULL");

    try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema)
        .queryPushdown(true).build();
        dev.broadsheet.ArticleRepository repo = dev.broadsheet.ArticleRepository.builder().store(store).build()) {
      assertThat(repo.translations("2026/01/story-en")).extracting(Article::id).containsExactly("2026/01/story-de");
    }
    assertThat(db.queryOne("SELECT count(*) FROM " + schema + ".broadsheet_articles WHERE translation_key = 'story'"
        + " AND revision IS NOT NULL AND article -> 'extra' -> 'translationKey' IS NULL")).isEqualTo(2L);
  }

  /** The tables as version 3 left them: without the translation key's columns. */
  static void downgradeToVersionThree(TestDatabase db, String schema) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE " + schema + ".broadsheet_articles DROP COLUMN translation_key, "
          + "DROP COLUMN translation_key_lower");
      s.execute("DELETE FROM " + schema + ".broadsheet_schema_version WHERE version = 4");
    }
  }

  /** Every row's derived columns as text, by id. */
  private static List<String> derived(String table) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, " + DERIVED + " FROM " + table + " ORDER BY id COLLATE \"C\"")) {
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 7; i++) {
          b.append(rs.getString(i)).append('|');
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  /**
   * The tables as version 2 left them: without the timing columns of version 3, the log's id,
   * and with version 1's trigger function.
   */
  static void downgradeToVersionTwo(TestDatabase db, String schema) throws Exception {
    downgradeToVersionThree(db, schema);
    String v1 = Schema.file("V1__init.sql");
    int from = v1.indexOf("CREATE FUNCTION \"${schema}\".\"${prefix}articles_log\"");
    int to = v1.indexOf("$$;", from) + 3;
    String log = Names.of(schema, "broadsheet_").substitute(v1.substring(from, to)).replace("CREATE FUNCTION",
        "CREATE OR REPLACE FUNCTION");
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(log);
      s.execute("ALTER TABLE " + schema + ".broadsheet_changes DROP COLUMN draft_before, "
          + "DROP COLUMN published_at_before, DROP COLUMN published_at_ns_before, DROP COLUMN expires_at_before, "
          + "DROP COLUMN expires_at_ns_before, DROP COLUMN draft_after, DROP COLUMN published_at_after, "
          + "DROP COLUMN published_at_ns_after, DROP COLUMN expires_at_after, DROP COLUMN expires_at_ns_after");
      s.execute("ALTER TABLE " + schema + ".broadsheet_changes_head DROP COLUMN log_id, DROP COLUMN timed_from");
      s.execute("DROP INDEX " + schema + ".broadsheet_changes_reset_idx");
      s.execute("DELETE FROM " + schema + ".broadsheet_schema_version WHERE version = 3");
    }
  }

  /** The tables as version 1 left them: without the columns and indexes of version 2. */
  private static void downgradeToVersionOne(String schema) throws Exception {
    downgradeToVersionTwo(db, schema);
    String table = schema + ".broadsheet_articles";
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE " + table + " DROP COLUMN category_lower, DROP COLUMN lang_lower, "
          + "DROP COLUMN source_key_lower, DROP COLUMN tags_lower, DROP COLUMN published_at_ns, "
          + "DROP COLUMN expires_at_ns");
      s.execute("DELETE FROM " + schema + ".broadsheet_schema_version WHERE version = 2");
      s.execute("DROP INDEX IF EXISTS " + schema + ".broadsheet_articles_newest_idx");
      s.execute("DROP INDEX IF EXISTS " + schema + ".broadsheet_articles_sticky_first_idx");
    }
  }
}
