package dev.broadsheet.internal;

import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.Sort;
import dev.broadsheet.spi.Cursor;
import java.time.Instant;

/** Keyset cursors as the index reads them: the format is {@link Cursor}'s, shared with query engines. */
final class Cursors {
  private Cursors() {}

  record Key(Sort sort, int sticky, Instant published, String id) {}

  /** The cursor text of these sort keys, in the format of {@link Cursor}. */
  static String encode(Sort sort, int sticky, Instant published, String id) {
    return Cursor.of(sort, sticky, published == Entry.NO_DATE ? null : published, id).encode();
  }

  /**
   * The key a cursor holds.
   *
   * @throws InvalidQueryException naming the cursor when it is not one this library made, or was
   *     made for another sort
   */
  static Key decode(String cursor, Sort expected) {
    Cursor c = Cursor.decode(cursor, expected);
    // An undated article's key is NO_DATE itself: the index compares it by identity.
    return new Key(c.sort(), c.stickyWeight(), c.publishedAt() == null ? Entry.NO_DATE : c.publishedAt(), c.id());
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
      case RELEVANCE -> throw new IllegalStateException("a relevance cursor is compared by score");
    };
  }

  private static int newest(Instant published, String id, Key k) {
    int c = k.published().compareTo(published);
    return c != 0 ? c : id.compareTo(k.id());
  }
}
