package dev.broadsheet.postgres;

import static dev.broadsheet.postgres.TestDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleEvent;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.Inclusion;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.spi.ArticleStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rows changed by SQL that is not Broadsheet's reach the repository through the triggers and
 * the change log: inserted, rewritten, broken, renamed, deleted, truncated.
 */
class OutsideSqlTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private static final String VALID = """
      ---
      title: Written by hand
      publishedAt: '2026-03-01T10:00:00.000Z'
      # a comment the store keeps
      category: LOCAL
      tags: [HAND, SQL]
      stickyWeight: 2
      ---
      Typed into psql.
      """;

  private String schema;
  private String table;
  private PostgresArticleStore store;
  private ArticleRepository repo;
  private final List<ArticleEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    schema = TestDatabase.freshSchema();
    table = schema + ".broadsheet_articles";
    store = PostgresArticleStore.builder(db.dataSource()).schema(schema).pollInterval(Duration.ofMillis(200)).build();
    repo = ArticleRepository.builder().store(store).listener(events::add).build();
  }

  @AfterEach
  void close() {
    repo.close();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private int insertByHand(String id, String key, String content) throws Exception {
    return db.execute("INSERT INTO " + table + " (key, id, content) VALUES (?, ?, ?)", key, id, utf8(content));
  }

  private static ArticleQuery everything() {
    return ArticleQuery.builder().drafts(Inclusion.INCLUDE).scheduled(Inclusion.INCLUDE).expired(Inclusion.INCLUDE)
        .build();
  }

  @Test
  void aRowInsertedByHandReachesTheRepositoryAndGetsItsColumnsFilledIn() throws Exception {
    insertByHand("2026/03/by-hand", "2026/03/by-hand", VALID);
    await("the row inserted by hand in the index", 10, () -> repo.get("2026/03/by-hand").isPresent());
    Article a = repo.get("2026/03/by-hand").orElseThrow();
    assertThat(a.title()).isEqualTo("Written by hand");
    assertThat(a.tags()).containsExactly("HAND", "SQL");
    await("the listener's events", 10, () -> events.size() >= 1); // heard on the listener executor
    assertThat(events).extracting(ArticleEvent::type).containsExactly(ArticleEvent.Type.CREATED);
    Revision expected = Revision.ofContent(utf8(VALID));
    assertThat(repo.find("2026/03/by-hand").orElseThrow().revision()).isEqualTo(expected);
    // What other SQL left out is derived from the file by the store.
    await("the derived columns filled in", 10, () -> query("SELECT revision FROM " + table) != null);
    assertThat(query("SELECT revision FROM " + table)).isEqualTo(expected.value());
    assertThat(query("SELECT category || ' ' || sticky_weight || ' ' || array_to_string(tags, ',') FROM " + table))
        .isEqualTo("LOCAL 2 HAND,SQL");
    assertThat(query("SELECT article->>'title' FROM " + table)).isEqualTo("Written by hand");
    // So another instance loads it from its columns, without reading the file.
    try (PostgresArticleStore other = PostgresArticleStore.builder(db.dataSource()).schema(schema).build()) {
      assertThat(other.loadAll().articles()).containsExactly(new StoredArticle(ArticleStore.partial(a), expected));
    }
  }

  @Test
  void aFileBrokenByHandIsAProblemWithItsLineAndColumnAndMendedByHandItComesBack() throws Exception {
    Revision r = repo.save(Samples.article("2026/03/broken"));
    String broken = "---\ntitle: Broken\npublishedAt: '2026-03-01T10:00:00Z'\nstickyWeight: lots\n---\nBody.\n";
    db.execute("UPDATE " + table + " SET content = ? WHERE id = ?", utf8(broken), "2026/03/broken");
    await("the broken row out of the index", 10, () -> repo.get("2026/03/broken").isEmpty());
    await("the listener's events", 10, () -> events.size() >= 2); // heard on the listener executor
    assertThat(events).extracting(ArticleEvent::type)
        .containsExactly(ArticleEvent.Type.CREATED, ArticleEvent.Type.DELETED);
    List<Problem> problems = repo.problems();
    assertThat(problems).hasSize(1);
    Problem p = problems.get(0);
    assertThat(p.source()).isEqualTo("2026/03/broken");
    assertThat(p.field()).isEqualTo("stickyWeight");
    assertThat(p.line()).isEqualTo(4);
    assertThat(p.column()).isEqualTo(15); // the value, after "stickyWeight: "
    assertThat(p.toString()).isEqualTo("2026/03/broken:4:15: error: " + p.message());
    assertThat(repo.health().problems()).isEqualTo(1);
    // A conditional save against what the repository last had is refused: the file changed.
    assertThatThrownBy(() -> repo.save(Samples.article("2026/03/broken"), r))
        .isInstanceOf(dev.broadsheet.ArticleConflictException.class);

    db.execute("UPDATE " + table + " SET content = ? WHERE id = ?", utf8(VALID), "2026/03/broken");
    await("the mended row back in the index", 10, () -> repo.get("2026/03/broken").isPresent());
    assertThat(repo.get("2026/03/broken").orElseThrow().title()).isEqualTo("Written by hand");
    assertThat(repo.problems()).isEmpty();
  }

  @Test
  void aRowDeletedByHandLeavesTheRepository() throws Exception {
    repo.save(Samples.article("2026/03/doomed"));
    repo.save(Samples.article("2026/03/kept"));
    assertThat(db.execute("DELETE FROM " + table + " WHERE id = ?", "2026/03/doomed")).isEqualTo(1);
    await("the deleted row out of the index", 10, () -> repo.get("2026/03/doomed").isEmpty());
    assertThat(repo.query(everything()).items()).extracting(Article::id).containsExactly("2026/03/kept");
    assertThat(query("SELECT string_agg(kind, ',' ORDER BY seq) FROM " + schema + ".broadsheet_changes"))
        .isEqualTo("created,created,deleted");
  }

  @Test
  void aColumnEditedByHandIsDerivedFromTheFileAgain() throws Exception {
    Revision r = repo.save(Samples.article("2026/03/columns"));
    // Listeners run on the repository's executor: the save's own event may still be on its way.
    await("the save's event", 10, () -> !events.isEmpty());
    events.clear();
    db.execute("UPDATE " + table + " SET category = 'HACKED', tags = '{}' WHERE id = ?", "2026/03/columns");
    await("the columns derived from the file again", 10,
        () -> "CITY".equals(query("SELECT category FROM " + table)));
    assertThat(query("SELECT revision FROM " + table)).isEqualTo(r.value());
    assertThat(query("SELECT array_to_string(tags, ',') FROM " + table)).isEqualTo("TRANSPORT,NIGHTLIFE");
    // The file did not change: neither did the article, and no listener heard of anything.
    assertThat(repo.find("2026/03/columns").orElseThrow().revision()).isEqualTo(r);
    assertThat(events).isEmpty();
  }

  @Test
  void anIdChangedByHandIsTheOldArticleDeletedAndANewOneCreated() throws Exception {
    repo.save(Samples.article("2026/03/old-name"));
    db.execute("UPDATE " + table + " SET id = ?, key = ? WHERE id = ?", "2026/03/new-name", "2026/03/new-name",
        "2026/03/old-name");
    await("the renamed row in the index", 10, () -> repo.get("2026/03/new-name").isPresent());
    await("the old id gone", 10, () -> repo.get("2026/03/old-name").isEmpty());
    assertThat(repo.get("2026/03/new-name").orElseThrow().title())
        .isEqualTo("Harbour ferry adds night crossings: 2026/03/old-name");
  }

  @Test
  void rowsWhoseIdOrKeyBreakTheRulesAreProblemsAndWritesToThemAreRefused() throws Exception {
    insertByHand("../outside", "../outside", VALID);
    insertByHand("2026/03/Mis-Keyed", "2026/03/Mis-Keyed", VALID); // the key should be lower case
    await("both rows reported", 10, () -> repo.problems().size() == 2);
    assertThat(repo.problems()).extracting(Problem::source).containsExactly("../outside", "2026/03/Mis-Keyed");
    assertThat(repo.problems()).extracting(Problem::field).containsOnly("id");
    assertThat(repo.problems().get(1).message()).contains("the row's key column holds '2026/03/Mis-Keyed'",
        "the key of id '2026/03/Mis-Keyed' is '2026/03/mis-keyed'");
    assertThat(repo.size()).isZero();
    assertThatThrownBy(() -> repo.save(Samples.article("2026/03/Mis-Keyed")))
        .isInstanceOf(BroadsheetException.class)
        .hasMessageContaining("the row of article '2026/03/Mis-Keyed' has the key '2026/03/Mis-Keyed', not "
            + "'2026/03/mis-keyed'");
    // A new instance loads neither, and says why.
    try (PostgresArticleStore other = PostgresArticleStore.builder(db.dataSource()).schema(schema).build()) {
      assertThat(other.loadAll().problems()).extracting(Problem::source)
          .containsExactlyInAnyOrder("../outside", "2026/03/Mis-Keyed");
    }
  }

  @Test
  void aTruncatedTableEmptiesTheRepository() throws Exception {
    repo.save(Samples.article("2026/03/a"));
    repo.save(Samples.article("2026/03/b"));
    db.execute("TRUNCATE " + table);
    await("the index emptied", 10, () -> repo.size() == 0);
    await("the listener's events", 10, () -> events.size() >= 4); // heard on the listener executor
    assertThat(events).extracting(ArticleEvent::type).containsExactly(ArticleEvent.Type.CREATED,
        ArticleEvent.Type.CREATED, ArticleEvent.Type.DELETED, ArticleEvent.Type.DELETED);
    assertThat(query("SELECT kind FROM " + schema + ".broadsheet_changes ORDER BY seq DESC LIMIT 1")).isEqualTo("reset");
    repo.save(Samples.article("2026/03/c"));
    assertThat(repo.size()).isEqualTo(1);
  }

  @Test
  void aStatementOverManyRowsIsLoggedRowByRowInOneTransaction() throws Exception {
    for (int i = 0; i < 5; i++) {
      repo.save(Samples.article("2026/03/many-" + i));
    }
    db.execute("UPDATE " + table + " SET content = ?", utf8(VALID));
    await("every row rewritten", 10, () -> repo.query(everything()).items().stream()
        .allMatch(a -> a.title().equals("Written by hand")));
    assertThat(query("SELECT count(*) FROM " + schema + ".broadsheet_changes WHERE kind = 'updated'"))
        .isEqualTo(5L + 5L); // each row by the statement, then its columns filled in by the store
    assertThat(query("SELECT count(DISTINCT seq) = count(*) FROM " + schema + ".broadsheet_changes")).isEqualTo(true);
  }

  private Object query(String sql) {
    try {
      return db.queryOne(sql);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
