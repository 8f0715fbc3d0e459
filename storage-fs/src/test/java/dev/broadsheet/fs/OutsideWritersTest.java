package dev.broadsheet.fs;

import static dev.broadsheet.fs.TestFiles.article;
import static dev.broadsheet.fs.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Problem;
import dev.broadsheet.Severity;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.spi.LoadResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The store next to writers it does not know of: other processes, editors, odd files. */
class OutsideWritersTest {
  @TempDir Path root;

  private FileArticleStore store() throws IOException {
    return FileArticleStore.builder(root).watching(Watching.OFF).build();
  }

  private List<Path> temporaries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().contains(".tmp-")).toList();
    }
  }

  @Test
  @Timeout(60)
  void aSaveLeavesTheTemporaryFileOfALiveWriterInAnotherProcessAlone() throws Exception {
    write(root, "news/a.md", article("A", "Body.\n"));
    Process child = TestFiles.childJvm(SlowTemporaryWriter.class, root.resolve("news/b.md").toString(),
        article("B from the other process", "Body.\n")).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
      assertThat(out.readLine()).isEqualTo("ready");
      assertThat(temporaries(root.resolve("news"))).hasSize(1);

      try (ArticleRepository repo = ArticleRepository.builder().store(store()).build()) {
        Article a = repo.get("news/a").orElseThrow();
        repo.save(a.withTitle("A, edited")); // a save in the same folder sweeps leftovers
      }
      assertThat(temporaries(root.resolve("news"))).as("the live writer's file is still there").hasSize(1);

      in.write("go\n");
      in.flush();
      assertThat(out.readLine()).isEqualTo("done");
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isZero();
    assertThat(Files.readString(root.resolve("news/b.md"))).contains("B from the other process");
  }

  @Test
  void aSaveRemovesTheTemporaryFileAKilledWriterLeft() throws IOException {
    write(root, "a.md", article("A", "Body.\n"));
    Path leftover = write(root, ".b.md.tmp-0123456789abcdef", "half an arti");
    try (ArticleRepository repo = ArticleRepository.builder().store(store()).build()) {
      repo.save(repo.get("a").orElseThrow().withTitle("A, edited"));
    }
    assertThat(leftover).doesNotExist();
  }

  @Test
  void anEditOutsideIsHandedOutEvenAfterTheArticleWasCachedAndWithoutWatching() throws IOException {
    Path file = write(root, "a.md", article("Version 1", "Body.\n"));
    try (ArticleRepository repo = ArticleRepository.builder().store(store()).build()) {
      assertThat(repo.find("a").orElseThrow().article().title()).isEqualTo("Version 1"); // now cached
      Files.writeString(file, article("Version 2, a longer title", "Body.\n"));

      StoredArticle now = repo.find("a").orElseThrow();
      assertThat(now.article().title()).isEqualTo("Version 2, a longer title");
      assertThat(now.revision()).isEqualTo(FileArticleStore.revision(Files.readAllBytes(file)));
      assertThat(repo.get("a").orElseThrow().title()).isEqualTo("Version 2, a longer title");
    }
  }

  @Test
  void findAndSaveMakesEveryIncrementNextToAnOutsideWriterWithoutWatching() throws IOException {
    Path file = write(root, "counter.md", article("0", "Body.\n"));
    try (ArticleRepository repo = ArticleRepository.builder().store(store()).build()) {
      for (int i = 0; i < 50; i++) {
        // Another program adds one...
        StoredArticle seen = repo.find("counter").orElseThrow();
        int n = Integer.parseInt(seen.article().title());
        Files.writeString(file, article(String.valueOf(n + 1), "Body.\n"));
        // ...and the library adds one after it, by the revision it reads.
        StoredArticle read = repo.find("counter").orElseThrow();
        repo.save(read.article().withTitle(String.valueOf(Integer.parseInt(read.article().title()) + 1)),
            read.revision());
      }
      assertThat(repo.get("counter").orElseThrow().title()).isEqualTo("100");
    }
    assertThat(Files.readString(file)).contains("title: '100'");
  }

  @Test
  @Timeout(30)
  void aPipeNamedLikeAnArticleIsReportedAndNeverOpened() throws Exception {
    write(root, "a.md", article("A", "Body.\n"));
    Path fifo = root.resolve("pipe.md");
    boolean made;
    try {
      made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      made = false;
    }
    assumeTrue(made, "mkfifo is not available here; skipping");

    FileArticleStore store = store();
    LoadResult loaded = store.loadAll();

    assertThat(loaded.articles()).extracting(s -> s.article().id()).containsExactly("a");
    assertThat(store.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo(fifo.toString());
      assertThat(p.severity()).isEqualTo(Severity.WARNING);
      assertThat(p.rule()).isEqualTo("not-a-file");
      assertThat(p.message()).contains("not a regular file").contains("skipped");
    });
    assertThat(store.folder().files()).filteredOn(f -> f.problem() != null)
        .extracting(f -> f.problem().rule()).containsExactly("not-a-file");
    assertThat(store.get("pipe")).isEmpty();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      assertThat(repo.problems()).extracting(Problem::rule).containsExactly("not-a-file");
    }
  }
}
