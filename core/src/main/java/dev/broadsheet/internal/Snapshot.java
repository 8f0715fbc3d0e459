package dev.broadsheet.internal;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Facets;
import dev.broadsheet.Inclusion;
import dev.broadsheet.Page;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Sort;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * An immutable view of every indexed article: a {@link Segment} built in bulk, the numbers of
 * its entries that have since been replaced or deleted, and the few entries written since,
 * kept aside until the next rebuild. Queries read a snapshot without locks; writers make a new
 * one and publish it.
 */
public final class Snapshot {
  public static final Snapshot EMPTY = new Snapshot(Segment.EMPTY, new RoaringBitmap(), Map.of());

  private final Segment base;
  private final RoaringBitmap dead;
  private final Map<String, Entry> overlay;

  private Snapshot(Segment base, RoaringBitmap dead, Map<String, Entry> overlay) {
    this.base = base;
    this.dead = dead;
    this.overlay = overlay;
  }

  public static Snapshot of(Collection<Entry> entries) {
    return new Snapshot(Segment.build(entries), new RoaringBitmap(), Map.of());
  }

  // ------------------------------------------------------------------ reading

  public int size() {
    return base.size() - dead.getCardinality() + overlay.size();
  }

  public Optional<Entry> get(String id) {
    Entry e = overlay.get(id);
    if (e != null) {
      return Optional.of(e);
    }
    Integer pos = base.position(id);
    return pos == null || dead.contains(pos) ? Optional.empty() : Optional.of(base.entries[pos]);
  }

  /** Every live entry, in no particular order. */
  public List<Entry> entries() {
    List<Entry> all = new ArrayList<>(size());
    for (int i = 0; i < base.entries.length; i++) {
      if (!dead.contains(i)) {
        all.add(base.entries[i]);
      }
    }
    all.addAll(overlay.values());
    return all;
  }

  // ------------------------------------------------------------------ writing

  /** This snapshot with {@code e} added or replacing the entry with its id. */
  public Snapshot with(Entry e) {
    RoaringBitmap d = kill(e.id);
    Map<String, Entry> o = new HashMap<>(overlay);
    o.put(e.id, e);
    return compactIfLarge(new Snapshot(base, d, o));
  }

  /** This snapshot without the entry with {@code id}. */
  public Snapshot without(String id) {
    RoaringBitmap d = kill(id);
    Map<String, Entry> o = overlay;
    if (overlay.containsKey(id)) {
      o = new HashMap<>(overlay);
      o.remove(id);
    }
    return new Snapshot(base, d, o);
  }

  private RoaringBitmap kill(String id) {
    Integer pos = base.position(id);
    if (pos == null || dead.contains(pos)) {
      return dead;
    }
    RoaringBitmap d = dead.clone();
    d.add(pos);
    return d;
  }

  private static Snapshot compactIfLarge(Snapshot s) {
    if (s.overlay.size() > Math.max(64, s.base.size() / 32)) {
      return of(s.entries());
    }
    return s;
  }

  // ------------------------------------------------------------------ queries

  /** One page of matches in the query's order. */
  public Page<Entry> query(ArticleQuery q, Instant now) {
    Cursors.Key key = q.cursor() == null ? null : Cursors.decode(q.cursor(), q.sort());
    Comparator<Entry> order = Entry.order(q.sort());
    Iterator<Entry> it = merged(q, now, key, order);
    for (int skip = q.offset(); skip > 0 && it.hasNext(); skip--) {
      it.next();
    }
    List<Entry> items = new ArrayList<>(Math.min(q.limit(), 64));
    while (items.size() < q.limit() && it.hasNext()) {
      items.add(it.next());
    }
    String next = it.hasNext() && !items.isEmpty() ? Cursors.encode(q.sort(), items.get(items.size() - 1)) : null;
    return new Page<>(items, next, () -> count(q, now));
  }

  /** Every match in the query's order, from the start (cursor and offset ignored). */
  public Iterator<Entry> stream(ArticleQuery q, Instant now) {
    return merged(q, now, null, Entry.order(q.sort()));
  }

