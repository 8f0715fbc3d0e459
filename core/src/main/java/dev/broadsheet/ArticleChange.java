package dev.broadsheet;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One item of the change feed ({@link ArticleRepository#changes}): which article, what happened
 * to it as the feed's audience sees it, its revision, and when.
 *
 * @param revision the article's revision after the change; null for a deletion
 * @param at when the change took effect: when it was stored, or the instant an article went
 *     live or expired
 * @since 0.1.0
 */
public record ArticleChange(String id, Kind kind, @Nullable Revision revision, Instant at) {

  /** What happened, as the feed's audience sees it. */
  public enum Kind {
    /** Created visible, or changed and visible before and after. */
    UPSERT,
    /** Deleted; it was visible before. */
    DELETE,
    /** An existing article became visible: its publishedAt passed, or an edit made it public. */
    PUBLISHED,
    /** Stopped being visible: its expiresAt passed, or an edit made it a draft or scheduled it. */
    UNPUBLISHED;

    /** The lower-case name the HTTP API uses: upsert, delete, published, unpublished. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ArticleChange {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
  }
}
