package dev.broadsheet.postgres;

import static dev.broadsheet.postgres.TestDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.Health;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.spi.LoadResult;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database going away: a clear exception for what cannot be done, nothing half-done, the
 * last snapshot served meanwhile, and the change log followed again once it is back.
 */
class FailuresTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  /** A pool of this test's own: one that saw the database go away may wait a while to retry. */
  private final HikariDataSource pool = db.pool(8);

  private PostgresArticleStore.Builder store(String schema) {
    return PostgresArticleStore.builder(pool).schema(schema).pollInterval(Duration.ofMillis(100));
  }

  /** Brings the database back, and waits until the pool can connect to it again. */
  private void bringBack(PostgresArticleStore store) throws Exception {
    db.bringBack();
    await("connections to be had again", 30, () -> {
      try {
        store.check();
        return true;
      } catch (IOException e) {
        return false;
      }
    });
  }

  @Test
  void aRepositoryCannotStartWithoutTheDatabaseAndSaysWhy() throws Exception {
    String schema = TestDatabase.freshSchema();
    PostgresArticleStore store = store(schema).build();
    db.takeDown();
    try {
      assertThatThrownBy(() -> ArticleRepository.builder().store(store).build())
          .isInstanceOf(BroadsheetException.class)
          .hasMessageStartingWith("storage failed: cannot load articles from PostgreSQL: ");
      assertThatThrownBy(store::check).isInstanceOf(IOException.class)
          .hasMessageStartingWith("cannot reach PostgreSQL: ");
    } finally {
      bringBack(store);
    }
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      assertThat(repo.size()).isZero();
      assertThat(repo.health().status()).isEqualTo(Health.Status.OK);
    }
  }

  @Test
  void whileTheDatabaseIsDownTheSnapshotIsServedAndAfterwardsTheLogIsFollowedAgain() throws Exception {
    String schema = TestDatabase.freshSchema();
    try (PostgresArticleStore other = store(schema).build();
        ArticleRepository repo = ArticleRepository.builder().store(store(schema).build()).build();
        ArticleRepository uncached = ArticleRepository.builder().store(store(schema).articleCacheBytes(0).build())
            .build()) {
      for (String id : List.of("2026/04/a", "2026/04/b", "2026/04/c")) {
        repo.save(Samples.article(id));
      }
      await("the other repository caught up", 10, () -> uncached.size() == 3);
      assertThat(repo.query(ArticleQuery.all()).items()).hasSize(3); // read once: in the cache now

      db.takeDown();
      try {
        assertThat(repo.health().status()).isEqualTo(Health.Status.DOWN);
        // Queries answer from the index, and whole articles from the cache.
        assertThat(repo.query(ArticleQuery.all()).items()).extracting(Article::id)
            .containsExactlyInAnyOrder("2026/04/a", "2026/04/b", "2026/04/c");
        assertThat(repo.facets(ArticleQuery.all()).categories()).containsEntry("CITY", 3);
        assertThat(repo.count(ArticleQuery.all())).isEqualTo(3);
        // An instance that keeps no whole articles counts, but cannot hand one out.
        assertThat(uncached.count(ArticleQuery.all())).isEqualTo(3);
        assertThatThrownBy(() -> uncached.query(ArticleQuery.all()))
            .isInstanceOf(BroadsheetException.class)
            .hasMessageContaining("cannot read article '2026/04/");
        // A save fails whole, and says so; the index is left as it was.
        assertThatThrownBy(() -> repo.save(Samples.article("2026/04/lost")))
            .isInstanceOf(BroadsheetException.class)
            .hasMessageStartingWith("storage failed: cannot save article '2026/04/lost' to PostgreSQL: ");
        assertThat(repo.size()).isEqualTo(3);
      } finally {
        bringBack(other);
      }
      Revision r = other.put(Samples.article("2026/04/after"), Revision.NONE);
      await("a change made once it is back", 30, () -> repo.find("2026/04/after").isPresent()
          && uncached.find("2026/04/after").isPresent());
      assertThat(repo.find("2026/04/after").orElseThrow().revision()).isEqualTo(r);
      assertThat(other.get("2026/04/lost")).isEmpty();
      assertThat(repo.health().status()).isEqualTo(Health.Status.OK);
    }
  }

  @Test
  void aLoadCutOffMidwayFailsCleanlyAndKeepsNothingOfIt() throws Exception {
    String schema = TestDatabase.freshSchema();
    PostgresArticleStore store = store(schema).fetchSize(1).build();
    store.putFile("broken", "---\ntitle: [\n---\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
    store.put(Samples.article("2026/04/template"), null);
    List<Problem> problems = store.loadAll().problems();
    assertThat(problems).hasSize(1);
    // Twenty thousand rows, copies of one, so that fetching them one by one takes a while.
    db.execute("INSERT INTO " + schema + ".broadsheet_articles (key, id, revision, content, published_at, category) "
        + "SELECT 'bulk/' || i, 'bulk/' || i, revision, content, published_at, category "
        + "FROM " + schema + ".broadsheet_articles, generate_series(1, 20000) AS i WHERE id = '2026/04/template'");

    CompletableFuture<LoadResult> load = CompletableFuture.supplyAsync(() -> {
      try {
        return store.loadAll();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    await("the load under way", 30, () -> loaders() > 0 || load.isDone());
    db.queryOne("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ? AND query LIKE ?",
        db.name(), "SELECT id, key, revision,%");
    assertThatThrownBy(load::get)
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(java.io.UncheckedIOException.class)
        .cause().isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot load articles from PostgreSQL: ");
    assertThat(store.problems()).isEqualTo(problems);
    try (PostgresArticleStore again = store(schema).build()) {
      assertThat(again.loadAll().articles()).hasSize(20_001);
    }
  }

  private static long loaders() {
    try {
      return (Long) db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND query LIKE ?",
          db.name(), "SELECT id, key, revision,%");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