  private Iterator<Entry> merged(ArticleQuery q, Instant now, Cursors.@Nullable Key key, Comparator<Entry> order) {
    Iterator<Entry> fromBase = baseIterator(q, now, key);
    if (overlay.isEmpty()) {
      return fromBase;
    }
    List<Entry> extra = new ArrayList<>();
    for (Entry e : overlay.values()) {
      if (e.matches(q, now) && (key == null || Cursors.compare(e, key) > 0)) {
        extra.add(e);
      }
    }
    if (extra.isEmpty()) {
      return fromBase;
    }
    extra.sort(order);
    return new MergeIterator(fromBase, extra.iterator(), order);
  }

  /** How many entries match, cursor and page ignored. */
  public int count(ArticleQuery q, Instant now) {
    int n = matchBitmap(q, now).getCardinality();
    for (Entry e : overlay.values()) {
      if (e.matches(q, now)) {
        n++;
      }
    }
    return n;
  }

  /** Counts per category, tag, sentiment, language and source over all matches. */
  public Facets facets(ArticleQuery q, Instant now) {
    RoaringBitmap m = matchBitmap(q, now);
    Map<String, Integer> cat = new HashMap<>();
    Map<String, Integer> tag = new HashMap<>();
    Map<String, Integer> lang = new HashMap<>();
    Map<String, Integer> src = new HashMap<>();
    Map<Sentiment, Integer> sent = new EnumMap<>(Sentiment.class);
    Map<String, String> labels = new HashMap<>();
    tally(m, base.categories, cat, "c:", labels);
    tally(m, base.tags, tag, "t:", labels);
    tally(m, base.langs, lang, "l:", labels);
    tally(m, base.sources, src, "s:", labels);
    for (Sentiment s : Sentiment.values()) {
      int c = RoaringBitmap.andCardinality(m, base.sentiments[s.ordinal()]);
      if (c > 0) {
        sent.put(s, c);
      }
    }
    int total = m.getCardinality();
    for (Entry e : overlay.values()) {
      if (!e.matches(q, now)) {
        continue;
      }
      total++;
      Article a = e.stored.article();
      if (e.category != null) {
        cat.merge(e.category, 1, Integer::sum);
        labels.putIfAbsent("c:" + e.category, a.category());
      }
      for (String t : e.tags) {
        tag.merge(t, 1, Integer::sum);
        for (String spelled : a.tags()) {
          if (ArticleQuery.key(spelled).equals(t)) {
            labels.putIfAbsent("t:" + t, spelled);
          }
        }
      }
      if (e.lang != null) {
        lang.merge(e.lang, 1, Integer::sum);
        labels.putIfAbsent("l:" + e.lang, a.lang());
      }
      if (e.source != null) {
        src.merge(e.source, 1, Integer::sum);
        labels.putIfAbsent("s:" + e.source, a.source().key());
      }
      if (e.sentiment >= 0) {
        sent.merge(Sentiment.values()[e.sentiment], 1, Integer::sum);
      }
    }
    Map<Sentiment, Integer> sentiments = new LinkedHashMap<>();
    sent.entrySet().stream()
        .sorted(Map.Entry.<Sentiment, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(x -> sentiments.put(x.getKey(), x.getValue()));
    return new Facets(total, ordered(cat, "c:", labels, Integer.MAX_VALUE), ordered(tag, "t:", labels, q.topTags()),
        sentiments, ordered(lang, "l:", labels, Integer.MAX_VALUE), ordered(src, "s:", labels, Integer.MAX_VALUE));
  }

  private void tally(RoaringBitmap m, Map<String, RoaringBitmap> index, Map<String, Integer> into, String prefix,
      Map<String, String> labels) {
    for (Map.Entry<String, RoaringBitmap> e : index.entrySet()) {
      int c = RoaringBitmap.andCardinality(m, e.getValue());
      if (c > 0) {
        into.put(e.getKey(), c);
        labels.put(prefix + e.getKey(), base.label(prefix, e.getKey()));
      }
    }
  }

  private static Map<String, Integer> ordered(Map<String, Integer> counts, String prefix, Map<String, String> labels,
      int limit) {
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(limit)
        .forEach(x -> out.put(labels.getOrDefault(prefix + x.getKey(), x.getKey()), x.getValue()));
    return out;
  }

  /** Visible articles sharing the most tags with {@code id}, then newest first. */
  public List<Entry> related(String id, int limit, Instant now) {
    Entry self = get(id).orElse(null);
    if (self == null || self.tags.length == 0) {
      return List.of();
    }
    ArticleQuery visible = ArticleQuery.builder().sort(Sort.NEWEST).build();
    Map<Entry, Integer> shared = new HashMap<>();
    for (String t : self.tags) {
      RoaringBitmap b = base.tags.get(t);
      if (b == null) {
        continue;
      }
      IntIterator it = b.getIntIterator();
      while (it.hasNext()) {
        int pos = it.next();
        if (!dead.contains(pos)) {
          shared.merge(base.entries[pos], 1, Integer::sum);
        }
      }
    }
    for (Entry e : overlay.values()) {
      int c = 0;
      for (String t : self.tags) {
        if (e.hasTag(t)) {
          c++;
        }
      }
      if (c > 0) {
        shared.put(e, c);
      }
    }
    return shared.entrySet().stream()
        .filter(x -> !x.getKey().id.equals(id) && x.getKey().matches(visible, now))
        .sorted(Map.Entry.<Entry, Integer>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey(Entry.NEWEST)))
        .limit(limit)
        .map(Map.Entry::getKey)
        .toList();
  }

