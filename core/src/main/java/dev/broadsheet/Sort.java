package dev.broadsheet;

/**
 * The order of query results. Every order ends with the id, so it is total and stable.
 *
 * @since 0.1.0
 */
public enum Sort {
  /** stickyWeight descending, then publishedAt descending, then id ascending. */
  STICKY_FIRST,
  /** publishedAt descending, then id ascending. */
  NEWEST,
  /** publishedAt ascending, then id ascending. */
  OLDEST
}
