package dev.broadsheet;

import java.util.Locale;
import java.util.Optional;

/**
 * The order of query results. Every order ends with the id, so it is total and stable.
 *
 * @since 0.1.0
 */
public enum Sort {
  /** stickyWeight descending, then publishedAt descending, then id ascending. */
  STICKY_FIRST("sticky"),
  /** publishedAt descending, then id ascending. */
  NEWEST("newest"),
  /** publishedAt ascending, then id ascending. */
  OLDEST("oldest"),
  /**
   * Score of the {@linkplain ArticleQuery#text() text} match descending, then id ascending; the
   * default when a query has text, and only for such a query.
   *
   * @since 0.1.0
   */
  RELEVANCE("relevance");

  private final String key;

  Sort(String key) {
    this.key = key;
  }

  /** The name query options use: {@code sticky}, {@code newest}, {@code oldest}, {@code relevance}. */
  public String key() {
    return key;
  }

  /** The sort named {@code text} ({@link #key()}, any case, surrounding space ignored), if any. */
  public static Optional<Sort> parse(String text) {
    String k = text.strip().toLowerCase(Locale.ROOT);
    for (Sort s : values()) {
      if (s.key.equals(k)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
