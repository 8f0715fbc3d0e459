package dev.broadsheet.markdown;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes frontmatter values in the canonical style: two-space indentation, block lists as
 * {@code  - item}, timestamps single-quoted, strings quoted only where YAML could misread them.
 *
 * <p>Values are {@code null}, {@link String}, {@link Boolean}, {@link Long}, {@link
 * BigInteger}, {@link Double}, {@link Timestamp}, {@link List} and {@link Map}.
 */
final class YamlEmitter {
  private YamlEmitter() {}

  /** An instant, written single-quoted with milliseconds. */
  record Timestamp(Instant instant) {}

  /** Appends {@code key: value} at {@code indent}, with nested blocks below it. */
  static void entry(StringBuilder out, int indent, int seqIndent, int mapIndent, String key,
      @Nullable Object value, String nl) {
    spaces(out, indent);
    if (isLongKey(key)) {
      out.append("? ").append(key).append(nl);
      spaces(out, indent);
    } else {
      out.append(key);
    }
    out.append(':');
    if (value instanceof List<?> list && !list.isEmpty()) {
      out.append(nl);
      for (Object item : list) {
        spaces(out, seqIndent).append("- ").append(inline(item)).append(nl);
      }
    } else if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      out.append(nl);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String k = Scalars.string((String) e.getKey());
        entry(out, mapIndent, mapIndent + 2, mapIndent + 2, k, e.getValue(), nl);
      }
    } else {
      out.append(' ').append(inline(value)).append(nl);
    }
  }

  static void entry(StringBuilder out, int indent, String key, @Nullable Object value, String nl) {
    entry(out, indent, indent + 2, indent + 2, key, value, nl);
  }

  /** A value on one line: a scalar, or a collection in flow style. */
  static String inline(@Nullable Object value) {
    return inline(value, false);
  }

  /** {@code flow}: the value sits inside {@code [...]} or {@code {...}}, where more must be quoted. */
  private static String inline(@Nullable Object value, boolean flow) {
    if (value instanceof List<?> list) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(inline(list.get(i), true));
      }
      return b.append(']').toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder b = new StringBuilder("{");
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = Scalars.string((String) e.getKey(), true);
        b.append(i++ == 0 ? "" : ", ")
            .append(isLongKey(key) ? "? " : "")
            .append(key)
            .append(": ")
            .append(inline(e.getValue(), true));
      }
      return b.append('}').toString();
    }
    return scalar(value, flow);
  }

  static String scalar(@Nullable Object value) {
    return scalar(value, false);
  }

  private static String scalar(@Nullable Object value, boolean flow) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return Scalars.string(s, flow);
    }
    if (value instanceof Timestamp t) {
      return Scalars.timestamp(t.instant());
    }
    if (value instanceof Double d) {
      return Scalars.floatText(d);
    }
    if (value instanceof Boolean || value instanceof Long || value instanceof BigInteger
        || value instanceof Integer) {
      return value.toString();
    }
    throw new IllegalArgumentException("cannot write a " + value.getClass().getName());
  }

  /**
   * Whether a key is too long to be written as an implicit {@code key: value}: YAML limits
   * implicit keys to 1024 characters, so a longer one needs the explicit {@code ? key} form.
   */
  static boolean isLongKey(String writtenKey) {
    return writtenKey.codePointCount(0, writtenKey.length()) > 1000;
  }

  static boolean isCollection(@Nullable Object value) {
    return value instanceof List<?> || value instanceof Map<?, ?>;
  }

  private static StringBuilder spaces(StringBuilder out, int n) {
    for (int i = 0; i < n; i++) {
      out.append(' ');
    }
    return out;
  }
}
