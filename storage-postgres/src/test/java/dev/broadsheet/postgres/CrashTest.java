package dev.broadsheet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.spi.LoadResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A process saving in a loop is killed with SIGKILL a hundred times, each time after a random
 * number of saves returned (and so at a random point of the next one): every save that returned
 * is in the database, every row is a whole article, and the change log is whole.
 */
class CrashTest {
  private static final int KILLS = 100;

  @RegisterExtension static final TestDatabase db = new TestDatabase();

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void savesThatReturnedSurviveAKillAndNoRowIsEverHalfWritten() throws Exception {
    String schema = TestDatabase.freshSchema();
    Random random = new Random(20260501L);
    Map<String, Long> lastAcknowledged = new HashMap<>();
    int acknowledged = 0;
    long started = System.nanoTime();
    try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema).build()) {
      store.loadAll(); // the tables, made once, so that each child only checks them
      for (int run = 1; run <= KILLS; run++) {
        try (ChildJvm child = ChildJvm.start(CrashingSaver.class, db.url(), schema, String.valueOf(run),
            String.valueOf(random.nextLong()))) {
          Map<String, Long> printed = new ConcurrentHashMap<>();
          AtomicInteger count = new AtomicInteger();
          Thread reader = new Thread(() -> {
            try {
              for (String line; (line = child.readLine()) != null; ) {
                String[] parts = line.split(" ");
                printed.merge(parts[0], Long.parseLong(parts[1]), Math::max);
                count.incrementAndGet();
              }
            } catch (Exception e) {
              // the pipe breaks when the child is killed
            }
          });
          reader.start();
          int wanted = 1 + random.nextInt(8);
          TestDatabase.await("the saver's acknowledged saves", 60,
              () -> count.get() >= wanted || !child.process().isAlive());
          assertThat(child.process().isAlive()).as("the saver runs until killed").isTrue();
          child.process().destroyForcibly();
          assertThat(child.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
          reader.join();
          printed.forEach((id, marker) -> lastAcknowledged.merge(id, marker, Math::max));
          acknowledged += count.get();
        }
        // A statement the saver sent before it died may still commit: the server ends the session
        // once it notices. Only then is what is stored final.
        TestDatabase.await("the killed saver's sessions ended", 60,
            () -> sessions(CrashingSaver.APPLICATION_NAME) == 0);
        verify(store, lastAcknowledged);
      }
    }
    assertThat(acknowledged).isGreaterThanOrEqualTo(KILLS);
    long seconds = (System.nanoTime() - started) / 1_000_000_000;
    System.out.println("crash test: " + KILLS + " kills, " + acknowledged + " acknowledged saves, all present; "
        + seconds + " s");
  }

  private static long sessions(String applicationName) {
    try {
      return db.sessions(applicationName);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private void verify(PostgresArticleStore store, Map<String, Long> lastAcknowledged) throws Exception {
    LoadResult loaded = store.loadAll();
    assertThat(loaded.problems()).isEmpty();
    Map<String, Long> stored = new HashMap<>();
    for (StoredArticle s : loaded.articles()) {
      StoredArticle whole = store.get(s.id()).orElseThrow();
      assertThat(whole.revision()).isEqualTo(s.revision());
      assertThat(Revision.ofContent(store.file(s.id()).orElseThrow())).isEqualTo(s.revision());
      long marker = (Long) whole.article().extra().get("marker");
      assertThat(whole.article().title()).isEqualTo("Crash " + marker);
      assertThat(whole.article().body()).endsWith("end " + marker + "\n");
      stored.put(s.id(), marker);
    }
    lastAcknowledged.forEach((id, marker) -> assertThat(stored.get(id))
        .as("article %s: the last save that returned was %s", id, marker)
        .isNotNull().isGreaterThanOrEqualTo(marker));
    // Every row's last change is in the log, with the revision the row has.
    assertThat(db.queryOne("SELECT count(*) FROM " + store.schema() + ".broadsheet_articles a WHERE NOT EXISTS "
        + "(SELECT 1 FROM " + store.schema() + ".broadsheet_changes c WHERE c.seq = a.seq AND c.revision = a.revision)"))
        .isEqualTo(0L);
  }
}
