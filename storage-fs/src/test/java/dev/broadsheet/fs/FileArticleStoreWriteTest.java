package dev.broadsheet.fs;

import static dev.broadsheet.fs.TestFiles.article;
import static dev.broadsheet.fs.TestFiles.sample;
import static dev.broadsheet.fs.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.spi.ArticleStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileArticleStoreWriteTest {
  @TempDir Path root;

  private FileArticleStore store() throws Exception {
    return FileArticleStore.builder(root).watching(Watching.OFF).build();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aReaderNeverSeesAHalfWrittenArticle() throws Exception {
    FileArticleStore store = store();
    List<String> bodies = List.of("A".repeat(1_500_000) + "\nend A\n", "B".repeat(900_000) + "\nend B\n",
        "C".repeat(2_000_000) + "\nend C\n");
    store.put(sample("big", "Big", bodies.get(0)), null);
    Path file = root.resolve("big.md");
    ArticleCodec codec = ArticleCodec.builder().build();
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    List<String> bad = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      while (!done.get()) {
        try {
          byte[] bytes = Files.readAllBytes(file);
          ArticleResult r = codec.read("big", file.toString(), bytes);
          if (!r.isValid() || !bodies.contains(r.article().body())) {
            bad.add(bytes.length + " bytes, problems " + r.problems());
          }
          reads.incrementAndGet();
        } catch (Exception e) {
          bad.add(e.toString());
        }
      }
    });
    reader.start();
    for (int i = 0; i < 30; i++) {
      store.put(sample("big", "Big " + i, bodies.get(i % 3)), null);
    }
    done.set(true);
    reader.join();
    assertThat(bad).isEmpty();
    assertThat(reads.get()).isPositive();
  }

  @Test
  void saveWithAStaleRevisionFailsWhenAnEditorChangedTheFile() throws Exception {
    write(root, "a.md", article("Original", "Body.\n"));
    try (ArticleRepository repo = ArticleRepository.builder().store(store()).build()) {
      StoredArticle read = repo.find("a").orElseThrow();
      String edited = article("Edited by hand", "Body.\n");
      Files.writeString(root.resolve("a.md"), edited, StandardCharsets.UTF_8);
      assertThatThrownBy(() -> repo.save(read.article().withStickyWeight(4), read.revision()))
          .isInstanceOfSatisfying(ArticleConflictException.class, e -> {
            assertThat(e.expected()).isEqualTo(read.revision());
            assertThat(e.actual()).isEqualTo(FileArticleStore.revision(edited.getBytes(StandardCharsets.UTF_8)));
          });
      assertThat(root.resolve("a.md")).hasContent(edited);
    }
  }

  @Test
  void saveWithAStaleRevisionFailsWhenAnotherStoreOfThisProcessSavedFirst() throws Exception {
    write(root, "a.md", article("Original", "Body.\n"));
    try (ArticleRepository first = ArticleRepository.builder().store(store()).build();
        ArticleRepository second = ArticleRepository.builder().store(store()).build()) {
      StoredArticle seenBySecond = second.find("a").orElseThrow();
      StoredArticle seenByFirst = first.find("a").orElseThrow();
      Revision r = first.save(seenByFirst.article().withStickyWeight(1), seenByFirst.revision());
      assertThatThrownBy(() -> second.save(seenBySecond.article().withStickyWeight(2), seenBySecond.revision()))
          .isInstanceOfSatisfying(ArticleConflictException.class, e -> assertThat(e.actual()).isEqualTo(r));
      assertThatThrownBy(() -> second.delete("a", seenBySecond.revision()))
          .isInstanceOf(ArticleConflictException.class);
      assertThat(root.resolve("a.md")).content().contains("stickyWeight: 1");
    }
  }

  @Test
  void revisionFollowsTheBytesNotTheFileTimes() throws Exception {
    FileArticleStore store = store();
    Revision r = store.put(sample("a", "A", "Body.\n"), null);
    Files.setLastModifiedTime(root.resolve("a.md"), FileTime.fromMillis(0));
    assertThat(store.get("a").orElseThrow().revision()).isEqualTo(r);
    assertThat(store.put(sample("a", "A", "Body.\n"), r)).isEqualTo(r);
    Files.writeString(root.resolve("a.md"), Files.readString(root.resolve("a.md")) + "More.\n");
    assertThat(store.get("a").orElseThrow().revision()).isNotEqualTo(r);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentWritersOfTwoStoresLoseNoUpdate() throws Exception {
    FileArticleStore[] stores = {store(), store()};
    stores[0].put(sample("counter", "Counter", "Body.\n").withStickyWeight(0), null);
    int perThread = 100;
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    AtomicInteger conflicts = new AtomicInteger();
    for (int t = 0; t < 4; t++) {
      FileArticleStore s = stores[t % 2];
      threads.add(new Thread(() -> {
        try {
          for (int i = 0; i < perThread; ) {
            StoredArticle cur = s.get("counter").orElseThrow();
            try {
              s.put(cur.article().withStickyWeight(cur.article().stickyWeight() + 1), cur.revision());
              i++;
            } catch (ArticleConflictException e) {
              conflicts.incrementAndGet();
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failures).isEmpty();
    assertThat(store().get("counter").orElseThrow().article().stickyWeight()).isEqualTo(4 * perThread);
  }

  @Test
  void deleteRemovesTheFileForGoodAndLeavesNothingBehind() throws Exception {
    FileArticleStore store = store();
    Revision r = store.put(sample("news/a", "A", "Body.\n"), null);
    store.put(sample("news/b", "B", "Body.\n"), null);
    assertThatThrownBy(() -> store.delete("news/a", Revision.of("0123"))).isInstanceOf(ArticleConflictException.class);
    assertThat(store.delete("news/a", r)).isTrue();
    assertThat(root.resolve("news/a.md")).doesNotExist();
    FileArticleStore reopened = store();
    assertThat(reopened.loadAll().articles()).extracting(StoredArticle::id).containsExactly("news/b");
    assertThat(reopened.get("news/a")).isEmpty();
    try (Stream<Path> s = Files.list(root.resolve("news"))) {
      assertThat(s.toList()).containsExactly(root.resolve("news/b.md"));
    }
  }

  @Test
  void saveChangesOnlyTheLinesOfTheChangedFieldInAHandWrittenFile() throws Exception {
    String handWritten = """
        ---
        # Written by hand; keep my comments.
        title:   "Tram line reopens"   # quoted on purpose
        publishedAt: 2026-02-01T09:30:00Z

        category: CITY
        tags: [TRANSPORT,  CITY]
        stickyWeight: 0
        author: 'M. Rails'   # not a model field
        ---
        The tram line reopened on Monday.

        <!-- an HTML comment in the body -->
        """;
    Path file = write(root, "tram.md", handWritten);
    FileArticleStore store = store();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      StoredArticle read = repo.find("tram").orElseThrow();
      assertThat(repo.save(read.article(), read.revision())).isEqualTo(read.revision());
      assertThat(Files.readString(file)).isEqualTo(handWritten);
      repo.save(read.article().withStickyWeight(7), read.revision());
    }
    List<String> before = handWritten.lines().toList();
    List<String> after = Files.readString(file).lines().toList();
    assertThat(after).hasSameSizeAs(before);
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).equals(after.get(i))) {
        changed.add(before.get(i) + " -> " + after.get(i));
      }
    }
    assertThat(changed).containsExactly("stickyWeight: 0 -> stickyWeight: 7");
  }

  @Test
  void createOnlySaveRefusesWhenTheFileAppeared() throws Exception {
    FileArticleStore store = store();
    store.loadAll();
    write(root, "a.md", article("Someone else's", "Body.\n"));
    assertThatThrownBy(() -> store.put(sample("a", "Mine", "Body.\n"), Revision.NONE))
        .isInstanceOf(ArticleConflictException.class);
    assertThat(root.resolve("a.md")).content().contains("Someone else's");
  }

  @Test
  void savingWhileTheArticleWasDeletedOutsideConflicts() throws Exception {
    FileArticleStore store = store();
    Revision r = store.put(sample("a", "A", "Body.\n"), null);
    Files.delete(root.resolve("a.md"));
    assertThatThrownBy(() -> store.put(sample("a", "A", "Changed.\n"), r))
        .isInstanceOfSatisfying(ArticleConflictException.class, e -> assertThat(e.actual()).isEqualTo(Revision.NONE));
    assertThatThrownBy(() -> Files.readString(root.resolve("a.md"))).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void articleSavedThroughTheStoreReadsBackEqual() throws Exception {
    FileArticleStore store = store();
    Article a = sample("2026/03/spring", "Spring fair", "## Stalls\n\nForty stalls.\n").withStickyWeight(2);
    store.put(a, Revision.NONE);
    FileArticleStore reopened = store();
    StoredArticle loaded = reopened.loadAll().articles().get(0);
    assertThat(loaded.article()).as("what the index keeps").isEqualTo(ArticleStore.partial(a));
    assertThat(reopened.article(loaded.id(), loaded.revision())).hasValue(new StoredArticle(a, loaded.revision()));
    assertThat(store.get("2026/03/spring").orElseThrow().article()).isEqualTo(a);
  }
}
