package dev.broadsheet.spi;

import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.QueryOption;
import dev.broadsheet.Sort;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A keyset cursor: the sort keys of the last item of a page, which the next page starts after.
 * The repository's index and every {@link QueryEngine} write and read cursors in this one
 * format, so a cursor handed out by one instance continues the same query on any other,
 * whichever way it answers queries.
 *
 * <pre>{@code
 * String next = Cursor.of(Sort.NEWEST, last.stickyWeight(), last.publishedAt(), last.id()).encode();
 * Cursor key = Cursor.decode(query.cursor(), query.sort()); // continue after key
 * }</pre>
 *
 * <p>The text is opaque to callers: URL-safe Base64 of a version byte, the sort, the sticky
 * weight, the exact publishedAt (seconds and nanoseconds), for {@link Sort#RELEVANCE} the score,
 * and the id.
 *
 * @param sort the order the cursor was made in
 * @param stickyWeight the last item's sticky weight
 * @param publishedAt the last item's publishedAt, null for an article without one (a draft),
 *     which sorts as the earliest
 * @param id the last item's id
 * @param score the last item's text match score in {@link Sort#RELEVANCE} order, 0 otherwise
 * @since 0.1.0
 */
public record Cursor(Sort sort, int stickyWeight, @Nullable Instant publishedAt, String id, float score) {
  private static final byte VERSION = 2;
  /** The version of a relevance cursor, which holds the score after the publishedAt. */
  private static final byte SCORED = 3;
  /** How an undated article is written: the earliest instant, which no article holds. */
  private static final Instant UNDATED = Instant.MIN;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  public Cursor {
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(id, "id");
  }

  /** A cursor of an order without a score. */
  public Cursor(Sort sort, int stickyWeight, @Nullable Instant publishedAt, String id) {
    this(sort, stickyWeight, publishedAt, id, 0f);
  }

  public static Cursor of(Sort sort, int stickyWeight, @Nullable Instant publishedAt, String id) {
    return new Cursor(sort, stickyWeight, publishedAt, id);
  }

  /**
   * A cursor in {@link Sort#RELEVANCE} order, after the item with this score and id.
   *
   * @since 0.1.0
   */
  public static Cursor relevance(float score, String id) {
    return new Cursor(Sort.RELEVANCE, 0, null, id, score);
  }

  /** The cursor as the text a page's {@code nextCursor} holds. */
  public String encode() {
    byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
    int head = sort == Sort.RELEVANCE ? 22 : 18;
    byte[] raw = new byte[head + idBytes.length];
    Instant published = publishedAt == null ? UNDATED : publishedAt;
    raw[0] = sort == Sort.RELEVANCE ? SCORED : VERSION;
    raw[1] = (byte) sort.ordinal();
    put(raw, 2, stickyWeight, 4);
    put(raw, 6, published.getEpochSecond(), 8);
    put(raw, 14, published.getNano(), 4);
    if (sort == Sort.RELEVANCE) {
      put(raw, 18, Float.floatToIntBits(score), 4);
    }
    System.arraycopy(idBytes, 0, raw, head, idBytes.length);
    return ENCODER.encodeToString(raw);
  }

  /** Big-endian, as {@link ByteBuffer} reads it back. */
  private static void put(byte[] into, int at, long value, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      into[at + i] = (byte) value;
      value >>>= 8;
    }
  }

  /**
   * The cursor {@code text} holds, checked to be made for {@code expected}.
   *
   * @throws InvalidQueryException naming the {@code cursor} option when the text is not a cursor
   *     this library made, or was made for another sort
   */
  public static Cursor decode(String text, Sort expected) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(expected, "expected");
    Cursor cursor = null;
    try {
      ByteBuffer b = ByteBuffer.wrap(Base64.getUrlDecoder().decode(text));
      byte version = b.remaining() >= 18 ? b.get() : 0;
      if (version == VERSION || version == SCORED) {
        int sortIndex = b.get();
        boolean scored = sortIndex == Sort.RELEVANCE.ordinal();
        if (sortIndex >= 0 && sortIndex < Sort.values().length && scored == (version == SCORED)) {
          int sticky = b.getInt();
          Instant published = Instant.ofEpochSecond(b.getLong(), b.getInt());
          float score = scored ? Float.intBitsToFloat(b.getInt()) : 0f;
          byte[] id = new byte[b.remaining()];
          b.get(id);
          if (!Float.isNaN(score)) {
            cursor = new Cursor(Sort.values()[sortIndex], sticky, published.equals(UNDATED) ? null : published,
                new String(id, StandardCharsets.UTF_8), score);
          }
        }
      }
    } catch (IllegalArgumentException | DateTimeException | BufferUnderflowException e) {
      cursor = null;
    }
    if (cursor == null) {
      throw new InvalidQueryException(QueryOption.CURSOR.key(),
          "is not a cursor this library made; use the nextCursor of the page before, with the same query");
    }
    if (cursor.sort() != expected) {
      throw new InvalidQueryException(QueryOption.CURSOR.key(),
          "was made for sort " + cursor.sort().key() + ", not " + expected.key() + "; keep the sort of the first page");
    }
    return cursor;
  }
}
