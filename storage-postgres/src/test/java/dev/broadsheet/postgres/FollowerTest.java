package dev.broadsheet.postgres;

import static dev.broadsheet.postgres.TestDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.ArticleEvent;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An instance follows the change log through a lost connection, lost notifications, a pruned
 * log and a TRUNCATE, and ends holding what the database holds, each change applied once.
 */
class FollowerTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private String schema;
  private GatedDataSource gate;
  private PostgresArticleStore store;
  private ArticleRepository repo;
  private PostgresArticleStore other;
  private final List<ArticleEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    schema = TestDatabase.freshSchema();
    gate = new GatedDataSource(db.dataSource());
    other = PostgresArticleStore.builder(db.dataSource()).schema(schema).build();
  }

  private void openRepository() {
    store = PostgresArticleStore.builder(gate).schema(schema).pollInterval(Duration.ofMillis(100)).build();
    repo = ArticleRepository.builder().store(store).listener(events::add).build();
  }

  @AfterEach
  void close() {
    gate.open();
    if (repo != null) {
      repo.close();
    }
    other.close();
  }

  /** Cuts the follower's session and keeps it from reconnecting until the gate opens. */
  private void cutTheFollowerOff() throws Exception {
    await("the follower connected", 10, () -> store.follower() != null && store.follower().connected());
    gate.close();
    assertThat(db.terminateFollowers()).isEqualTo(1);
    await("the follower waiting for a connection", 10, gate::followerWaiting);
  }

  private Map<String, Revision> indexed() {
    return repo.query(dev.broadsheet.ArticleQuery.builder().drafts(dev.broadsheet.Inclusion.INCLUDE).limit(1000).build())
        .items().stream().collect(Collectors.toMap(a -> a.id(), a -> repo.find(a.id()).orElseThrow().revision()));
  }

  private Map<String, Revision> stored() throws Exception {
    return other.loadAll().articles().stream().collect(Collectors.toMap(StoredArticle::id, StoredArticle::revision));
  }

  @Test
  void changesMadeWhileTheConnectionWasGoneAreCaughtUpInOrderAndAppliedOnce() throws Exception {
    openRepository();
    cutTheFollowerOff();
    Revision x1 = other.put(Samples.counter("x", 1), Revision.NONE);
    Revision x2 = other.put(Samples.counter("x", 2), x1);
    Revision y = other.put(Samples.counter("y", 1), Revision.NONE);
    other.delete("y", y);
    Revision z = other.put(Samples.counter("z", 1), Revision.NONE);
    assertThat(repo.size()).as("nothing reaches the repository while the follower is away").isZero();

    gate.open();
    await("the changes caught up", 10, () -> repo.size() == 2);
    assertThat(repo.find("x").orElseThrow().revision()).isEqualTo(x2);
    assertThat(repo.find("z").orElseThrow().revision()).isEqualTo(z);
    // Each article told once, as it is now: no event for y, which came and went. Listeners
    // hear events on a thread of their own, which a loaded machine may run late.
    await("the listener's events", 10, () -> events.size() >= 2);
    assertThat(events).extracting(e -> e.type() + " " + e.id() + " " + e.newRevision())
        .containsExactly("CREATED x " + x2, "CREATED z " + z);
    assertThat(store.follower().reloads()).isZero();
  }

  @Test
  void aFollowerBehindThePrunedLogReloadsAndEndsWithWhatIsStored() throws Exception {
    Revision p1 = other.put(Samples.counter("p", 1), Revision.NONE);
    Revision q1 = other.put(Samples.counter("q", 1), Revision.NONE);
    openRepository();
    assertThat(repo.size()).isEqualTo(2);
    cutTheFollowerOff();
    Revision p2 = other.put(Samples.counter("p", 2), p1);
    other.delete("q", q1);
    Revision r = other.put(Samples.counter("r", 1), Revision.NONE);

    // An instance whose clock is a month ahead prunes the log as it follows it, as the
    // retention option says: everything older than seven days before its now.
    try (PostgresArticleStore pruner = PostgresArticleStore.builder(db.dataSource()).schema(schema)
        .clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(30))).changeRetention(Duration.ofDays(7)).build()) {
      pruner.loadAll();
      pruner.subscribe(c -> {});
      await("the log pruned", 10, () -> count("broadsheet_changes") == 0);
    }
    assertThat(db.queryOne("SELECT pruned_through = last_seq FROM " + schema + ".broadsheet_changes_head"))
        .isEqualTo(true);

    gate.open();
    await("the reload", 10, () -> store.follower().reloads() == 1);
    await("the repository holding what is stored", 10, () -> {
      try {
        return indexed().equals(stored());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertThat(indexed()).isEqualTo(Map.of("p", p2, "r", r));
    await("the listener's events", 10, () -> events.size() >= 3); // heard on the listener executor
    assertThat(events).extracting(e -> e.type() + " " + e.id())
        .containsExactlyInAnyOrder("UPDATED p", "DELETED q", "CREATED r");
  }

  @Test
  void aTruncateWhileTheFollowerWasAwayTakesEvenTheRepositorysOwnWritesAway() throws Exception {
    openRepository();
    cutTheFollowerOff();
    repo.save(Samples.counter("a", 1));
    repo.save(Samples.counter("b", 1));
    assertThat(repo.size()).isEqualTo(2);
    db.execute("TRUNCATE " + schema + ".broadsheet_articles");
    gate.open();
    await("the index emptied", 10, () -> repo.size() == 0);
    assertThat(store.follower().reloads()).isEqualTo(1);
  }

  @Test
  void changesArriveByPollingWhenNoNotificationComes() throws Exception {
    openRepository();
    db.execute("ALTER TABLE " + schema + ".broadsheet_articles DISABLE TRIGGER broadsheet_articles_notify");
    try {
      long written = System.nanoTime();
      Revision r = other.put(Samples.counter("quiet", 1), Revision.NONE);
      await("the change found by polling", 10, () -> repo.find("quiet").isPresent());
      assertThat(repo.find("quiet").orElseThrow().revision()).isEqualTo(r);
      System.out.println("without notifications a change arrived after "
          + (System.nanoTime() - written) / 1_000_000 + " ms (poll interval 100 ms)");
    } finally {
      db.execute("ALTER TABLE " + schema + ".broadsheet_articles ENABLE TRIGGER broadsheet_articles_notify");
    }
  }

  @Test
  void theChangeLogNumbersChangesInCommitOrderWithoutRepeats() throws Exception {
    openRepository();
    for (int i = 0; i < 20; i++) {
      repo.save(Samples.counter("n" + (i % 4), i));
    }
    repo.delete("n0");
    try (Connection c = db.connect(); var s = c.createStatement();
        var rs = s.executeQuery("SELECT seq, id, kind, revision FROM " + schema + ".broadsheet_changes ORDER BY seq")) {
      long last = 0;
      int rows = 0;
      while (rs.next()) {
        assertThat(rs.getLong(1)).isGreaterThan(last);
        last = rs.getLong(1);
        rows++;
      }
      assertThat(rows).isEqualTo(21);
      assertThat(db.queryOne("SELECT last_seq FROM " + schema + ".broadsheet_changes_head")).isEqualTo(last);
    }
    await("the follower at the end of the log", 10,
        () -> store.follower().position() == (Long) query("SELECT last_seq FROM " + schema + ".broadsheet_changes_head"));
  }

  private long count(String table) {
    return (Long) query("SELECT count(*) FROM " + schema + "." + table);
  }

  private Object query(String sql) {
    try {
      return db.queryOne(sql);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

}
