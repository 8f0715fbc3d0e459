package dev.broadsheet.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.spi.LoadResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two processes incrementing counters in the same articles with optimistic saves. */
class TwoProcessTest {
  private static final int IDS = 3;
  private static final int UPDATES = 1000;

  @TempDir Path root;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void noUpdateIsLostBetweenTwoProcesses() throws Exception {
    try (FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).build()) {
      for (int i = 0; i < IDS; i++) {
        store.put(TestFiles.sample("c" + i, "Counter " + i, "Counts.\n").toBuilder().putExtra("counter", 0L).build(),
            Revision.NONE);
      }
    }
    List<ProcessBuilder> children = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      children.add(TestFiles.childJvm(CounterWriter.class, root.toString(), String.valueOf(IDS),
          String.valueOf(UPDATES), String.valueOf(c + 11)));
    }
    List<String> done = TestFiles.runTogether(children);
    assertThat(done).allSatisfy(line -> assertThat(line).startsWith("done "));
    long total = 0;
    try (FileArticleStore reopened = FileArticleStore.builder(root).watching(Watching.OFF).build()) {
      LoadResult loaded = reopened.loadAll();
      assertThat(loaded.problems()).isEmpty();
      for (StoredArticle s : loaded.articles()) {
        total += (Long) reopened.article(s.id(), s.revision()).orElseThrow().article().extra().get("counter");
      }
    }
    assertThat(total).isEqualTo(2L * UPDATES);
    System.out.println("two processes: " + done + " (conflicts retried)");
  }

  /**
   * Two processes create the same articles at once, one spelling their ids in lower case and
   * one in upper: whatever each knows of the folder from its own writes, every article is made
   * exactly once, in one spelling, and no two files share an id.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twoProcessesCreatingOneIdInTwoSpellingsMakeOneFile() throws Exception {
    int n = 400;
    try (FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).build()) {
      store.put(TestFiles.sample("race/first", "First", "Body.\n"), Revision.NONE);
    }
    List<ProcessBuilder> children = new ArrayList<>();
    for (String spelling : List.of("lower", "upper")) {
      children.add(TestFiles.childJvm(SpellingWriter.class, root.toString(), String.valueOf(n), spelling));
    }
    int made = 0;
    int taken = 0;
    for (String line : TestFiles.runTogether(children)) {
      String[] done = line.split(" ");
      assertThat(done[0]).isEqualTo("done");
      made += Integer.parseInt(done[1]);
      taken += Integer.parseInt(done[2]);
    }
    assertThat(made).isEqualTo(n);
    assertThat(taken).isEqualTo(n);
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(root.resolve("race"))) {
      assertThat(files.filter(f -> !f.getFileName().toString().startsWith("."))).hasSize(n + 1);
    }
    try (FileArticleStore reopened = FileArticleStore.builder(root).watching(Watching.OFF).build()) {
      LoadResult loaded = reopened.loadAll();
      assertThat(loaded.problems()).as("no two files share an id").isEmpty();
      assertThat(loaded.articles()).hasSize(n + 1);
    }
  }
}
