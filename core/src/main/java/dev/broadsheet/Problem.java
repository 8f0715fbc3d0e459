package dev.broadsheet;

import dev.broadsheet.internal.Printable;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing wrong with a file or a value, reported as data rather than thrown.
 *
 * <pre>{@code
 * for (Problem p : result.problems()) {
 *   System.err.println(p); // content/a.md:7:15: error: stickyWeight must be a whole number >= 0, was -1
 * }
 * }</pre>
 *
 * @param source the file or other origin, as the caller named it
 * @param line 1-based line in the file, or 0 when the problem has no position
 * @param column 1-based column (in code points), or 0 when the problem has no position
 * @param field the frontmatter field concerned ({@code source.key} for a nested one), or null
 * @param message what is wrong, in words a content editor understands
 * @param severity whether the problem makes the article invalid
 * @param rule a short stable name for the kind of problem ({@code type}, {@code yaml-syntax},
 *     {@code duplicate-key}, ...)
 * @since 0.1.0
 */
public record Problem(
    String source,
    int line,
    int column,
    @Nullable String field,
    String message,
    Severity severity,
    String rule) {

  public Problem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rule, "rule");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must be >= 0, were " + line + ":" + column);
    }
  }

  /** An error at a position. */
  public static Problem error(
      String source, int line, int column, @Nullable String field, String rule, String message) {
    return new Problem(source, line, column, field, message, Severity.ERROR, rule);
  }

  /** This problem at another source, as when a store learns the file a value came from. */
  public Problem withSource(String newSource) {
    return new Problem(newSource, line, column, field, message, severity, rule);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * {@code path:line:col: error: message}, the form compilers and editors understand, on one
   * line: control characters in the path or the message (a file named {@code "a\nb.md"}) are
   * shown as escapes, so that a problem cannot forge another.
   */
  @Override
  public String toString() {
    return Printable.of(source) + ":" + line + ":" + column + ": " + severity.label() + ": " + Printable.of(message);
  }
}
