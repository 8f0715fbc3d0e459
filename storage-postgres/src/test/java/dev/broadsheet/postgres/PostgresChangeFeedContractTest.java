package dev.broadsheet.postgres;

import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.ChangeFeedContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The change feed's contract on PostgreSQL, through the changes table, with the repository's clock. */
class PostgresChangeFeedContractTest extends ChangeFeedContractTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private record Made(PostgresArticleStore store, String schema) {}

  private final List<Made> made = new ArrayList<>();

  /** Whether queries, and so the feed's reads of articles, go to SQL. */
  protected boolean pushdown() {
    return false;
  }

  @Override
  protected ArticleStore createStore() {
    String schema = TestDatabase.freshSchema();
    PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema).clock(clock)
        .queryPushdown(pushdown()).build();
    made.add(new Made(store, schema));
    return store;
  }

  /** Another instance on the same tables. */
  @Override
  protected ArticleStore outsideWriter(ArticleStore store) {
    Made last = made.get(made.size() - 1);
    return PostgresArticleStore.builder(db.dataSource()).schema(last.schema()).clock(clock).build();
  }

  /** The store again on the same tables; the one before is closed with its repository. */
  @Override
  protected ArticleStore reopen() {
    String schema = made.get(made.size() - 1).schema();
    PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema).clock(clock)
        .queryPushdown(pushdown()).build();
    made.add(new Made(store, schema));
    return store;
  }

  /** Until the live store's feed reaches the last change in its table: its follower passed it. */
  @Override
  protected void settle() throws Exception {
    if (made.isEmpty()) {
      return;
    }
    Made m = made.get(made.size() - 1);
    long last = ((Number) db.queryOne("SELECT coalesce(max(seq), 0) FROM \"" + m.schema() + "\".broadsheet_changes"))
        .longValue();
    TestDatabase.await("the feed of " + m.schema() + " to reach change " + last, 15, () -> {
      try {
        return m.store().changeLog().orElseThrow().head() >= last;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