  // ------------------------------------------------------------------ the base segment

  /** Numbers [lo, hi) the visibility and date filters allow; a range, thanks to the numbering. */
  private int[] range(ArticleQuery q, Instant now) {
    int lo = 0;
    int hi = base.size();
    if (q.scheduled() == Inclusion.EXCLUDE) {
      lo = Math.max(lo, base.firstAtOrBefore(now));
    } else if (q.scheduled() == Inclusion.ONLY) {
      hi = Math.min(hi, base.firstAtOrBefore(now));
    }
    if (q.publishedBefore() != null) {
      lo = Math.max(lo, base.firstBefore(q.publishedBefore()));
    }
    if (q.publishedFrom() != null) {
      hi = Math.min(hi, base.firstBefore(q.publishedFrom()));
    }
    if (q.publishedFrom() != null || q.publishedBefore() != null) {
      // Undated drafts are numbered last and match no date range.
      hi = Math.min(hi, base.firstAtOrBefore(Entry.NO_DATE));
    }
    return new int[] {lo, Math.max(lo, hi)};
  }

  /** The bitmaps a match must be in: one per filter (a union for any-of filters). */
  private List<RoaringBitmap> required(ArticleQuery q) {
    List<RoaringBitmap> req = new ArrayList<>();
    if (!q.categories().isEmpty()) {
      req.add(union(base.categories, q.categories()));
    }
    if (!q.langs().isEmpty()) {
      req.add(union(base.langs, q.langs()));
    }
    if (!q.sources().isEmpty()) {
      req.add(union(base.sources, q.sources()));
    }
    if (!q.sentiments().isEmpty()) {
      List<RoaringBitmap> parts = new ArrayList<>();
      for (Sentiment s : q.sentiments()) {
        parts.add(base.sentiments[s.ordinal()]);
      }
      req.add(parts.size() == 1 ? parts.get(0) : RoaringBitmap.or(parts.iterator()));
    }
    if (!q.anyTags().isEmpty()) {
      req.add(union(base.tags, q.anyTags()));
    }
    for (String t : q.allTags()) {
      req.add(base.tags.getOrDefault(t, new RoaringBitmap()));
    }
    if (q.minStickyWeight() > 0) {
      req.add(base.sticky);
    }
    if (q.drafts() == Inclusion.ONLY) {
      req.add(base.drafts);
    }
    return req;
  }

  private static RoaringBitmap union(Map<String, RoaringBitmap> index, Collection<String> keys) {
    if (keys.size() == 1) {
      return index.getOrDefault(keys.iterator().next(), new RoaringBitmap());
    }
    List<RoaringBitmap> parts = new ArrayList<>();
    for (String k : keys) {
      RoaringBitmap b = index.get(k);
      if (b != null) {
        parts.add(b);
      }
    }
    return parts.isEmpty() ? new RoaringBitmap() : RoaringBitmap.or(parts.iterator());
  }

