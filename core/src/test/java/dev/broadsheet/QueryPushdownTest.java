package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.spi.ForwardingArticleStore;
import dev.broadsheet.spi.QueryEngine;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A store that answers queries itself is asked instead of the in-memory index. */
class QueryPushdownTest {

  /** A store whose query engine filters and sorts a list, as a database would in SQL. */
  static final class ListQueryingStore extends ForwardingArticleStore implements QueryEngine {
    final AtomicInteger queries = new AtomicInteger();

    ListQueryingStore() {
      super(new InMemoryArticleStore());
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
