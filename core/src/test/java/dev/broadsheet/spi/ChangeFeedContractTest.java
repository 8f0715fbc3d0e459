package dev.broadsheet.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleChange;
import dev.broadsheet.ArticleChange.Kind;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.ChangePage;
import dev.broadsheet.Inclusion;
import dev.broadsheet.InvalidSyncTokenException;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.SyncToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;

/**
 * The change feed's behaviour, whichever store the repository is on: what {@link
 * ArticleRepository#changes} reports for writes, for articles going live and expiring on the
 * clock, and that replaying the feed from any token reproduces what the public sees. A store's
 * test extends it and says how to make a store.
 */
public abstract class ChangeFeedContractTest {
  protected static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  /** A clock the tests move. */
  protected static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(START);

    public void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

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

  protected final MovableClock clock = new MovableClock();
  private final List<ArticleRepository> opened = new ArrayList<>();

  /** A new, empty store. */
  protected abstract ArticleStore createStore() throws Exception;

  /**
   * Waits until the feed holds every write made so far. A store whose log is shared by other
   * instances (a database) lets the feed reach a change once its follower has passed it, a few
   * milliseconds after the write; the others have nothing to wait for.
   */
  protected void settle() throws Exception {}

  /**
   * A second writer of the same data, past the repository: another process's or instance's store
   * (or, for a store that has no other way in, the store itself written directly). Null when the
   * store has none.
   */
  protected @Nullable ArticleStore outsideWriter(ArticleStore store) throws Exception {
    return null;
  }

  /**
   * The store again on the data of the last one made, as after a restart; null when the feed does
   * not outlive the process (the repository's log in memory).
   */
  protected @Nullable ArticleStore reopen() throws Exception {
    return null;
  }

  protected ArticleRepository repository(ArticleStore store) {
    ArticleRepository r = ArticleRepository.builder().store(store).clock(clock).build();
    opened.add(r);
    return r;
  }

  @AfterEach
  void closeRepositories() {
    opened.forEach(ArticleRepository::close);
  }

  protected static Article article(String id, @Nullable Instant published) {
    return Article.builder(id).title("Title " + id).publishedAt(published).lang("en").body("Body of " + id + ".\n")
        .build();
  }

  private ChangePage feed(ArticleRepository repo, @Nullable SyncToken since, int limit) throws Exception {
    settle();
    return repo.changes(since, limit);
  }

  private ChangePage feed(ArticleRepository repo, @Nullable SyncToken since, int limit, boolean preview) throws Exception {
    settle();
    return repo.changes(since, limit, preview);
  }

  /** Every page from {@code since} until no more, applied to {@code view}; returns the last token. */
  protected SyncToken replay(ArticleRepository repo, @Nullable SyncToken since, int limit,
      Map<String, Revision> view, List<ArticleChange> seen) throws Exception {
    SyncToken token = since;
    for (int pages = 0; pages < 10_000; pages++) {
      ChangePage page = feed(repo, token, limit);
      for (ArticleChange c : page.items()) {
        seen.add(c);
        switch (c.kind()) {
          case UPSERT, PUBLISHED -> view.put(c.id(), c.revision());
          case DELETE, UNPUBLISHED -> view.remove(c.id());
        }
      }
      token = page.next();
      if (!page.hasMore()) {
        return token;
      }
    }
    throw new AssertionError("the feed never ended");
  }

  /** What the public sees now: id and revision of every visible article. */
  protected static Map<String, Revision> visible(ArticleRepository repo) {
    Map<String, Revision> out = new TreeMap<>();
    ArticleQuery q = ArticleQuery.builder().limit(1000).build();
    String cursor = null;
    do {
      var page = repo.query(q.toBuilder().cursor(cursor).build());
      for (Article a : page.items()) {
        out.put(a.id(), repo.find(a.id()).map(StoredArticle::revision).orElseThrow());
      }
      cursor = page.nextCursor().orElse(null);
    } while (cursor != null);
    return out;
  }

  @Test
  void initialSyncListsWhatThePublicSeesInIdOrderPagedByTokens() throws Exception {
    ArticleRepository repo = repository(createStore());
    for (int i = 0; i < 7; i++) {
      repo.save(article("news/" + i, START.minus(Duration.ofDays(1))));
    }
    repo.save(article("news/draft", START.minus(Duration.ofDays(1))).toBuilder().draft(true).build());
    repo.save(article("news/later", START.plus(Duration.ofDays(1))));

    List<ArticleChange> seen = new ArrayList<>();
    Map<String, Revision> view = new TreeMap<>();
    replay(repo, null, 3, view, seen);
    assertThat(seen).extracting(ArticleChange::id)
        .containsExactly("news/0", "news/1", "news/2", "news/3", "news/4", "news/5", "news/6");
    assertThat(seen).extracting(ArticleChange::kind).containsOnly(Kind.UPSERT);
    assertThat(view).isEqualTo(visible(repo));

    ChangePage preview = feed(repo, null, 100, true);
    assertThat(preview.items()).extracting(ArticleChange::id).contains("news/draft", "news/later").hasSize(9);
  }

