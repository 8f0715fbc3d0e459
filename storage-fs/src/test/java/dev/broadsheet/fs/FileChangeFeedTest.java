package dev.broadsheet.fs;

import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.ChangeFeedContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The change feed's contract on a folder, through the store's journal, with the repository's clock. */
class FileChangeFeedTest extends ChangeFeedContractTest {
  @TempDir Path root;
  private int stores;
  private Path folder;

  /** A watching store, as an application's: it sees what other processes write. */
  @Override
  protected ArticleStore createStore() throws Exception {
    folder = Files.createDirectories(root.resolve("content-" + ++stores));
    return FileArticleStore.builder(folder).watching(Watching.LIVE).rescanInterval(Duration.ofMillis(200))
        .clock(clock).build();
  }

  /** Another writer of the folder, as another process would be (its own store, its own lock taking). */
  @Override
  protected ArticleStore outsideWriter(ArticleStore store) throws Exception {
    return FileArticleStore.builder(folder).watching(Watching.OFF).clock(clock).build();
  }

  @Override
  protected ArticleStore reopen() throws Exception {
    return FileArticleStore.builder(folder).watching(Watching.LIVE).rescanInterval(Duration.ofMillis(200))
        .clock(clock).build();
  }
}
