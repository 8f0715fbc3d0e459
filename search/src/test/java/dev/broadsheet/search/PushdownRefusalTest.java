package dev.broadsheet.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Facets;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.Page;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.spi.ForwardingArticleStore;
import dev.broadsheet.spi.QueryEngine;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A store whose engine answers every query itself and takes no text matches gets no text queries. */
class PushdownRefusalTest {
  /** An engine that replaces the index, answering from the store's list. */
  static final class AnsweringStore extends ForwardingArticleStore implements QueryEngine {
    AnsweringStore(List<Article> articles) {
      super(new InMemoryArticleStore(articles));
    }

    @Override
    public Optional<QueryEngine> queryEngine() {
      return Optional.of(this);
    }

    @Override
    public boolean replacesIndex() {
      return true;
    }

    @Override
    public Map<String, Revision> revisions() throws IOException {
      Map<String, Revision> out = new HashMap<>();
      for (StoredArticle s : delegate.loadAll().articles()) {
        out.put(s.id(), s.revision());
      }
      return out;
    }

    @Override
    public Page<StoredArticle> query(ArticleQuery query, Instant now) throws IOException {
      List<StoredArticle> all = delegate.loadAll().articles();
      return Page.of(all, null, all.size());
    }

    @Override
    public Facets facets(ArticleQuery query, Instant now) {
      return new Facets(0, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }
  }

  @Test
  void refusesTextSayingWhy() {
    Article a = Article.builder("a").title("Harbour ferry").body("ferry").build();
    try (ArticleRepository repo = ArticleRepository.builder()
        .store(new AnsweringStore(List.of(a))).search(LuceneSearch.builder().build()).build()) {
      assertThat(repo.query(ArticleQuery.all()).items()).hasSize(1);
      assertThatThrownBy(() -> repo.query(ArticleQuery.builder().text("ferry").build()))
          .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.option()).isEqualTo("q"))
          .hasMessageContaining("the store's query engine answers every query (query pushdown) and takes no text matches");
    }
  }
}