  /** Initial syncs of one index version at other instants: each lists what is public at its own. */
  @Test
  void initialSyncsAtOtherInstantsListWhatIsPublicAtEach() throws Exception {
    ArticleRepository repo = repository(createStore());
    Instant past = START.minus(Duration.ofDays(1));
    repo.save(article("a", past));
    repo.save(article("b", START.plus(Duration.ofHours(1))));
    repo.save(article("c", past).toBuilder().expiresAt(START.plus(Duration.ofHours(2))).build());
    repo.save(article("d", past).toBuilder().draft(true).build());
    assertThat(feed(repo, null, 100).items()).extracting(ArticleChange::id).containsExactly("a", "c");
    clock.advance(Duration.ofMinutes(90));
    assertThat(feed(repo, null, 100).items()).extracting(ArticleChange::id).containsExactly("a", "b", "c");
    clock.advance(Duration.ofHours(1));
    assertThat(feed(repo, null, 1).items()).extracting(ArticleChange::id).containsExactly("a");
    assertThat(feed(repo, null, 100).items()).extracting(ArticleChange::id).containsExactly("a", "b");
    assertThat(feed(repo, null, 100, true).items()).extracting(ArticleChange::id).containsExactly("a", "b", "c", "d");
    repo.delete("a");
    assertThat(feed(repo, null, 100).items()).extracting(ArticleChange::id).containsExactly("b");
  }

  @Test
  void theHeadIsWhereAnInitialSyncEndsAndFollowsWhatChangesAfterIt() throws Exception {
    ArticleRepository repo = repository(createStore());
    Instant past = START.minus(Duration.ofDays(1));
    for (int i = 0; i < 5; i++) {
      repo.save(article("old/" + i, past));
    }
    repo.save(article("old/soon", START.plus(Duration.ofHours(1))));
    settle();
    SyncToken head = repo.changesHead();
    SyncToken synced = replay(repo, null, 2, new TreeMap<>(), new ArrayList<>());
    assertThat(head.log()).isEqualTo(synced.log());
    assertThat(head.seq()).isEqualTo(synced.seq());
    assertThat(head.at()).isEqualTo(START);
    ChangePage nothing = feed(repo, head, 100);
    assertThat(nothing.items()).isEmpty();
    assertThat(nothing.hasMore()).isFalse();

    Revision fresh = repo.save(article("new", past));
    repo.delete("old/1");
    clock.advance(Duration.ofHours(2));
    ChangePage after = feed(repo, head, 100);
    assertThat(after.items()).extracting(ArticleChange::id, ArticleChange::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("new", Kind.UPSERT),
        org.assertj.core.groups.Tuple.tuple("old/1", Kind.DELETE),
        org.assertj.core.groups.Tuple.tuple("old/soon", Kind.PUBLISHED));
    assertThat(after.items().get(0).revision()).isEqualTo(fresh);
    assertThat(feed(repo, head, 100, true).items()).extracting(ArticleChange::id).containsExactly("new", "old/1");
  }

  @Test
  void editsAreChangesAsThePublicSeesThem() throws Exception {
    ArticleRepository repo = repository(createStore());
    Instant past = START.minus(Duration.ofDays(1));
    Revision draft = repo.save(article("a", past).toBuilder().draft(true).build());
    SyncToken t0 = feed(repo, null, 100).next();

    Revision published = repo.save(article("a", past), draft);
    Revision edited = repo.save(article("a", past).toBuilder().title("Changed").build(), published);
    Revision hidden = repo.save(article("a", past).toBuilder().title("Changed").draft(true).build(), edited);
    repo.save(article("b", past).toBuilder().draft(true).build());
    repo.delete("b");
    repo.save(article("c", past));
    repo.delete("c");

    ChangePage page = feed(repo, t0, 100);
    assertThat(page.items()).extracting(ArticleChange::id, ArticleChange::kind, ArticleChange::revision).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a", Kind.PUBLISHED, published),
        org.assertj.core.groups.Tuple.tuple("a", Kind.UPSERT, edited),
        org.assertj.core.groups.Tuple.tuple("a", Kind.UNPUBLISHED, hidden),
        org.assertj.core.groups.Tuple.tuple("c", Kind.UPSERT, repoRevision(page, "c")),
        org.assertj.core.groups.Tuple.tuple("c", Kind.DELETE, null));
    assertThat(page.hasMore()).isFalse();

