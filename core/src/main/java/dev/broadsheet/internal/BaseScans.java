package dev.broadsheet.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The walks of a {@link QueryPlan} over its base documents, one per sort, each starting just
 * after a cursor key. Documents are numbered in NEWEST order, so NEWEST walks numbers forward,
 * OLDEST walks them backward, and STICKY_FIRST walks each sticky weight, heaviest first, then
 * the rest forward.
 */
final class BaseScans {
  private final QueryPlan plan;
  private final Segment base;
  private final Compiled q;
  private final Instant now;
  /** The smallest bitmap every match is in, or null to walk every number in the range. */
  private final @Nullable RoaringBitmap driver;
  private final int driverSize;
  private final Cursors.@Nullable Key key;

  BaseScans(QueryPlan plan, @Nullable RoaringBitmap driver, int driverSize, Cursors.@Nullable Key key) {
    this.plan = plan;
    this.base = plan.base;
    this.q = plan.q;
    this.now = plan.now;
    this.driver = driver;
    this.driverSize = driverSize;
    this.key = key;
  }

  Iterator<Hit> newest() {
    return new Forward(driver, Math.max(plan.lo, key == null ? 0 : after(key)), -1);
  }

  /** First document after the cursor key in NEWEST terms. */
  private int after(Cursors.Key key) {
    int lo = 0;
    int hi = base.n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = -base.comparePublished(mid, key.published());
      if (c == 0) {
        c = base.id(mid).compareTo(key.id());
      }
      if (c <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Whether base document {@code d} comes after the cursor key, or there is none. */
  private boolean afterKey(int d) {
    return key == null || Cursors.compare(base.sticky[d], base.published(d), base.id(d), key) > 0;
  }

  // ------------------------------------------------------------------ sticky first

  Iterator<Hit> stickyFirst() {
    // One pass per sticky weight, heaviest first, then the articles that are not sticky. Each
    // pass walks whichever is smaller, the weight's documents or the filter's, and checks the rest.
    List<Supplier<Iterator<Hit>>> parts = new ArrayList<>();
    if (driver != null && driverSize < base.stickyCount) {
      // A selective filter: one walk over its documents finds the sticky matches, which are
      // few, and sorts them, instead of one walk per weight.
      RoaringBitmap selective = driver;
      parts.add(() -> stickyMatches(selective));
    } else if (q.categories != null && q.categories.length == 1 && q.categories[0] < base.stickyByCategory.length) {
      // One category: its sticky documents are kept in this order already.
      int c = q.categories[0];
      parts.add(() -> stickyOfCategory(base.stickyByCategory[c], base.stickyRows == null ? null : base.stickyRows[c]));
    } else {
      stickyPasses(parts);
    }
    if (q.minSticky == 0) {
      int from = key != null && key.sticky() == 0 ? Math.max(plan.lo, after(key)) : plan.lo;
      parts.add(() -> new Forward(driver, from, 0));
    }
    return concat(parts);
  }

  private Iterator<Hit> stickyMatches(RoaringBitmap driver) {
    List<Integer> found = new ArrayList<>();
    PeekableIntIterator it = driver.getIntIterator();
    it.advanceIfNeeded(plan.lo);
    int min = Math.max(1, q.minSticky);
    while (it.hasNext()) {
      int d = it.next();
      if (d >= plan.hi) {
        break;
      }
      if (base.sticky[d] >= min && plan.matches(d) && afterKey(d)) {
        found.add(d);
      }
    }
    found.sort((a, b) -> base.sticky[a] != base.sticky[b] ? Integer.compare(base.sticky[b], base.sticky[a])
        : Integer.compare(a, b));
    return found.stream().map(Hit::of).iterator();
  }

  private Iterator<Hit> stickyOfCategory(int[] docs, long @Nullable [] rows) {
    int from = 0;
    if (key != null) {
      int lo = 0;
      int hi = docs.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (!afterKey(docs[mid])) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      from = lo;
    }
    int start = from;
    int lo = plan.lo;
    int hi = plan.hi;
    return new DocIterator() {
      int i = start;

      final boolean tags = q.hasTagFilters();

      @Override
      int advance() {
        if (rows == null) {
          while (i < docs.length) {
            int d = docs[i++];
            if (d >= lo && d < hi && base.sticky[d] >= q.minSticky && plan.matches(d)) {
              return d;
            }
          }
          return -1;
        }
        // The category is this list's; the other fields come from the packed rows, read in
        // order, and only what they cannot answer touches the columns.
        while (i < docs.length) {
          int d = docs[i];
          long row = rows[i++];
          if (d >= lo && d < hi && q.rowMatches(row)
              && (q.minSticky <= 1 || base.sticky[d] >= q.minSticky)
              && (!tags || base.tagsMatch(d, q))
              && plan.isLive(d)
              && Compiled.include(q.expired, (row & Segment.ROW_EXPIRING) != 0 && base.isExpired(d, now))) {
            return d;
          }
        }
        return -1;
      }
    };
  }

  private void stickyPasses(List<Supplier<Iterator<Hit>>> parts) {
    for (int i = 0; i < base.stickyWeights.length; i++) {
      int w = base.stickyWeights[i];
      if (w < q.minSticky || (key != null && w > key.sticky())) {
        continue;
      }
      int from = key != null && w == key.sticky() ? Math.max(plan.lo, after(key)) : plan.lo;
      RoaringBitmap weight = base.stickyByWeight[i];
      parts.add(() -> new Forward(weight, from, -1));
    }
  }

  private static Iterator<Hit> concat(List<Supplier<Iterator<Hit>>> parts) {
    return new Iterator<>() {
      int i;
      @Nullable Iterator<Hit> current;

      @Override
      public boolean hasNext() {
        while (true) {
          if (current != null && current.hasNext()) {
            return true;
          }
          if (i >= parts.size()) {
            return false;
          }
          current = parts.get(i++).get();
        }
      }

      @Override
      public Hit next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  // ------------------------------------------------------------------ oldest

  Iterator<Hit> oldest() {
    int hi = plan.hi;
    if (key != null) {
      hi = Math.min(hi, key.published() == Entry.NO_DATE ? base.n : base.firstBefore(key.published()));
    }
    int lo = plan.lo;
    IntIterator it;
    if (driver == null) {
      int top = hi;
      it = new IntIterator() {
        int p = top - 1;

        @Override
        public boolean hasNext() {
          return p >= lo;
        }

        @Override
        public int next() {
          return p--;
        }

        @Override
        public IntIterator clone() {
          throw new UnsupportedOperationException();
        }
      };
    } else {
      it = RoaringBitmap.and(driver, RoaringBitmap.bitmapOfRange(lo, Math.max(lo, hi))).getReverseIntIterator();
    }
    // Backward by number is oldest first except among documents published at the same moment,
    // which the numbering puts in id order: each such group is gathered and turned around.
    return new Iterator<>() {
      final ArrayDeque<Hit> group = new ArrayDeque<>();
      int pending = -1;

      private void fill() {
        while (group.isEmpty() && (pending >= 0 || it.hasNext())) {
          List<Integer> g = new ArrayList<>();
          if (pending >= 0) {
            g.add(pending);
            pending = -1;
          }
          while (it.hasNext()) {
            int d = it.next();
            if (!plan.matches(d)) {
              continue;
            }
            if (!g.isEmpty() && base.comparePublished(d, base.published(g.get(0))) != 0) {
              pending = d;
              break;
            }
            g.add(d);
          }
          for (int i = g.size() - 1; i >= 0; i--) {
            int d = g.get(i);
            if (afterKey(d)) {
              group.add(Hit.of(d));
            }
          }
        }
      }

      @Override
      public boolean hasNext() {
        fill();
        return !group.isEmpty();
      }

      @Override
      public Hit next() {
        fill();
        return group.remove();
      }
    };
  }

  // ------------------------------------------------------------------ walks one document at a time

  /** Base documents one at a time: {@link #advance} finds the next match, or -1. */
  private abstract static class DocIterator implements Iterator<Hit> {
    private int next = -2;

    abstract int advance();

    @Override
    public boolean hasNext() {
      if (next == -2) {
        next = advance();
      }
      return next >= 0;
    }

    @Override
    public Hit next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Hit h = Hit.of(next);
      next = advance();
      return h;
    }
  }

  /** Base documents in number order (NEWEST) from {@code from} up to the range's end, checked against the query. */
  private final class Forward extends DocIterator {
    private final @Nullable PeekableIntIterator it;
    private int p;
    private final int hi;
    private final int weight;

    /** {@code weight}: -1 for any sticky weight, else only documents of exactly that weight. */
    Forward(@Nullable RoaringBitmap driver, int from, int weight) {
      this.hi = plan.hi;
      this.weight = weight;
      this.p = from;
      if (driver != null) {
        it = driver.getIntIterator();
        it.advanceIfNeeded(from);
      } else {
        it = null;
      }
    }

    @Override
    int advance() {
      while (true) {
        int d;
        if (it != null) {
          if (!it.hasNext()) {
            return -1;
          }
          d = it.next();
        } else {
          d = p++;
        }
        if (d >= hi) {
          return -1;
        }
        if (weight >= 0 && base.sticky[d] != weight) {
          continue;
        }
        if (plan.matches(d)) {
          return d;
        }
      }
    }
  }
}
