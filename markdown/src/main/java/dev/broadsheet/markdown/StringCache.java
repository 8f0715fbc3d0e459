package dev.broadsheet.markdown;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small, lossy memo of the short ASCII values many articles repeat (categories, tags,
 * languages, source names), so that a listing of many files shares one {@code String} for each:
 * fewer allocations while reading and less heap afterwards.
 *
 * <p>Safe for concurrent use without locks: entries are immutable, so a racing reader sees a
 * whole entry, an older one or none, and a lost entry only costs an allocation.
 */
final class StringCache {
  private static final int SLOTS = 8192;
  private static final int LONGEST = 48;

  private static boolean same(byte[] a, byte[] b, int from, int len) {
    if (a.length != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (a[i] != b[from + i]) {
        return false;
      }
    }
    return true;
  }

  private record Entry(byte[] bytes, String text) {}

  private final Entry[] slots = new Entry[SLOTS];

  /** The text of the UTF-8 bytes {@code [from, to)}, shared when it is short ASCII. */
  String get(byte[] b, int from, int to) {
    int len = to - from;
    if (len > LONGEST) {
      return new String(b, from, len, StandardCharsets.UTF_8);
    }
    int h = len;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c < 0) {
        return new String(b, from, len, StandardCharsets.UTF_8);
      }
      h = 31 * h + c;
    }
    int slot = (h ^ (h >>> 13)) & (SLOTS - 1);
    Entry e = slots[slot];
    if (e != null && same(e.bytes, b, from, len)) {
      return e.text;
    }
    byte[] bytes = Arrays.copyOfRange(b, from, to);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    slots[slot] = new Entry(bytes, text);
    return text;
  }
}
