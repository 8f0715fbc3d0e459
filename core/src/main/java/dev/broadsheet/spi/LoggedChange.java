package dev.broadsheet.spi;

import dev.broadsheet.Article;
import dev.broadsheet.Revision;
import dev.broadsheet.Visibility;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change in a {@link ChangeLog}: which article, whether it was stored or deleted, its
 * revision, when, and what decides its visibility before and after the change (so that a feed
 * can tell a public change from one the public never saw, however long ago it happened).
 *
 * @param seq the change's number in its log, from 1
 * @param revision the revision the article got; null for a deletion
 * @param before the article's timing before the change; null when it did not exist
 * @param after the article's timing after the change; null for a deletion
 * @since 0.1.0
 */
public record LoggedChange(long seq, String id, Kind kind, @Nullable Revision revision, Instant at,
    @Nullable Timing before, @Nullable Timing after) {

  /** Whether the article was stored (created or changed) or deleted. */
  public enum Kind {
    UPSERT,
    DELETE
  }

  /**
   * What decides an article's visibility over time ({@link Visibility#of(boolean, Instant, Instant, Instant)}):
   * whether it is a draft, when it is published and when it expires.
   */
  public record Timing(boolean draft, @Nullable Instant publishedAt, @Nullable Instant expiresAt) {
    public static Timing of(Article a) {
      return new Timing(a.draft(), a.publishedAt(), a.expiresAt());
    }

    /** Its visibility at {@code now}. */
    public Visibility at(Instant now) {
      return Visibility.of(draft, publishedAt, expiresAt, now);
    }
  }

  public LoggedChange {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1, was " + seq);
    }
    if ((kind == Kind.DELETE) != (after == null) || (kind == Kind.DELETE) != (revision == null)) {
      throw new IllegalArgumentException("an upsert has a revision and a timing after it, a delete neither");
    }
  }
}
