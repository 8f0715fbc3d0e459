package dev.broadsheet.server;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The media types the API reads and writes, and how a {@code Content-Type} is matched. */
final class MediaTypes {
  static final String JSON = "application/json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String JSON_UTF8 = "application/json; charset=utf-8";
  static final String PROBLEM_JSON = "application/problem+json";
  static final String HTML = "text/html; charset=utf-8";

  private MediaTypes() {}

  /**
   * Whether a {@code Content-Type} value names {@code expected}, in any case, with no parameter
   * but a UTF-8 charset: JSON is UTF-8 (RFC 8259), and a body in another charset would be
   * misread.
   */
  static boolean matches(@Nullable String contentType, String expected) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";");
    if (!parts[0].strip().equalsIgnoreCase(expected)) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0 || !p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        return false;
      }
      String charset = p.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
      if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
        charset = charset.substring(1, charset.length() - 1);
      }
      if (!charset.equals("utf-8")) {
        return false;
      }
    }
    return true;
  }
}
