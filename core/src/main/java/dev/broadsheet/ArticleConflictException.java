package dev.broadsheet;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a save or delete names a revision that is no longer the stored one: someone
 * else changed the article since it was read.
 *
 * @since 0.1.0
 */
public class ArticleConflictException extends BroadsheetException {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final Revision expected;
  private final Revision actual;

  public ArticleConflictException(String id, Revision expected, @Nullable Revision actual) {
    super("article '" + id + "' was changed by someone else: expected revision " + expected
        + ", but the stored revision is " + (actual == null ? Revision.NONE : actual));
    this.id = id;
    this.expected = expected;
    this.actual = actual == null ? Revision.NONE : actual;
  }

  public String id() {
    return id;
  }

  /** The revision the caller expected. */
  public Revision expected() {
    return expected;
  }

  /** The revision that is stored now, {@link Revision#NONE} if the article is gone. */
  public Revision actual() {
    return actual;
  }
}
