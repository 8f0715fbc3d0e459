package dev.broadsheet.internal;

/**
 * Text made safe to print on one line of a terminal, a log or a problem document: every control
 * character, line or paragraph separator, bidirectional override and unpaired surrogate is
 * shown as a {@code \}{@code uXXXX} escape, so that a file named {@code "a\nb.md"} cannot forge a
 * second line of output, and text cannot reorder what follows it.
 */
public final class Printable {
  private Printable() {}

  /** {@code text} with every character that could forge or hide output escaped. */
  public static String of(String text) {
    int i = 0;
    int n = text.length();
    while (i < n && !needsEscape(text, i)) {
      i++;
    }
    if (i == n) {
      return text;
    }
    StringBuilder b = new StringBuilder(n + 16).append(text, 0, i);
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (needsEscape(text, i)) {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** As {@link #of}, cut to at most {@code max} characters of the original with "..." after. */
  public static String of(String text, int max) {
    return text.length() <= max ? of(text) : of(text.substring(0, max)) + "...";
  }

  private static boolean needsEscape(String s, int i) {
    char c = s.charAt(i);
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
      return true;
    }
    if (c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200E || c == 0x200F || c == 0x061C) {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
