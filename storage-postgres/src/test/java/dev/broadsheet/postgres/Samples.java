package dev.broadsheet.postgres;

import dev.broadsheet.Article;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
import java.time.Instant;
import java.util.Map;

/** Articles for this module's tests. */
final class Samples {
  private Samples() {}

  /** An article with most fields set, unknown keys included. */
  static Article article(String id) {
    return Article.builder(id)
        .title("Harbour ferry adds night crossings: " + id)
        .description("The city ferry will run until 2 a.m. on weekends.")
        .publishedAt(Instant.parse("2026-01-30T02:57:10Z"))
        .lang("en")
        .source(new Source("Harbour Times", "harbourtimes", "RSS"))
        .category("CITY")
        .tags("TRANSPORT", "NIGHTLIFE")
        .sentiment(Sentiment.POSITIVE)
        .putExtra("author", "R. Quay")
        .putExtra("meta", Map.of("rating", 4L))
        .body("## Overview\n\nNight crossings start in March.\n")
        .build();
  }

  /** A small article with an unknown key {@code counter}. */
  static Article counter(String id, long value) {
    return Article.builder(id)
        .title("Counter " + id)
        .publishedAt(Instant.parse("2026-01-02T08:00:00Z"))
        .category("CITY")
        .putExtra("counter", value)
        .body("Counts.\n")
        .build();
  }
}
