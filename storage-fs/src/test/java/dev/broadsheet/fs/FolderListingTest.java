package dev.broadsheet.fs;

import static dev.broadsheet.fs.TestFiles.article;
import static dev.broadsheet.fs.TestFiles.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Revision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write looks for every spelling of its id in the folders on the way; those folders are listed
 * once and listed again only when they change, so that writes into a large folder do not read
 * all its names each time, and what another process does there is still seen.
 */
class FolderListingTest {
  @TempDir Path root;
  @TempDir Path elsewhere;
  private FileArticleStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private FileArticleStore open() throws IOException {
    store = FileArticleStore.builder(root).watching(Watching.OFF).build();
    store.loadAll();
    return store;
  }

  /**
   * Waits until the file system's clock has moved past the last change of {@code dir}, so that a
   * change made now gives it another change time whatever the clock's tick (a deadline loop).
   */
  private void pastLastChangeOf(Path dir) throws IOException {
    FileTime last = (FileTime) Files.getAttribute(dir, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    Path probe = elsewhere.resolve("probe");
    while (true) {
      Files.write(probe, new byte[] {1});
      FileTime now = (FileTime) Files.getAttribute(probe, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
      if (now.compareTo(last) > 0) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the file system's clock did not move past " + last);
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void writesIntoOneFolderListItOnceAndStillSeeEveryOtherSpelling() throws IOException {
    FileArticleStore s = open();
    long before = s.folder().folderListings();
    for (int i = 0; i < 50; i++) {
      s.put(sample("news/story-" + i, "Story " + i, "Body.\n"), null);
    }
    Revision edited = s.put(sample("news/story-7", "Story seven", "Edited.\n"), null);
    // The root and news/ once each (news/ twice: made by the first write, so listed again).
    assertThat(s.folder().folderListings() - before).isLessThanOrEqualTo(3);
    assertThat(s.get("news/story-7")).hasValueSatisfying(a -> assertThat(a.revision()).isEqualTo(edited));
    // Spellings this store wrote itself are refused without listing again.
    long afterWrites = s.folder().folderListings();
    assertThatThrownBy(() -> s.put(sample("news/STORY-3", "Shouting", "Body.\n"), null))
        .isInstanceOf(InvalidIdException.class).hasMessageContaining("news/story-3");
    assertThatThrownBy(() -> s.put(sample("News/story-3", "Capital folder", "Body.\n"), null))
        .isInstanceOf(InvalidIdException.class);
    assertThat(s.folder().folderListings()).isEqualTo(afterWrites);
    assertThat(Files.list(root.resolve("news")).count()).isEqualTo(50);
  }

  @Test
  void aSpellingAnotherProcessWroteIntoAListedFolderIsSeenAtTheNextWrite() throws IOException {
    FileArticleStore s = open();
    s.put(sample("news/alpha", "Alpha", "Body.\n"), null);
    Path news = root.resolve("news");

    pastLastChangeOf(news);
    Files.writeString(news.resolve("Beta.md"), article("Beta, written beside the store", "Body.\n"),
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> s.put(sample("news/beta", "Beta", "Body.\n"), null))
        .isInstanceOf(InvalidIdException.class).hasMessageContaining("news/Beta");

    // Removed beside the store: the spelling is free again, and the article written.
    pastLastChangeOf(news);
    Files.delete(news.resolve("Beta.md"));
    Revision written = s.put(sample("news/beta", "Beta", "Body.\n"), null);
    assertThat(Files.exists(news.resolve("beta.md"))).isTrue();
    assertThat(s.get("news/beta")).hasValueSatisfying(a -> assertThat(a.revision()).isEqualTo(written));

    // A folder of another spelling made beside the store holds the id's article too.
    pastLastChangeOf(root);
    Files.createDirectories(root.resolve("NEWS-2"));
    Files.writeString(root.resolve("NEWS-2/gamma.md"), article("Gamma", "Body.\n"), StandardCharsets.UTF_8);
    s.put(sample("news-2/delta", "Delta", "Body.\n"), null);
    assertThatThrownBy(() -> s.put(sample("news-2/gamma", "Gamma again", "Body.\n"), null))
        .isInstanceOf(InvalidIdException.class).hasMessageContaining("NEWS-2/gamma");
  }

  @Test
  void aFileDeletedByTheStoreIsNoLongerFoundAndItsNameIsFree() throws IOException {
    FileArticleStore s = open();
    Revision r = s.put(sample("desk/item", "Item", "Body.\n"), null);
    assertThat(s.delete("desk/item", r)).isTrue();
    assertThat(s.get("desk/item")).isEmpty();
    s.put(sample("desk/ITEM", "Item in capitals", "Body.\n"), null);
    assertThat(Files.exists(root.resolve("desk/ITEM.md"))).isTrue();
    assertThat(Files.exists(root.resolve("desk/item.md"))).isFalse();
  }

  @Test
  void aStoreListsAgainOnceAnotherStoreWroteWhateverTheFoldersChangeTimesSay() throws IOException {
    FileArticleStore a = open();
    try (FileArticleStore b = FileArticleStore.builder(root).watching(Watching.OFF).build()) {
      b.loadAll();
      a.put(sample("news/first", "First", "Body.\n"), null);
      a.put(sample("news/second", "Second", "Body.\n"), null);
      long listed = a.folder().folderListings();
      a.put(sample("news/third", "Third", "Body.\n"), null);
      assertThat(a.folder().folderListings()).as("nothing new beside it").isEqualTo(listed);

      // Another store (as another process would) writes into the same folder, perhaps within
      // the same tick of the clock as the first store's last write: the first lists the root
      // and the folder again at its next write, though the root did not change.
      b.put(sample("news/fourth", "Fourth", "Body.\n"), null);
      assertThatThrownBy(() -> a.put(sample("news/FOURTH", "Fourth again", "Body.\n"), null))
          .isInstanceOf(InvalidIdException.class).hasMessageContaining("news/fourth");
      assertThat(a.folder().folderListings() - listed).isGreaterThanOrEqualTo(2);
      a.put(sample("news/fifth", "Fifth", "Body.\n"), null);
      assertThat(b.get("news/fifth")).isPresent();
    }
  }

  @Test
  void aFolderOfMoreNamesThanAreKeptIsListedAtEachWriteAndWritesStillFindEverySpelling() throws IOException {
    Path big = Files.createDirectories(root.resolve("big"));
    byte[] text = article("Filler", "Body.\n").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 60; i++) {
      Files.write(big.resolve("filler-" + i + ".md"), text);
    }
    // Room for 100 names: the root's listing and a small folder's, not the big one's (120).
    store = FileArticleStore.builder(root).watching(Watching.OFF).listedNames(100).build();
    FileArticleStore s = store;
    s.loadAll();
    s.put(sample("small/one", "One", "Body.\n"), null);
    s.put(sample("small/two", "Two", "Body.\n"), null); // the root listed again: small/ is new
    long before = s.folder().folderListings();
    s.put(sample("small/three", "Three", "Body.\n"), null);
    assertThat(s.folder().folderListings()).as("a small folder's listing kept").isEqualTo(before);
    s.put(sample("big/one", "One", "Body.\n"), null);
    long afterFirst = s.folder().folderListings();
    s.put(sample("big/two", "Two", "Body.\n"), null);
    assertThat(s.folder().folderListings() - afterFirst).as("the big folder listed again").isEqualTo(1);
    assertThatThrownBy(() -> s.put(sample("big/Filler-7", "Filler again", "Body.\n"), null))
        .isInstanceOf(InvalidIdException.class).hasMessageContaining("big/filler-7");
  }
}
