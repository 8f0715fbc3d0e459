package dev.broadsheet.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleEvent;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Facets;
import dev.broadsheet.Inclusion;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.Page;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.Sort;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A repository on a store with {@code queryPushdown(true)}: no index, yet get, find, size,
 * problems and listeners as with one; cursors carry over between instances in either mode.
 */
class PushdownRepositoryTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Instant T = Instant.parse("2026-01-20T08:00:00Z");

  private final String schema = TestDatabase.freshSchema();

  private PostgresArticleStore store(boolean pushdown) {
    return PostgresArticleStore.builder(db.dataSource()).schema(schema).queryPushdown(pushdown).build();
  }

  private static ArticleRepository repository(PostgresArticleStore store, List<ArticleEvent> events) {
    return ArticleRepository.builder().store(store).clock(CLOCK).listener(events::add).build();
  }

  private static Article article(String id, Instant published, String... tags) {
    return Article.builder(id).title("Title " + id).publishedAt(published).category("CITY").tags(tags).build();
  }

  @Test
  void queriesArePushedDownOnlyWhenAskedFor() throws Exception {
    try (PostgresArticleStore plain = store(false); PostgresArticleStore pushed = store(true)) {
      assertThat(plain.queryEngine()).isEmpty();
      assertThat(pushed.queryEngine()).hasValueSatisfying(e -> assertThat(e.replacesIndex()).isTrue());
    }
  }

  @Test
  void startsFromIdsAndRevisionsAndAnswersGetFindAndSizeFromTheStore() throws Exception {
    Revision r;
    try (PostgresArticleStore writer = store(false)) {
      r = writer.put(article("2026/01/ferry", T, "TRANSPORT"), Revision.NONE);
      writer.put(article("2026/01/tram", T.plusSeconds(1)), Revision.NONE);
      writer.putFile("2026/01/broken", "---\ntitle: [\n---\n".getBytes(StandardCharsets.UTF_8), null);
    }
    try (PostgresArticleStore store = store(true); ArticleRepository repo = repository(store, new ArrayList<>())) {
      assertThat(store.queryEngine()).isPresent();
      assertThat(repo.size()).isEqualTo(2);
      assertThat(repo.find("2026/01/ferry")).hasValueSatisfying(s -> {
        assertThat(s.revision()).isEqualTo(r);
        assertThat(s.article().tags()).containsExactly("TRANSPORT");
      });
      assertThat(repo.get("2026/01/none")).isEmpty();
      assertThat(repo.get("2026/01/broken")).isEmpty();
      assertThat(repo.problems()).extracting(Problem::source).containsOnly("2026/01/broken");
      assertThat(repo.count(ArticleQuery.all())).isEqualTo(2);
      assertThat(repo.health().articles()).isEqualTo(2);
    }
  }

  @Test
  void listenersHearCreatedUpdatedAndDeletedWithBothRevisions() throws Exception {
    List<ArticleEvent> events = new CopyOnWriteArrayList<>();
    try (PostgresArticleStore store = store(true); ArticleRepository repo = repository(store, events)) {
      // The follower may tell an older state of an article saved here while it reads (and then
      // the newest again); waiting for it between writes leaves only the writes' own events.
      Revision r1 = repo.save(article("2026/01/ferry", T));
      TestDatabase.await("the follower told the save", 10, () -> store.untoldLocalWrites().isEmpty());
      Revision r2 = repo.save(article("2026/01/ferry", T).withTitle("Changed"), r1);
      TestDatabase.await("the follower told the update", 10, () -> store.untoldLocalWrites().isEmpty());
      assertThat(repo.delete("2026/01/ferry", r2)).isTrue();
      TestDatabase.await("the follower told the delete", 10, () -> store.untoldLocalWrites().isEmpty());
      // Listeners hear events on a thread of their own, which a loaded machine may run late.
      TestDatabase.await("the listener heard all three", 10, () -> events.size() >= 3);
      assertThat(events).extracting(ArticleEvent::type)
          .containsExactly(ArticleEvent.Type.CREATED, ArticleEvent.Type.UPDATED, ArticleEvent.Type.DELETED);
      assertThat(events.get(1).oldRevision()).isEqualTo(r1);
      assertThat(events.get(1).newRevision()).isEqualTo(r2);
      assertThat(events.get(2).oldRevision()).isEqualTo(r2);
      assertThat(repo.size()).isZero();

      try (PostgresArticleStore other = store(false)) {
        Revision elsewhere = other.put(article("2026/01/tram", T), Revision.NONE);
        TestDatabase.await("the other instance's write heard", 10, () -> repo.size() == 1);
        assertThat(events.get(3).type()).isEqualTo(ArticleEvent.Type.CREATED);
        assertThat(events.get(3).newRevision()).isEqualTo(elsewhere);
        assertThat(repo.query(ArticleQuery.all()).items()).extracting(Article::id).containsExactly("2026/01/tram");
      }
      assertThat(events).hasSize(4); // the store's report of the repository's own writes is not told again
    }
  }

  @Test
  void aCursorFromEitherModeContinuesTheQueryInTheOther() throws Exception {
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      // Instants a nanosecond apart, some equal, some sticky, and drafts without a date.
      Article.Builder b = Article.builder("2026/01/a" + (i % 5) + "-" + i).title("A " + i)
          .publishedAt(i % 4 == 3 ? null : T.plusNanos(i % 3)).draft(i % 4 == 3).stickyWeight(i % 6 == 0 ? 2 : 0)
          .category("CITY");
      articles.add(b.build());
    }
    try (PostgresArticleStore indexed = store(false); PostgresArticleStore pushed = store(true)) {
      for (Article a : articles) {
        indexed.put(a, Revision.NONE);
      }
      try (ArticleRepository index = repository(indexed, new ArrayList<>());
          ArticleRepository pushdown = repository(pushed, new ArrayList<>())) {
        for (Sort sort : List.of(Sort.STICKY_FIRST, Sort.NEWEST, Sort.OLDEST)) { // relevance needs text
          ArticleQuery q = ArticleQuery.builder().sort(sort).drafts(Inclusion.INCLUDE).limit(2).build();
          List<String> expected = walk(q, index, index);
          assertThat(expected).hasSize(12);
          assertThat(walk(q, index, pushdown)).as("index first, %s", sort).isEqualTo(expected);
          assertThat(walk(q, pushdown, index)).as("pushdown first, %s", sort).isEqualTo(expected);
          assertThat(walk(q, pushdown, pushdown)).as("pushdown only, %s", sort).isEqualTo(expected);
        }
      }
    }
  }

  /** Every id of {@code q}, the pages asked of {@code first} and {@code second} in turn. */
  private static List<String> walk(ArticleQuery q, ArticleRepository first, ArticleRepository second) {
    List<String> ids = new ArrayList<>();
    ArticleQuery next = q;
    for (int page = 0; ; page++) {
      Page<Article> p = (page % 2 == 0 ? first : second).query(next);
      p.items().forEach(a -> ids.add(a.id()));
      if (p.nextCursor().isEmpty()) {
        return ids;
      }
      next = q.withCursor(p.nextCursor().get());
    }
  }

  @Test
  void refusesACursorOfAnotherSortAsTheIndexDoes() throws Exception {
    try (PostgresArticleStore store = store(true); ArticleRepository repo = repository(store, new ArrayList<>())) {
      repo.save(article("2026/01/ferry", T));
      repo.save(article("2026/01/tram", T));
      String cursor = repo.query(ArticleQuery.builder().sort(Sort.NEWEST).limit(1).build()).nextCursor().orElseThrow();
      assertThatThrownBy(() -> repo.query(ArticleQuery.builder().sort(Sort.OLDEST).cursor(cursor).build()))
          .isInstanceOf(InvalidQueryException.class)
          .hasMessageContaining("was made for sort newest, not oldest");
    }
  }

  @Test
  void relatedAdjacentAndFacetsAreAnsweredInSqlAsByTheIndex() throws Exception {
    try (PostgresArticleStore indexed = store(false); PostgresArticleStore pushed = store(true)) {
      indexed.put(article("2026/01/a", T, "AI", "ETF"), Revision.NONE);
      indexed.put(article("2026/01/b", T.plusNanos(1), "ai", "etf", "BANKS"), Revision.NONE);
      indexed.put(article("2026/01/c", T.plusNanos(2), "ETF"), Revision.NONE);
      indexed.put(article("2026/01/d", T.plusNanos(3), "Ai").withDraft(true), Revision.NONE);
      indexed.put(article("2026/01/e", NOW.plusNanos(1), "AI"), Revision.NONE);
      try (ArticleRepository index = repository(indexed, new ArrayList<>());
          ArticleRepository pushdown = repository(pushed, new ArrayList<>())) {
        assertThat(pushdown.related("2026/01/a", 10)).extracting(Article::id)
            .containsExactly("2026/01/b", "2026/01/c")
            .isEqualTo(index.related("2026/01/a", 10).stream().map(Article::id).toList());
        ArticleQuery q = ArticleQuery.builder().sort(Sort.OLDEST).build();
        ArticleRepository.Adjacent a = pushdown.adjacent("2026/01/b", q);
        assertThat(a.previous().id()).isEqualTo("2026/01/a");
        assertThat(a.next().id()).isEqualTo("2026/01/c");
        assertThat(pushdown.adjacent("2026/01/d", q)).isEqualTo(index.adjacent("2026/01/d", q));
        Facets f = pushdown.facets(ArticleQuery.all());
        assertThat(f).isEqualTo(index.facets(ArticleQuery.all()));
        assertThat(f.tags()).containsExactly(java.util.Map.entry("ETF", 3), java.util.Map.entry("AI", 2),
            java.util.Map.entry("BANKS", 1));
      }
    }
  }
}
