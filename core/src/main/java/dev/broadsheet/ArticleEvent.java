package dev.broadsheet;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A change to the repository's articles, from its own writes or from outside (another process,
 * an editor).
 *
 * @param article the article after the change; null for a deletion
 * @param oldRevision the revision before; null when the article was created
 * @param newRevision the revision after; null when the article was deleted
 * @since 0.1.0
 */
public record ArticleEvent(
    Type type, String id, @Nullable Article article, @Nullable Revision oldRevision,
    @Nullable Revision newRevision) {

  public enum Type {
    CREATED,
    UPDATED,
    DELETED,
    /** A scheduled article's publishedAt came: the public sees it from now on (no write made). */
    PUBLISHED,
    /** An article's expiresAt came: the public no longer sees it (no write made). */
    UNPUBLISHED
  }

  public ArticleEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
  }
}
