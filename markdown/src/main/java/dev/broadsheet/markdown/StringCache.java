package dev.broadsheet.markdown;

import java.nio.charset.StandardCharsets;

/**
 * A small, lossy memo of the short ASCII values many articles repeat (categories, tags,
 * languages, source names), so that a listing of many files shares one {@code String} for each:
 * fewer allocations while reading and less heap afterwards.
 *
 * <p>Safe for concurrent use without locks: strings are immutable, so a racing reader sees a
 * whole string, an older one or none, and a lost entry only costs an allocation.
 */
final class StringCache {
  private static final int SLOTS = 8192;
  private static final int LONGEST = 48;

  private final String[] slots = new String[SLOTS];

  /** The text of the UTF-8 bytes {@code [from, to)}, shared when it is short ASCII. */
  String get(byte[] b, int from, int to) {
    int len = to - from;
    if (len > LONGEST) {
      return new String(b, from, len, StandardCharsets.UTF_8);
    }
    int h = 0;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c < 0) {
        return new String(b, from, len, StandardCharsets.UTF_8);
      }
      h = 31 * h + c;
    }
    int slot = (h ^ (h >>> 13)) & (SLOTS - 1);
    String s = slots[slot];
    if (s != null && s.length() == len && matches(s, b, from)) {
      return s;
    }
    s = new String(b, from, len, StandardCharsets.ISO_8859_1);
    slots[slot] = s;
    return s;
  }

  private static boolean matches(String s, byte[] b, int from) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != b[from + i]) {
        return false;
      }
    }
    return true;
  }
}