  /** Exactly the base numbers that match. */
  private RoaringBitmap matchBitmap(ArticleQuery q, Instant now) {
    int[] r = range(q, now);
    RoaringBitmap m = RoaringBitmap.bitmapOfRange(r[0], r[1]);
    for (RoaringBitmap b : required(q)) {
      m = RoaringBitmap.and(m, b);
    }
    for (String t : q.noneTags()) {
      RoaringBitmap b = base.tags.get(t);
      if (b != null) {
        m = RoaringBitmap.andNot(m, b);
      }
    }
    if (q.drafts() == Inclusion.EXCLUDE) {
      m = RoaringBitmap.andNot(m, base.drafts);
    }
    m = RoaringBitmap.andNot(m, dead);
    if (q.minStickyWeight() > 1 || q.expired() != Inclusion.INCLUDE) {
      RoaringBitmap check = q.minStickyWeight() > 1 ? RoaringBitmap.and(m, base.sticky) : new RoaringBitmap();
      if (q.expired() != Inclusion.INCLUDE) {
        check.or(q.expired() == Inclusion.ONLY ? m : RoaringBitmap.and(m, base.expiring));
      }
      IntIterator it = check.getIntIterator();
      RoaringBitmap out = new RoaringBitmap();
      while (it.hasNext()) {
        int pos = it.next();
        if (!base.entries[pos].matches(q, now)) {
          out.add(pos);
        }
      }
      m = RoaringBitmap.andNot(m, out);
    }
    return m;
  }

  private Iterator<Entry> baseIterator(ArticleQuery q, Instant now, Cursors.@Nullable Key key) {
    int[] r = range(q, now);
    List<RoaringBitmap> req = required(q);
    RoaringBitmap driver = null;
    for (RoaringBitmap b : req) {
      if (driver == null || b.getCardinality() < driver.getCardinality()) {
        driver = b;
      }
    }
    return switch (q.sort()) {
      case NEWEST -> new Forward(driver, Math.max(r[0], key == null ? 0 : after(key)), r[1], q, now, false);
      case OLDEST -> oldest(driver, r, q, now, key);
      case STICKY_FIRST -> stickyFirst(driver, r, q, now, key);
    };
  }

