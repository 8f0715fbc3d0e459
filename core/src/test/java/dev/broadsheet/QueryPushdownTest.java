package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.LoadResult;
import dev.broadsheet.spi.QueryEngine;
import dev.broadsheet.spi.StoreChange;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A store that answers queries itself is asked instead of the in-memory index. */
class QueryPushdownTest {

  /** A store whose query engine filters and sorts a list, as a database would in SQL. */
  static final class ListQueryingStore implements ArticleStore, QueryEngine {
    final InMemoryArticleStore delegate = new InMemoryArticleStore();
    final AtomicInteger queries = new AtomicInteger();

    @Override
    public LoadResult loadAll() {
      return delegate.loadAll();
    }

    @Override
    public Optional<StoredArticle> get(String id) {
      return delegate.get(id);
    }

    @Override
    public Revision put(Article article, @Nullable Revision expected) {
      return delegate.put(article, expected);
    }

    @Override
    public boolean delete(String id, @Nullable Revision expected) {
      return delegate.delete(id, expected);
    }

    @Override
    public void subscribe(Consumer<StoreChange> listener) {
      delegate.subscribe(listener);
    }

    @Override
    public Optional<QueryEngine> queryEngine() {
      return Optional.of(this);
    }

    @Override
    public Page<StoredArticle> query(ArticleQuery query, Instant now) throws IOException {
      queries.incrementAndGet();
      List<StoredArticle> all = delegate.loadAll().articles().stream()
          .filter(s -> QueryRandomizedTest.naiveMatches(s.article(), query, now))
          .sorted((x, y) -> QueryRandomizedTest.naiveOrder(query.sort()).compare(x.article(), y.article()))
          .toList();
      return Page.of(all.subList(0, Math.min(query.limit(), all.size())), null, all.size());
    }

    @Override
    public Facets facets(ArticleQuery query, Instant now) {
      return new Facets(0, java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), java.util.Map.of(),
          java.util.Map.of());
    }
  }

  @Test
  void repositoryAsksTheStoresEngineWithTheQueryAndItsNow() {
    ListQueryingStore store = new ListQueryingStore();
    Instant now = Instant.parse("2026-02-01T00:00:00Z");
    ArticleRepository repo = ArticleRepository.builder().store(store).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    new ArticleGenerator(5).articles(300).forEach(repo::save);
    ArticleQuery q = ArticleQuery.builder().categories("BUSINESS").sort(Sort.NEWEST).limit(10).build();
    Page<Article> page = repo.query(q);
    assertThat(store.queries.get()).isEqualTo(1);
    assertThat(page.items()).isNotEmpty().allSatisfy(a -> assertThat(a.category()).isEqualToIgnoringCase("BUSINESS"));
    assertThat(page.nextCursor()).isEmpty();
  }
}
