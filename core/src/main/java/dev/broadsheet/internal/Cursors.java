package dev.broadsheet.internal;

import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.QueryOption;
import dev.broadsheet.Sort;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/** Opaque keyset cursors: the sort keys of the last item of a page. */
final class Cursors {
  private Cursors() {}

  record Key(Sort sort, int sticky, Instant published, String id) {}

  private static final byte VERSION = 2;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  static String encode(Sort sort, int sticky, Instant published, String id) {
    byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
    byte[] raw = new byte[18 + idBytes.length];
    raw[0] = VERSION;
    raw[1] = (byte) sort.ordinal();
    put(raw, 2, sticky, 4);
    put(raw, 6, published.getEpochSecond(), 8);
    put(raw, 14, published.getNano(), 4);
    System.arraycopy(idBytes, 0, raw, 18, idBytes.length);
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
   * The key a cursor holds.
   *
   * @throws InvalidQueryException naming the cursor when it is not one this library made, or was
   *     made for another sort
   */
  static Key decode(String cursor, Sort expected) {
    Key key = null;
    try {
      ByteBuffer b = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      if (b.remaining() >= 18 && b.get() == VERSION) {
        int sortIndex = b.get();
        if (sortIndex >= 0 && sortIndex < Sort.values().length) {
          int sticky = b.getInt();
          Instant published = Instant.ofEpochSecond(b.getLong(), b.getInt());
          if (published.equals(Entry.NO_DATE)) {
            published = Entry.NO_DATE; // compared by identity in the index
          }
          byte[] id = new byte[b.remaining()];
          b.get(id);
          key = new Key(Sort.values()[sortIndex], sticky, published, new String(id, StandardCharsets.UTF_8));
        }
      }
    } catch (IllegalArgumentException | DateTimeException | java.nio.BufferUnderflowException e) {
      key = null;
    }
    if (key == null) {
      throw new InvalidQueryException(QueryOption.CURSOR.key(),
          "is not a cursor this library made; use the nextCursor of the page before, with the same query");
    }
    if (key.sort() != expected) {
      throw new InvalidQueryException(QueryOption.CURSOR.key(),
          "was made for sort " + key.sort().key() + ", not " + expected.key() + "; keep the sort of the first page");
    }
    return key;
  }

  /** Compares an entry to a cursor key in the cursor's order: negative means before. */
  static int compare(Entry e, Key k) {
    return compare(e.sticky, e.published, e.id, k);
  }

  static int compare(int sticky, Instant published, String id, Key k) {
    return switch (k.sort()) {
      case NEWEST -> newest(published, id, k);
      case OLDEST -> {
        int c = published.compareTo(k.published());
        yield c != 0 ? c : id.compareTo(k.id());
      }
      case STICKY_FIRST -> {
        int c = Integer.compare(k.sticky(), sticky);
        yield c != 0 ? c : newest(published, id, k);
      }
    };
  }

  private static int newest(Instant published, String id, Key k) {
    int c = k.published().compareTo(published);
    return c != 0 ? c : id.compareTo(k.id());
  }
}
