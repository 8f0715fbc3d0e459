package dev.broadsheet;

/**
 * How serious a {@link Problem} is: an {@code ERROR} makes an article invalid, a
 * {@code WARNING} does not.
 *
 * @since 0.1.0
 */
public enum Severity {
  ERROR,
  WARNING;

  String label() {
    return this == ERROR ? "error" : "warning";
  }
}
