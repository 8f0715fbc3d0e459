package dev.broadsheet.fs;

import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.ArticleStoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileArticleStoreContractTest extends ArticleStoreContractTest {
  @TempDir Path root;

  @Override
  protected ArticleStore createStore() throws Exception {
    return FileArticleStore.builder(root).watching(Watching.OFF).build();
  }
}
