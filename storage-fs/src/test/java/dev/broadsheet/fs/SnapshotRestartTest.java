package dev.broadsheet.fs;

import static dev.broadsheet.fs.TestFiles.article;
import static dev.broadsheet.fs.TestFiles.sample;
import static dev.broadsheet.fs.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleGenerator;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.FrontmatterParser;
import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.LoadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotRestartTest {
  private static final ArticleCodec CODEC = ArticleCodec.builder().build();
  /** Well outside the racy window: files last changed an hour ago. */
  private static final FileTime AN_HOUR_AGO = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));

  @TempDir Path root;

  /** Every store a test opens, closed after it: no snapshot writer outlives its folder. */
  private final List<FileArticleStore> opened = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  @org.junit.jupiter.api.AfterEach
  void closeStores() {
    opened.forEach(FileArticleStore::close);
  }

  private FileArticleStore open(FileArticleStore.Builder b) throws IOException {
    FileArticleStore s = b.build();
    opened.add(s);
    return s;
  }

  private FileArticleStore store() throws IOException {
    return open(FileArticleStore.builder(root).watching(Watching.OFF));
  }

  /** Loads with a store that keeps a snapshot and closes it, which writes the snapshot. */
  private LoadResult loadAndClose() throws IOException {
    FileArticleStore s = store();
    try {
      return s.loadAll();
    } finally {
      s.close();
    }
  }

  private static void loadAndClose(FileArticleStore s) throws IOException {
    try {
      s.loadAll();
    } finally {
      s.close();
    }
  }

  private Path snapshotFile() {
    return root.resolve(FileArticleStore.STATE_FOLDER).resolve(Snapshots.FILE_NAME);
  }

  private Path old(String relative, String text) throws IOException {
    Path p = write(root, relative, text);
    Files.setLastModifiedTime(p, AN_HOUR_AGO);
    return p;
  }

  private static Map<String, StoredArticle> byId(LoadResult r) {
    return r.articles().stream().collect(Collectors.toMap(StoredArticle::id, s -> s));
  }

  @Test
  void restartGivesExactlyWhatAFreshLoadGivesAndReadsNothingUnchanged() throws IOException {
    Random random = new Random(5);
    List<Article> articles = new ArticleGenerator(17).articles(300);
    for (int i = 0; i < articles.size(); i++) {
      Article a = articles.get(i);
      if (i % 7 == 0) {
        a = a.toBuilder().putExtra("rating", Map.of("stars", (long) (i % 5), "notes", List.of("x", i % 3 == 0)))
            .putExtra("weight", 0.25 * i).build();
      }
      String text = new String(CODEC.write(a), StandardCharsets.UTF_8);
      if (i % 41 == 0) {
        text = text.replace("title:", "title: [unclosed\nbroken:"); // invalid: re-read at every start
      }
      old(a.id() + (random.nextBoolean() ? ".md" : ".txt"), text);
    }
    LoadResult fresh = open(FileArticleStore.builder(root).watching(Watching.OFF).withoutSnapshot()).loadAll();
    assertThat(Files.exists(snapshotFile())).isFalse();

    loadAndClose();
    FileArticleStore restarted = store();
    LoadResult again = restarted.loadAll();

    int invalid = (int) Stream.iterate(0, i -> i < 300, i -> i + 41).count();
    assertThat(fresh.articles()).hasSize(300 - invalid);
    assertThat(restarted.lastLoadReads()).as("files read at restart: only the invalid ones").isEqualTo(invalid);
    assertThat(byId(again)).isEqualTo(byId(fresh));
    assertThat(again.problems()).isNotEmpty().containsExactlyInAnyOrderElementsOf(fresh.problems());
    FileArticleStore plain = open(FileArticleStore.builder(root).watching(Watching.OFF).withoutSnapshot());
    plain.loadAll();
    assertThat(restarted.problems()).isEqualTo(plain.problems());
  }

  @Test
  void aRestartDecodesArticlesWhenAskedAndReadsTheFileOfOneWhoseSnapshotBytesDoNotDecode() throws IOException {
    List<Article> articles = new ArticleGenerator(23).articles(40);
    for (Article a : articles) {
      old(a.id() + ".md", new String(CODEC.write(a), StandardCharsets.UTF_8));
    }
    Map<String, StoredArticle> fresh = byId(loadAndClose());
    // The article bytes of the fifth entry overwritten, the checksums made anew: the snapshot
    // is read, and the damage shows only when that article is decoded.
    byte[] bytes = Files.readAllBytes(snapshotFile());
    byte[] fingerprint = Arrays.copyOfRange(bytes, 12, 12 + dev.broadsheet.fs.internal.SnapshotFile.FINGERPRINT_BYTES);
    int[] fifth = dev.broadsheet.fs.internal.SnapshotBytes.articles(bytes, fingerprint).get(4);
    Arrays.fill(bytes, fifth[0], fifth[0] + fifth[1], (byte) 0xFF);
    Files.write(snapshotFile(), dev.broadsheet.fs.internal.SnapshotBytes.reseal(bytes));

    FileArticleStore restarted = store();
    try (ArticleRepository repo = ArticleRepository.builder().store(restarted).build()) {
      assertThat(restarted.lastLoadReads()).as("files read at restart").isZero();
      assertThat(repo.size()).isEqualTo(40);
      for (Article a : articles) {
        StoredArticle got = repo.find(a.id()).orElseThrow();
        assertThat(got.revision()).isEqualTo(fresh.get(a.id()).revision());
        assertThat(got.article()).as(a.id()).isEqualTo(a);
      }
      dev.broadsheet.ArticleQuery all = dev.broadsheet.ArticleQuery.builder().limit(40).build();
      try (ArticleRepository read = ArticleRepository.builder()
          .store(open(FileArticleStore.builder(root).watching(Watching.OFF).withoutSnapshot())).build()) {
        assertThat(repo.query(all).items()).isNotEmpty().isEqualTo(read.query(all).items());
      }
    }
  }

  @Test
  void aSnapshotSortedAndEncodedOnSeveralThreadsAtCloseGivesEveryFileBack() throws IOException {
    // Enough files for the write at close to sort and encode on the store's threads; folders and
    // files named alike ("s5/..." and "s5-...") so that the halves sorted apart must be merged.
    int n = 17_000;
    for (int i = 0; i < n; i++) {
      String dir = "s" + (i % 23) + (i % 2 == 0 ? "-" : "/");
      old(dir + "f" + Integer.toString(i * 7919 % n, 36) + ".md", article("Number " + i, "Body " + i + "."));
    }
    FileArticleStore first = open(FileArticleStore.builder(root).watching(Watching.OFF).parallelism(3));
    LoadResult loaded;
    try {
      loaded = first.loadAll();
    } finally {
      first.close();
    }
    assertThat(loaded.articles()).hasSize(n);

    FileArticleStore restarted = open(FileArticleStore.builder(root).watching(Watching.OFF).parallelism(1));
    LoadResult again = restarted.loadAll();

    assertThat(restarted.lastLoadReads()).as("files read at restart").isZero();
    assertThat(byId(again)).isEqualTo(byId(loaded));
  }

  @Test
  void namesThatSortOtherwiseThanTheirPathsAreAllTakenFromTheSnapshot() throws IOException {
    // '-' and '.' sort before '/', '0' after it: sorted as whole paths these would not come in
    // the order the walk finds them (a folder's files where the folder's name falls).
    List<String> names = List.of("a.md", "a-b.md", "a0.md", "a/x.md", "a/y/z.md", "a/y-1.md", "a/y.md",
        "ab.md", "a_b/c.md", "A-capital.md", "C.md", "b-/x.md", "b.txt", "zz.markdown", "\u00e9t\u00e9.md",
        "\u00e9/t.md");
    for (String name : names) {
      old(name, article("Named " + name, "A body."));
    }
    LoadResult first = loadAndClose();
    assertThat(first.articles()).hasSize(names.size());

    FileArticleStore restarted = store();
    LoadResult again = restarted.loadAll();
    assertThat(restarted.lastLoadReads()).as("files read at restart").isZero();
    assertThat(byId(again)).isEqualTo(byId(first));

    // One gone and one new among them: both seen, the others still taken from the snapshot.
    Files.delete(root.resolve("a/y-1.md"));
    old("a/y.0.md", article("A new one", "A body."));
    FileArticleStore third = store();
    LoadResult after = third.loadAll();
    assertThat(third.lastLoadReads()).isEqualTo(1);
    assertThat(byId(after)).doesNotContainKey("a/y-1").containsKey("a/y.0").hasSize(names.size());
  }

  @Test
  void eachFileTakenFromTheSnapshotIsTheOneItsEditsAndDeletesReach() throws IOException {
    // The store keeps each file as its id and extension, not a path of its own: every kind of
    // name must still lead back to exactly its file.
    List<String> names = List.of("a.md", "a.txt.md", "a/x.md", "a/y/z.markdown", "b.txt", "C.md", "\u00e9/t.md",
        "d.e/f.md");
    for (String name : names) {
      old(name, article("Named " + name, "A body."));
    }
    loadAndClose();
    FileArticleStore restarted = store();
    Map<String, StoredArticle> loaded = byId(restarted.loadAll());
    assertThat(restarted.lastLoadReads()).isZero();
    try (Stream<Path> before = Files.walk(root)) {
      long files = before.filter(Files::isRegularFile).count();
      for (String name : names) {
        StoredArticle s = loaded.get(ContentFolder.idOf(name));
        Revision r = restarted.put(restarted.get(s.id()).orElseThrow().article().withTitle("Edited " + name),
            s.revision());
        assertThat(Files.readString(root.resolve(name))).as(name).contains("title: Edited " + name);
        assertThat(restarted.get(s.id()).orElseThrow().revision()).isEqualTo(r);
      }
      try (Stream<Path> after = Files.walk(root)) {
        assertThat(after.filter(Files::isRegularFile).count()).as("no file made beside an edited one").isEqualTo(files);
      }
    }
    for (String name : names) {
      assertThat(restarted.delete(ContentFolder.idOf(name), null)).isTrue();
      assertThat(root.resolve(name)).as(name).doesNotExist();
    }
  }

  /**
   * Files the snapshot vouches for are taken on the walk's threads, the many new ones read on
   * more threads than there are processors (as from a disk); a key both hold is still a
   * collision.
   */
  @Test
  void manyNewFilesReadOnThreadsOfTheirOwnJoinTheVouchedOnesAndCollideWithThem() throws IOException {
    for (int i = 0; i < 50; i++) {
      old("news/story-" + i + ".md", article("Story " + i, "Body " + i + ".\n"));
    }
    loadAndClose();
    for (int i = 0; i < 200; i++) {
      old("wire/item-" + i + ".md", article("Item " + i, "Body " + i + ".\n"));
    }
    old("news/STORY-7.md", article("Shouting", "Body.\n"));

    // Every load taken as one from the disk: the files after the first ones go to 16 threads.
    FileArticleStore restarted = open(FileArticleStore.builder(root).watching(Watching.OFF).parallelism(16)
        .diskReadNanos(0));
    LoadResult loaded = restarted.loadAll();
    assertThat(restarted.lastLoadReads()).as("the new files but the one that collides").isEqualTo(200);
    Map<String, StoredArticle> got = byId(loaded);
    assertThat(got).hasSize(49 + 200).doesNotContainKeys("news/story-7", "news/STORY-7");
    assertThat(loaded.problems()).extracting(Problem::source).containsExactlyInAnyOrder(
        root.resolve("news/story-7.md").toString(), root.resolve("news/STORY-7.md").toString());
    LoadResult fresh = open(FileArticleStore.builder(root).watching(Watching.OFF).withoutSnapshot().parallelism(1))
        .loadAll();
    assertThat(byId(fresh)).isEqualTo(got);
    assertThat(fresh.problems()).containsExactlyInAnyOrderElementsOf(loaded.problems());
  }

  @Test
  void changedNewDeletedRenamedAndTouchedFilesAreSeenAtRestart() throws IOException {
    for (int i = 0; i < 20; i++) {
      old("news/story-" + i + ".md", article("Story " + i, "Body " + i + ".\n"));
    }
    loadAndClose();
    Path changed = old("news/story-1.md", article("Story one, longer title", "HARBOUR", "Body 1.\n"));
    old("news/story-new.md", article("New", "New.\n"));
    Files.delete(root.resolve("news/story-2.md"));
    Files.move(root.resolve("news/story-3.md"), root.resolve("news/story-three.md"));
    Path touched = root.resolve("news/story-4.md");
    Files.setLastModifiedTime(touched, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));

    FileArticleStore restarted = store();
    Map<String, StoredArticle> got = byId(restarted.loadAll());

    assertThat(restarted.lastLoadReads()).as("changed, new, renamed and touched files").isEqualTo(4);
    assertThat(got).containsOnlyKeys(Stream.concat(
        Stream.of("news/story-new", "news/story-three"),
        Stream.of(0, 1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19).map(i -> "news/story-" + i))
        .toList());
    assertThat(got.get("news/story-1").article().category()).isEqualTo("HARBOUR");
    assertThat(got.get("news/story-1").revision()).isEqualTo(FileArticleStore.revision(Files.readAllBytes(changed)));
    StoredArticle three = got.get("news/story-three");
    assertThat(restarted.article(three.id(), three.revision())).hasValueSatisfying(s -> {
      assertThat(s.article().title()).isEqualTo("Story 3");
      assertThat(s.article().body()).isEqualTo("Body 3.\n");
      assertThat(s.revision()).isEqualTo(three.revision());
    });
    assertThat(byId(open(FileArticleStore.builder(root).watching(Watching.OFF).withoutSnapshot()).loadAll()))
        .isEqualTo(got);
  }

  @Test
  void aFileChangedKeepingSizeAndTimeIsTrustedOnlyOutsideTheRacyWindow() throws IOException {
    Path settled = old("settled.md", article("Story", "ALPHA", "Body.\n"));
    FileTime recent = FileTime.from(Instant.now().minusMillis(500));
    Path racy = write(root, "racy.md", article("Story", "ALPHA", "Body.\n"));
    Files.setLastModifiedTime(racy, recent);
    loadAndClose();

    // Same size, same time, other bytes: what a write within one tick of a coarse clock leaves.
    for (Path p : List.of(settled, racy)) {
      Files.writeString(p, article("Story", "OMEGA", "Body.\n"), StandardCharsets.UTF_8);
    }
    Files.setLastModifiedTime(settled, AN_HOUR_AGO);
    Files.setLastModifiedTime(racy, recent);

    FileArticleStore restarted = store();
    Map<String, StoredArticle> got = byId(restarted.loadAll());

    assertThat(got.get("racy").article().category()).as("modified within the racy window: read again")
        .isEqualTo("OMEGA");
    // The settled file's entry is trusted: its stats say it did not change, so it is not read.
    assertThat(got.get("settled").article().category()).isEqualTo("ALPHA");
    assertThat(restarted.lastLoadReads()).isEqualTo(1);
  }

  @Test
  void aFileReplacedByAnotherWithTheSameSizeAndTimeIsReadAgain() throws IOException {
    Path p = old("a.md", article("Story", "ALPHA", "Body.\n"));
    loadAndClose();
    Path other = write(root, "b.tmp", article("Story", "OMEGA", "Body.\n"));
    Files.setLastModifiedTime(other, AN_HOUR_AGO);
    Files.move(other, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Object key = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    org.junit.jupiter.api.Assumptions.assumeTrue(key != null, "this file system has no file keys");

    FileArticleStore restarted = store();
    Map<String, StoredArticle> got = byId(restarted.loadAll());

    assertThat(got.get("a").article().category()).isEqualTo("OMEGA");
  }

  @Test
  void problemsOfInvalidFilesAreReportedAfterRestartWithTheirPositions() throws IOException {
    old("ok.md", article("Fine", "Body.\n"));
    old("bad.md", """
        ---
        title: Harbour closes early
        publishedAt: 2026-01-03
        stickyWeight: -1
        ---
        Body.
        """);
    List<Problem> first = loadAndClose().problems();

    FileArticleStore restarted = store();
    LoadResult again = restarted.loadAll();

    assertThat(first).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(4));
    assertThat(again.problems()).isEqualTo(first);
    assertThat(restarted.problems()).isEqualTo(first);
    assertThat(restarted.lastLoadReads()).isEqualTo(1);
  }

  @Test
  void aDamagedSnapshotIsIgnoredAndRewritten() throws IOException {
    for (int i = 0; i < 5; i++) {
      old("s" + i + ".md", article("Story " + i, "Body.\n"));
    }
    LoadResult first = loadAndClose();
    byte[] bytes = Files.readAllBytes(snapshotFile());
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(snapshotFile(), bytes);

    FileArticleStore restarted = store();
    LoadResult again = restarted.loadAll();
    restarted.close();

    assertThat(restarted.lastLoadReads()).isEqualTo(5);
    assertThat(byId(again)).isEqualTo(byId(first));
    assertThat(Files.readAllBytes(snapshotFile())).as("rewritten").isNotEqualTo(bytes);
    FileArticleStore third = store();
    third.loadAll();
    assertThat(third.lastLoadReads()).isZero();
  }

  @Test
  void savesAndDeletesReachTheSnapshotOnceTheirFilesAreOlderThanTheRacyWindow() throws Exception {
    old("kept.md", article("Kept", "Body.\n"));
    old("gone.md", article("Gone", "Body.\n"));
    // A file written just now could change again within its clock tick unseen: the snapshot
    // takes it only once it is older than the racy window and its bytes were read again. This
    // store's clock runs past the window, so it takes it when it closes.
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofNanos(Snapshots.RACY_NANOS).plusMillis(300));
    FileArticleStore first = open(FileArticleStore.builder(root).watching(Watching.OFF).clock(later));
    Revision saved;
    try (ArticleRepository repo = ArticleRepository.builder().store(first).build()) {
      saved = repo.save(sample("fresh", "Fresh", "Fresh body.\n"));
      repo.delete("gone");
    }

    FileArticleStore restarted = store();
    Map<String, StoredArticle> got = byId(restarted.loadAll());

    assertThat(restarted.lastLoadReads()).isZero();
    assertThat(got).containsOnlyKeys("kept", "fresh");
    assertThat(got.get("fresh").revision()).isEqualTo(saved);
    assertThat(got.get("fresh").article()).isEqualTo(ArticleStore.partial(sample("fresh", "Fresh", "")));
    assertThat(restarted.article("fresh", saved)).hasValue(new StoredArticle(sample("fresh", "Fresh", "Fresh body.\n"), saved));
  }

  @Test
  void aSnapshotFolderOutsideTheRootIsUsedAndNothingIsWrittenWithoutSnapshot(@TempDir Path cache)
      throws IOException {
    old("a.md", article("A", "Body.\n"));
    loadAndClose(open(FileArticleStore.builder(root).watching(Watching.OFF).withoutSnapshot()));
    assertThat(root.resolve(FileArticleStore.STATE_FOLDER)).doesNotExist();

    loadAndClose(open(FileArticleStore.builder(root).watching(Watching.OFF).snapshotFolder(cache)));
    FileArticleStore restarted = open(FileArticleStore.builder(root).watching(Watching.OFF).snapshotFolder(cache));
    restarted.loadAll();

    assertThat(cache.resolve(Snapshots.FILE_NAME)).isRegularFile();
    assertThat(root.resolve(FileArticleStore.STATE_FOLDER)).doesNotExist();
    assertThat(restarted.lastLoadReads()).isZero();
  }

  @Test
  void aStoreWithOtherExtensionsOrParserLimitsDoesNotTrustTheSnapshot() throws IOException {
    old("a.md", article("A", "Body.\n"));
    loadAndClose();

    FileArticleStore otherExtensions = open(FileArticleStore.builder(root).watching(Watching.OFF)
        .extensions("md", "mdx"));
    otherExtensions.loadAll();
    FileArticleStore otherLimits = open(FileArticleStore.builder(root).watching(Watching.OFF)
        .codec(ArticleCodec.builder().parser(FrontmatterParser.builder().maxFrontmatterBytes(10).build()).build()));
    LoadResult limited = otherLimits.loadAll();

    assertThat(otherExtensions.lastLoadReads()).isEqualTo(1);
    assertThat(otherLimits.lastLoadReads()).isEqualTo(1);
    assertThat(limited.articles()).isEmpty();
  }

  @Test
  void aStoreReadingTimesInAnotherZoneDoesNotTrustTheSnapshot() throws IOException {
    old("a.md", """
        ---
        title: Dated
        publishedAt: 2026-01-02
        ---
        Body.
        """);
    loadAndClose();

    FileArticleStore tokyo = open(FileArticleStore.builder(root).watching(Watching.OFF)
        .codec(ArticleCodec.builder().zone(java.time.ZoneId.of("Asia/Tokyo")).build()));
    Map<String, StoredArticle> got = byId(tokyo.loadAll());

    assertThat(tokyo.lastLoadReads()).isEqualTo(1);
    assertThat(got.get("a").article().publishedAt()).isEqualTo(Instant.parse("2026-01-01T15:00:00Z"));
  }

  @Test
  void snapshotsWrittenOverEachOtherAreAlwaysWholeToAReader() throws Exception {
    for (int i = 0; i < 30; i++) {
      old("s/" + i + ".md", article("Story " + i, "Body " + i + ".\n"));
    }
    loadAndClose();
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    List<Integer> reads = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    Thread reader = new Thread(() -> {
      while (!done.get()) {
        try {
          FileArticleStore s = open(FileArticleStore.builder(root).watching(Watching.OFF));
          s.loadAll();
          reads.add(s.lastLoadReads());
        } catch (IOException e) {
          reads.add(-1);
        }
      }
    });
    reader.start();
    try {
      for (int round = 0; round < 15; round++) {
        // One file touched: the next load reads it, and its close writes a new snapshot over the last.
        Files.setLastModifiedTime(root.resolve("s/" + round + ".md"),
            FileTime.from(AN_HOUR_AGO.toInstant().minusSeconds(round + 1)));
        loadAndClose();
      }
    } finally {
      done.set(true);
      reader.join();
    }

    // A reader finds the snapshot before a replacement or after it, never half written (which
    // would be rejected and make it read all 30 files); files touched since it was written, at
    // most the 15 of the rounds, are read.
    assertThat(reads).isNotEmpty().allMatch(n -> n >= 0 && n <= 15);
  }

  @Test
  void aChangeTheWatcherSeesReachesTheSnapshot() throws Exception {
    old("a.md", article("A", "Body.\n"));
    FileArticleStore live = open(FileArticleStore.builder(root).rescanInterval(java.time.Duration.ofMillis(200)));
    try (ArticleRepository repo = ArticleRepository.builder().store(live).build()) {
      Path b = old("b.md", article("B", "Body.\n"));
      TestFiles.await("b seen with its time set back", 10, () -> repo.get("b").isPresent()
          && live.knownFiles().stream().anyMatch(k -> k.id().equals("b") && sameFile(k, b)));
    }

    FileArticleStore restarted = store();
    Map<String, StoredArticle> got = byId(restarted.loadAll());

    assertThat(got).containsOnlyKeys("a", "b");
    assertThat(restarted.lastLoadReads()).isZero();
  }

  private static boolean sameFile(KnownFiles.Known k, Path p) {
    try {
      return k.sameFile(Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class));
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void theSnapshotIsNotWrittenBeforeAWholeLoad() throws IOException {
    FileArticleStore s = store();
    s.put(sample("a", "A", "Body.\n"), null);
    s.close();

    assertThat(snapshotFile()).doesNotExist();
  }

  @Test
  void leftoversOfAKilledSnapshotWriterAreRemovedWhenOld() throws IOException {
    old("a.md", article("A", "Body.\n"));
    Path state = Files.createDirectories(root.resolve(FileArticleStore.STATE_FOLDER));
    Path stale = Files.writeString(state.resolve("." + Snapshots.FILE_NAME + ".tmp-0123456789abcdef"), "half");
    Files.setLastModifiedTime(stale, AN_HOUR_AGO);
    Path young = Files.writeString(state.resolve("." + Snapshots.FILE_NAME + ".tmp-fedcba9876543210"), "busy");

    loadAndClose();

    assertThat(stale).doesNotExist();
    assertThat(young).exists();
    assertThat(snapshotFile()).isRegularFile();
    try (Stream<Path> s = Files.list(state)) {
      // The state folder also holds the write lock and the change journal.
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.contains("snapshot"))
              .sorted(Comparator.naturalOrder()).toList())
          .containsExactly("." + Snapshots.FILE_NAME + ".tmp-fedcba9876543210", Snapshots.FILE_NAME);
    }
  }
}
