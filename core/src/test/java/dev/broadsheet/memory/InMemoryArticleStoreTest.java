package dev.broadsheet.memory;

import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.ArticleStoreContractTest;

class InMemoryArticleStoreTest extends ArticleStoreContractTest {
  @Override
  protected ArticleStore createStore() {
    return new InMemoryArticleStore();
  }

  @Override
  protected boolean reportsOwnWrites() {
    return true;
  }
}
