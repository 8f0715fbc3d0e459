package dev.broadsheet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.StoredArticle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three application instances in three JVMs on one database, each writing: every instance ends
 * holding what the database holds, sees every write of the others, and keeps doing so after its
 * listening connection is terminated halfway through.
 */
class InstancesTest {
  private static final int INSTANCES = 3;
  private static final int WRITES = 150;

  @RegisterExtension static final TestDatabase db = new TestDatabase();

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void threeInstancesConvergeAndSeeEachOthersWritesThroughATerminatedConnection() throws Exception {
    String schema = TestDatabase.freshSchema();
    try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema).build()) {
      store.loadAll();
    }
    List<ChildJvm> children = new ArrayList<>();
    try {
      for (int i = 0; i < INSTANCES; i++) {
        children.add(ChildJvm.start(Instance.class, db.url(), schema, "i" + i, String.valueOf(WRITES)));
      }
      for (ChildJvm c : children) {
        c.expect("ready");
      }
      for (ChildJvm c : children) {
        c.send("go");
      }
      // Halfway through, every listening connection is cut, as a failover or an administrator would.
      TestDatabase.await("half of the writes made", 60, () -> changes(schema) >= INSTANCES * WRITES / 2);
      int terminated = db.terminateFollowers();
      long logged = changes(schema);
      for (ChildJvm c : children) {
        c.expect("written");
      }
      for (ChildJvm c : children) {
        c.send("check");
      }
      List<String> digests = new ArrayList<>();
      List<Long> delays = new ArrayList<>();
      for (ChildJvm c : children) {
        digests.add(c.expect("converged"));
        assertThat(Integer.parseInt(c.expect("seen"))).as("the others' own articles seen")
            .isEqualTo((INSTANCES - 1) * WRITES);
        String list = c.expect("delays");
        Arrays.stream(list.split(",")).filter(s -> !s.isEmpty()).map(Long::parseLong).forEach(delays::add);
        assertThat(c.await(60)).isZero();
      }
      assertThat(terminated).isEqualTo(INSTANCES);
      assertThat(logged).isLessThan(changes(schema)); // the cut came before the end
      assertThat(digests).containsOnly(digests.get(0));
      try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema).build()) {
        List<StoredArticle> all = store.loadAll().articles();
        assertThat(all).hasSize(INSTANCES * WRITES + Instance.SHARED);
        long bumps = 0;
        for (int s = 0; s < Instance.SHARED; s++) {
          bumps += (Long) store.get("shared/" + s).orElseThrow().article().extra().get("counter");
        }
        assertThat(bumps).as("no conditional update lost").isEqualTo((long) INSTANCES * ((WRITES + 2) / 3));
      }
      delays.sort(null);
      System.out.println("instances: " + INSTANCES + " JVMs x " + WRITES + " articles (+ shared updates), "
          + delays.size() + " writes seen by the others; delay p50 " + percentile(delays, 50) + " ms, p99 "
          + percentile(delays, 99) + " ms, max " + percentile(delays, 100) + " ms; " + terminated
          + " listening connections terminated at change " + logged);
    } finally {
      for (ChildJvm c : children) {
        c.close();
      }
    }
  }

  private static String percentile(List<Long> sortedMicros, int p) {
    int i = Math.max(0, (int) Math.ceil(p / 100.0 * sortedMicros.size()) - 1);
    return String.format("%.1f", sortedMicros.get(i) / 1000.0);
  }

  private static long changes(String schema) {
    try {
      return (Long) db.queryOne("SELECT count(*) FROM " + schema + ".broadsheet_changes");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

}
