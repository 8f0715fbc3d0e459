package dev.broadsheet;

import java.util.Locale;
import java.util.Optional;

/**
 * The tone of an article, as its source or an editor classified it.
 *
 * @since 0.1.0
 */
public enum Sentiment {
  POSITIVE,
  NEUTRAL,
  NEGATIVE;

  /**
   * Reads a sentiment case-insensitively ({@code "positive"}, {@code "Positive"} and
   * {@code "POSITIVE"} are the same).
   *
   * @return the sentiment, or empty when {@code text} names none
   */
  public static Optional<Sentiment> parse(String text) {
    String upper = text.trim().toUpperCase(Locale.ROOT);
    for (Sentiment s : values()) {
      if (s.name().equals(upper)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
