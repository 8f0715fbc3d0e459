package dev.broadsheet;

/**
 * Hears how long each operation of an {@link ArticleRepository} took and how it ended: for
 * metrics, such as {@code BroadsheetMetrics} in the module {@code broadsheet-metrics}. Registered
 * explicitly on a built repository; with none registered, the repository does not read the clock
 * for them at all.
 *
 * <pre>{@code
 * RepositoryObserver.Registration r = repository.observe((operation, nanos, outcome) ->
 *     log.debug(operation + " took " + nanos + " ns: " + outcome));
 * ...
 * r.close();   // no more calls
 * }</pre>
 *
 * <p>Called on the thread that ran the operation, after it: keep it short, and do not call back
 * into the repository. A {@link RuntimeException} it throws is logged and otherwise ignored.
 * Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RepositoryObserver {
  /**
   * One operation took {@code nanos} nanoseconds and ended with {@code outcome}.
   *
   * @since 0.1.0
   */
  void observed(Operation operation, long nanos, Outcome outcome);

  /** What the repository did. */
  enum Operation {
    /** {@link ArticleRepository#query}. */
    QUERY,
    /** {@link ArticleRepository#count}. */
    COUNT,
    /** {@link ArticleRepository#facets}. */
    FACETS,
    /** {@link ArticleRepository#related}. */
    RELATED,
    /** {@link ArticleRepository#find} (or {@code get}) answered from memory, the store not asked. */
    FIND,
    /**
     * A whole article read from the store: a {@link ArticleRepository#find} of a store that keeps
     * articles partial in memory (the file store, say) or answers queries itself, or an article
     * of such a store handed out in a page.
     */
    LOAD,
    /** {@link ArticleRepository#save}. */
    SAVE,
    /** {@link ArticleRepository#delete}. */
    DELETE
  }

  /** How an operation ended. */
  enum Outcome {
    /** It did what was asked. */
    OK,
    /** A save or delete whose expected revision was not the stored one ({@link ArticleConflictException}). */
    CONFLICT,
    /** An article or query the repository refused ({@link InvalidArticleException}, {@link InvalidQueryException}). */
    INVALID,
    /** It failed otherwise: the store failed, say. */
    FAILED
  }

  /** An observer's place on a repository; {@link #close()} takes it off. */
  interface Registration extends AutoCloseable {
    /** Stops the calls; later calls to close do nothing. */
    @Override
    void close();
  }
}
