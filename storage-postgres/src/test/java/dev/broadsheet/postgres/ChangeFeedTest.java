package dev.broadsheet.postgres;

import static dev.broadsheet.postgres.TestDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleChange;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.ChangePage;
import dev.broadsheet.InvalidSyncTokenException;
import dev.broadsheet.Revision;
import dev.broadsheet.SyncToken;
import dev.broadsheet.SyncTokenExpiredException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The change feed over the {@code changes} table: one log for every instance on the database,
 * tokens that outlive restarts, outside SQL with its timing, exact replays, expiry.
 */
class ChangeFeedTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  /** A clock tests can move, shared by stores and repositories. */
  static final class MovableClock extends Clock {
    final AtomicReference<Instant> now;

    MovableClock(Instant start) {
      now = new AtomicReference<>(start);
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

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }
  }

  private final String schema = TestDatabase.freshSchema();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private PostgresArticleStore store(Clock clock) {
    PostgresArticleStore s = PostgresArticleStore.builder(db.dataSource()).schema(schema)
        .pollInterval(Duration.ofMillis(200)).clock(clock).build();
    return s;
  }

  private ArticleRepository repo(PostgresArticleStore store, Clock clock) {
    ArticleRepository r = ArticleRepository.builder().store(store).clock(clock).build();
    opened.add(r);
    return r;
  }

  private ArticleRepository instance() {
    return repo(store(Clock.systemUTC()), Clock.systemUTC());
  }

  private long lastSeq() throws Exception {
    return (Long) db.queryOne("SELECT last_seq FROM " + schema + ".broadsheet_changes_head");
  }

  /** Waits until the store's repository holds every change the table logged. */
  private void caughtUp(PostgresArticleStore store) throws Exception {
    long last = lastSeq();
    await("the instance caught up with change " + last, 10, () -> store.applied() >= last);
  }

  private static Article article(String id, boolean draft, Instant published, Instant expires) {
    return Article.builder(id).title("T " + id).publishedAt(published).expiresAt(expires).draft(draft)
        .category("CITY").body("Body.\n").build();
  }

  /** A client's copy of the public articles: id to revision. */
  static void apply(Map<String, Revision> replica, List<ArticleChange> items) {
    for (ArticleChange c : items) {
      switch (c.kind()) {
        case UPSERT, PUBLISHED -> replica.put(c.id(), c.revision());
        case DELETE, UNPUBLISHED -> replica.remove(c.id());
      }
    }
  }

  /** Reads the feed from {@code since} to its end into {@code replica}; the last token. */
  static SyncToken drain(ArticleRepository repo, SyncToken since, Map<String, Revision> replica, int limit) {
    SyncToken t = since;
    for (int i = 0; i < 10_000; i++) {
      ChangePage p = repo.changes(t, limit);
      apply(replica, p.items());
      t = p.next();
      if (!p.hasMore()) {
        return t;
      }
    }
    throw new AssertionError("the feed did not end");
  }

  /**
   * An initial sync, page by page, to its last page (the token that no longer lists articles):
   * not on through the changes after it, which a busy writer may never let end.
   */
  static SyncToken initial(ArticleRepository repo, Map<String, Revision> replica, int limit) {
    ChangePage p = repo.changes(null, limit);
    apply(replica, p.items());
    while (p.next().after() != null) {
      p = repo.changes(p.next(), limit);
      apply(replica, p.items());
    }
    return p.next();
  }

  /** The public articles now, by the repository's clock. */
  static Map<String, Revision> visible(ArticleRepository repo) {
    Map<String, Revision> out = new TreeMap<>();
    String cursor = null;
    do {
      var page = repo.query(ArticleQuery.builder().limit(1000).cursor(cursor).build());
      for (Article a : page.items()) {
        out.put(a.id(), repo.find(a.id()).orElseThrow().revision());
      }
      cursor = page.nextCursor().orElse(null);
    } while (cursor != null);
    return out;
  }

  // ------------------------------------------------------------------ (a) instances, restarts

  @Test
  void twoInstancesSeeOneFeedAndTokensMoveBetweenThemAndAcrossRestarts() throws Exception {
    PostgresArticleStore storeA = store(Clock.systemUTC());
    ArticleRepository a = repo(storeA, Clock.systemUTC());
    PostgresArticleStore storeB = store(Clock.systemUTC());
    ArticleRepository b = repo(storeB, Clock.systemUTC());
    SyncToken start = a.changes(null, 100).next();
    assertThat(start.log()).startsWith("postgres-").isEqualTo(b.changes(null, 100).next().log());

    Instant past = Instant.parse("2026-01-01T00:00:00Z");
    a.save(article("2026/01/a1", false, past, null));
    b.save(article("2026/01/b1", false, past, null));
    a.save(article("2026/01/a2", true, past, null));
    b.delete("2026/01/a1");
    caughtUp(storeA);
    caughtUp(storeB);

    ChangePage onA = a.changes(start, 100, true);
    ChangePage onB = b.changes(start, 100, true);
    assertThat(onA.items()).extracting(ArticleChange::id, ArticleChange::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("2026/01/a1", ArticleChange.Kind.UPSERT),
        org.assertj.core.groups.Tuple.tuple("2026/01/b1", ArticleChange.Kind.UPSERT),
        org.assertj.core.groups.Tuple.tuple("2026/01/a2", ArticleChange.Kind.UPSERT),
        org.assertj.core.groups.Tuple.tuple("2026/01/a1", ArticleChange.Kind.DELETE));
    assertThat(onB.items()).isEqualTo(onA.items());
    assertThat(onB.next().seq()).isEqualTo(onA.next().seq()).isEqualTo(lastSeq());

    // The public feed: a2 is a draft, a1 came and went.
    Map<String, Revision> replica = new HashMap<>();
    SyncToken t = drain(a, start, replica, 2);
    assertThat(replica).isEqualTo(visible(b)).containsOnlyKeys("2026/01/b1");

    // A token of A on B, and on B restarted.
    b.save(article("2026/01/b2", false, past, null));
    caughtUp(storeB);
    caughtUp(storeA);
    Map<String, Revision> copy = new HashMap<>(replica);
    drain(b, t, copy, 100);
    assertThat(copy).isEqualTo(visible(a)).containsOnlyKeys("2026/01/b1", "2026/01/b2");

    opened.remove(b);
    b.close();
    a.save(article("2026/01/a3", false, past, null));
    ArticleRepository b2 = instance();
    Map<String, Revision> again = new HashMap<>(replica);
    SyncToken end = drain(b2, t, again, 100);
    assertThat(again).isEqualTo(visible(a)).containsOnlyKeys("2026/01/b1", "2026/01/b2", "2026/01/a3");
    assertThat(end.seq()).isEqualTo(lastSeq());
  }

  @Test
  void aTokenOfAnInstanceThatIsAheadWaitsForTheOtherToCatchUp() throws Exception {
    PostgresArticleStore storeA = store(Clock.systemUTC());
    ArticleRepository a = repo(storeA, Clock.systemUTC());
    // B polls rarely and hears no notification soon: it lags A.
    PostgresArticleStore storeB = PostgresArticleStore.builder(db.dataSource()).schema(schema)
        .pollInterval(Duration.ofMillis(1500)).build();
    ArticleRepository b = repo(storeB, Clock.systemUTC());
    SyncToken start = a.changes(null, 10).next();
    Instant past = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 20; i++) {
      a.save(article("2026/01/w" + i, false, past, null));
      caughtUp(storeA);
      SyncToken t = a.changes(start, 100).next();
      // B may not hold the change yet; it waits for it rather than refusing the token.
      Map<String, Revision> replica = new HashMap<>();
      drain(a, start, replica, 100);
      drain(b, t, replica, 100);
      assertThat(storeB.applied()).isGreaterThanOrEqualTo(t.seq());
      assertThat(replica).hasSize(i + 1);
    }
  }

  // ------------------------------------------------------------------ (b) outside SQL

  @Test
  void outsideSqlReachesTheFeedWithItsTiming() throws Exception {
    PostgresArticleStore store = store(Clock.systemUTC());
    ArticleRepository repo = repo(store, Clock.systemUTC());
    String table = schema + ".broadsheet_articles";
    Instant past = Instant.parse("2026-01-01T00:00:00Z");
    repo.save(article("2026/02/draft", true, past, null));
    repo.save(article("2026/02/doomed", false, past, null));
    repo.save(article("2026/02/column", true, past, null));
    caughtUp(store);
    SyncToken start = repo.changes(null, 100).next();
    Map<String, Revision> replica = new HashMap<>();
    initial(repo, replica, 100);
    assertThat(replica).containsOnlyKeys("2026/02/doomed");

    // The draft made public by rewriting its file in SQL.
    byte[] file = store.file("2026/02/draft").orElseThrow();
    String published = new String(file, StandardCharsets.UTF_8).replace("draft: true\n", "");
    assertThat(published).isNotEqualTo(new String(file, StandardCharsets.UTF_8));
    db.execute("UPDATE " + table + " SET content = ? WHERE id = ?", published.getBytes(StandardCharsets.UTF_8),
        "2026/02/draft");
    // A column set by hand that the file contradicts: the file wins, the public never sees it.
    db.execute("UPDATE " + table + " SET draft = false WHERE id = ?", "2026/02/column");
    // A row inserted by hand, one deleted by hand.
    String valid = "---\ntitle: By hand\npublishedAt: '2026-03-01T10:00:00.123456789Z'\n---\nTyped.\n";
    db.execute("INSERT INTO " + table + " (key, id, content) VALUES (?, ?, ?)", "2026/02/hand", "2026/02/hand",
        valid.getBytes(StandardCharsets.UTF_8));
    db.execute("DELETE FROM " + table + " WHERE id = ?", "2026/02/doomed");
    await("the outside changes verified", 10, () -> {
      try {
        return (Long) db.queryOne("SELECT count(*) FROM " + table + " WHERE revision IS NULL") == 0
            && repo.get("2026/02/hand").isPresent() && repo.get("2026/02/doomed").isEmpty()
            && !repo.get("2026/02/draft").orElseThrow().draft();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    caughtUp(store);

    List<ArticleChange> items = new ArrayList<>();
    SyncToken t = start;
    while (true) {
      ChangePage p = repo.changes(t, 100);
      items.addAll(p.items());
      t = p.next();
      if (!p.hasMore()) {
        break;
      }
    }
    assertThat(items).extracting(ArticleChange::id, ArticleChange::kind).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("2026/02/draft", ArticleChange.Kind.PUBLISHED),
        org.assertj.core.groups.Tuple.tuple("2026/02/hand", ArticleChange.Kind.UPSERT),
        org.assertj.core.groups.Tuple.tuple("2026/02/doomed", ArticleChange.Kind.DELETE));
    apply(replica, items);
    assertThat(replica).isEqualTo(visible(repo));

    // The timing is the file's, to the nanosecond, as the index sees it.
    var logged = store.changeLog().orElseThrow().read(start.seq(), 100);
    var hand = logged.stream().filter(c -> c.id().equals("2026/02/hand")).toList();
    assertThat(hand).hasSize(1);
    assertThat(hand.get(0).before()).isNull();
    assertThat(hand.get(0).after().publishedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456789Z"))
        .isEqualTo(repo.get("2026/02/hand").orElseThrow().publishedAt());
    var draft = logged.stream().filter(c -> c.id().equals("2026/02/draft")).toList();
    assertThat(draft).hasSize(1);
    assertThat(draft.get(0).before().draft()).isTrue();
    assertThat(draft.get(0).after().draft()).isFalse();
    var column = logged.stream().filter(c -> c.id().equals("2026/02/column")).toList();
    assertThat(column).allSatisfy(c -> {
      assertThat(c.before().draft()).isTrue();
      assertThat(c.after().draft()).isTrue();
    });
  }

  // ------------------------------------------------------------------ (c) random replays

  @Test
  void replayingFromAnyTokenGivesExactlyThePublicArticles() throws Exception {
    long seed = Long.getLong("broadsheet.seed", System.nanoTime());
    Random random = new Random(seed);
    MovableClock clock = new MovableClock(Instant.parse("2030-06-01T12:00:00Z"));
    PostgresArticleStore store = store(clock);
    ArticleRepository repo = repo(store, clock);
    record Checkpoint(SyncToken token, Map<String, Revision> replica) {}
    List<Checkpoint> checkpoints = new ArrayList<>();
    Map<String, Revision> live = new HashMap<>();
    SyncToken token = initial(repo, live, 3);
    checkpoints.add(new Checkpoint(token, new HashMap<>(live)));
    for (int step = 0; step < 120; step++) {
      int op = random.nextInt(10);
      String id = "2030/06/a" + random.nextInt(12);
      Instant now = clock.instant();
      if (op < 5) {
        Instant published = now.plusSeconds(random.nextInt(600) - 300);
        Instant expires = random.nextInt(3) == 0 ? published.plusSeconds(random.nextInt(600)) : null;
        repo.save(article(id, random.nextInt(4) == 0, published, expires));
      } else if (op < 7) {
        repo.delete(id);
      } else {
        clock.advance(Duration.ofMillis(random.nextInt(200_000)));
      }
      caughtUp(store);
      if (random.nextInt(4) == 0) {
        Map<String, Revision> fresh = new HashMap<>();
        SyncToken t = initial(repo, fresh, 1 + random.nextInt(4));
        assertThat(fresh).as("initial sync at step %d, seed %d", step, seed).isEqualTo(visible(repo));
        checkpoints.add(new Checkpoint(t, fresh));
      }
      token = drain(repo, token, live, 1 + random.nextInt(5));
      assertThat(live).as("following the feed at step %d, seed %d", step, seed).isEqualTo(visible(repo));
      checkpoints.add(new Checkpoint(token, new HashMap<>(live)));
    }
    clock.advance(Duration.ofMinutes(20));
    Map<String, Revision> expected = visible(repo);
    for (int i = 0; i < checkpoints.size(); i++) {
      Checkpoint c = checkpoints.get(i);
      Map<String, Revision> replica = new HashMap<>(c.replica());
      drain(repo, c.token(), replica, 1 + random.nextInt(7));
      assertThat(replica).as("replayed from checkpoint %d, seed %d", i, seed).isEqualTo(expected);
    }
  }

  // ------------------------------------------------------------------ (d) expiry, foreign tokens

  @Test
  void prunedTruncatedOrForeignTokensAreRefused() throws Exception {
    PostgresArticleStore store = store(Clock.systemUTC());
    ArticleRepository repo = repo(store, Clock.systemUTC());
    Instant past = Instant.parse("2026-01-01T00:00:00Z");
    SyncToken old = repo.changes(null, 10).next();
    repo.save(article("2026/04/one", false, past, null));
    repo.save(article("2026/04/two", false, past, null));
    caughtUp(store);
    SyncToken recent = drain(repo, old, new HashMap<>(), 10);
    try (Connection c = db.connect()) {
      Follower.prune(c, store.names(), Instant.now().plusSeconds(60));
    }
    assertThatThrownBy(() -> repo.changes(old, 10)).isInstanceOf(SyncTokenExpiredException.class);
    assertThat(repo.changes(recent, 10).items()).isEmpty(); // nothing after it was lost
    assertThat(store.changeLog().orElseThrow().first()).isEqualTo(recent.seq() + 1);

    // Another schema's log (another database's alike) has another id.
    String other = TestDatabase.freshSchema();
    try (PostgresArticleStore foreign = PostgresArticleStore.builder(db.dataSource()).schema(other).build();
        ArticleRepository f = ArticleRepository.builder().store(foreign).build()) {
      SyncToken theirs = f.changes(null, 10).next();
      assertThat(theirs.log()).isNotEqualTo(recent.log());
      assertThatThrownBy(() -> repo.changes(theirs, 10)).isInstanceOf(InvalidSyncTokenException.class)
          .isNotInstanceOf(SyncTokenExpiredException.class);
    }
    // A token ahead of the log.
    SyncToken ahead = SyncToken.of(recent.log(), lastSeq() + 5, Instant.now());
    assertThatThrownBy(() -> repo.changes(ahead, 10)).isInstanceOf(InvalidSyncTokenException.class)
        .isNotInstanceOf(SyncTokenExpiredException.class);

    // A TRUNCATE cannot be told article by article: every older token expires.
    db.execute("TRUNCATE " + schema + ".broadsheet_articles");
    await("the truncate applied", 10, () -> repo.size() == 0);
    caughtUp(store);
    assertThatThrownBy(() -> repo.changes(recent, 10)).isInstanceOf(SyncTokenExpiredException.class);
    Map<String, Revision> replica = new HashMap<>();
    SyncToken after = initial(repo, replica, 10);
    assertThat(replica).isEmpty();
    repo.save(article("2026/04/three", false, past, null));
    caughtUp(store);
    drain(repo, after, replica, 10);
    assertThat(replica).containsOnlyKeys("2026/04/three");
  }

  // ------------------------------------------------------------------ (e) initial sync under writes

  @Test
  void anInitialSyncWhileAnotherInstanceWritesLosesNothing() throws Exception {
    PostgresArticleStore storeA = store(Clock.systemUTC());
    ArticleRepository a = repo(storeA, Clock.systemUTC());
    ArticleRepository b = instance();
    Instant past = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 50; i++) {
      b.save(article("2026/05/pre" + i, false, past, null));
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger written = new AtomicInteger();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try {
        Random r = new Random(7);
        while (!stop.get() && written.get() < 600) {
          int n = written.incrementAndGet();
          b.save(article("2026/05/w" + n, false, past, null));
          if (r.nextInt(5) == 0) {
            b.delete("2026/05/pre" + r.nextInt(50));
          }
        }
      } catch (Throwable t) {
        failed.set(t);
      }
    });
    writer.start();
    List<Map<String, Revision>> replicas = new ArrayList<>();
    List<SyncToken> tokens = new ArrayList<>();
    try {
      for (int round = 0; round < 15; round++) {
        Map<String, Revision> replica = new HashMap<>();
        tokens.add(initial(round % 2 == 0 ? a : b, replica, 7));
        replicas.add(replica);
      }
    } finally {
      stop.set(true);
      writer.join();
    }
    assertThat(failed.get()).isNull();
    caughtUp(storeA);
    Map<String, Revision> expected = visible(a);
    for (int i = 0; i < replicas.size(); i++) {
      drain(a, tokens.get(i), replicas.get(i), 50);
      assertThat(replicas.get(i)).as("initial sync %d", i).isEqualTo(expected);
    }
  }

  // ------------------------------------------------------------------ upgrade

  @Test
  void changesLoggedBeforeVersionThreeAreBeforeTheFeedsFirst() throws Exception {
    Instant past = Instant.parse("2026-01-01T00:00:00Z");
    try (PostgresArticleStore s = store(Clock.systemUTC())) {
      s.put(article("2026/06/old", false, past, null), Revision.NONE);
      s.put(article("2026/06/draft", true, past, null), Revision.NONE);
    }
    SchemaUpgradeTest.downgradeToVersionTwo(db, schema);
    // Changes logged by version 2's trigger, with no timing.
    db.execute("DELETE FROM " + schema + ".broadsheet_articles WHERE id = ?", "2026/06/old");
    long untimed = lastSeq();
    PostgresArticleStore store = store(Clock.systemUTC());
    ArticleRepository repo = repo(store, Clock.systemUTC());
    assertThat(store.changeLog().orElseThrow().first()).isEqualTo(untimed + 1);
    assertThatThrownBy(() -> repo.changes(SyncToken.of(repo.changes(null, 1).next().log(), untimed - 1, Instant.now()),
        10)).isInstanceOf(SyncTokenExpiredException.class);
    Map<String, Revision> replica = new HashMap<>();
    SyncToken t = initial(repo, replica, 10);
    assertThat(t.seq()).isEqualTo(untimed);
    // A row stored before the upgrade: its timing before comes from its columns.
    Article published = repo.get("2026/06/draft").orElseThrow().toBuilder().draft(false).build();
    repo.save(published);
    caughtUp(store);
    ChangePage p = repo.changes(t, 10);
    assertThat(p.items()).extracting(ArticleChange::id, ArticleChange::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("2026/06/draft", ArticleChange.Kind.PUBLISHED));
  }
}
