package dev.broadsheet.internal;

import dev.broadsheet.Sort;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Opaque keyset cursors: the sort keys of the last item of a page. */
final class Cursors {
  private Cursors() {}

  record Key(Sort sort, int sticky, Instant published, String id) {}

  static String encode(Sort sort, Entry last) {
    String raw = "1|" + sort.name() + "|" + last.sticky + "|" + last.published.getEpochSecond() + "|"
        + last.published.getNano() + "|" + last.id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static Key decode(String cursor, Sort expected) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split("\\|", 6);
      if (parts.length != 6 || !parts[0].equals("1")) {
        throw new IllegalArgumentException("cursor is not one this library made: " + cursor);
      }
      Sort sort = Sort.valueOf(parts[1]);
      if (sort != expected) {
        throw new IllegalArgumentException("cursor was made for sort " + sort + ", not " + expected);
      }
      Instant published = Instant.ofEpochSecond(Long.parseLong(parts[3]), Long.parseLong(parts[4]));
      return new Key(sort, Integer.parseInt(parts[2]), published, parts[5]);
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("cursor")) {
        throw e;
      }
      throw new IllegalArgumentException("cursor is malformed: " + cursor, e);
    }
  }

  /** Compares an entry to a cursor key in the cursor's order: negative means before. */
  static int compare(Entry e, Key k) {
    return switch (k.sort()) {
      case NEWEST -> newest(e, k);
      case OLDEST -> {
        int c = e.published.compareTo(k.published());
        yield c != 0 ? c : e.id.compareTo(k.id());
      }
      case STICKY_FIRST -> {
        int c = Integer.compare(k.sticky(), e.sticky);
        yield c != 0 ? c : newest(e, k);
      }
    };
  }

  private static int newest(Entry e, Key k) {
    int c = k.published().compareTo(e.published);
    return c != 0 ? c : e.id.compareTo(k.id());
  }
}
