package dev.broadsheet.internal;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Inclusion;
import dev.broadsheet.Page;
import dev.broadsheet.StoredArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.RoaringBitmap;

/**
 * One query against a base segment and its overlay at one instant. Base documents are numbered
 * newest first, so the date and visibility filters narrow them to one range of numbers, [{@link
 * #lo}, {@link #hi}); every other filter is a bitmap a match must be in. A walk drives over the
 * smallest of those bitmaps (or the whole range when there is none) in the query's order, checks
 * the rest one document at a time, and merges in the overlay's matching entries in that order.
 */
final class QueryPlan {
  final Compiled q;
  final Instant now;
  final Segment base;
  private final Overlay overlay;
  /** The first base document the date and visibility ranges allow. */
  final int lo;
  /** One past the last base document the date and visibility ranges allow; at least {@link #lo}. */
  final int hi;

  QueryPlan(Compiled q, Instant now, Segment base, Overlay overlay) {
    this.q = q;
    this.now = now;
    this.base = base;
    this.overlay = overlay;
    int from = 0;
    int to = base.n;
    // Visibility.isScheduled (publishedAt after now) as a range: documents published at or
    // before now come from firstAtOrBefore(now) on, the scheduled ones before it.
    if (q.scheduled == Inclusion.EXCLUDE) {
      from = Math.max(from, base.firstAtOrBefore(now));
    } else if (q.scheduled == Inclusion.ONLY) {
      to = Math.min(to, base.firstAtOrBefore(now));
    }
    if (q.before != null) {
      from = Math.max(from, base.firstBefore(q.before));
    }
    if (q.from != null) {
      to = Math.min(to, base.firstBefore(q.from));
    }
    if (q.from != null || q.before != null) {
      to = Math.min(to, base.undatedStart);
    }
    this.lo = from;
    this.hi = Math.max(from, to);
  }

  // ------------------------------------------------------------------ results

  /** The query's page: its offset skipped after the cursor, then up to its limit. */
  Page<StoredArticle> page() {
    return page(this::count);
  }

  /** {@link #page()}, with its total from {@code total}. */
  Page<StoredArticle> page(java.util.function.IntSupplier total) {
    ArticleQuery query = q.query;
    Cursors.Key key = query.cursor() == null ? null : Cursors.decode(query.cursor(), query.sort());
    Iterator<Hit> it = hits(key);
    for (int skip = query.offset(); skip > 0 && it.hasNext(); skip--) {
      it.next();
    }
    StoredArticle[] items = new StoredArticle[Math.min(query.limit(), 64)];
    int n = 0;
    Hit last = null;
    while (n < query.limit() && it.hasNext()) {
      last = it.next();
      if (n == items.length) {
        items = Arrays.copyOf(items, Math.min(query.limit(), n * 2));
      }
      items[n++] = last.stored(base);
    }
    String next = last != null && it.hasNext() ? last.cursor(query.sort(), base) : null;
    return new Page<>(List.of(n == items.length ? items : Arrays.copyOf(items, n)), next, total);
  }

