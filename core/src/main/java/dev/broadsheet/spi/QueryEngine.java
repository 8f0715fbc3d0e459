package dev.broadsheet.spi;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Facets;
import dev.broadsheet.Page;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Answers queries for a store that can do so itself, such as a database that pushes filters
 * and ordering down. Semantics are those of {@link ArticleQuery}: the same filters, visibility
 * at {@code now}, order, cursors (in the format of {@link Cursor}) and totals as the
 * repository's in-memory index.
 *
 * <p>An engine that {@linkplain #replacesIndex() replaces the index} answers every read of the
 * repository: the repository then keeps no index, only the id and revision of each article
 * (from {@link #revisions()}, kept current from the store's changes), and asks the store for
 * each article it hands out. Articles the engine returns are whole.
 *
 * <pre>{@code
 * public Optional<QueryEngine> queryEngine() {
 *   return Optional.of(new SqlQueryEngine(dataSource));
 * }
 * }</pre>
 *
 * <p>Implementations must be thread-safe. Methods may throw {@link IOException}; the
 * repository wraps it in a {@link dev.broadsheet.BroadsheetException}.
 *
 * @since 0.1.0
 */
public interface QueryEngine {

  /** One page of the articles matching {@code query} at {@code now}, in its order. */
  Page<StoredArticle> query(ArticleQuery query, Instant now) throws IOException;

  /** Counts per category, tag, sentiment, language and source over all matches, as {@link dev.broadsheet.Facets} orders them. */
  Facets facets(ArticleQuery query, Instant now) throws IOException;

  /**
   * Up to {@code limit} articles visible at {@code now} sharing the most tags (ignoring case)
   * with the article {@code id}, then newest first; empty when there is no such article or it
   * has no tags.
   *
   * <p>Default: throws {@link UnsupportedOperationException}, and a repository whose engine
   * does not {@linkplain #replacesIndex() replace the index} answers from its index instead;
   * engines written before this method existed keep working.
   *
   * @since 0.1.0
   */
  default List<StoredArticle> related(String id, int limit, Instant now) throws IOException {
    throw new UnsupportedOperationException("this engine does not find related articles");
  }

  /**
   * The articles just before and just after {@code id} among the matches of {@code query} at
   * {@code now}, in its order (cursor, offset and limit ignored); both null when {@code id} is
   * not a match.
   *
   * <p>Default: throws {@link UnsupportedOperationException}, as {@link #related}.
   *
   * @since 0.1.0
   */
  default Neighbours adjacent(String id, ArticleQuery query, Instant now) throws IOException {
    throw new UnsupportedOperationException("this engine does not find adjacent articles");
  }

  /**
   * The other articles visible at {@code now} with the {@code translationKey} of the article
   * {@code id}, the other language versions of its story, in any order; empty when there is no
   * such article or it has no key.
   *
   * <p>Default: throws {@link UnsupportedOperationException}, as {@link #related}.
   *
   * @since 0.1.0
   */
  default List<StoredArticle> translations(String id, Instant now) throws IOException {
    throw new UnsupportedOperationException("this engine does not find translations");
  }

  /**
   * Whether the engine answers queries with {@linkplain ArticleQuery#text() text} from the
   * matches of a {@link SearchIndex} ({@link #query(ArticleQuery, SearchIndex.TextMatches,
   * Instant)} and {@link #facets(ArticleQuery, SearchIndex.TextMatches, Instant)}). An engine
   * that {@linkplain #replacesIndex() replaces the index} and does not gets no text queries: the
   * repository refuses them. Default: false.
   *
   * @since 0.1.0
   */
  default boolean answersText() {
    return false;
  }

  /**
   * One page of the articles among {@code matches} (each id once, with its score) that match the
   * filters of {@code query} at {@code now}, in its order: for {@link dev.broadsheet.Sort#RELEVANCE}
   * by score, highest first, then by id in code point order, with {@link Cursor#relevance}
   * cursors; otherwise as {@link #query(ArticleQuery, Instant)}. The total counts the matches the
   * filters allow. An id of {@code matches} the store does not hold is left out.
   *
   * <p>Default: throws {@link UnsupportedOperationException}; needed with {@link #answersText()}.
   *
   * @since 0.1.0
   */
  default Page<StoredArticle> query(ArticleQuery query, SearchIndex.TextMatches matches, Instant now)
      throws IOException {
    throw new UnsupportedOperationException("this engine does not answer queries with text");
  }

  /**
   * How many of {@code matches} match the filters of {@code query} at {@code now}: the total of
   * {@link #query(ArticleQuery, SearchIndex.TextMatches, Instant)}. Default: that page's total;
   * an engine that counts without making a page does it in one step.
   *
   * @since 0.1.0
   */
  default int count(ArticleQuery query, SearchIndex.TextMatches matches, Instant now) throws IOException {
    return query(query.toBuilder().limit(1).offset(0).cursor(null).build(), matches, now).total();
  }

  /**
   * {@link #facets(ArticleQuery, Instant)} over the articles among {@code matches} that match the
   * filters of {@code query} at {@code now}.
   *
   * <p>Default: throws {@link UnsupportedOperationException}; needed with {@link #answersText()}.
   *
   * @since 0.1.0
   */
  default Facets facets(ArticleQuery query, SearchIndex.TextMatches matches, Instant now) throws IOException {
    throw new UnsupportedOperationException("this engine does not answer queries with text");
  }

  /**
   * Whether the engine answers every read, so that the repository keeps no index. Default:
   * false, the repository loads and indexes every article as for a store without an engine,
   * and asks the engine only for what it answers.
   *
   * @since 0.1.0
   */
  default boolean replacesIndex() {
    return false;
  }

  /**
   * The id and revision of every article the store can serve now, for an engine that {@link
   * #replacesIndex()}: what the repository calls instead of {@link ArticleStore#loadAll()}, once,
   * before {@link ArticleStore#subscribe}. As after a load, the store reports changes after this
   * state and {@link ArticleStore#problems()} holds what it cannot serve.
   *
   * <p>Default: throws {@link UnsupportedOperationException}; needed only with {@link
   * #replacesIndex()}.
   *
   * @since 0.1.0
   */
  default Map<String, Revision> revisions() throws IOException {
    throw new UnsupportedOperationException("this engine does not replace the index");
  }

  /**
   * The neighbours of an article within a query's order; either may be null.
   *
   * @since 0.1.0
   */
  record Neighbours(@Nullable StoredArticle previous, @Nullable StoredArticle next) {}
}
