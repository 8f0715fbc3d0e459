package dev.broadsheet.spi;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleField;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where articles are kept: in memory, in files, in a database. An {@link
 * dev.broadsheet.ArticleRepository} loads everything once, then keeps its own index and calls
 * the store for writes, and, for a store with {@link #partialArticles()}, for each article it
 * hands out. A store whose {@link #queryEngine()} {@linkplain QueryEngine#replacesIndex()
 * replaces the index} is asked for every read instead, and its {@link #loadAll()} is not called.
 *
 * <p>Implementations must be thread-safe. Methods may throw {@link IOException}; the
 * repository wraps it in a {@link dev.broadsheet.BroadsheetException}.
 *
 * @since 0.1.0
 */
public interface ArticleStore extends AutoCloseable {

  /**
   * Every article the store holds, and the problems of what it could not load. A store that
   * keeps its articles encoded may return {@linkplain StoredArticle#decodedLater stored articles
   * decoded when first asked for}: the repository reads their ids and revisions alone when its
   * index is kept.
   */
  LoadResult loadAll() throws IOException;

  /** One article, as stored now. */
  Optional<StoredArticle> get(String id) throws IOException;

  /**
   * Stores {@code article}.
   *
   * @param expected the revision the caller read, {@link Revision#NONE} to create only, or null
   *     to write whatever is stored
   * @return the new revision
   * @throws ArticleConflictException when {@code expected} is not the stored revision
   */
  Revision put(Article article, @Nullable Revision expected) throws IOException;

  /**
   * Deletes an article.
   *
   * @param expected the revision the caller read, or null to delete whatever is stored
   * @return whether there was an article to delete
   * @throws ArticleConflictException when {@code expected} is not the stored revision
   */
  boolean delete(String id, @Nullable Revision expected) throws IOException;

  /**
   * Registers the one listener for changes made outside the repository (another process, an
   * editor, an application feeding the store directly). A store may also report the
   * repository's own writes; the repository ignores changes it already holds.
   */
  void subscribe(Consumer<StoreChange> listener);

  /**
   * The problems of what the store holds now but cannot serve (broken files, say), kept
   * current as things change. Default: none.
   */
  default List<Problem> problems() {
    return List.of();
  }

  /**
   * Fails when the store cannot be read now: its folder is gone or unreadable, its database does
   * not answer. For health checks, which may call it on every request of a monitor: it must be
   * cheap, one look at the store and no loading or scanning. Default: nothing to check.
   *
   * @throws IOException when the store cannot be read
   * @since 0.1.0
   */
  default void check() throws IOException {}

  /**
   * Whether {@link #loadAll()} returns partial articles, to keep memory bounded: each holds only
   * what the index reads (see {@link #partial}), and the repository fetches the whole article
   * with {@link #article} when it hands one out.
   */
  default boolean partialArticles() {
    return false;
  }

  /**
   * The whole article as stored now, with its revision, for stores with {@link
   * #partialArticles()}; empty when it is gone or can no longer be read. {@code revision} is
   * the one the repository's index holds: a store may cache by it, but returns what it holds
   * now, and the repository compares the two.
   */
  default Optional<StoredArticle> article(String id, Revision revision) throws IOException {
    throw new UnsupportedOperationException("this store loads whole articles");
  }

  /**
   * {@link #article} for each of {@code known} (the articles as the repository's index holds
   * them, partial, with their revisions), in the same order: what a page of a query hands out.
   * Default: one after the other. A store may read those it has to read at once.
   *
   * @since 0.1.0
   */
  default List<Optional<StoredArticle>> articles(List<StoredArticle> known) throws IOException {
    List<Optional<StoredArticle>> out = new java.util.ArrayList<>(known.size());
    for (StoredArticle k : known) {
      out.add(article(k.id(), k.revision()));
    }
    return out;
  }

  /**
   * The store's durable log of changes, for a change feed that survives restarts; empty when it
   * keeps none, and the repository then keeps one in memory. A store that returns one appends
   * every change it makes or sees to it before telling its listener.
   */
  default Optional<ChangeLog> changeLog() {
    return Optional.empty();
  }

  /**
   * The article's file exactly as stored, for copying articles between stores byte for byte;
   * empty when the store holds no article {@code id} in this spelling. Stores that keep
   * articles rather than files (the in-memory store) throw {@link UnsupportedOperationException}.
   *
   * @throws dev.broadsheet.InvalidIdException when the id breaks the rules of {@link
   *     dev.broadsheet.ArticleIds}
   */
  default Optional<byte[]> file(String id) throws IOException {
    throw new UnsupportedOperationException("this store keeps articles, not their files");
  }

  /**
   * Stores {@code content} as the file of article {@code id}, byte for byte, if the store's
   * revision of it is {@code expected} ({@link Revision#NONE}: create only; null: whatever is
   * stored). The counterpart of {@link #file} for copying; a repository on the store learns of
   * the write through its listener, as of any write it did not make.
   *
   * @return the new revision, {@link Revision#ofContent} of {@code content}
   * @throws dev.broadsheet.ArticleConflictException when {@code expected} is not the stored
   *     revision
   * @throws dev.broadsheet.InvalidArticleException when the store keeps only valid articles and
   *     {@code content} is none
   */
  default Revision putFile(String id, byte[] content, @Nullable Revision expected) throws IOException {
    throw new UnsupportedOperationException("this store keeps articles, not their files");
  }

  /**
   * The part of {@code article} the repository's index reads: its id and the fields the schema
   * marks {@linkplain ArticleField#indexed() indexed} (publishedAt, expiresAt, lang, the
   * source's key, category, tags, stickyWeight, sentiment and draft). Everything else is left
   * empty. What stores with {@link #partialArticles()} return from {@link #loadAll()}.
   */
  static Article partial(Article article) {
    Article.Builder b = Article.builder(article.id());
    for (ArticleField f : ArticleField.topLevel()) {
      if (!f.indexed()) {
        continue;
      }
      if (f.type() != ArticleField.Type.GROUP) {
        f.set(b, f.get(article));
        continue;
      }
      List<ArticleField> children = f.children();
      Object[] values = new Object[children.size()];
      for (int i = 0; i < values.length; i++) {
        ArticleField c = children.get(i);
        values[i] = c.indexed() ? c.get(article) : null;
      }
      f.set(b, ArticleField.allNull(values) ? null : f.group(values));
    }
    return b.build();
  }

  /**
   * The store's own query engine, for stores that answer queries better themselves (a database
   * pushing filters down). Empty by default: the repository uses its in-memory index. Called
   * once, when the repository is built.
   */
  default Optional<QueryEngine> queryEngine() {
    return Optional.empty();
  }

  @Override
  default void close() throws IOException {}
}
