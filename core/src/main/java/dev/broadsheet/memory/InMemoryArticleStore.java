package dev.broadsheet.memory;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.LoadResult;
import dev.broadsheet.spi.StoreChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Articles held in memory. Changes made through this store directly (not through the
 * repository) reach the repository as outside changes, so an application can feed articles
 * from anywhere:
 *
 * <pre>{@code
 * InMemoryArticleStore store = new InMemoryArticleStore();
 * ArticleRepository repo = ArticleRepository.builder().store(store).build();
 * store.put(article, null);            // the repository sees it at once
 * }</pre>
 *
 * <p>Thread-safe. Revisions count up per store.
 *
 * @since 0.1.0
 */
public final class InMemoryArticleStore implements ArticleStore {
  private final Map<String, StoredArticle> articles = new ConcurrentHashMap<>();
  private final List<Consumer<StoreChange>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong counter = new AtomicLong();

  public InMemoryArticleStore() {}

  /** A store that starts out holding {@code initial}. */
  public InMemoryArticleStore(List<Article> initial) {
    for (Article a : initial) {
      articles.put(a.id(), new StoredArticle(a, next()));
    }
  }

  @Override
  public LoadResult loadAll() {
    return new LoadResult(new ArrayList<>(articles.values()), List.of());
  }

  @Override
  public Optional<StoredArticle> get(String id) {
    return Optional.ofNullable(articles.get(id));
  }

  @Override
  public Revision put(Article article, @Nullable Revision expected) {
    Objects.requireNonNull(article, "article");
    StoredArticle[] result = new StoredArticle[1];
    articles.compute(article.id(), (id, current) -> {
      check(id, current, expected);
      result[0] = new StoredArticle(article, next());
      return result[0];
    });
    fire(StoreChange.upsert(result[0]));
    return result[0].revision();
  }

  @Override
  public boolean delete(String id, @Nullable Revision expected) {
    boolean[] existed = new boolean[1];
    articles.compute(id, (k, current) -> {
      check(k, current, expected);
      existed[0] = current != null;
      return null;
    });
    if (existed[0]) {
      fire(StoreChange.deleted(id));
    }
    return existed[0];
  }

  @Override
  public void subscribe(Consumer<StoreChange> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private static void check(String id, @Nullable StoredArticle current, @Nullable Revision expected) {
    if (expected == null) {
      return;
    }
    Revision actual = current == null ? Revision.NONE : current.revision();
    if (!actual.equals(expected)) {
      throw new ArticleConflictException(id, expected, actual);
    }
  }

  private void fire(StoreChange change) {
    for (Consumer<StoreChange> l : listeners) {
      l.accept(change);
    }
  }

  private Revision next() {
    return Revision.of("m" + counter.incrementAndGet());
  }
}