    // The preview feed sees every write, drafts included.
    ChangePage preview = feed(repo, t0, 100, true);
    assertThat(preview.items()).extracting(ArticleChange::kind).containsExactly(
        Kind.UPSERT, Kind.UPSERT, Kind.UPSERT, Kind.UPSERT, Kind.DELETE, Kind.UPSERT, Kind.DELETE);

    // Nothing new: an empty page and a token that still works.
    ChangePage again = feed(repo, page.next(), 100);
    assertThat(again.items()).isEmpty();
    assertThat(again.hasMore()).isFalse();
  }

  private static @Nullable Revision repoRevision(ChangePage page, String id) {
    return page.items().stream().filter(c -> c.id().equals(id) && c.revision() != null).findFirst()
        .map(ArticleChange::revision).orElse(null);
  }

  @Test
  void articlesGoLiveAndExpireOnTheClockWithNoWrite() throws Exception {
    ArticleRepository repo = repository(createStore());
    Instant live = START.plus(Duration.ofHours(1));
    Instant expires = START.plus(Duration.ofHours(3));
    Revision r = repo.save(article("scheduled", live).toBuilder().expiresAt(expires).build());
    Revision moved = repo.save(article("moved", START.plus(Duration.ofHours(2))));
    SyncToken t0 = feed(repo, null, 100).next();
    assertThat(feed(repo, t0, 100).items()).isEmpty();

    // A reschedule before its time moves the event.
    moved = repo.save(article("moved", START.plus(Duration.ofHours(5))), moved);
    clock.advance(Duration.ofMinutes(90));
    ChangePage first = feed(repo, t0, 100);
    assertThat(first.items()).containsExactly(new ArticleChange("scheduled", Kind.PUBLISHED, r, live));
    // Exactly once: asked again, from the new token, nothing.
    assertThat(feed(repo, first.next(), 100).items()).isEmpty();

    clock.advance(Duration.ofHours(4));
    ChangePage second = feed(repo, first.next(), 100);
    assertThat(second.items()).extracting(ArticleChange::id, ArticleChange::kind, ArticleChange::at).containsExactly(
        org.assertj.core.groups.Tuple.tuple("scheduled", Kind.UNPUBLISHED, expires),
        org.assertj.core.groups.Tuple.tuple("moved", Kind.PUBLISHED, START.plus(Duration.ofHours(5))));
    assertThat(second.items().get(1).revision()).isEqualTo(moved);
  }

  @Test
  void replayingFromAnyTokenReproducesWhatThePublicSees() throws Exception {
    ArticleRepository repo = repository(createStore());
    Random random = new Random(20261203);
    List<SyncToken> tokens = new ArrayList<>();
    Map<SyncToken, Map<String, Revision>> viewAt = new HashMap<>();
    Map<String, Revision> view = new TreeMap<>();
    SyncToken token = replay(repo, null, 5, view, new ArrayList<>());
    for (int step = 0; step < 400; step++) {
      String id = "n/" + random.nextInt(25);
      int what = random.nextInt(10);
      StoredArticle current = repo.find(id).orElse(null);
      if (what < 5) {
        Instant published = START.plus(Duration.ofMinutes(random.nextInt(600) - 200));
        Article.Builder b = article(id, published).toBuilder().title("Title " + step);
        if (random.nextInt(4) == 0) {
          b.draft(true);
        }
        if (random.nextInt(3) == 0) {
          b.expiresAt(published.plus(Duration.ofMinutes(1 + random.nextInt(300))));
        }
        repo.save(b.build());
      } else if (what < 7 && current != null) {
        repo.delete(id);
      } else if (what < 9) {
        clock.advance(Duration.ofMinutes(random.nextInt(40)));
      } else {
        token = replay(repo, token, 1 + random.nextInt(6), view, new ArrayList<>());
        assertThat(view).as("after step %d", step).isEqualTo(visible(repo));
        tokens.add(token);
        viewAt.put(token, new TreeMap<>(view));
      }
    }
    token = replay(repo, token, 7, view, new ArrayList<>());
    assertThat(view).isEqualTo(visible(repo));
    // From each token kept on the way, with the view the client had then, the same end.
    for (SyncToken t : tokens) {
      Map<String, Revision> from = new TreeMap<>(viewAt.get(t));
      replay(repo, t, 3, from, new ArrayList<>());
      assertThat(from).isEqualTo(visible(repo));
    }
    // From scratch, too.
    Map<String, Revision> fresh = new TreeMap<>();
    replay(repo, null, 4, fresh, new ArrayList<>());
    assertThat(fresh).isEqualTo(visible(repo));
  }

  /** Until the repository holds what was written past it: {@code pending} id to revision (empty: deleted). */
  private static void awaitOutside(ArticleRepository repo, Map<String, Optional<Revision>> pending)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    for (Map.Entry<String, Optional<Revision>> e : pending.entrySet()) {
      while (!repo.find(e.getKey()).map(StoredArticle::revision).equals(e.getValue())) {
        assertThat(System.nanoTime()).as("the repository to hold %s of %s", e.getValue(), e.getKey())
            .isLessThan(deadline);
        Thread.sleep(5);
      }
    }
    pending.clear();
  }

  private static Article randomArticle(Random random, String id, int step) {
    Instant published = START.plus(Duration.ofMinutes(random.nextInt(600) - 200));
    Article.Builder b = article(id, published).toBuilder().title("Title " + step);
    if (random.nextInt(4) == 0) {
      b.draft(true);
    }
    if (random.nextInt(3) == 0) {
      b.expiresAt(published.plus(Duration.ofMinutes(1 + random.nextInt(300))));
    }
    return b.build();
  }

  @Test
  void replayingThroughOutsideWritesAndRestartsLosesNothing() throws Exception {
    ArticleStore store = createStore();
    ArticleStore outside = outsideWriter(store);
    assumeTrue(outside != null, "this store has no writer past the repository");
    ArticleRepository repo = repository(store);
    Random random = new Random(4242);
    Map<String, Optional<Revision>> pending = new HashMap<>();
    Map<String, Revision> view = new TreeMap<>();
    List<SyncToken> tokens = new ArrayList<>();
    Map<SyncToken, Map<String, Revision>> viewAt = new HashMap<>();
    SyncToken token = replay(repo, null, 5, view, new ArrayList<>());
    int restarts = 0;
    for (int step = 0; step < 160; step++) {
      String id = "o/" + random.nextInt(12);
      int what = random.nextInt(12);
      if (what < 3) {
        repo.save(randomArticle(random, id, step));
        pending.remove(id);
      } else if (what < 6) {
        pending.put(id, Optional.of(outside.put(randomArticle(random, id, step), null)));
      } else if (what < 7) {
        if (outside.delete(id, null)) {
          pending.put(id, Optional.empty());
        }
      } else if (what < 8) {
        clock.advance(Duration.ofMinutes(random.nextInt(40)));
      } else if (what < 9) {
        awaitOutside(repo, pending);
        ArticleStore again = reopen();
        if (again != null) {
          repo.close();
          repo = repository(again);
          restarts++;
        }
      } else {
        awaitOutside(repo, pending);
        token = replay(repo, token, 1 + random.nextInt(6), view, new ArrayList<>());
        assertThat(view).as("after step %d", step).isEqualTo(visible(repo));
        tokens.add(token);
        viewAt.put(token, new TreeMap<>(view));
      }
    }
    awaitOutside(repo, pending);
    replay(repo, token, 7, view, new ArrayList<>());
    assertThat(view).isEqualTo(visible(repo));
    for (SyncToken t : tokens) { // tokens of earlier processes too
      Map<String, Revision> from = new TreeMap<>(viewAt.get(t));
      replay(repo, t, 4, from, new ArrayList<>());
      assertThat(from).isEqualTo(visible(repo));
    }
    assertThat(restarts == 0 || tokens.size() > 3).isTrue();
  }

  @Test
  void refusesAlteredAndForeignTokens() throws Exception {
    ArticleRepository repo = repository(createStore());
    repo.save(article("a", START.minus(Duration.ofDays(1))));
    SyncToken token = feed(repo, null, 10).next();
    String text = token.toString();
    assertThat(SyncToken.parse(text)).isEqualTo(token);
    String altered = text.substring(0, 3) + (text.charAt(3) == 'A' ? 'B' : 'A') + text.substring(4);
    assertThatThrownBy(() -> SyncToken.parse(altered)).isInstanceOf(InvalidSyncTokenException.class)
        .hasMessageContaining("sync from scratch");
    assertThatThrownBy(() -> SyncToken.parse("hello")).isInstanceOf(InvalidSyncTokenException.class);
    SyncToken foreign = SyncToken.of("some-other-log", 1, START);
    assertThatThrownBy(() -> feed(repo, foreign, 10)).isInstanceOf(InvalidSyncTokenException.class)
        .hasMessageContaining("another store");
    SyncToken ahead = SyncToken.of(token.log(), token.seq() + 1000, START);
    assertThatThrownBy(() -> feed(repo, ahead, 10)).isInstanceOf(InvalidSyncTokenException.class);
    assertThat(repo.query(ArticleQuery.builder().drafts(Inclusion.INCLUDE).build()).items()).hasSize(1);
  }
}
