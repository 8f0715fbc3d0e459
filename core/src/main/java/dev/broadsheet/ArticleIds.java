package dev.broadsheet;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The rules for article ids, which every store and endpoint applies before touching anything.
 * An id is a {@code /}-separated path such as {@code 2026/01/openai-funding}: at most 512
 * characters; segments not empty, not {@code .} or {@code ..}, not starting with {@code .}
 * (hidden); no backslash, no control character, no {@code :} (a drive or stream on some
 * systems), no leading or trailing {@code /}.
 *
 * <p>Two ids that differ only in case or Unicode normalization are the same article: {@link
 * #key} maps both to one key, so content behaves the same on case-insensitive file systems.
 *
 * @since 0.1.0
 */
public final class ArticleIds {
  /** The longest id accepted, in characters. */
  public static final int MAX_LENGTH = 512;

  private ArticleIds() {}

  /**
   * Checks {@code id} against the rules.
   *
   * @return the id
   * @throws InvalidIdException naming the rule it breaks
   */
  public static String validate(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new InvalidIdException(id, "it is empty");
    }
    if (id.length() > MAX_LENGTH) {
      throw new InvalidIdException(id, "it is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        throw new InvalidIdException(id, "it holds a control character");
      }
      if (c == '\\') {
        throw new InvalidIdException(id, "it holds a backslash; use '/' between folders");
      }
      if (c == ':') {
        throw new InvalidIdException(id, "it holds ':'");
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c) && i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1)))
          && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(id.charAt(i - 1)))) {
        throw new InvalidIdException(id, "it holds an unpaired surrogate");
      }
    }
    if (id.startsWith("/")) {
      throw new InvalidIdException(id, "it is an absolute path");
    }
    for (String segment : id.split("/", -1)) {
      if (segment.isEmpty()) {
        throw new InvalidIdException(id, "it has an empty segment");
      }
      if (segment.equals("..") || segment.equals(".")) {
        throw new InvalidIdException(id, "it has a '" + segment + "' segment");
      }
      if (segment.startsWith(".")) {
        throw new InvalidIdException(id, "a segment starts with '.', which would make a hidden file");
      }
      if (!segment.strip().equals(segment)) {
        throw new InvalidIdException(id, "a segment starts or ends with white space");
      }
    }
    return id;
  }

  /** Whether {@code id} meets the rules. */
  public static boolean isValid(String id) {
    if (isPlain(id)) {
      return true;
    }
    try {
      validate(id);
      return true;
    } catch (InvalidIdException e) {
      return false;
    }
  }

  /** The key two ids share when they name the same article: NFC, lower-cased. */
  public static String key(String id) {
    boolean upper = false;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c >= 0x80) {
        return Normalizer.normalize(id, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
      }
      upper |= c >= 'A' && c <= 'Z';
    }
    // ASCII is its own NFC, and a key already when it has no capitals (one pass, no copy: a
    // page of a list looks up each of its articles by key).
    return upper ? id.toLowerCase(Locale.ROOT) : id;
  }

  /**
   * The {@linkplain #key key} of {@code id}, or null when it breaks the rules: for an id of
   * ASCII letters, digits, '-', '_', '.' and '/' alone, what {@code isValid(id) ? key(id) :
   * null} gives, in one pass over it (a load asks this of every file it finds).
   *
   * @since 0.1.0
   */
  public static @Nullable String keyIfValid(String id) {
    int n = id.length();
    if (n > 0 && n <= MAX_LENGTH) {
      boolean segmentStart = true;
      boolean upper = false;
      int i = 0;
      for (; i < n; i++) {
        char c = id.charAt(i);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
          segmentStart = false;
        } else if (c == '/') {
          if (segmentStart) {
            break; // leading '/' or an empty segment
          }
          segmentStart = true;
        } else if (c >= 'A' && c <= 'Z') {
          upper = true;
          segmentStart = false;
        } else if (c != '.' || segmentStart) {
          break;
        }
      }
      if (i == n && !segmentStart) {
        return upper ? id.toLowerCase(Locale.ROOT) : id;
      }
    }
    return isValid(id) ? key(id) : null;
  }

  /**
   * Whether {@code id} is valid by a quick look: letters, digits, '-', '_', '.' and '/' only, no
   * segment empty or starting with '.'. False means "look closer", not "invalid".
   */
  private static boolean isPlain(String id) {
    int n = id.length();
    if (n == 0 || n > MAX_LENGTH) {
      return false;
    }
    boolean segmentStart = true;
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      if (c == '/') {
        if (segmentStart) {
          return false; // leading '/' or an empty segment
        }
        segmentStart = true;
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_') {
        segmentStart = false;
      } else if (c == '.' && !segmentStart) {
        segmentStart = false;
      } else {
        return false;
      }
    }
    return !segmentStart; // not ending in '/'
  }
}
