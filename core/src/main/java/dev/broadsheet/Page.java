package dev.broadsheet;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One page of query results: the items, the cursor for the next page, and the total number of
 * matches. The total is counted when first asked for, so a caller that only shows a page does
 * not pay for it; it is counted on the same snapshot as the items.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Page<T> {
  private final List<T> items;
  private final @Nullable String nextCursor;
  private final IntSupplier totalSupplier;
  private volatile int total = -1;

  public Page(List<T> items, @Nullable String nextCursor, IntSupplier total) {
    this.items = List.copyOf(items);
    this.nextCursor = nextCursor;
    this.totalSupplier = Objects.requireNonNull(total, "total");
  }

  public static <T> Page<T> of(List<T> items, @Nullable String nextCursor, int total) {
    Page<T> p = new Page<>(items, nextCursor, () -> total);
    p.total = total;
    return p;
  }

  public List<T> items() {
    return items;
  }

  /** The cursor for the page after this one; empty when this is the last page. */
  public Optional<String> nextCursor() {
    return Optional.ofNullable(nextCursor);
  }

  /** How many articles match the query, on all pages. */
  public int total() {
    int t = total;
    if (t < 0) {
      t = totalSupplier.getAsInt();
      total = t;
    }
    return t;
  }

  @Override
  public String toString() {
    return "Page[items=" + items.size() + ", nextCursor=" + nextCursor + "]";
  }
}
