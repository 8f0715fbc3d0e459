package dev.broadsheet.markdown.lint;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Finds UTF-8 text that was decoded as Windows-1252 or Latin-1: runs of characters whose
 * single-byte encodings form valid multi-byte UTF-8 sequences, such as {@code â€¦} (the bytes E2
 * 80 A6, which are {@code …}) or {@code Ã©} ({@code é}).
 *
 * <p>Text in any language that was read correctly has few such runs by accident; the ones it
 * does have come from a capital letter or accented letter followed by closing punctuation
 * ({@code IRMÃ”}, {@code CAFÉ…}, {@code été…»}). Three checks keep those out: the sequence must
 * decode to a character of a script that real mojibake comes from; a sequence of a letter and
 * closing punctuation only, at the end of a word, counts only when the letter is a capital
 * after a small letter (as in {@code sÄ…}, a garbled {@code są}, but not {@code CAFÉ…}); and
 * the multiplication sign, which starts garbled Hebrew, counts only in a run of two or more.
 */
final class Mojibake {
  /**
   * Windows-1252's characters for the bytes 0x80 to 0x9F; the five bytes it leaves undefined
   * are read as the C1 controls of the same value, as browsers and Latin-1 do.
   */
  private static final String CP1252_80_9F =
      "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F"
          + "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

  /** Punctuation that follows a word in correct text, and so may follow an accented letter. */
  private static final String CLOSING =
      "\u2026\u2019\u2018\u201D\u201C\u00BB\u00AB\u2013\u2014\u2022\u203A\u2039\u201E\u201A";

  private Mojibake() {}

  /** A garbled run {@code [start, end)} and the text it stands for. */
  record Match(int start, int end, String garbled, String repaired) {}

  /** The first garbled run in {@code text[from, to)}, or null. */
  static @Nullable Match find(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      int length = sequenceAt(text, i, to, false);
      if (length > 0) {
        return run(text, i, length, to);
      }
    }
    return null;
  }

  /**
   * The run that starts with a sequence of {@code length} characters at {@code start}, extended
   * over the sequences that follow it.
   */
  private static @Nullable Match run(String text, int start, int length, int to) {
    int end = start + length;
    int sequences = 1;
    for (int next; end < to && (next = sequenceAt(text, end, to, true)) > 0; end += next) {
      sequences++;
    }
    if (sequences == 1 && text.charAt(start) == '\u00D7') {
      // "×" followed by one symbol ("2×²") is ordinary text; garbled Hebrew is a run of them.
      return find(text, start + 1, to);
    }
    byte[] bytes = new byte[end - start];
    for (int i = start; i < end; i++) {
      bytes[i - start] = (byte) byteOf(text.charAt(i));
    }
    return new Match(start, end, text.substring(start, end), new String(bytes, StandardCharsets.UTF_8));
  }

  /**
   * The length of the garbled sequence starting at {@code i} (2 to 4 characters), or 0 when
   * none starts there; {@code inRun} when garbled text comes right before it, so that it is not
   * the end of a correct word.
   */
  private static int sequenceAt(String text, int i, int to, boolean inRun) {
    int lead = byteOf(text.charAt(i));
    int continuations;
    if (lead >= 0xC2 && lead <= 0xDF) {
      continuations = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      continuations = 2;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      continuations = 3;
    } else {
      return 0;
    }
    if (i + continuations >= to) {
      return 0;
    }
    int codePoint = lead & (0x3F >> continuations);
    for (int k = 1; k <= continuations; k++) {
      int b = byteOf(text.charAt(i + k));
      if (b < 0x80 || b > 0xBF) {
        return 0;
      }
      codePoint = (codePoint << 6) | (b & 0x3F);
    }
    if (!plausible(codePoint, continuations) || (!inRun && looksLikeWordEnd(text, i, continuations, to))) {
      return 0;
    }
    return continuations + 1;
  }

  /**
   * Whether a decoded character is one real text would hold, with the overlong forms and
   * surrogates that UTF-8 does not allow ruled out by the ranges.
   */
  private static boolean plausible(int cp, int continuations) {
    return switch (continuations) {
      // Latin, combining marks (text decomposed as on macOS), Greek, Cyrillic, Hebrew, Arabic.
      case 1 -> (cp >= 0xA0 && cp <= 0x24F)
          || (cp >= 0x300 && cp <= 0x52F)
          || (cp >= 0x590 && cp <= 0x6FF);
      // Everything from U+0800 up but surrogates, private use and noncharacters.
      case 2 -> cp >= 0x800
          && !(cp >= 0xD800 && cp <= 0xF8FF)
          && !(cp >= 0xFDD0 && cp <= 0xFDEF)
          && cp < 0xFFFE;
      // Supplementary planes (emoji, rare CJK) but private use.
      default -> cp >= 0x10000 && cp < 0xF0000;
    };
  }

  /**
   * Whether the sequence at {@code i} is a letter followed only by closing punctuation, at the
   * end of a word, as correct text has it ({@code CAFÉ…}, {@code été…»}); unless the letter is a
   * capital right after a small letter, which correct text does not have.
   */
  private static boolean looksLikeWordEnd(String text, int i, int continuations, int to) {
    for (int k = 1; k <= continuations; k++) {
      if (CLOSING.indexOf(text.charAt(i + k)) < 0) {
        return false;
      }
    }
    int after = i + continuations + 1;
    if (after < to && Character.isLetterOrDigit(text.codePointAt(after))) {
      return false;
    }
    boolean capitalAfterSmall =
        i > 0 && Character.isUpperCase(text.charAt(i)) && Character.isLowerCase(text.charAt(i - 1));
    return !capitalAfterSmall;
  }

  /** The byte above 0x7F that Windows-1252 (or Latin-1) decodes to {@code c}, or -1. */
  static int byteOf(char c) {
    if (c < 0x80) {
      return -1;
    }
    if (c <= 0xFF) {
      return c;
    }
    int index = CP1252_80_9F.indexOf(c);
    return index < 0 ? -1 : 0x80 + index;
  }
}
