package dev.broadsheet.spi;

import dev.broadsheet.Article;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A store that passes every call to another one, for tests that change one behaviour of a real
 * store (bodies kept out of memory, a failing disk, a query engine) and keep the rest.
 */
public abstract class ForwardingArticleStore implements ArticleStore {
  protected final ArticleStore delegate;

  protected ForwardingArticleStore(ArticleStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public LoadResult loadAll() throws IOException {
    return delegate.loadAll();
  }

  @Override
  public Optional<StoredArticle> get(String id) throws IOException {
    return delegate.get(id);
  }

  @Override
  public Revision put(Article article, @Nullable Revision expected) throws IOException {
    return delegate.put(article, expected);
  }

  @Override
  public boolean delete(String id, @Nullable Revision expected) throws IOException {
    return delegate.delete(id, expected);
  }

  @Override
  public void subscribe(Consumer<StoreChange> listener) {
    delegate.subscribe(listener);
  }

  @Override
  public Optional<QueryEngine> queryEngine() {
    return delegate.queryEngine();
  }

  @Override
  public boolean partialArticles() {
    return delegate.partialArticles();
  }

  @Override
  public Optional<StoredArticle> article(String id, Revision revision) throws IOException {
    return delegate.article(id, revision);
  }

  @Override
  public java.util.List<dev.broadsheet.Problem> problems() {
    return delegate.problems();
  }

  @Override
  public void check() throws IOException {
    delegate.check();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
