package dev.broadsheet.internal;

import dev.broadsheet.Sort;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/** Opaque keyset cursors: the sort keys of the last item of a page. */
final class Cursors {
  private Cursors() {}

  record Key(Sort sort, int sticky, Instant published, String id) {}

  static String encode(Sort sort, int sticky, Instant published, String id) {
    String raw = "1|" + sort.name() + "|" + sticky + "|" + published.getEpochSecond() + "|"
        + published.getNano() + "|" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static Key decode(String cursor, Sort expected) {
    Key key;
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split("\\|", 6);
      if (parts.length != 6 || !parts[0].equals("1")) {
        throw new IllegalArgumentException("cursor is not one this library made: " + cursor);
      }
      Instant published = Instant.ofEpochSecond(Long.parseLong(parts[3]), Long.parseLong(parts[4]));
      if (published.equals(Entry.NO_DATE)) {
        published = Entry.NO_DATE; // compared by identity in the index
      }
      key = new Key(Sort.valueOf(parts[1]), Integer.parseInt(parts[2]), published, parts[5]);
    } catch (IllegalArgumentException | DateTimeException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("cursor")) {
        throw e;
      }
      throw new IllegalArgumentException("cursor is malformed: " + cursor, e);
    }
    if (key.sort() != expected) {
      throw new IllegalArgumentException("cursor was made for sort " + key.sort() + ", not " + expected);
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
