package dev.broadsheet.markdown.render;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Heading ids for one page: a slug of the heading's text, made unique by a counter suffix.
 * Not thread-safe; one instance per rendering.
 */
final class Anchors {
  /** The id of a heading without a letter or digit in its text. */
  static final String FALLBACK = "section";
  /** Longest slug, in code points, before the prefix and any counter suffix. */
  static final int MAX_SLUG = 80;

  private final String prefix;
  private final Set<String> used = new HashSet<>();
  /** Per slug, the counter to try next, so a page of many equal headings stays linear. */
  private final Map<String, Integer> counters = new HashMap<>();

  Anchors(String prefix) {
    this.prefix = prefix;
  }

  /**
   * The next id for a heading with this text: its slug the first time, then {@code slug-1},
   * {@code slug-2} and so on, skipping any id the page already has (so "a", "a", "a-1" give
   * "a", "a-1", "a-1-1").
   */
  String next(String text) {
    String base = prefix + slug(text);
    String id = base;
    int n = counters.getOrDefault(base, 1);
    while (!used.add(id)) {
      id = base + "-" + n++;
    }
    counters.put(base, n);
    return id;
  }

  /**
   * The text as an id: NFKC-normalized and lower-cased, letters (of any script), digits,
   * combining marks and underscores kept, every other run of characters turned into a single
   * hyphen, no hyphen at either end. Only those characters, so an id can never break out of
   * its attribute or contain a space.
   */
  static String slug(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_SLUG));
    boolean gap = false;
    int count = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isIdChar(cp)) {
        boolean dash = gap && sb.length() > 0;
        if (count + (dash ? 2 : 1) > MAX_SLUG) {
          break;
        }
        if (dash) {
          sb.append('-');
          count++;
        }
        gap = false;
        sb.appendCodePoint(cp);
        count++;
      } else {
        gap = true;
      }
    }
    return sb.length() == 0 ? FALLBACK : sb.toString();
  }

  private static boolean isIdChar(int cp) {
    if (Character.isLetterOrDigit(cp) || cp == '_') {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
  }
}
