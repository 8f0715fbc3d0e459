package dev.broadsheet.internal;

import dev.broadsheet.Article;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An instant at which the visibility of the article {@code id} changes: it goes live or expires. */
public record Scheduled(String id, Instant at) {
  public Scheduled {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
  }

  /** The instants after {@code since} at which {@code a} goes live or expires; none for a draft. */
  public static List<Scheduled> ahead(Article a, Instant since) {
    List<Scheduled> out = new ArrayList<>(2);
    if (!a.draft()) {
      for (Instant at : new Instant[] {a.publishedAt(), a.expiresAt()}) {
        if (at != null && at.isAfter(since)) {
          out.add(new Scheduled(a.id(), at));
        }
      }
    }
    return out;
  }
}
