package dev.broadsheet.postgres;

import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.ArticleStoreContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract with queries answered in SQL: the store behaves the same either way. */
class PushdownContractTest extends ArticleStoreContractTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  private String schema;

  @Override
  protected ArticleStore createStore() {
    schema = TestDatabase.freshSchema();
    return PostgresArticleStore.builder(db.dataSource()).schema(schema).queryPushdown(true).build();
  }

  @Override
  protected boolean reportsOwnWrites() {
    return true;
  }

  @Override
  protected ArticleStore createStoreOnTheSameData() {
    return PostgresArticleStore.builder(db.dataSource()).schema(schema).queryPushdown(true).build();
  }
}
