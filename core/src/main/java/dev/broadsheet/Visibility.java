package dev.broadsheet;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether the public sees an article at a moment, and if not, why: the one rule every query,
 * page, feed and export applies.
 *
 * <pre>{@code
 * if (Visibility.of(article, clock.instant()) != Visibility.PUBLIC) {
 *   return notFound();
 * }
 * }</pre>
 *
 * <p>A draft is never public. Otherwise an article is scheduled while its {@code publishedAt}
 * is after now, and expired once its {@code expiresAt} is at or before now. An article without
 * a {@code publishedAt} (only a draft may lack one) is not scheduled; one without an {@code
 * expiresAt} never expires. Draft comes first, then scheduled, then expired.
 *
 * @since 0.1.0
 */
public enum Visibility {
  PUBLIC("Public"),
  DRAFT("Draft"),
  SCHEDULED("Scheduled"),
  EXPIRED("Expired");

  private final String label;

  Visibility(String label) {
    this.label = label;
  }

  /** What a preview shows for it: "Draft", "Scheduled", "Expired", or "Public". */
  public String label() {
    return label;
  }

  public boolean isPublic() {
    return this == PUBLIC;
  }

  /** The visibility of {@code article} at {@code now}. */
  public static Visibility of(Article article, Instant now) {
    return of(article.draft(), article.publishedAt(), article.expiresAt(), now);
  }

  /** The visibility of an article with these fields at {@code now}. */
  public static Visibility of(boolean draft, @Nullable Instant publishedAt, @Nullable Instant expiresAt, Instant now) {
    Objects.requireNonNull(now, "now");
    if (draft) {
      return DRAFT;
    }
    if (isScheduled(publishedAt, now)) {
      return SCHEDULED;
    }
    if (isExpired(expiresAt, now)) {
      return EXPIRED;
    }
    return PUBLIC;
  }

  /** Whether an article published at {@code publishedAt} is still to come at {@code now}. */
  public static boolean isScheduled(@Nullable Instant publishedAt, Instant now) {
    return publishedAt != null && publishedAt.isAfter(now);
  }

  /** Whether an article expiring at {@code expiresAt} has expired at {@code now}. */
  public static boolean isExpired(@Nullable Instant expiresAt, Instant now) {
    return expiresAt != null && !expiresAt.isAfter(now);
  }

  /**
   * The next instant after {@code now} at which the article's visibility changes with time
   * alone (it goes live, or expires); null when none will. Drafts change only by an edit.
   */
  public static @Nullable Instant nextChange(Article article, Instant now) {
    if (article.draft()) {
      return null;
    }
    if (isScheduled(article.publishedAt(), now)) {
      return article.publishedAt();
    }
    Instant expires = article.expiresAt();
    return expires != null && expires.isAfter(now) ? expires : null;
  }
}
