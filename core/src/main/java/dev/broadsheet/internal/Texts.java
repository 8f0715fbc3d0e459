package dev.broadsheet.internal;

/**
 * The rules on the characters a frontmatter value may hold, shared by the readers of every
 * format (YAML, JSON) and the validator, so that a value one accepts another never refuses.
 */
public final class Texts {
  private Texts() {}

  /**
   * The index of the first character a frontmatter value must not hold, or -1: C0 controls
   * other than tab and line feed, DEL, C1 controls, and unpaired surrogates.
   */
  public static int forbiddenCharacter(String text) {
    return first(text, true);
  }

  /** The index of the first unpaired surrogate character in {@code text}, or -1. */
  public static int unpairedSurrogate(String text) {
    return first(text, false);
  }

  /** The first unpaired surrogate, or with {@code controls} the first control character too. */
  private static int first(String text, boolean controls) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (controls && ((ch < 0x20 && ch != '\t' && ch != '\n') || (ch >= 0x7F && ch <= 0x9F))) {
        return i;
      }
      if (Character.isHighSurrogate(ch)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(ch)) {
        return i;
      }
    }
    return -1;
  }

  /** The message for a forbidden character at {@code at} of a value named {@code label}. */
  public static String forbiddenMessage(String label, String value, int at) {
    return label + " holds the control character U+" + String.format("%04X", (int) value.charAt(at));
  }
}
