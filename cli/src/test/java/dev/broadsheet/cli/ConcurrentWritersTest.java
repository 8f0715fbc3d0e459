package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line and the library writing one file at once, as a newsroom does: shell loops
 * of {@code broadsheet set}, each on its own field, next to an application making conditional
 * increments. No write that reported success may be lost.
 */
class ConcurrentWritersTest {
  private static final int SETS_PER_LOOP = 8;

  @TempDir Path dir;

  @Test
  @Timeout(600)
  void setLoopsAndLibraryIncrementsLoseNothingTheyReportedAsDone() throws Exception {
    Path content = Files.createDirectories(dir.resolve("content/news"));
    Path file = content.resolve("story.md");
    Files.writeString(file, """
        ---
        title: Harbour story
        publishedAt: '2026-01-02T08:00:00.000Z'
        stickyWeight: 0
        score: 0
        ai:
          version: 0
        counter: 0
        ---
        Body.
        """, StandardCharsets.UTF_8);

    String[] fields = {"stickyWeight", "score", "ai.version"};
    Map<String, String> lastAcknowledged = new ConcurrentHashMap<>();
    List<Thread> loops = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (String field : fields) {
      Thread t = new Thread(() -> {
        try {
          for (int i = 1; i <= SETS_PER_LOOP; i++) {
            String value = field.equals("score") ? i + ".5" : String.valueOf(i);
            ChildBroadsheet.Result r = ChildBroadsheet.run(dir, "set", "content/news/story.md", field + "=" + value);
            if (r.exitCode() == 0) {
              lastAcknowledged.put(field, value);
            } else {
              assertThat(r.out()).as(r.out() + r.err()).contains("nothing was written");
            }
          }
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      }, "set " + field);
      loops.add(t);
      t.start();
    }

    // The application, next to the shell loops: conditional increments of another field, each
    // retried on a conflict, counted when acknowledged.
    AtomicInteger acknowledged = new AtomicInteger();
    AtomicBoolean loopsRunning = new AtomicBoolean(true);
    Thread app = new Thread(() -> {
      try (ArticleRepository repo = ArticleRepository.builder()
          .store(FileArticleStore.builder(dir.resolve("content")).watching(Watching.OFF).build()).build()) {
        while (loopsRunning.get()) {
          StoredArticle s = repo.find("news/story").orElseThrow();
          long n = ((Number) s.article().extra().get("counter")).longValue();
          Article next = s.article().toBuilder().putExtra("counter", n + 1).build();
          try {
            repo.save(next, s.revision());
            acknowledged.incrementAndGet();
          } catch (ArticleConflictException e) {
            // somebody else wrote in between: read again
          }
        }
      } catch (Throwable e) {
        synchronized (failures) {
          failures.add(e);
        }
      }
    }, "application");
    app.start();
    for (Thread t : loops) {
      t.join();
    }
    loopsRunning.set(false);
    app.join();
    assertThat(failures).isEmpty();

    ArticleResult r = ArticleCodec.builder().build().read("news/story", "story.md", Files.readAllBytes(file));
    assertThat(r.problems()).isEmpty();
    Article a = r.article();
    assertThat(lastAcknowledged).containsOnlyKeys(fields);
    assertThat(String.valueOf(a.stickyWeight())).isEqualTo(lastAcknowledged.get("stickyWeight"));
    assertThat(a.score()).isEqualTo(Double.parseDouble(lastAcknowledged.get("score")));
    assertThat(String.valueOf(a.ai().version())).isEqualTo(lastAcknowledged.get("ai.version"));
    assertThat(acknowledged.get()).isPositive();
    assertThat(((Number) a.extra().get("counter")).longValue()).isEqualTo(acknowledged.get());
    try (var files = Files.list(content)) {
      assertThat(files.filter(p -> p.getFileName().toString().contains(".tmp-"))).isEmpty();
    }
  }
}
