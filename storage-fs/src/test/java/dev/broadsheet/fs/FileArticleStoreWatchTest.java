package dev.broadsheet.fs;

import static dev.broadsheet.fs.TestFiles.article;
import static dev.broadsheet.fs.TestFiles.await;
import static dev.broadsheet.fs.TestFiles.sample;
import static dev.broadsheet.fs.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleEvent;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Problem;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileArticleStoreWatchTest {
  @TempDir Path temp;
  Path root;
  final List<ArticleEvent> events = new CopyOnWriteArrayList<>();
  ArticleRepository repo;
  FileArticleStore store;

  private ArticleRepository open(Duration rescan) throws Exception {
    root = Files.createDirectories(temp.resolve("content"));
    store = FileArticleStore.builder(root).rescanInterval(rescan).build();
    repo = ArticleRepository.builder().store(store).listener(events::add).build();
    return repo;
  }

  @AfterEach
  void close() {
    if (repo != null) {
      repo.close();
    }
  }

  private List<ArticleEvent> eventsFor(String id) {
    return events.stream().filter(e -> e.id().equals(id)).toList();
  }

  private List<ArticleEvent.Type> typesFor(String id) {
    return eventsFor(id).stream().map(ArticleEvent::type).toList();
  }

  /** Waits until the watcher has finished {@code n} more rescans of the whole folder. */
  private void awaitRescans(int n) throws Exception {
    long seen = store.rescans();
    await(n + " rescans", 10, () -> store.rescans() >= seen + n);
  }

  /** Makes a change from outside and waits until the repository has it: everything before is done. */
  private void barrier(String name) throws Exception {
    Files.writeString(root.resolve(name + ".md"), article("Barrier", "Barrier.\n"), StandardCharsets.UTF_8);
    await("the barrier file to arrive", 10, () -> repo.get(name).isPresent());
  }

  @Test
  void aLongRescanWaitsAHundredTimesItsDurationBeforeTheNextPeriodicOne() {
    assertThat(Watcher.pauseAfter(10_000, 5)).as("a quick rescan keeps the interval").isEqualTo(10_000);
    assertThat(Watcher.pauseAfter(10_000, 100)).isEqualTo(10_000);
    assertThat(Watcher.pauseAfter(10_000, 4_000)).as("a million files").isEqualTo(400_000);
    assertThat(Watcher.pauseAfter(50, 3)).isEqualTo(300);
  }

  @Test
  void filesCreatedChangedRenamedAndDeletedOutsideReachTheIndex() throws Exception {
    open(Duration.ofSeconds(30));
    write(root, "news/a.md", article("First", "Body.\n"));
    await("a created", 10, () -> repo.get("news/a").isPresent());
    Files.writeString(root.resolve("news/a.md"), article("Second", "New body.\n"));
    await("a changed", 10, () -> repo.get("news/a").map(Article::title).orElse("").equals("Second"));
    assertThat(repo.get("news/a").orElseThrow().body()).isEqualTo("New body.\n");

    Files.move(root.resolve("news/a.md"), root.resolve("news/b.md"), StandardCopyOption.ATOMIC_MOVE);
    await("a renamed to b", 10, () -> repo.get("news/a").isEmpty() && repo.get("news/b").isPresent());

    Files.move(root.resolve("news/b.md"), root.resolve("news/b.txt"), StandardCopyOption.ATOMIC_MOVE);
    barrier("after-extension");
    assertThat(repo.get("news/b")).isPresent();

    Files.move(root.resolve("news/b.txt"), root.resolve("news/B.txt"), StandardCopyOption.ATOMIC_MOVE);
    await("b renamed to B", 10, () -> repo.get("news/b").isEmpty() && repo.get("news/B").isPresent());

    Files.move(root.resolve("news"), root.resolve("archive"), StandardCopyOption.ATOMIC_MOVE);
    await("folder renamed", 10, () -> repo.get("news/B").isEmpty() && repo.get("archive/B").isPresent());
    Files.writeString(root.resolve("archive/B.txt"), article("Third", "Body.\n"));
    await("file in renamed folder changed", 10,
        () -> repo.get("archive/B").map(Article::title).orElse("").equals("Third"));

    Files.delete(root.resolve("archive/B.txt"));
    await("B deleted", 10, () -> repo.get("archive/B").isEmpty());

    Files.createDirectories(root.resolve("2026/04"));
    write(root, "2026/04/new.md", article("In a new folder", "Body.\n"));
    await("file in a new folder", 10, () -> repo.get("2026/04/new").isPresent());

    assertThat(typesFor("news/a")).containsExactly(
        ArticleEvent.Type.CREATED, ArticleEvent.Type.UPDATED, ArticleEvent.Type.DELETED);
    assertThat(typesFor("news/b")).containsExactly(ArticleEvent.Type.CREATED, ArticleEvent.Type.DELETED);
    assertThat(typesFor("archive/B")).containsExactly(
        ArticleEvent.Type.CREATED, ArticleEvent.Type.UPDATED, ArticleEvent.Type.DELETED);
    assertThat(repo.problems()).isEmpty();
  }

  @Test
  void halfWrittenFileIsRetriedNotReportedBrokenOrDeleted() throws Exception {
    open(Duration.ofSeconds(30));
    Path file = write(root, "a.md", article("Version 0", "Body 0.\n"));
    await("a created", 10, () -> repo.get("a").isPresent());
    Random random = new Random(42);
    for (int v = 1; v <= 6; v++) {
      byte[] bytes = article("Version " + v, ("Body " + v + ".\n").repeat(200)).getBytes(StandardCharsets.UTF_8);
      int cut = 12 + random.nextInt(20); // inside the frontmatter: half a file is not an article
      try (OutputStream out = Files.newOutputStream(file)) {
        out.write(bytes, 0, cut);
        out.flush();
        Thread.sleep(20 + random.nextInt(80));
        out.write(bytes, cut, bytes.length - cut);
      }
      String title = "Version " + v;
      await(title, 10, () -> repo.get("a").map(Article::title).orElse("").equals(title));
    }
    // A new file written in two halves as well.
    byte[] fresh = article("Fresh", "Fresh body.\n").getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(root.resolve("fresh.md"))) {
      out.write(fresh, 0, 10);
      out.flush();
      Thread.sleep(90);
      out.write(fresh, 10, fresh.length - 10);
    }
    await("fresh", 10, () -> repo.get("fresh").isPresent());
    assertThat(typesFor("a")).doesNotContain(ArticleEvent.Type.DELETED);
    assertThat(eventsFor("a")).allSatisfy(e -> assertThat(e.article().title()).startsWith("Version "));
    assertThat(typesFor("fresh")).containsExactly(ArticleEvent.Type.CREATED);
    assertThat(repo.problems()).isEmpty();
  }

  @Test
  void editorStyleSavesAreOneUpdateEach() throws Exception {
    open(Duration.ofSeconds(30));
    Path file = write(root, "notes/a.md", article("Version 0", "Body.\n"));
    await("a created", 10, () -> repo.get("notes/a").isPresent());
    Path dir = file.getParent();

    // Write a temporary file, then rename it over the article.
    Files.writeString(dir.resolve(".a.md.swp"), "swap bytes, not an article");
    Files.writeString(dir.resolve("a.md.tmp"), article("Version 1", "Body.\n"));
    Files.move(dir.resolve("a.md.tmp"), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    await("version 1", 10, () -> repo.get("notes/a").map(Article::title).orElse("").equals("Version 1"));

    // Keep a backup by renaming the original away, then write the article anew.
    Files.move(file, dir.resolve("a.md~"), StandardCopyOption.ATOMIC_MOVE);
    Files.writeString(file, article("Version 2", "Body.\n"));
    await("version 2", 10, () -> repo.get("notes/a").map(Article::title).orElse("").equals("Version 2"));

    // An auto-save file and a lock link next to it, then an in-place write.
    Files.writeString(dir.resolve("#a.md#"), "---\ntitle: [autosave\n");
    Files.createSymbolicLink(dir.resolve(".#a.md"), Path.of("user@host.1234"));
    Files.writeString(file, article("Version 3", "Body.\n"));
    await("version 3", 10, () -> repo.get("notes/a").map(Article::title).orElse("").equals("Version 3"));
    Files.delete(dir.resolve("#a.md#"));
    Files.delete(dir.resolve(".#a.md"));
    Files.delete(dir.resolve(".a.md.swp"));
    barrier("barrier");

    assertThat(typesFor("notes/a")).containsExactly(ArticleEvent.Type.CREATED, ArticleEvent.Type.UPDATED,
        ArticleEvent.Type.UPDATED, ArticleEvent.Type.UPDATED);
    assertThat(events).extracting(ArticleEvent::id).containsOnly("notes/a", "barrier");
    assertThat(repo.problems()).isEmpty();
  }

  @Test
  void theRepositorysOwnWritesDoNotComeBackAsOutsideChanges() throws Exception {
    open(Duration.ofMillis(300));
    int saves = 20;
    for (int i = 0; i < saves; i++) {
      repo.save(sample("a", "Version " + i, "Body " + i + ".\n"));
      repo.save(sample("b/" + i, "Other " + i, "Body.\n"));
    }
    repo.delete("b/0");
    awaitRescans(2); // the watcher has seen every write, and rescanned the folder since
    barrier("barrier");
    assertThat(typesFor("a")).hasSize(saves).first().isEqualTo(ArticleEvent.Type.CREATED);
    assertThat(typesFor("a").subList(1, saves)).containsOnly(ArticleEvent.Type.UPDATED);
    assertThat(typesFor("b/0")).containsExactly(ArticleEvent.Type.CREATED, ArticleEvent.Type.DELETED);
    for (int i = 1; i < saves; i++) {
      assertThat(typesFor("b/" + i)).containsExactly(ArticleEvent.Type.CREATED);
    }
  }

  @Test
  void aThousandFilesCopiedInAreAllPickedUp() throws Exception {
    open(Duration.ofSeconds(2));
    Path staging = Files.createDirectories(temp.resolve("staging/burst"));
    for (int i = 0; i < 500; i++) {
      write(staging, "f" + i + ".md", article("Burst " + i, "Body " + i + ".\n"));
    }
    // Half into a folder that already exists, half as a whole new folder moved in at once.
    for (int i = 500; i < 1000; i++) {
      write(root, "flat/f" + i + ".md", article("Burst " + i, "Body " + i + ".\n"));
    }
    Files.move(staging, root.resolve("burst"), StandardCopyOption.ATOMIC_MOVE);
    await("1000 articles", 30, () -> repo.size() == 1000);
    assertThat(repo.get("burst/f7").orElseThrow().body()).isEqualTo("Body 7.\n");
    assertThat(repo.get("flat/f777").orElseThrow().title()).isEqualTo("Burst 777");
    assertThat(repo.problems()).isEmpty();
  }

  @Test
  void fileBrokenForGoodIsReportedAndItsFixIsPickedUp() throws Exception {
    open(Duration.ofSeconds(30));
    Path file = write(root, "a.md", article("Good", "Body.\n"));
    await("a", 10, () -> repo.get("a").isPresent());
    Files.writeString(file, """
        ---
        title: Still here
        stickyWeight: lots
        ---
        Body.
        """);
    await("a reported broken", 10, () -> repo.get("a").isEmpty());
    assertThat(repo.problems()).anySatisfy(p -> {
      assertThat(p.source()).isEqualTo(file.toString());
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.field()).isEqualTo("stickyWeight");
    });
    Files.writeString(file, article("Fixed", "Body.\n"));
    await("a fixed", 10, () -> repo.get("a").map(Article::title).orElse("").equals("Fixed"));
  }

  @Test
  void collisionAppearingAtRunTimeUnloadsTheArticleUntilItIsResolved() throws Exception {
    open(Duration.ofSeconds(30));
    Path lower = write(root, "ferry.md", article("Ferry", "Body.\n"));
    await("ferry", 10, () -> repo.get("ferry").isPresent());
    Path upper = write(root, "Ferry.md", article("Other ferry", "Body.\n"));
    await("ferry unloaded", 10, () -> repo.get("ferry").isEmpty());
    assertThat(repo.get("Ferry")).isEmpty();
    List<Problem> problems = repo.problems();
    assertThat(problems).isNotEmpty().allSatisfy(p -> {
      assertThat(p.rule()).isEqualTo("id-collision");
      assertThat(p.message()).contains(lower.toString()).contains(upper.toString());
    });
    Files.delete(lower);
    await("Ferry loaded", 10, () -> repo.get("Ferry").isPresent());
    assertThat(repo.get("Ferry").orElseThrow().title()).isEqualTo("Other ferry");
    assertThat(repo.get("ferry")).isEmpty();
  }

  @Test
  void linkCreatedAtRunTimeIsNeverRead() throws Exception {
    open(Duration.ofMillis(300));
    Path outside = write(temp, "outside/secret.md", article("Secret 5d1e", "Secret 5d1e body.\n"));
    Files.createSymbolicLink(root.resolve("leak.md"), outside);
    Files.createSymbolicLink(root.resolve("linked"), outside.getParent());
    awaitRescans(2);
    barrier("barrier");
    assertThat(events).extracting(ArticleEvent::id).containsExactly("barrier");
    assertThat(repo.problems().toString()).doesNotContain("5d1e");
    assertThat(repo.size()).isEqualTo(1);
  }

  @Test
  void indexEndsAtTheFilesStateWhenOutsideEditsRaceOwnSaves() throws Exception {
    open(Duration.ofSeconds(30));
    Path file = write(root, "a.md", article("Outside 0", "Body.\n"));
    await("a", 10, () -> repo.get("a").isPresent());
    Random random = new Random(7);
    for (int i = 1; i < 60; i++) {
      if (random.nextBoolean()) {
        Files.writeString(file, article("Outside " + i, "Body.\n"));
      } else {
        repo.save(sample("a", "Inside " + i, "Body.\n"));
      }
      Thread.sleep(random.nextInt(60));
    }
    repo.save(sample("a", "Inside last", "Body.\n"));
    barrier("barrier");
    await("index matches the file", 10, () -> {
      try {
        return repo.find("a").orElseThrow().revision()
            .equals(FileArticleStore.revision(Files.readAllBytes(file)));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertThat(repo.get("a").orElseThrow().title()).isEqualTo("Inside last");
  }
  @Test
  void foldersThereBeforeTheStartAreWatchedByTheFirstRescan() throws Exception {
    startWatching("a/b/c/deep.md", "a/top.md");
    assertThat(store.promptlyWatched()).isTrue();

    // New files: a look at a known article's file would find an edit without any event.
    write(root, "a/b/c/more.md", article("More", "Body.\n"));
    await("a file in the deepest folder", 10, () -> repo.get("a/b/c/more").isPresent());
    write(root, "a/b/new/fresh.md", article("Fresh", "Body.\n"));
    await("a file in a folder made since", 10, () -> repo.get("a/b/new/fresh").isPresent());
    assertThat(typesFor("a/b/c/more")).containsExactly(ArticleEvent.Type.CREATED);
  }

  @Test
  void aTreeMovedInIsWatchedToItsDeepestFolder() throws Exception {
    open(Duration.ofHours(1));
    await("the first rescan", 10, () -> store.rescans() >= 1);
    Path staging = temp.resolve("staging/tree");
    write(staging, "x/y/z/leaf.md", article("Leaf", "Body.\n"));
    Files.move(staging, root.resolve("tree"), StandardCopyOption.ATOMIC_MOVE);
    await("the moved tree", 10, () -> repo.get("tree/x/y/z/leaf").isPresent());
    await("a rescan after the move", 10, () -> store.rescans() >= 2);

    write(root, "tree/x/y/z/second.md", article("Second leaf", "Body.\n"));
    await("a new file in the moved tree's deepest folder", 10, () -> repo.get("tree/x/y/z/second").isPresent());
  }

  @Test
  void aRescanReportsWhatChangedAndWhatIsGoneAndWalksEveryFolderRootFirst() throws Exception {
    root = Files.createDirectories(temp.resolve("content"));
    write(root, "same.md", article("Same", "Body.\n"));
    Path edited = write(root, "n/edited.md", article("Edited", "Body.\n"));
    Path gone = write(root, "n/m/gone.md", article("Gone", "Body.\n"));
    write(root, "Collide.md", article("One", "Body.\n"));
    write(root, "collide.md", article("Other", "Body.\n"));
    store = FileArticleStore.builder(root).watching(Watching.OFF).build();
    repo = ArticleRepository.builder().store(store).build();

    List<Path> folders = new java.util.ArrayList<>();
    assertThat(store.changedSinceLastLook(folders::add, new java.util.concurrent.ConcurrentLinkedQueue<>())).as("nothing changed").isEmpty();
    assertThat(folders).containsExactly(root, root.resolve("n"), root.resolve("n/m"));

    Files.writeString(edited, article("Edited", "A longer body.\n"));
    Path added = write(root, "n/added.md", article("Added", "Body.\n"));
    assertThat(store.changedSinceLastLook(f -> { }, new java.util.concurrent.ConcurrentLinkedQueue<>())).containsExactlyInAnyOrder(edited, added);

    Files.delete(gone);
    Files.delete(root.resolve("collide.md"));
    assertThat(store.changedSinceLastLook(f -> { }, new java.util.concurrent.ConcurrentLinkedQueue<>()))
        .containsExactlyInAnyOrder(edited, added, gone, root.resolve("collide.md"));
  }

  /**
   * A store watching a folder that holds {@code files} (each a valid article) before it starts,
   * once its first rescan is done. No periodic rescan follows within a test: what arrives,
   * arrives by its event.
   */
  private void startWatching(String... files) throws Exception {
    root = Files.createDirectories(temp.resolve("content"));
    for (String file : files) {
      write(root, file, article("At " + file, "Body.\n"));
    }
    store = FileArticleStore.builder(root).rescanInterval(Duration.ofHours(1)).build();
    repo = ArticleRepository.builder().store(store).listener(events::add).build();
    await("the first rescan", 10, () -> store.rescans() >= 1);
  }

  /**
   * Moves in a new folder {@code a} with a file in its subfolder ({@code a/s/leaf.md}), waits for
   * it and for the rescan it asks for, then expects a file made in {@code a/s} after that to
   * arrive by its event: the new subfolder is watched.
   */
  private void replaceAndExpectItWatched() throws Exception {
    long rescans = store.rescans();
    Path staging = temp.resolve("staging-a-" + System.nanoTime());
    write(staging, "s/leaf.md", article("Leaf", "Body.\n"));
    Files.move(staging, root.resolve("a"), StandardCopyOption.ATOMIC_MOVE);
    await("the new tree", 10, () -> repo.get("a/s/leaf").isPresent());
    await("the rescan the new folder asked for", 10, () -> store.rescans() > rescans);

    write(root, "a/s/second.md", article("Second", "Body.\n"));
    await("a new file in the new a/s, by its event", 10, () -> repo.get("a/s/second").isPresent());
  }

  @Test
  void aFolderMovedAwayAndReplacedUnderItsNameIsWatchedAgain() throws Exception {
    startWatching("a/s/old.md");

    // Moved out of the root, its folders keep their watches (a watch follows its folder).
    Files.move(root.resolve("a"), temp.resolve("away"), StandardCopyOption.ATOMIC_MOVE);
    await("the old file gone", 10, () -> repo.get("a/s/old").isEmpty());
    replaceAndExpectItWatched();
  }

  @Test
  void aFolderRenamedWithinTheRootAndReplacedUnderItsNameAreBothWatched() throws Exception {
    startWatching("a/s/old.md");

    long rescans = store.rescans();
    Files.move(root.resolve("a"), root.resolve("b"), StandardCopyOption.ATOMIC_MOVE);
    await("the file under its new name", 10, () -> repo.get("b/s/old").isPresent() && repo.get("a/s/old").isEmpty());
    await("the rescan the renamed folder asked for", 10, () -> store.rescans() > rescans);
    replaceAndExpectItWatched();
    write(root, "b/s/third.md", article("Third", "Body.\n"));
    await("a new file in the renamed b/s, by its event", 10, () -> repo.get("b/s/third").isPresent());
    assertThat(repo.get("a/s/third")).isEmpty();
  }
}
