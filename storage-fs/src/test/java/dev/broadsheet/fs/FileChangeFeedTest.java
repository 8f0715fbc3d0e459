package dev.broadsheet.fs;

import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.ChangeFeedContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The change feed's contract on a folder, through the store's journal, with the repository's clock. */
class FileChangeFeedTest extends ChangeFeedContractTest {
  @TempDir Path root;
  private int stores;

  @Override
  protected ArticleStore createStore() throws Exception {
    Path folder = Files.createDirectories(root.resolve("content-" + ++stores));
    return FileArticleStore.builder(folder).watching(Watching.OFF).clock(clock).build();
  }
}
