package dev.broadsheet.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Article;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.spi.ArticleStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values that would break SQL built from strings reach the database only as bind parameters,
 * and come back as they went in; what PostgreSQL cannot hold is refused before any SQL.
 */
class HostileValuesTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private String schema;
  private PostgresArticleStore store;

  @BeforeEach
  void open() {
    schema = TestDatabase.freshSchema();
    store = PostgresArticleStore.builder(db.dataSource()).schema(schema).build();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private long rows() throws Exception {
    return (Long) db.queryOne("SELECT count(*) FROM " + schema + ".broadsheet_articles");
  }

  private long changes() throws Exception {
    return (Long) db.queryOne("SELECT count(*) FROM " + schema + ".broadsheet_changes");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "it's/a \"quoted\" id",
      "robert'); DROP TABLE broadsheet_articles; --",
      "$$/dollar $$ quoted$$",
      "$tag$/x$tag$",
      "semi;colon/percent%_under",
      "ünïcødé/日本語/😀",
      "e\u0301/composed",
      "pipe|and?question*star"})
  void hostileIdsAreStoredReadAndDeletedAsGiven(String id) throws Exception {
    Article a = Samples.article(id);
    Revision r = store.put(a, Revision.NONE);
    assertThat(store.get(id)).contains(new StoredArticle(a, r));
    assertThat(store.loadAll().articles()).containsExactly(new StoredArticle(ArticleStore.partial(a), r));
    assertThat(db.queryOne("SELECT id FROM " + schema + ".broadsheet_articles")).isEqualTo(id);
    assertThat(store.delete(id, r)).isTrue();
    assertThat(rows()).isZero();
  }

  @Test
  void hostileValuesComeBackAsTheyWentIn() throws Exception {
    String nasty = "'; DROP TABLE broadsheet_articles; -- \\ \\\\ \" $$ $x$ %s %n ? :name ${schema} 😀 日本";
    Article a = Samples.article("2026/01/hostile").toBuilder()
        .title("Title " + nasty)
        .description(nasty)
        .category("CAT'EGORY\"$$")
        .tags("it's", "back\\slash", "$$", "{braces,commas}", "\"quoted\"", "NULL")
        .lang("e'n")
        .putExtra("key 'with' \"quotes\" $$", nasty)
        .putExtra("list", List.of(nasty, "\\"))
        .body(nasty + "\n\n```sql\nSELECT '$$';\n```\n")
        .build();
    Revision r = store.put(a, null);
    assertThat(store.get(a.id())).contains(new StoredArticle(a, r));
    assertThat(store.loadAll().articles()).containsExactly(new StoredArticle(ArticleStore.partial(a), r));
    // The columns and the jsonb hold the values too, for the host's own SQL.
    assertThat(db.queryOne("SELECT category FROM " + schema + ".broadsheet_articles")).isEqualTo("CAT'EGORY\"$$");
    assertThat(db.queryOne("SELECT array_to_string(tags, '|') FROM " + schema + ".broadsheet_articles"))
        .isEqualTo("it's|back\\slash|$$|{braces,commas}|\"quoted\"|NULL");
    assertThat(db.queryOne("SELECT article->>'description' FROM " + schema + ".broadsheet_articles")).isEqualTo(nasty);
    assertThat(db.queryOne("SELECT article->'extra'->>'key ''with'' \"quotes\" $$' FROM " + schema
        + ".broadsheet_articles")).isEqualTo(nasty);
    assertThat(rows()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nul\u0000byte", "back\\slash", "drive:colon", "../escape", "/absolute", "a//b",
      "line\nbreak", "tab\there"})
  void idsBreakingTheRulesAreRefusedBeforeAnySql(String id) throws Exception {
    store.loadAll(); // the tables exist, so a statement that reached them would show
    long before = changes();
    assertThatThrownBy(() -> store.put(Samples.article(id), null)).isInstanceOf(InvalidIdException.class);
    assertThatThrownBy(() -> store.putFile(id, "---\ntitle: x\n---\n".getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOf(InvalidIdException.class);
    assertThatThrownBy(() -> store.get(id)).isInstanceOf(InvalidIdException.class);
    assertThatThrownBy(() -> store.delete(id, null)).isInstanceOf(InvalidIdException.class);
    assertThatThrownBy(() -> store.file(id)).isInstanceOf(InvalidIdException.class);
    assertThat(changes()).isEqualTo(before);
    assertThat(rows()).isZero();
  }

  @Test
  void aNulInAFieldIsRefusedAsAProblemNotASqlError() throws Exception {
    store.loadAll();
    Article base = Samples.article("2026/01/nul");
    for (Article a : List.of(
        base.toBuilder().title("nul\u0000title").build(),
        base.toBuilder().tags("ok", "n\u0000l").build(),
        base.toBuilder().category("\u0000").build(),
        base.toBuilder().putExtra("k\u0000ey", "v").build(),
        base.toBuilder().putExtra("key", Map.of("nested", "v\u0000")).build())) {
      assertThatThrownBy(() -> store.put(a, null))
          .isInstanceOfSatisfying(InvalidArticleException.class, e -> assertThat(e.problems())
              .extracting(Problem::rule).contains("control-character"));
    }
    assertThat(changes()).isZero();
    assertThat(rows()).isZero();
  }

  @Test
  void aNulInTheBodyIsKeptInTheFileAndShownAsAReplacementInTheJsonb() throws Exception {
    Article a = Samples.article("2026/01/nul-body").withBody("before\u0000after\n");
    Revision r = store.put(a, null);
    assertThat(store.get(a.id())).contains(new StoredArticle(a, r));
    assertThat(new String(store.file(a.id()).orElseThrow(), StandardCharsets.UTF_8)).endsWith("before\u0000after\n");
    assertThat(db.queryOne("SELECT article->>'body' FROM " + schema + ".broadsheet_articles"))
        .isEqualTo("before\uFFFDafter\n");
  }
}
