package dev.broadsheet.postgres;

/** The change feed's contract with queries answered in SQL: the feed reads articles through them. */
class PushdownChangeFeedContractTest extends PostgresChangeFeedContractTest {
  @Override
  protected boolean pushdown() {
    return true;
  }
}
