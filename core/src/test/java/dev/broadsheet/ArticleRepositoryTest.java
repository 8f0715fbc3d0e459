package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.memory.InMemoryArticleStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ArticleRepositoryTest {
  private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");

  /** A clock tests can move. */
  static final class MovableClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(NOW);

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  private final MovableClock clock = new MovableClock();
  private final List<ArticleEvent> events = new CopyOnWriteArrayList<>();
  private final InMemoryArticleStore store = new InMemoryArticleStore();
  private final ArticleRepository repo =
      ArticleRepository.builder().store(store).clock(clock).listener(events::add).listenerExecutor(Runnable::run).build();

  private static Article article(String id, String published) {
    return Article.builder(id).title("Title " + id).publishedAt(Instant.parse(published)).category("BUSINESS")
        .tags("AI", "ETF").build();
  }

  @Test
  void saveIsVisibleToTheNextQueryAndFiresCreatedThenUpdated() {
    Revision r1 = repo.save(article("a", "2026-01-30T00:00:00Z"));
    assertThat(repo.query(ArticleQuery.all()).items()).extracting(Article::id).containsExactly("a");
    Revision r2 = repo.save(article("a", "2026-01-30T00:00:00Z").withTitle("Changed"));
    assertThat(repo.get("a")).get().extracting(Article::title).isEqualTo("Changed");
    assertThat(events).extracting(ArticleEvent::type)
        .containsExactly(ArticleEvent.Type.CREATED, ArticleEvent.Type.UPDATED);
    assertThat(events.get(1).oldRevision()).isEqualTo(r1);
    assertThat(events.get(1).newRevision()).isEqualTo(r2);
    assertThat(r2).isNotEqualTo(r1);
  }

  @Test
  void staleRevisionFailsWithAConflictNamingIdAndBothRevisions() {
    Revision r1 = repo.save(article("a", "2026-01-30T00:00:00Z"));
    Revision r2 = repo.save(article("a", "2026-01-30T00:00:00Z").withStickyWeight(2));
    assertThatThrownBy(() -> repo.save(article("a", "2026-01-30T00:00:00Z").withStickyWeight(3), r1))
        .isInstanceOfSatisfying(ArticleConflictException.class, e -> {
          assertThat(e.id()).isEqualTo("a");
          assertThat(e.expected()).isEqualTo(r1);
          assertThat(e.actual()).isEqualTo(r2);
          assertThat(e.getMessage()).contains("'a'", r1.value(), r2.value());
        });
    assertThat(repo.get("a").orElseThrow().stickyWeight()).isEqualTo(2);
    assertThatThrownBy(() -> repo.save(article("a", "2026-01-30T00:00:00Z"), Revision.NONE))
        .isInstanceOf(ArticleConflictException.class);
    assertThatThrownBy(() -> repo.delete("a", r1)).isInstanceOf(ArticleConflictException.class);
    assertThat(repo.delete("a", r2)).isTrue();
    assertThat(repo.get("a")).isEmpty();
    assertThat(events.get(events.size() - 1).type()).isEqualTo(ArticleEvent.Type.DELETED);
  }

  @Test
  void invalidArticleIsRefusedWithProblems() {
    Article noDate = Article.builder("x").title("No date").build();
    assertThatThrownBy(() -> repo.save(noDate)).isInstanceOfSatisfying(InvalidArticleException.class,
        e -> assertThat(e.problems()).extracting(Problem::field).containsExactly("publishedAt"));
    assertThat(repo.size()).isZero();
  }

  @Test
  void scheduledArticleAppearsTheMomentItsTimeComesWithoutReload() {
    repo.save(article("later", "2026-02-01T12:00:00Z"));
    assertThat(repo.query(ArticleQuery.all()).items()).isEmpty();
    assertThat(repo.query(ArticleQuery.builder().scheduled(Inclusion.ONLY).build()).items()).hasSize(1);
    assertThat(repo.query(ArticleQuery.builder().asOf(Instant.parse("2026-02-01T12:00:00Z")).build()).items())
        .hasSize(1);
    clock.now.set(Instant.parse("2026-02-01T12:00:00Z"));
    assertThat(repo.query(ArticleQuery.all()).items()).extracting(Article::id).containsExactly("later");
  }

  @Test
  void expiredAndDraftArticlesAreHiddenUnlessAsked() {
    repo.save(article("old", "2026-01-01T00:00:00Z").toBuilder().expiresAt(Instant.parse("2026-01-15T00:00:00Z")).build());
    repo.save(article("draft", "2026-01-02T00:00:00Z").withDraft(true));
    repo.save(article("live", "2026-01-03T00:00:00Z"));
    assertThat(repo.query(ArticleQuery.all()).items()).extracting(Article::id).containsExactly("live");
    assertThat(repo.query(ArticleQuery.builder().drafts(Inclusion.ONLY).build()).items())
        .extracting(Article::id).containsExactly("draft");
    assertThat(repo.query(ArticleQuery.builder().expired(Inclusion.INCLUDE).drafts(Inclusion.INCLUDE).sort(Sort.OLDEST).build()).items())
        .extracting(Article::id).containsExactly("old", "draft", "live");
    assertThat(repo.query(ArticleQuery.builder().asOf(Instant.parse("2026-01-10T00:00:00Z")).build()).items())
        .extracting(Article::id).containsExactly("live", "old");
  }

  @Test
  void filtersMatchCaseInsensitivelyAndKeepTheArticlesSpelling() {
    repo.save(article("a", "2026-01-30T00:00:00Z").toBuilder().category("Business").tags("Bitcoin").lang("EN")
        .source(new Source("Decrypt", "Decrypt", "RSS")).build());
    ArticleQuery q = ArticleQuery.builder().categories("BUSINESS").allTags("bitcoin").langs("en").sources("decrypt").build();
    assertThat(repo.query(q).items()).extracting(Article::id).containsExactly("a");
    Facets f = repo.facets(q);
    assertThat(f.categories()).containsExactly(java.util.Map.entry("Business", 1));
    assertThat(f.tags()).containsExactly(java.util.Map.entry("Bitcoin", 1));
  }

  @Test
  void stickyFirstOrdersByWeightThenNewestThenId() {
    repo.save(article("b", "2026-01-01T00:00:00Z").withStickyWeight(1));
    repo.save(article("a", "2026-01-01T00:00:00Z").withStickyWeight(1));
    repo.save(article("c", "2026-01-20T00:00:00Z"));
    repo.save(article("d", "2025-12-01T00:00:00Z").withStickyWeight(5));
    assertThat(repo.query(ArticleQuery.all()).items()).extracting(Article::id).containsExactly("d", "a", "b", "c");
    assertThat(repo.query(ArticleQuery.builder().stickyOnly().build()).items()).extracting(Article::id)
        .containsExactly("d", "a", "b");
    assertThat(repo.query(ArticleQuery.builder().minStickyWeight(2).build()).items()).extracting(Article::id)
        .containsExactly("d");
  }

  @Test
  void cursorWalkSeesEveryArticlePresentThroughoutExactlyOnceWhileOthersComeAndGo() {
    List<Article> initial = new ArticleGenerator(3).articles(500).stream()
        .map(a -> a.toBuilder().draft(false).expiresAt(null)
            .publishedAt(Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofMinutes(a.id().hashCode() & 0xffff)))
            .build())
        .toList();
    initial.forEach(repo::save);
    Set<String> stable = new HashSet<>();
    initial.forEach(a -> stable.add(a.id()));
    List<String> seen = new ArrayList<>();
    ArticleQuery q = ArticleQuery.builder().sort(Sort.NEWEST).limit(7).build();
    Page<Article> page = repo.query(q);
    int round = 0;
    while (true) {
      page.items().forEach(a -> seen.add(a.id()));
      // Between pages: add one article anywhere in the order and delete one not yet seen.
      Article extra = article("extra-" + round, "2025-01-01T00:00:00Z").toBuilder()
          .publishedAt(Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofMinutes(round * 997L % 65536))).build();
      repo.save(extra);
      String victim = stable.stream().filter(id -> !seen.contains(id)).sorted().findFirst().orElse(null);
      if (victim != null && round % 3 == 0) {
        repo.delete(victim);
        stable.remove(victim);
      }
      round++;
      if (page.nextCursor().isEmpty()) {
        break;
      }
      page = repo.query(q.withCursor(page.nextCursor().get()));
    }
    List<String> stableSeen = seen.stream().filter(id -> !id.startsWith("extra-")).toList();
    assertThat(new HashSet<>(stableSeen)).hasSameSizeAs(stableSeen);
    assertThat(new HashSet<>(stableSeen)).containsAll(stable);
  }

  @Test
  void relatedPrefersMostSharedTagsThenNewest() {
    repo.save(article("self", "2026-01-10T00:00:00Z").withTags(List.of("A", "B", "C")));
    repo.save(article("two", "2026-01-01T00:00:00Z").withTags(List.of("A", "B")));
    repo.save(article("one-new", "2026-01-09T00:00:00Z").withTags(List.of("c")));
    repo.save(article("one-old", "2026-01-02T00:00:00Z").withTags(List.of("A")));
    repo.save(article("none", "2026-01-09T00:00:00Z").withTags(List.of("Z")));
    repo.save(article("draft", "2026-01-09T00:00:00Z").withTags(List.of("A", "B", "C")).withDraft(true));
    assertThat(repo.related("self", 10)).extracting(Article::id).containsExactly("two", "one-new", "one-old");
  }

  @Test
  void adjacentGivesPreviousAndNextInTheQueryOrder() {
    repo.save(article("a", "2026-01-01T00:00:00Z"));
    repo.save(article("b", "2026-01-02T00:00:00Z"));
    repo.save(article("c", "2026-01-03T00:00:00Z"));
    ArticleRepository.Adjacent adj = repo.adjacent("b", ArticleQuery.builder().sort(Sort.NEWEST).build());
    assertThat(adj.previous().id()).isEqualTo("c");
    assertThat(adj.next().id()).isEqualTo("a");
    assertThat(repo.adjacent("c", ArticleQuery.builder().sort(Sort.NEWEST).build()).previous()).isNull();
  }

  @Test
  void changesMadeInTheStoreDirectlyReachQueriesAndListeners() {
    store.put(article("fed", "2026-01-05T00:00:00Z"), null);
    assertThat(repo.get("fed")).isPresent();
    assertThat(events).extracting(ArticleEvent::type).containsExactly(ArticleEvent.Type.CREATED);
    store.delete("fed", null);
    assertThat(repo.get("fed")).isEmpty();
  }

  @Test
  void limitsAndCursorsAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> repo.query(ArticleQuery.builder().limit(1001).build()))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
          assertThat(e.option()).isEqualTo("limit");
          assertThat(e.violations()).containsExactly(
              new InvalidQueryException.Violation("limit", "must be a whole number from 1 to 1000, was 1001"));
        });
    assertThatThrownBy(() -> ArticleQuery.builder().limit(0)).hasMessage("limit must be >= 1, was 0");
    assertThatThrownBy(() -> repo.query(ArticleQuery.builder().cursor("%%%").build()))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.option()).isEqualTo("cursor"));
    repo.save(article("a", "2026-01-01T00:00:00Z"));
    repo.save(article("b", "2026-01-02T00:00:00Z"));
    String cursor = repo.query(ArticleQuery.builder().limit(1).sort(Sort.NEWEST).build()).nextCursor().orElseThrow();
    assertThatThrownBy(() -> repo.query(ArticleQuery.builder().sort(Sort.OLDEST).cursor(cursor).build()))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage("cursor was made for sort newest, not oldest; keep the sort of the first page");
    assertThatThrownBy(() -> ArticleRepository.builder().maxPageSize(0))
        .hasMessage("maxPageSize must be positive, was 0");
  }

  @Test
  void queriesOnOtherThreadsNeverSeeAHalfAppliedChange() throws Exception {
    for (int i = 0; i < 200; i++) {
      repo.save(article("p" + i, "2026-01-01T00:00:00Z").withStickyWeight(i % 2));
    }
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      for (int i = 0; i < 2_000; i++) {
        Page<Article> p = repo.query(ArticleQuery.builder().limit(1000).build());
        if (p.items().size() != p.total()) {
          failures.add(new AssertionError("page of " + p.items().size() + " but total " + p.total()));
        }
      }
    });
    reader.start();
    for (int i = 0; i < 400; i++) {
      repo.save(article("p" + (i % 200), "2026-01-01T00:00:00Z").withStickyWeight(i % 3));
    }
    reader.join();
    assertThat(failures).isEmpty();
  }

  /**
   * A list's total is counted once per snapshot and visibility: it still follows the clock
   * across each publication and expiry instant, loaded or saved since, and an earlier asOf.
   */
  @Test
  void totalsFollowTheClockAcrossPublicationsAndExpiries() {
    Instant t = NOW;
    List<Article> loaded = List.of(
        Article.builder("live").title("Live").publishedAt(t.minusSeconds(60)).category("CITY").build(),
        Article.builder("soon").title("Soon").publishedAt(t.plusSeconds(60)).category("CITY").build(),
        Article.builder("ending").title("Ending").publishedAt(t.minusSeconds(60)).expiresAt(t.plusSeconds(120))
            .category("CITY").build());
    try (ArticleRepository r = ArticleRepository.builder().store(new InMemoryArticleStore(loaded)).clock(clock).build()) {
      ArticleQuery city = ArticleQuery.builder().categories("CITY").limit(1).build();
      assertThat(r.query(city).total()).isEqualTo(2);
      assertThat(r.count(city)).isEqualTo(2);
      clock.now.set(t.plusSeconds(60).minusNanos(1));
      assertThat(r.query(city).total()).isEqualTo(2);
      clock.now.set(t.plusSeconds(60)); // 'soon' is live from its instant on
      assertThat(r.query(city).total()).isEqualTo(3);
      assertThat(r.count(city)).isEqualTo(3);
      assertThat(r.query(city.toBuilder().categories("city").build()).total()).isEqualTo(3);
      r.save(Article.builder("later").title("Later").publishedAt(t.plusSeconds(90)).category("CITY").build());
      assertThat(r.query(city).total()).isEqualTo(3);
      clock.now.set(t.plusSeconds(90));
      assertThat(r.query(city).total()).isEqualTo(4);
      clock.now.set(t.plusSeconds(120)); // 'ending' expires at its instant
      assertThat(r.query(city).total()).isEqualTo(3);
      assertThat(r.query(city.toBuilder().asOf(t).build()).total()).isEqualTo(2);
      assertThat(r.query(city.toBuilder().scheduled(Inclusion.INCLUDE).build()).total()).isEqualTo(3);
      assertThat(r.query(city.toBuilder().expired(Inclusion.INCLUDE).build()).total()).isEqualTo(4);
    }
  }
}
