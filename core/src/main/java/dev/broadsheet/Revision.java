package dev.broadsheet;

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

  @Override
  public String toString() {
    return value;
  }
}
