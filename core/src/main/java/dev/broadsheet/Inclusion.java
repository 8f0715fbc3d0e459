package dev.broadsheet;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a query shows articles of a kind (drafts, scheduled, expired): leave them out, take
 * them in with the rest, or show only them.
 *
 * @since 0.1.0
 */
public enum Inclusion {
  EXCLUDE,
  INCLUDE,
  ONLY;

  /** The name query options use: {@code exclude}, {@code include}, {@code only}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The inclusion named {@code text} ({@link #key()}, any case, surrounding space ignored), if any. */
  public static Optional<Inclusion> parse(String text) {
    String k = text.strip().toLowerCase(Locale.ROOT);
    for (Inclusion i : values()) {
      if (i.key().equals(k)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }
}
