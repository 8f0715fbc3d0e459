package dev.broadsheet;

import dev.broadsheet.internal.ContentHash;
import java.util.Objects;

/**
 * An opaque version of a stored article: it changes whenever the stored article changes.
 * Pass the revision you read to {@link ArticleRepository#save(Article, Revision)} to make sure
 * nobody changed the article in between.
 *
 * @since 0.1.0
 */
public record Revision(String value) {
  /** The revision of an article that is not stored: saving with it only creates. */
  public static final Revision NONE = new Revision("none");

  public Revision {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a revision must not be empty");
    }
  }

  public static Revision of(String value) {
    return new Revision(value);
  }

  /**
   * The revision of an article stored as these bytes (its Markdown file): a 128-bit hash of all
   * of them, body included, so any change of content changes it. Every store that keeps an
   * article's file bytes gives it this revision, so an article has the same revision whichever
   * store holds it.
   */
  public static Revision ofContent(byte[] fileBytes) {
    return new Revision(ContentHash.hex(Objects.requireNonNull(fileBytes, "fileBytes")));
  }

  @Override
  public String toString() {
    return value;
  }
}