  /** Every match in the query's order, from the start (cursor and offset ignored). */
  Iterator<StoredArticle> stream() {
    Iterator<Hit> it = hits(null);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public StoredArticle next() {
        return it.next().stored(base);
      }
    };
  }

  /** How many articles match, cursor and page ignored. */
  int count() {
    if (q.impossible) {
      return 0;
    }
    int n = baseMatches().getCardinality();
    for (Entry e : overlay.entries()) {
      if (matches(e)) {
        n++;
      }
    }
    return n;
  }

  /** Every match after {@code key} (from the start when null), base and overlay, in the query's order. */
  Iterator<Hit> hits(Cursors.@Nullable Key key) {
    if (q.impossible) {
      return Collections.emptyIterator();
    }
    Iterator<Hit> fromBase = baseHits(key);
    if (overlay.entries().isEmpty()) {
      return fromBase;
    }
    List<Entry> extra = new ArrayList<>();
    for (Entry e : overlay.entries()) {
      if (matches(e) && (key == null || Cursors.compare(e, key) > 0)) {
        extra.add(e);
      }
    }
    if (extra.isEmpty()) {
      return fromBase;
    }
    extra.sort(Entry.order(q.query.sort()));
    return new Merge(fromBase, extra.iterator(), Hit.order(q.query.sort(), base));
  }

  private Iterator<Hit> baseHits(Cursors.@Nullable Key key) {
    RoaringBitmap driver = null;
    int driverSize = Integer.MAX_VALUE;
    for (RoaringBitmap b : required()) {
      int size = b.getCardinality();
      if (size < driverSize) {
        driver = b;
        driverSize = size;
      }
    }
    BaseScans scans = new BaseScans(this, driver, driverSize, key);
    return switch (q.query.sort()) {
      case NEWEST -> scans.newest();
      case OLDEST -> scans.oldest();
      case STICKY_FIRST -> scans.stickyFirst();
      case RELEVANCE -> throw new IllegalStateException("relevance order needs the text matches");
    };
  }

  // ------------------------------------------------------------------ matching

  /** Whether overlay entry {@code e} matches. */
  boolean matches(Entry e) {
    return e.matches(q, now);
  }

  /** Whether base document {@code d}, known to be inside [lo, hi), matches. */
  boolean matches(int d) {
    return overlay.isLive(d) && base.matchesFields(d, q) && Compiled.include(q.expired, base.isExpired(d, now));
  }

  /** Whether base document {@code d} is still the current version of its article. */
  boolean isLive(int d) {
    return overlay.isLive(d);
  }

  /** Exactly the base documents that match. */
  RoaringBitmap baseMatches() {
    List<RoaringBitmap> req = required();
    RoaringBitmap m;
    if (req.isEmpty()) {
      m = RoaringBitmap.bitmapOfRange(lo, hi);
    } else {
      req.sort(Comparator.comparingInt(RoaringBitmap::getCardinality));
      m = req.get(0).clone();
      m.remove(0L, lo);
      m.remove((long) hi, Math.max(hi, base.n));
      for (int i = 1; i < req.size() && !m.isEmpty(); i++) {
        m.and(req.get(i));
      }
    }
    for (int t : q.noneTags) {
      m.andNot(bits(base.tagBits, t));
    }
    if (q.drafts == Inclusion.EXCLUDE) {
      m.andNot(base.drafts);
    }
    // Visibility.isExpired (expiresAt at or before now) as the set of documents it holds for.
    if (q.expired == Inclusion.EXCLUDE) {
      m.andNot(base.expiredAt(now));
    } else if (q.expired == Inclusion.ONLY) {
      m.and(base.expiredAt(now));
    }
    if (!overlay.dead().isEmpty()) {
      m.andNot(overlay.dead());
    }
    return m;
  }

  /** The bitmaps a match must be in: one per filter (a union for any-of filters). */
  private List<RoaringBitmap> required() {
    List<RoaringBitmap> req = new ArrayList<>();
    if (q.categories != null) {
      req.add(union(base.categoryBits, q.categories));
    }
    if (q.langs != null) {
      req.add(union(base.langBits, q.langs));
    }
    if (q.sources != null) {
      req.add(union(base.sourceBits, q.sources));
    }
    if (q.sentiments != null) {
      req.add(union(base.sentimentBits, q.sentiments));
    }
    if (q.anyTags != null) {
      req.add(union(base.tagBits, q.anyTags));
    }
    for (int t : q.allTags) {
      req.add(bits(base.tagBits, t));
    }
    if (q.minSticky > 0) {
      req.add(stickyAtLeast(q.minSticky));
    }
    if (q.drafts == Inclusion.ONLY) {
      req.add(base.drafts);
    }
    return req;
  }

  private RoaringBitmap stickyAtLeast(int min) {
    if (min <= 1) {
      return base.anySticky;
    }
    List<RoaringBitmap> parts = new ArrayList<>();
    for (int i = 0; i < base.stickyWeights.length && base.stickyWeights[i] >= min; i++) {
      parts.add(base.stickyByWeight[i]);
    }
    return parts.isEmpty() ? new RoaringBitmap() : RoaringBitmap.or(parts.iterator());
  }

  private static RoaringBitmap bits(RoaringBitmap[] index, int ordinal) {
    RoaringBitmap b = ordinal >= 0 && ordinal < index.length ? index[ordinal] : null;
    return b == null ? new RoaringBitmap() : b;
  }

  private static RoaringBitmap union(RoaringBitmap[] index, int[] ordinals) {
    if (ordinals.length == 1) {
      return bits(index, ordinals[0]);
    }
    List<RoaringBitmap> parts = new ArrayList<>();
    for (int o : ordinals) {
      parts.add(bits(index, o));
    }
    return RoaringBitmap.or(parts.iterator());
  }

  /** Two walks in one order: base documents and overlay entries, the smaller head first. */
  private static final class Merge implements Iterator<Hit> {
    private final Iterator<Hit> a;
    private final Iterator<Entry> b;
    private final Comparator<Hit> order;
    private @Nullable Hit headA;
    private @Nullable Hit headB;

    Merge(Iterator<Hit> a, Iterator<Entry> b, Comparator<Hit> order) {
      this.a = a;
      this.b = b;
      this.order = order;
      headA = a.hasNext() ? a.next() : null;
      headB = b.hasNext() ? Hit.of(b.next()) : null;
    }

    @Override
    public boolean hasNext() {
      return headA != null || headB != null;
    }

    @Override
    public Hit next() {
      Hit out;
      if (headB == null || (headA != null && order.compare(headA, headB) <= 0)) {
        if (headA == null) {
          throw new NoSuchElementException();
        }
        out = headA;
        headA = a.hasNext() ? a.next() : null;
      } else {
        out = headB;
        headB = b.hasNext() ? Hit.of(b.next()) : null;
      }
      return out;
    }
  }
}
