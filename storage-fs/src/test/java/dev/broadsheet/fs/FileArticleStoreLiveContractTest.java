package dev.broadsheet.fs;

import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.ArticleStoreContractTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The store contract with the watcher running, as applications use it. */
class FileArticleStoreLiveContractTest extends ArticleStoreContractTest {
  @TempDir Path root;

  @Override
  protected ArticleStore createStore() throws Exception {
    return FileArticleStore.builder(root).watching(Watching.LIVE).rescanInterval(Duration.ofMillis(200)).build();
  }

  /** Another process's store on the same folder, which writes without telling this one. */
  @Override
  protected ArticleStore createStoreOnTheSameData() throws Exception {
    return FileArticleStore.builder(root).watching(Watching.OFF).build();
  }
}
