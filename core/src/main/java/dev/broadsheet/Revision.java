package dev.broadsheet;

import dev.broadsheet.internal.ContentHash;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An opaque version of a stored article: it changes whenever the stored article changes.
 * Pass the revision you read to {@link ArticleRepository#save(Article, Revision)} to make sure
 * nobody changed the article in between. Two revisions are equal when their {@link #value()}s
 * are.
 *
 * <p>A revision of content ({@link #ofContent}), 32 lower-case hexadecimal digits, is kept as
 * the 128 bits they spell, not as text: a repository holds one for every article, and as text
 * each took 88 bytes instead of 32.
 *
 * @since 0.1.0
 */
public final class Revision {
  /** The revision of an article that is not stored: saving with it only creates. */
  public static final Revision NONE = new Revision(0, 0, "none");

  private static final HexFormat HEX = HexFormat.of();
  private static final int HASH_DIGITS = 32;

  private final long high;
  private final long low;
  /** The value, unless it is 32 lower-case hexadecimal digits, which {@link #high} and {@link #low} hold. */
  private final @Nullable String text;

  private Revision(long high, long low, @Nullable String text) {
    this.high = high;
    this.low = low;
    this.text = text;
  }

  /**
   * The revision {@code value} names.
   *
   * @throws IllegalArgumentException if {@code value} is empty
   */
  public static Revision of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a revision must not be empty");
    }
    if (value.length() == HASH_DIGITS && lowerHex(value)) {
      return new Revision(Long.parseUnsignedLong(value, 0, 16, 16), Long.parseUnsignedLong(value, 16, 32, 16), null);
    }
    return new Revision(0, 0, value);
  }

  private static boolean lowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /**
   * The revision of an article stored as these bytes (its Markdown file): a 128-bit hash of all
   * of them, body included, so any change of content changes it. Every store that keeps an
   * article's file bytes gives it this revision, so an article has the same revision whichever
   * store holds it.
   */
  public static Revision ofContent(byte[] fileBytes) {
    Objects.requireNonNull(fileBytes, "fileBytes");
    long[] h = ContentHash.hash(fileBytes, 0, fileBytes.length);
    return new Revision(h[0], h[1], null);
  }

  /** The revision as text: what {@link #of} reads back, and what stores and clients pass around. */
  public String value() {
    return text != null ? text : HEX.toHexDigits(high) + HEX.toHexDigits(low);
  }

  @Override
  public boolean equals(Object o) {
    // A value is held one way only (as bits exactly when it is 32 lower-case hexadecimal digits),
    // so equal values are held alike.
    return o instanceof Revision r && r.high == high && r.low == low && Objects.equals(r.text, text);
  }

  @Override
  public int hashCode() {
    return text != null ? text.hashCode() : Long.hashCode(high) * 31 + Long.hashCode(low);
  }

  @Override
  public String toString() {
    return value();
  }
}
