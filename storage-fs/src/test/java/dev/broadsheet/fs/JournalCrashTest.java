package dev.broadsheet.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.internal.JournalFile;
import dev.broadsheet.spi.LoggedChange;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with SIGKILL at random moments, over and over: every write that returned is in
 * the journal, the journal reads cleanly (numbers in order, every record whole), and a damaged
 * tail a kill left is cut off by the next writer without losing anything before it.
 */
class JournalCrashTest {
  private static final int KILLS = 50;

  @TempDir Path root;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void everyAcknowledgedWriteIsInTheJournalAfterAKill() throws Exception {
    Random random = new Random(20260303L);
    Set<String> acknowledged = new HashSet<>();
    List<String> order = new ArrayList<>();
    for (int run = 1; run <= KILLS; run++) {
      Process child = TestFiles.childJvm(JournalingWriter.class, root.toString(), String.valueOf(run),
          String.valueOf(random.nextLong())).start();
      child.getOutputStream().close();
      List<String> printed = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicInteger count = new AtomicInteger();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            printed.add(line);
            count.incrementAndGet();
          }
        } catch (Exception e) {
          // the pipe breaks when the child is killed
        }
      });
      reader.start();
      int wanted = 1 + random.nextInt(10);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (count.get() < wanted && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(child.isAlive()).as("the writer runs until killed").isTrue();
      Thread.sleep(random.nextInt(20));
      child.destroyForcibly();
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      reader.join();
      acknowledged.addAll(printed);
      order.addAll(printed);
      verifyJournal(acknowledged);
    }
    assertThat(order).hasSizeGreaterThanOrEqualTo(KILLS);

    // A store loading the folder finds the journal agreeing with every file.
    try (FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).build()) {
      List<StoredArticle> loaded = store.loadAll().articles();
      Map<String, String> last = lastRevisions(store.journal().entries());
      Map<String, String> files = new HashMap<>();
      loaded.forEach(s -> files.put(s.id(), s.revision().value()));
      assertThat(last).isEqualTo(files);
    }
    System.out.println("journal crash test: " + order.size() + " acknowledged writes over " + KILLS + " kills");
  }

  /** Reads the journal file as it is after a kill, before any writer has cut its tail. */
  private void verifyJournal(Set<String> acknowledged) throws Exception {
    Path file = root.resolve(FileArticleStore.STATE_FOLDER).resolve(Journal.FILE_NAME);
    List<LoggedChange> entries;
    try (JournalFile j = JournalFile.open(file)) {
      assertThat(j.replaced()).isNull();
      entries = List.copyOf(j.entries());
    }
    for (int i = 0; i < entries.size(); i++) {
      assertThat(entries.get(i).seq()).isEqualTo(i + 1L);
    }
    Set<String> journaled = new HashSet<>();
    for (LoggedChange c : entries) {
      journaled.add(c.id() + " " + (c.kind() == LoggedChange.Kind.DELETE ? "-" : c.revision().value()));
    }
    assertThat(journaled).containsAll(acknowledged);
  }

  private static Map<String, String> lastRevisions(List<LoggedChange> entries) {
    Map<String, String> out = new HashMap<>();
    for (LoggedChange c : entries) {
      if (c.kind() == LoggedChange.Kind.DELETE) {
        out.remove(c.id());
      } else {
        out.put(c.id(), c.revision().value());
      }
    }
    return out;
  }
}
