package dev.broadsheet.internal;

import java.time.Instant;
import java.util.Objects;

/** An instant at which the visibility of the article {@code id} changes: it goes live or expires. */
public record Scheduled(String id, Instant at) {
  public Scheduled {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
  }
}
