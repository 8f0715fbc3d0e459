package dev.broadsheet;

import dev.broadsheet.internal.ContentHash;
import java.util.Arrays;
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

  static {
    // The parts, for the modules that store revisions as such (a snapshot keeps a content hash
    // as its two halves), and no one else.
    dev.broadsheet.internal.Revisions.register(new dev.broadsheet.internal.Revisions.Parts() {
      @Override
      public long high(Revision r) {
        return r.high;
      }

      @Override
      public long low(Revision r) {
        return r.low;
      }

      @Override
      public @Nullable String text(Revision r) {
        return r.text;
      }

      @Override
      public Revision ofHash(long high, long low) {
        return new Revision(high, low, null);
      }
    });
  }

  private static final HexFormat HEX = HexFormat.of();
  private static final int HASH_DIGITS = 32;
  /** The value of each lower-case hexadecimal digit by its code, -1 for every other ASCII code. */
  private static final byte[] DIGITS = new byte[128];

  static {
    Arrays.fill(DIGITS, (byte) -1);
    for (int i = 0; i < 10; i++) {
      DIGITS['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      DIGITS['a' + i] = (byte) (10 + i);
    }
  }

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
    if (value.length() == HASH_DIGITS) {
      // Read digit by digit through a table (a restart reads a revision for every article, and
      // this takes a third of the time of checking the text and parsing each half);
      // kept as text at the first character that is no lower-case hexadecimal digit.
      long high = 0;
      for (int i = 0; i < HASH_DIGITS / 2; i++) {
        int d = digit(value.charAt(i));
        if (d < 0) {
          return new Revision(0, 0, value);
        }
        high = high << 4 | d;
      }
      long low = 0;
      for (int i = HASH_DIGITS / 2; i < HASH_DIGITS; i++) {
        int d = digit(value.charAt(i));
        if (d < 0) {
          return new Revision(0, 0, value);
        }
        low = low << 4 | d;
      }
      return new Revision(high, low, null);
    }
    return new Revision(0, 0, value);
  }

  private static int digit(char c) {
    return c < DIGITS.length ? DIGITS[c] : -1;
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

  /** The first 64 bits of a content hash; 0 for a revision kept as text. */
  long high() {
    return high;
  }

  /** The last 64 bits of a content hash; 0 for a revision kept as text. */
  long low() {
    return low;
  }

  /** The value when it is no content hash; null for one. */
  @Nullable String text() {
    return text;
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
