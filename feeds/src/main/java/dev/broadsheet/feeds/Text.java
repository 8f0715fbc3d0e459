package dev.broadsheet.feeds;

/**
 * Text as every output carries it: without the characters XML 1.0 cannot hold (controls other
 * than tab and line breaks, lone surrogates, U+FFFE and U+FFFF) and those it discourages
 * (the other noncharacters, C1 controls), so that any article gives well-formed output. JSON
 * could carry more, but a feed says the same in each format.
 */
final class Text {
  private Text() {}

  static String clean(String s) {
    int n = s.length();
    for (int i = 0; i < n; ) {
      int c = s.codePointAt(i);
      if (!kept(c)) {
        return dropFrom(s, i);
      }
      i += Character.charCount(c);
    }
    return s;
  }

  private static String dropFrom(String s, int from) {
    StringBuilder b = new StringBuilder(s.length()).append(s, 0, from);
    for (int i = from; i < s.length(); ) {
      int c = s.codePointAt(i);
      if (kept(c)) {
        b.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    return b.toString();
  }

  /** Whether XML 1.0 takes {@code c} without discouraging it. */
  static boolean kept(int c) {
    if (c < 0x20) {
      return c == 0x9 || c == 0xA || c == 0xD;
    }
    if (c >= 0x7F && c <= 0x9F) {
      return false;
    }
    if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
      return false; // a surrogate on its own: codePointAt found no pair
    }
    if (c >= 0xFDD0 && c <= 0xFDEF) {
      return false;
    }
    return (c & 0xFFFE) != 0xFFFE;
  }
}
