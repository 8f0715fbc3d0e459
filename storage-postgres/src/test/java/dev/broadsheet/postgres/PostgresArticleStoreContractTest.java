package dev.broadsheet.postgres;

import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.ArticleStoreContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresArticleStoreContractTest extends ArticleStoreContractTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  private String schema;

  @Override
  protected ArticleStore createStore() {
    schema = TestDatabase.freshSchema();
    return PostgresArticleStore.builder(db.dataSource()).schema(schema).build();
  }

  @Override
  protected boolean reportsOwnWrites() {
    return true;
  }

  /** Another instance's store on the same tables. */
  @Override
  protected ArticleStore createStoreOnTheSameData() {
    return PostgresArticleStore.builder(db.dataSource()).schema(schema).build();
  }
}
