package dev.broadsheet;

import java.util.List;
import java.util.Objects;

/**
 * A page of the change feed: the changes in order, the token to ask for the next ones with, and
 * whether more are there already.
 *
 * @since 0.1.0
 */
public record ChangePage(List<ArticleChange> items, SyncToken next, boolean hasMore) {
  public ChangePage {
    items = List.copyOf(items);
    Objects.requireNonNull(next, "next");
  }
}