  /** First number after the cursor key in NEWEST terms. */
  private int after(Cursors.Key key) {
    int lo = 0;
    int hi = base.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      Entry e = base.entries[mid];
      int c = key.published().compareTo(e.published);
      if (c == 0) {
        c = e.id.compareTo(key.id());
      }
      if (c <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private Iterator<Entry> stickyFirst(@Nullable RoaringBitmap driver, int[] r, ArticleQuery q, Instant now,
      Cursors.@Nullable Key key) {
    int from = 0;
    if (key != null && key.sticky() == 0) {
      from = base.stickyOrder.length;
    } else if (key != null) {
      int lo = 0;
      int hi = base.stickyOrder.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (Cursors.compare(base.entries[base.stickyOrder[mid]], key) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      from = lo;
    }
    int start = key != null && key.sticky() == 0 ? Math.max(r[0], after(key)) : r[0];
    Iterator<Entry> rest = q.minStickyWeight() > 0 ? List.<Entry>of().iterator()
        : new Forward(driver, start, r[1], q, now, true);
    int fromFinal = from;
    Iterator<Entry> stickies = new Iterator<>() {
      int i = fromFinal;
      @Nullable Entry nextEntry = advance();

      private @Nullable Entry advance() {
        while (i < base.stickyOrder.length) {
          int pos = base.stickyOrder[i++];
          if (pos >= r[0] && pos < r[1] && !dead.contains(pos) && (driver == null || driver.contains(pos))
              && base.entries[pos].matches(q, now)) {
            return base.entries[pos];
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return nextEntry != null;
      }

      @Override
      public Entry next() {
        if (nextEntry == null) {
          throw new NoSuchElementException();
        }
        Entry e = nextEntry;
        nextEntry = advance();
        return e;
      }
    };
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return stickies.hasNext() || rest.hasNext();
      }

      @Override
      public Entry next() {
        return stickies.hasNext() ? stickies.next() : rest.next();
      }
    };
  }

  private Iterator<Entry> oldest(@Nullable RoaringBitmap driver, int[] r, ArticleQuery q, Instant now,
      Cursors.@Nullable Key key) {
    int hi = r[1];
    if (key != null) {
      hi = Math.min(hi, base.firstBefore(key.published()));
    }
    int lo = r[0];
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
    return new Iterator<>() {
      final ArrayDeque<Entry> group = new ArrayDeque<>();
      @Nullable Entry pending;

      private void fill() {
        while (group.isEmpty() && (pending != null || it.hasNext())) {
          List<Entry> g = new ArrayList<>();
          if (pending != null) {
            g.add(pending);
            pending = null;
          }
          while (it.hasNext()) {
            int pos = it.next();
            if (dead.contains(pos)) {
              continue;
            }
            Entry e = base.entries[pos];
            if (!e.matches(q, now)) {
              continue;
            }
            if (!g.isEmpty() && !g.get(0).published.equals(e.published)) {
              pending = e;
              break;
            }
            g.add(e);
          }
          for (int i = g.size() - 1; i >= 0; i--) {
            Entry e = g.get(i);
            if (key == null || Cursors.compare(e, key) > 0) {
              group.add(e);
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
      public Entry next() {
        fill();
        return group.remove();
      }
    };
  }

  /** Base entries in number order (NEWEST) from {@code from}, checked against the query. */
  private final class Forward implements Iterator<Entry> {
    private final @Nullable PeekableIntIterator it;
    private int p;
    private final int hi;
    private final ArticleQuery q;
    private final Instant now;
    private final boolean skipSticky;
    private @Nullable Entry nextEntry;

    Forward(@Nullable RoaringBitmap driver, int from, int hi, ArticleQuery q, Instant now, boolean skipSticky) {
      this.hi = hi;
      this.q = q;
      this.now = now;
      this.skipSticky = skipSticky;
      this.p = from;
      if (driver != null) {
        it = driver.getIntIterator();
        it.advanceIfNeeded(from);
      } else {
        it = null;
      }
      nextEntry = advance();
    }

    private @Nullable Entry advance() {
      while (true) {
        int pos;
        if (it != null) {
          if (!it.hasNext()) {
            return null;
          }
          pos = it.next();
        } else {
          pos = p++;
        }
        if (pos >= hi) {
          return null;
        }
        if (dead.contains(pos)) {
          continue;
        }
        Entry e = base.entries[pos];
        if (skipSticky && e.sticky > 0) {
          continue;
        }
        if (e.matches(q, now)) {
          return e;
        }
      }
    }

    @Override
    public boolean hasNext() {
      return nextEntry != null;
    }

    @Override
    public Entry next() {
      Entry e = nextEntry;
      if (e == null) {
        throw new NoSuchElementException();
      }
      nextEntry = advance();
      return e;
    }
  }

  private static final class MergeIterator implements Iterator<Entry> {
    private final Iterator<Entry> a;
    private final Iterator<Entry> b;
    private final Comparator<Entry> order;
    private @Nullable Entry headA;
    private @Nullable Entry headB;

    MergeIterator(Iterator<Entry> a, Iterator<Entry> b, Comparator<Entry> order) {
      this.a = a;
      this.b = b;
      this.order = order;
      headA = a.hasNext() ? a.next() : null;
      headB = b.hasNext() ? b.next() : null;
    }

    @Override
    public boolean hasNext() {
      return headA != null || headB != null;
    }

    @Override
    public Entry next() {
      Entry out;
      if (headB == null || (headA != null && order.compare(headA, headB) <= 0)) {
        if (headA == null) {
          throw new NoSuchElementException();
        }
        out = headA;
        headA = a.hasNext() ? a.next() : null;
      } else {
        out = headB;
        headB = b.hasNext() ? b.next() : null;
      }
      return out;
    }
  }
}
