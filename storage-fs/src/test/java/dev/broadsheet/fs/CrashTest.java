package dev.broadsheet.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.internal.AtomicFiles;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.spi.LoadResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with SIGKILL at random moments, over and over on one folder: every save
 * that returned is on disk, every file is a whole article, and leftovers are never articles.
 */
class CrashTest {
  private static final int KILLS = 50;

  @TempDir Path root;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void savesThatReturnedSurviveAKillAndNoFileIsEverHalfWritten() throws Exception {
    Random random = new Random(20260102L);
    Map<String, Long> lastPrinted = new HashMap<>();
    int killsLeavingATemporaryFile = 0;
    int confirmed = 0;
    for (int run = 1; run <= KILLS; run++) {
      Process child = TestFiles.childJvm(CrashingWriter.class, root.toString(), String.valueOf(run),
          String.valueOf(random.nextLong())).start();
      child.getOutputStream().close();
      Map<String, Long> printed = new ConcurrentHashMap<>();
      AtomicInteger count = new AtomicInteger();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
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
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (count.get() < wanted && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(child.isAlive()).as("the writer runs until killed").isTrue();
      Thread.sleep(random.nextInt(25));
      child.destroyForcibly();
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      reader.join();
      printed.forEach((id, marker) -> lastPrinted.merge(id, marker, Math::max));
      confirmed += count.get();
      int temps = verify(lastPrinted);
      // The next save in the folder sweeps what an earlier kill left: never more than one.
      assertThat(temps).isLessThanOrEqualTo(1);
      killsLeavingATemporaryFile += temps;
    }
    assertThat(confirmed).isGreaterThanOrEqualTo(KILLS);
    // Leftover temporary files are allowed (a kill between creating and renaming one); they
    // must just never count as articles, which verify() checked.
    System.out.println("crash test: " + confirmed + " confirmed saves, " + killsLeavingATemporaryFile + " of "
        + KILLS + " kills left a temporary file");
  }

  /** Checks the folder after a kill; returns how many temporary files were left behind. */
  private int verify(Map<String, Long> lastPrinted) throws Exception {
    Map<String, Long> onDisk = new HashMap<>();
    try (FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).build()) {
      LoadResult loaded = store.loadAll();
      assertThat(loaded.problems()).isEmpty();
      for (StoredArticle s : loaded.articles()) {
        onDisk.put(s.id(), (Long) store.article(s.id(), s.revision()).orElseThrow().article().extra().get("marker"));
      }
    }
    assertThat(onDisk.keySet()).allSatisfy(id -> assertThat(id).matches("crash/a[0-9]"));
    lastPrinted.forEach((id, marker) -> assertThat(onDisk.get(id))
        .as("article %s: the last save that returned was %s", id, marker)
        .isNotNull().isGreaterThanOrEqualTo(marker));
    ArticleCodec codec = ArticleCodec.builder().build();
    int temps = 0;
    try (Stream<Path> files = Files.list(root.resolve("crash"))) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (AtomicFiles.isTemp(name)) {
          temps++;
          continue;
        }
        ArticleResult r = codec.read(name, f.toString(), Files.readAllBytes(f));
        assertThat(r.isValid()).as(f + " " + r.problems()).isTrue();
        long marker = (Long) r.article().extra().get("marker");
        assertThat(r.article().body()).endsWith("end " + marker + "\n");
        assertThat(r.article().title()).isEqualTo("Crash " + marker);
      }
    }
    return temps;
  }
}
