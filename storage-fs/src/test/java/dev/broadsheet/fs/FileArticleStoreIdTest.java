package dev.broadsheet.fs;

import static dev.broadsheet.fs.TestFiles.article;
import static dev.broadsheet.fs.TestFiles.sample;
import static dev.broadsheet.fs.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileArticleStoreIdTest {
  private static final String SECRET = "outside-secret-7f3a91c2";

  @TempDir Path temp;
  Path root;
  Path outside;

  @BeforeEach
  void folders() throws IOException {
    root = Files.createDirectories(temp.resolve("content"));
    outside = Files.createDirectories(temp.resolve("outside"));
    write(outside, "secret.md", article("Secret " + SECRET, "Body " + SECRET + "\n"));
    write(temp, "escape.md", article("Escape " + SECRET, "Body " + SECRET + "\n"));
  }

  private FileArticleStore store() throws IOException {
    return FileArticleStore.builder(root).watching(Watching.OFF).build();
  }

  /**
   * The id is refused by get, put and delete, and nothing was touched: the content folder is
   * removed first, so any file access (even creating the lock folder) would show.
   */
  private void assertRefusedBeforeAnyFileAccess(String id, String reason) throws Exception {
    FileArticleStore store = store();
    Files.delete(root);
    assertThatThrownBy(() -> store.get(id)).isInstanceOf(InvalidIdException.class).hasMessageContaining(reason);
    Article a = sample(id, "Refused", "Body.\n");
    assertThatThrownBy(() -> store.put(a, null)).isInstanceOf(InvalidIdException.class).hasMessageContaining(reason);
    assertThatThrownBy(() -> store.put(a, Revision.NONE)).isInstanceOf(InvalidIdException.class);
    assertThatThrownBy(() -> store.delete(id, null)).isInstanceOf(InvalidIdException.class)
        .hasMessageContaining(reason);
    assertThat(root).doesNotExist();
    assertThat(outside).isDirectoryContaining(p -> p.getFileName().toString().equals("secret.md"));
    try (Stream<Path> s = Files.list(outside)) {
      assertThat(s.toList()).hasSize(1);
    }
    assertThat(Files.readString(temp.resolve("escape.md"))).contains(SECRET);
    Files.createDirectories(root);
  }

  @Test
  void refusesParentSegment() throws Exception {
    assertRefusedBeforeAnyFileAccess("../escape", "'..' segment");
    assertRefusedBeforeAnyFileAccess("news/../../escape", "'..' segment");
  }

  @Test
  void refusesDotSegment() throws Exception {
    assertRefusedBeforeAnyFileAccess("news/./a", "'.' segment");
  }

  @Test
  void refusesAbsolutePath() throws Exception {
    assertRefusedBeforeAnyFileAccess(outside.resolve("secret").toString(), "absolute path");
  }

  @Test
  void refusesEmptySegment() throws Exception {
    assertRefusedBeforeAnyFileAccess("news//a", "empty segment");
    assertRefusedBeforeAnyFileAccess("news/", "empty segment");
  }

  @Test
  void refusesEmptyId() throws Exception {
    FileArticleStore store = store();
    assertThatThrownBy(() -> store.get("")).isInstanceOf(InvalidIdException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> store.delete("", null)).isInstanceOf(InvalidIdException.class);
  }

  @Test
  void refusesControlCharacters() throws Exception {
    assertRefusedBeforeAnyFileAccess("a\u0000b", "control character");
    assertRefusedBeforeAnyFileAccess("news/a\nb", "control character");
    assertRefusedBeforeAnyFileAccess("a\u0085b", "control character");
  }

  @Test
  void refusesBackslash() throws Exception {
    assertRefusedBeforeAnyFileAccess("..\\escape", "backslash");
  }

  @Test
  void refusesColon() throws Exception {
    assertRefusedBeforeAnyFileAccess("c:escape", "':'");
  }

  @Test
  void refusesHiddenSegment() throws Exception {
    assertRefusedBeforeAnyFileAccess(".broadsheet/write", "starts with '.'");
  }

  @Test
  void refusesSegmentWithSurroundingWhiteSpace() throws Exception {
    assertRefusedBeforeAnyFileAccess("news/ a", "white space");
  }

  @Test
  void refusesUnpairedSurrogate() throws Exception {
    assertRefusedBeforeAnyFileAccess("a\uD800b", "surrogate");
  }

  @Test
  void refusesIdLongerThanTheLimit() throws Exception {
    assertRefusedBeforeAnyFileAccess("a/".repeat(256) + "b", "longer than 512");
  }

  @Test
  void refusesWritingAFileNameNoFileSystemHolds() throws Exception {
    FileArticleStore store = store();
    String longName = "é".repeat(127); // 254 bytes, 258 with ".md"
    assertThatThrownBy(() -> store.put(sample(longName, "Long", "Body.\n"), null))
        .isInstanceOf(InvalidIdException.class).hasMessageContaining("longer than 255 bytes");
    assertThat(root).isEmptyDirectory();
    String fits = "e".repeat(250); // the temporary file's name must fit as well
    store.put(sample(fits, "Long", "Body.\n"), null);
    assertThat(store.get(fits)).isPresent();
  }

  @Test
  void repositoryRefusesAnIdThatLeavesTheRoot() throws Exception {
    try (ArticleRepository repo = ArticleRepository.builder().store(store()).build()) {
      assertThatThrownBy(() -> repo.save(sample("../escape", "Overwrite", "Gone.\n")))
          .isInstanceOf(InvalidIdException.class);
    }
    assertThat(Files.readString(temp.resolve("escape.md"))).contains(SECRET);
  }

  @Test
  void idIsThePathUnderTheRootWithoutExtension() throws Exception {
    write(root, "2026/01/ferry.md", article("Ferry", "A.\n"));
    write(root, "notes.txt", article("Notes", "B.\n"));
    write(root, "long.markdown", article("Long", "C.\n"));
    write(root, "v1.2/release.notes.md", article("Release", "D.\n"));
    write(root, "other.html", "<p>not an article</p>");
    List<StoredArticle> loaded = store().loadAll().articles();
    assertThat(loaded).extracting(StoredArticle::id)
        .containsExactlyInAnyOrder("2026/01/ferry", "notes", "long", "v1.2/release.notes");
  }

  @Test
  void newArticlesAreWrittenWithTheConfiguredExtensionAndOthersKeepTheirs() throws Exception {
    write(root, "old.txt", article("Old", "Old body.\n"));
    FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).newFileExtension("markdown").build();
    store.loadAll();
    store.put(sample("2026/new", "New", "Body.\n"), Revision.NONE);
    store.put(store.get("old").orElseThrow().article().withStickyWeight(2), null);
    assertThat(root.resolve("2026/new.markdown")).exists();
    assertThat(root.resolve("old.txt")).content().contains("stickyWeight: 2");
    assertThat(root.resolve("old.md")).doesNotExist();
    assertThat(root.resolve("old.markdown")).doesNotExist();
  }

  @Test
  void configuredExtensionsDecideWhatIsAnArticle() throws Exception {
    write(root, "a.md", article("A", "A.\n"));
    write(root, "b.txt", article("B", "B.\n"));
    write(root, "c.mdx", article("C", "C.\n"));
    FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).extensions("md", "MDX").build();
    assertThat(store.loadAll().articles()).extracting(StoredArticle::id).containsExactlyInAnyOrder("a", "c");
  }

  @Test
  void extensionsMatchWhateverTheirCaseAndNothingLongerOrShorter() throws Exception {
    for (String name : List.of("a.md", "b.MD", "c.Md", "d.mdd", "e.m", "f.md.bak", "g.mdx", "h.TXT", "i.t\u00c9x",
        "j.T\u00c9X", "k.mdX", "md", ".md", "l.")) {
      write(root, name, article("File " + name, "Body.\n"));
    }
    FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF)
        .extensions("md", "mdx", "t\u00e9x").build();
    var loaded = store.loadAll();
    assertThat(loaded.articles()).extracting(StoredArticle::id)
        .containsExactlyInAnyOrder("a", "b", "c", "g", "i", "j", "k");
    assertThat(loaded.problems()).isEmpty();
  }

  @Test
  void hiddenBackupSwapAndTemporaryFilesAreNotArticles() throws Exception {
    write(root, "news/story.md", article("Story", "Body.\n"));
    for (String junk : List.of("news/story.md~", "news/.story.md.swp", "news/#story.md#", "news/.#story.md",
        "news/.story.md.tmp-0123456789abcdef", ".hidden.md", ".git/config.md", "news/.drafts/wip.md")) {
      write(root, junk, "---\ntitle: [broken\n---\n");
    }
    FileArticleStore store = store();
    var loaded = store.loadAll();
    assertThat(loaded.articles()).extracting(StoredArticle::id).containsExactly("news/story");
    assertThat(loaded.problems()).isEmpty();
  }

  /**
   * Ids are the paths below the root whatever the root's own path is: here it sits in a hidden
   * folder and has a name that is not ASCII, which the walk must neither skip nor take into ids.
   */
  @Test
  void aRootInAHiddenFolderWithANameNotInAsciiGivesIdsBelowIt() throws Exception {
    Path odd = Files.createDirectories(temp.resolve(".cache").resolve("r\u00e9daction 2026"));
    write(odd, "news/caf\u00e9.md", article("Caf\u00e9", "Body.\n"));
    write(odd, "a.md", article("A", "Body.\n"));
    write(odd, "news/.hidden.md", article("Hidden", "Body.\n"));
    for (String name : List.of("news/caf\u00e9.md", "a.md")) { // long enough ago for a snapshot to vouch for
      Files.setLastModifiedTime(odd.resolve(name), java.nio.file.attribute.FileTime.from(
          java.time.Instant.now().minus(java.time.Duration.ofHours(1))));
    }
    for (int round = 0; round < 2; round++) { // a first load, then a restart from its snapshot
      FileArticleStore store = FileArticleStore.builder(odd).watching(Watching.OFF).build();
      try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
        assertThat(repo.size()).isEqualTo(2);
        assertThat(repo.get("news/caf\u00e9")).hasValueSatisfying(a -> assertThat(a.title()).isEqualTo("Caf\u00e9"));
        assertThat(repo.get("a")).isPresent();
        assertThat(repo.problems()).isEmpty();
      }
      assertThat(store.lastLoadReads()).as("files read, round %d", round).isEqualTo(round == 0 ? 2 : 0);
    }
  }

  // ------------------------------------------------------------------ file names that are not ids

  @Test
  void fileWhosePathIsNotAValidIdIsReportedNotLoaded() throws Exception {
    write(root, "bad:name.md", article("Colon", "A.\n"));
    write(root, "back\\slash.md", article("Backslash", "B.\n"));
    write(root, "fine.md", article("Fine", "C.\n"));
    var loaded = store().loadAll();
    assertThat(loaded.articles()).extracting(StoredArticle::id).containsExactly("fine");
    assertThat(loaded.problems()).extracting(Problem::source)
        .containsExactlyInAnyOrder(root.resolve("bad:name.md").toString(), root.resolve("back\\slash.md").toString());
    assertThat(loaded.problems()).allSatisfy(p -> assertThat(p.message()).contains("not a valid id"));
  }

  // ------------------------------------------------------------------ symbolic links

  @Test
  void linkToAFileOutsideIsNeverRead() throws Exception {
    Files.createSymbolicLink(root.resolve("leak.md"), outside.resolve("secret.md"));
    write(root, "real.md", article("Real", "Real body.\n"));
    FileArticleStore store = store();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      assertThat(repo.size()).isEqualTo(1);
      assertThat(repo.query(ArticleQuery.all()).items()).extracting(Article::id).containsExactly("real");
      assertThat(repo.problems().toString()).doesNotContain(SECRET);
      assertThat(repo.get("leak")).isEmpty();
      assertThatThrownBy(() -> store.get("leak"))
          .isInstanceOf(InvalidIdException.class).hasMessageContaining("symbolic link").hasMessageNotContaining(SECRET);
      assertThatThrownBy(() -> repo.save(sample("leak", "Overwrite", "Gone.\n")))
          .isInstanceOf(InvalidIdException.class).hasMessageContaining("symbolic link");
      assertThatThrownBy(() -> repo.delete("leak")).isInstanceOf(InvalidIdException.class);
    }
    assertThat(Files.readString(outside.resolve("secret.md"))).contains(SECRET).doesNotContain("Overwrite");
    assertThat(root.resolve("leak.md")).isSymbolicLink();
  }

  @Test
  void linkToAFolderOutsideIsNeverReadNorWrittenThrough() throws Exception {
    Files.createSymbolicLink(root.resolve("linked"), outside);
    FileArticleStore store = store();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      assertThat(repo.size()).isZero();
      assertThat(repo.problems()).isEmpty();
      assertThatThrownBy(() -> store.get("linked/secret"))
          .isInstanceOf(InvalidIdException.class).hasMessageContaining("symbolic link");
      assertThatThrownBy(() -> repo.save(sample("linked/new", "Planted", "Body.\n")))
          .isInstanceOf(InvalidIdException.class).hasMessageContaining("symbolic link");
      assertThatThrownBy(() -> repo.save(sample("linked/secret", "Overwrite", "Body.\n")))
          .isInstanceOf(InvalidIdException.class);
      assertThatThrownBy(() -> repo.delete("linked/secret")).isInstanceOf(InvalidIdException.class);
    }
    try (Stream<Path> s = Files.list(outside)) {
      assertThat(s.toList()).containsExactly(outside.resolve("secret.md"));
    }
    assertThat(Files.readString(outside.resolve("secret.md"))).contains(SECRET);
  }

  /**
   * A file the store knows, then replaced by a link (at its name, or at a folder on its way):
   * reads of it follow no link, whether one asks for the article or a page holds it.
   */
  @Test
  void knownFilesReplacedByLinksAreNotReadThroughThem() throws Exception {
    write(root, "leak.md", article("Leak", "Plain.\n"));
    write(root, "desk/secret.md", article("Desk", "Plain.\n"));
    FileArticleStore store = store();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      assertThat(repo.size()).isEqualTo(2);
      Files.delete(root.resolve("leak.md"));
      Files.createSymbolicLink(root.resolve("leak.md"), outside.resolve("secret.md"));
      Files.move(root.resolve("desk"), root.resolve("moved"));
      Files.createSymbolicLink(root.resolve("desk"), outside);

      assertThatThrownBy(() -> store.get("leak"))
          .isInstanceOf(InvalidIdException.class).hasMessageContaining("symbolic link").hasMessageNotContaining(SECRET);
      assertThatThrownBy(() -> store.get("desk/secret"))
          .isInstanceOf(InvalidIdException.class).hasMessageContaining("symbolic link").hasMessageNotContaining(SECRET);
      for (String id : List.of("leak", "desk/secret")) {
        try {
          assertThat(repo.get(id)).isEmpty();
        } catch (InvalidIdException refused) {
          assertThat(refused).hasMessageContaining("symbolic link").hasMessageNotContaining(SECRET);
        }
      }
      assertThat(repo.query(ArticleQuery.all()).items())
          .allSatisfy(a -> assertThat(a.title() + a.body()).doesNotContain(SECRET));
    }
    assertThat(Files.readString(outside.resolve("secret.md"))).contains(SECRET);
  }

  /** A known article whose folder became a file is gone, for one read and for a page alike. */
  @Test
  void aKnownArticleWhoseFolderBecameAFileIsGoneNotAFailure() throws Exception {
    write(root, "desk/a.md", article("A", "Body.\n"));
    write(root, "desk/b.md", article("B", "Body.\n"));
    write(root, "kept.md", article("Kept", "Body.\n"));
    FileArticleStore store = store();
    List<StoredArticle> loaded = store.loadAll().articles();
    assertThat(loaded).hasSize(3);
    try (Stream<Path> s = Files.list(root.resolve("desk"))) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(root.resolve("desk"));
    Files.writeString(root.resolve("desk"), "not a folder\n");

    assertThat(store.get("desk/a")).isEmpty();
    assertThat(store.articles(loaded)).extracting(o -> o.map(StoredArticle::id).orElse("-"))
        .containsExactlyInAnyOrder("-", "-", "kept");
  }

  /** Opening a named pipe for reading blocks until someone writes: any read of it would hang. */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void linkToAPipeIsNeverOpened() throws Exception {
    Path fifo = outside.resolve("pipe.md");
    Process mk;
    try {
      mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      mk = null;
    }
    Assumptions.assumeTrue(mk != null && mk.waitFor() == 0, "mkfifo is not available on this machine");
    Files.createSymbolicLink(root.resolve("pipe.md"), fifo);
    Files.createSymbolicLink(root.resolve("pipes"), outside);
    FileArticleStore store = store();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      assertThat(repo.size()).isZero();
      assertThatThrownBy(() -> store.get("pipe")).isInstanceOf(InvalidIdException.class);
      assertThatThrownBy(() -> store.get("pipes/pipe")).isInstanceOf(InvalidIdException.class);
    }
  }

  @Test
  void linkedFolderInsideTheRootIsSkippedAtLoad() throws Exception {
    write(root, "real/story.md", article("Story", "Body.\n"));
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
    var loaded = store().loadAll();
    assertThat(loaded.articles()).extracting(StoredArticle::id).containsExactly("real/story");
    assertThat(loaded.problems()).isEmpty();
  }

  // ------------------------------------------------------------------ collisions

  private void assertCollision(String first, String second, String id) throws Exception {
    Path a = write(root, first, article("First", "First body.\n"));
    Path b = write(root, second, article("Second", "Second body.\n"));
    byte[] aBytes = Files.readAllBytes(a);
    byte[] bBytes = Files.readAllBytes(b);
    write(root, "other.md", article("Other", "Other body.\n"));
    FileArticleStore store = store();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      assertThat(repo.query(ArticleQuery.all()).items()).extracting(Article::id).containsExactly("other");
      List<Problem> problems = repo.problems();
      assertThat(problems).extracting(Problem::source).containsExactlyInAnyOrder(a.toString(), b.toString());
      assertThat(problems).allSatisfy(p -> {
        assertThat(p.rule()).isEqualTo("id-collision");
        assertThat(p.message()).contains(a.toString()).contains(b.toString());
      });
      assertThatThrownBy(() -> store.get(id)).isInstanceOf(InvalidIdException.class)
          .hasMessageContaining(a.toString()).hasMessageContaining(b.toString());
      assertThatThrownBy(() -> repo.save(sample(id, "Merged", "Merged.\n")))
          .isInstanceOf(InvalidIdException.class).hasMessageContaining("id collision");
      assertThatThrownBy(() -> repo.delete(id)).isInstanceOf(InvalidIdException.class);
    }
    assertThat(Files.readAllBytes(a)).isEqualTo(aBytes);
    assertThat(Files.readAllBytes(b)).isEqualTo(bBytes);
  }

  @Test
  void collisionsAmongThousandsOfFilesAreFoundAtEveryLoad() throws Exception {
    // Thousands of files, each key checked in the map the load fills.
    for (int i = 0; i < 5000; i++) {
      write(root, "bulk/" + (i % 50) + "/a" + i + ".md", article("A " + i, "Body.\n"));
    }
    // Two ids whose keys differ but share String's hash: both are loaded.
    assertThat("bulk/3/aan".hashCode()).isEqualTo("bulk/3/ac0".hashCode());
    write(root, "bulk/3/aan.md", article("Same hash", "Body.\n"));
    write(root, "bulk/3/ac0.md", article("Same hash", "Body.\n"));
    List<Path> colliding = List.of(write(root, "bulk/34/a1234.txt", article("Twin", "Body.\n")),
        write(root, "bulk/7/a7.markdown", article("Twin", "Body.\n")), root.resolve("bulk/34/a1234.md"),
        root.resolve("bulk/7/a7.md"));
    for (int load = 0; load < 2; load++) { // the first reads every file, the second starts from its snapshot
      FileArticleStore store = store();
      try {
        var loaded = store.loadAll();
        assertThat(loaded.articles()).as("load %d", load).hasSize(5000)
            .extracting(StoredArticle::id).doesNotContain("bulk/34/a1234", "bulk/7/a7")
            .contains("bulk/3/aan", "bulk/3/ac0");
        assertThat(loaded.problems()).extracting(Problem::rule).containsOnly("id-collision");
        assertThat(loaded.problems()).extracting(Problem::source)
            .containsExactlyInAnyOrderElementsOf(colliding.stream().map(Path::toString).toList());
      } finally {
        store.close();
      }
    }
  }

  @Test
  void aFileThatCannotBeReadStillCollidesWithItsTwin() throws Exception {
    // The large one is refused when read; the two still share an id, and neither is loaded.
    Path large = write(root, "news/twin.md", article("Large", "Word ".repeat(400) + "\n"));
    Path small = write(root, "news/twin.txt", article("Small", "Body.\n"));
    write(root, "news/other.md", article("Other", "Body.\n"));
    for (int round = 0; round < 3; round++) {
      FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).maxFileBytes(1_000).build();
      try {
        var loaded = store.loadAll();

        assertThat(loaded.articles()).extracting(StoredArticle::id).containsExactly("news/other");
        assertThat(loaded.problems()).extracting(Problem::rule).containsOnly("id-collision");
        assertThat(loaded.problems()).extracting(Problem::source)
            .containsExactlyInAnyOrder(large.toString(), small.toString());
        assertThat(store.problems()).extracting(Problem::source)
            .containsExactlyInAnyOrder(large.toString(), small.toString());
        assertThatThrownBy(() -> store.get("news/twin")).isInstanceOf(InvalidIdException.class);
      } finally {
        store.close();
      }
    }
  }

  @Test
  void sameNameWithTwoExtensionsIsACollision() throws Exception {
    assertCollision("news/a.md", "news/a.txt", "news/a");
  }

  @Test
  void namesDifferingOnlyInCaseAreACollision() throws Exception {
    assertCollision("Ferry.md", "ferry.md", "ferry");
  }

  @Test
  void folderNamesDifferingOnlyInCaseAreACollision() throws Exception {
    assertCollision("News/ferry.md", "news/ferry.md", "news/ferry");
  }

  @Test
  void nfcAndNfdSpellingsAreACollision() throws Exception {
    String nfc = Normalizer.normalize("café", Normalizer.Form.NFC);
    String nfd = Normalizer.normalize("café", Normalizer.Form.NFD);
    assertThat(nfc).isNotEqualTo(nfd);
    assertCollision(nfc + ".md", nfd + ".md", nfc);
  }

  @Test
  void savingAnotherSpellingOfAStoredIdIsRefused() throws Exception {
    write(root, "Ferry.md", article("Ferry", "Body.\n"));
    FileArticleStore store = store();
    store.loadAll();
    assertThatThrownBy(() -> store.put(sample("ferry", "Shadow", "Shadow.\n"), null))
        .isInstanceOf(InvalidIdException.class).hasMessageContaining("'Ferry'");
    assertThat(store.get("ferry")).isEmpty();
    try (Stream<Path> s = Files.list(root)) {
      assertThat(s.filter(p -> !p.getFileName().toString().startsWith(".")).toList())
          .containsExactly(root.resolve("Ferry.md"));
    }
  }

  @Test
  void savingAnotherSpellingIsRefusedEvenWhenTheFileAppearedAfterLoading() throws Exception {
    FileArticleStore store = store();
    store.loadAll();
    Files.writeString(root.resolve("FERRY.txt"), article("Ferry", "Body.\n"), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> store.put(sample("ferry", "Shadow", "Shadow.\n"), null))
        .isInstanceOf(InvalidIdException.class).hasMessageContaining("FERRY");
    assertThat(root.resolve("ferry.md")).doesNotExist();
  }
}
