package dev.broadsheet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Revision;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Four processes incrementing one counter with conditional saves lose no update. */
class LostUpdatesTest {
  private static final int PROCESSES = 4;
  private static final int INCREMENTS = 250;

  @RegisterExtension static final TestDatabase db = new TestDatabase();

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void fourProcessesMakingAThousandConditionalIncrementsEndAtExactlyAThousand() throws Exception {
    String schema = TestDatabase.freshSchema();
    try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema).build()) {
      store.put(Samples.counter("2026/05/counter", 0), Revision.NONE);
    }
    List<ChildJvm> children = new ArrayList<>();
    try {
      for (int i = 0; i < PROCESSES; i++) {
        children.add(ChildJvm.start(Incrementer.class, db.url(), schema, "2026/05/counter",
            String.valueOf(INCREMENTS)));
      }
      for (ChildJvm c : children) {
        c.expect("ready");
      }
      long started = System.nanoTime();
      for (ChildJvm c : children) {
        c.send("go");
      }
      List<Integer> conflicts = new ArrayList<>();
      for (ChildJvm c : children) {
        conflicts.add(Integer.parseInt(c.expect("done")));
        assertThat(c.await(60)).isZero();
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema).build()) {
        assertThat(store.get("2026/05/counter").orElseThrow().article().extra().get("counter"))
            .isEqualTo((long) PROCESSES * INCREMENTS);
      }
      // One change logged per increment that was saved, none for one that conflicted.
      assertThat(db.queryOne("SELECT count(*) FROM " + schema + ".broadsheet_changes WHERE kind = 'updated'"))
          .isEqualTo((long) PROCESSES * INCREMENTS);
      int total = conflicts.stream().mapToInt(Integer::intValue).sum();
      System.out.println("lost updates: " + PROCESSES + " processes x " + INCREMENTS + " conditional increments = "
          + PROCESSES * INCREMENTS + ", none lost; " + total + " conflicts retried " + conflicts + ", " + millis + " ms");
    } finally {
      for (ChildJvm c : children) {
        c.close();
      }
    }
  }
}
