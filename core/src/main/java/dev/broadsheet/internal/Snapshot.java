package dev.broadsheet.internal;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Facets;
import dev.broadsheet.Inclusion;
import dev.broadsheet.Page;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Sort;
import dev.broadsheet.StoredArticle;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
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
 * An immutable view of every indexed article: a {@link Segment} built in bulk and an {@link
 * Overlay} of what changed since, kept aside until the next rebuild. Queries read a snapshot
 * without locks; writers make a new one and publish it.
 */
public final class Snapshot {
  private final Dicts dicts;
  private final Segment base;
  private final Overlay overlay;

  private Snapshot(Dicts dicts, Segment base, Overlay overlay) {
    this.dicts = dicts;
    this.base = base;
    this.overlay = overlay;
  }

  /** A snapshot over {@code articles}, numbered with {@code dicts}. */
  public static Snapshot of(List<StoredArticle> articles, Dicts dicts) {
    return new Snapshot(dicts, Segment.build(articles, dicts), Overlay.EMPTY);
  }

  // ------------------------------------------------------------------ reading

  public int size() {
    return overlay.size(base);
  }

  public Optional<StoredArticle> get(String id) {
    Entry e = overlay.entry(id);
    if (e != null) {
      return Optional.of(e.stored);
    }
    int d = base.position(id);
    return d < 0 || !overlay.isLive(d) ? Optional.empty() : Optional.of(base.stored[d]);
  }

  // ------------------------------------------------------------------ writing

  /** This snapshot with {@code stored} added, or replacing the article with its id. */
  public Snapshot with(StoredArticle stored) {
    Overlay o = overlay.with(base, new Entry(stored, dicts));
    return o.full(base) ? of(o.articles(base), dicts) : new Snapshot(dicts, base, o);
  }

  /** This snapshot without the article with {@code id}. */
  public Snapshot without(String id) {
    return new Snapshot(dicts, base, overlay.without(base, id));
  }

  /** The overlay of this snapshot, for tests of when it is folded. */
  Overlay overlay() {
    return overlay;
  }

  // ------------------------------------------------------------------ queries

  /** A stream position: a base document or an overlay entry, comparable in any order. */
  private record Hit(int doc, @Nullable Entry entry) {}

  /** One page of matches in the query's order. */
  public Page<StoredArticle> query(ArticleQuery query, Instant now) {
    Compiled q = new Compiled(query, dicts);
    Cursors.Key key = query.cursor() == null ? null : Cursors.decode(query.cursor(), query.sort());
    Iterator<Hit> it = merged(q, now, key);
    for (int skip = query.offset(); skip > 0 && it.hasNext(); skip--) {
      it.next();
    }
    StoredArticle[] items = new StoredArticle[Math.min(query.limit(), 64)];
    int n = 0;
    Hit last = null;
    while (n < query.limit() && it.hasNext()) {
      last = it.next();
      if (n == items.length) {
        items = java.util.Arrays.copyOf(items, Math.min(query.limit(), n * 2));
      }
      items[n++] = stored(last);
    }
    String next = last != null && it.hasNext() ? cursor(query.sort(), last) : null;
    return new Page<>(List.of(n == items.length ? items : java.util.Arrays.copyOf(items, n)), next,
        () -> count(q, now));
  }

  /** Every match in the query's order, from the start (cursor and offset ignored). */
  public Iterator<StoredArticle> stream(ArticleQuery query, Instant now) {
    Iterator<Hit> it = merged(new Compiled(query, dicts), now, null);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public StoredArticle next() {
        return stored(it.next());
      }
    };
  }

  private StoredArticle stored(Hit h) {
    return h.entry() != null ? h.entry().stored : base.stored[h.doc()];
  }

  private String cursor(Sort sort, Hit h) {
    if (h.entry() != null) {
      Entry e = h.entry();
      return Cursors.encode(sort, e.sticky, e.published, e.id);
    }
    int d = h.doc();
    return Cursors.encode(sort, base.sticky[d], published(d), base.id(d));
  }

  private Instant published(int d) {
    return base.isUndated(d) ? Entry.NO_DATE : Instant.ofEpochSecond(base.pubSec[d], base.pubNano[d]);
  }

  private Iterator<Hit> merged(Compiled q, Instant now, Cursors.@Nullable Key key) {
    if (q.impossible) {
      return Collections.emptyIterator();
    }
    Iterator<Hit> fromBase = baseIterator(q, now, key);
    if (overlay.entries().isEmpty()) {
      return fromBase;
    }
    List<Entry> extra = new ArrayList<>();
    for (Entry e : overlay.entries()) {
      if (e.matches(q, now) && (key == null || Cursors.compare(e, key) > 0)) {
        extra.add(e);
      }
    }
    if (extra.isEmpty()) {
      return fromBase;
    }
    Comparator<Entry> order = Entry.order(q.query.sort());
    extra.sort(order);
    return new Merge(fromBase, extra.iterator(), hitOrder(q.query.sort()));
  }

  /** The order of the query on hits, whether base documents or overlay entries. */
  private Comparator<Hit> hitOrder(Sort sort) {
    Comparator<Hit> newest = (a, b) -> {
      int c = comparePublished(b, a);
      return c != 0 ? c : idOf(a).compareTo(idOf(b));
    };
    return switch (sort) {
      case NEWEST -> newest;
      case OLDEST -> (a, b) -> {
        int c = comparePublished(a, b);
        return c != 0 ? c : idOf(a).compareTo(idOf(b));
      };
      case STICKY_FIRST -> (a, b) -> {
        int c = Integer.compare(stickyOf(b), stickyOf(a));
        return c != 0 ? c : newest.compare(a, b);
      };
    };
  }

  private int comparePublished(Hit a, Hit b) {
    Instant pa = a.entry() != null ? a.entry().published : null;
    Instant pb = b.entry() != null ? b.entry().published : null;
    if (pa != null && pb != null) {
      return pa.compareTo(pb);
    }
    if (pa == null && pb == null) {
      return published(a.doc()).compareTo(published(b.doc()));
    }
    return pa != null ? -base.comparePublished(b.doc(), pa) : base.comparePublished(a.doc(), pb);
  }

  private String idOf(Hit h) {
    return h.entry() != null ? h.entry().id : base.id(h.doc());
  }

  private int stickyOf(Hit h) {
    return h.entry() != null ? h.entry().sticky : base.sticky[h.doc()];
  }

  /** How many articles match, cursor and page ignored. */
  public int count(ArticleQuery query, Instant now) {
    return count(new Compiled(query, dicts), now);
  }

  private int count(Compiled q, Instant now) {
    if (q.impossible) {
      return 0;
    }
    int n = matchBitmap(q, now).getCardinality();
    for (Entry e : overlay.entries()) {
      if (e.matches(q, now)) {
        n++;
      }
    }
    return n;
  }

  /** Counts per category, tag, sentiment, language and source over all matches. */
  public Facets facets(ArticleQuery query, Instant now) {
    Compiled q = new Compiled(query, dicts);
    int[] cat = new int[dicts.categories.size()];
    int[] tag = new int[dicts.tags.size()];
    int[] lang = new int[dicts.langs.size()];
    int[] src = new int[dicts.sources.size()];
    int[] sent = new int[3];
    int total = 0;
    if (!q.impossible) {
      RoaringBitmap m = matchBitmap(q, now);
      total = m.getCardinality();
      if (total > 0) {
        cardinalities(m, base.categoryBits, cat);
        cardinalities(m, base.langBits, lang);
        cardinalities(m, base.sourceBits, src);
        cardinalities(m, base.sentimentBits, sent);
        if (total > base.n / 2) {
          // Most documents match: count the tags of those that do not, and subtract.
          System.arraycopy(base.tagCount, 0, tag, 0, base.tagCount.length);
          RoaringBitmap rest = RoaringBitmap.bitmapOfRange(0, base.n);
          rest.andNot(m);
          tallyTags(rest, -1, tag);
        } else {
          tallyTags(m, 1, tag);
        }
      }
      for (Entry e : overlay.entries()) {
        if (e.matches(q, now)) {
          total++;
          add(cat, e.category);
          add(lang, e.lang);
          add(src, e.source);
          add(sent, e.sentiment);
          for (int t : e.tags) {
            tag[t]++;
          }
        }
      }
    }
    Map<Sentiment, Integer> sentiments = new EnumMap<>(Sentiment.class);
    for (Sentiment s : Sentiment.values()) {
      if (sent[s.ordinal()] > 0) {
        sentiments.put(s, sent[s.ordinal()]);
      }
    }
    Map<Sentiment, Integer> orderedSentiments = new LinkedHashMap<>();
    sentiments.entrySet().stream()
        .sorted(Map.Entry.<Sentiment, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(x -> orderedSentiments.put(x.getKey(), x.getValue()));
    return new Facets(total, ordered(cat, dicts.categories, Integer.MAX_VALUE),
        ordered(tag, dicts.tags, query.topTags()), orderedSentiments,
        ordered(lang, dicts.langs, Integer.MAX_VALUE), ordered(src, dicts.sources, Integer.MAX_VALUE));
  }

  private static void add(int[] counts, int ordinal) {
    if (ordinal >= 0) {
      counts[ordinal]++;
    }
  }

  private static void cardinalities(RoaringBitmap m, RoaringBitmap[] index, int[] into) {
    for (int o = 0; o < index.length; o++) {
      if (index[o] != null) {
        into[o] = RoaringBitmap.andCardinality(m, index[o]);
      }
    }
  }

  private void tallyTags(RoaringBitmap docs, int sign, int[] tag) {
    int[] start = base.tagStart;
    int[] data = base.tagData;
    IntIterator it = docs.getIntIterator();
    while (it.hasNext()) {
      int d = it.next();
      for (int i = start[d]; i < start[d + 1]; i++) {
        tag[data[i]] += sign;
      }
    }
  }

  /** Non-zero counts by count descending, then by lower-cased value, labelled with the first spelling. */
  private static Map<String, Integer> ordered(int[] counts, Dict dict, int limit) {
    Comparator<Integer> order = (a, b) -> {
      int c = Integer.compare(counts[b], counts[a]);
      return c != 0 ? c : dict.key(a).compareTo(dict.key(b));
    };
    // Keep only the best `limit` in a heap whose head is the worst kept.
    java.util.PriorityQueue<Integer> best = new java.util.PriorityQueue<>(order.reversed());
    for (int o = 0; o < counts.length; o++) {
      if (counts[o] > 0) {
        if (best.size() < limit) {
          best.add(o);
        } else if (limit > 0 && order.compare(o, best.peek()) < 0) {
          best.poll();
          best.add(o);
        }
      }
    }
    List<Integer> ordinals = new ArrayList<>(best);
    ordinals.sort(order);
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int o : ordinals) {
      out.put(dict.label(o), counts[o]);
    }
    return out;
  }

  /** Visible articles sharing the most tags with {@code id}, then newest first. */
  public List<StoredArticle> related(String id, int limit, Instant now) {
    Entry self = overlay.entry(id);
    int[] tags;
    if (self != null) {
      tags = self.tags;
    } else {
      int d = base.position(id);
      if (d < 0 || !overlay.isLive(d)) {
        return List.of();
      }
      tags = java.util.Arrays.copyOfRange(base.tagData, base.tagStart[d], base.tagStart[d + 1]);
    }
    if (tags.length == 0 || limit == 0) {
      return List.of();
    }
    Compiled visible = new Compiled(ArticleQuery.builder().sort(Sort.NEWEST).build(), dicts);
    int[] r = range(visible, now);
    Map<Integer, Integer> shared = new HashMap<>();
    for (int t : tags) {
      RoaringBitmap b = t < base.tagBits.length ? base.tagBits[t] : null;
      if (b == null) {
        continue;
      }
      IntIterator it = b.getIntIterator();
      while (it.hasNext()) {
        int d = it.next();
        if (d >= r[0] && d < r[1] && overlay.isLive(d) && base.matchesFields(d, visible) && !base.isExpired(d, now)
            && !base.id(d).equals(id)) {
          shared.merge(d, 1, Integer::sum);
        }
      }
    }
    List<Hit> hits = new ArrayList<>();
    Map<Hit, Integer> counts = new HashMap<>();
    shared.forEach((d, c) -> {
      Hit h = new Hit(d, null);
      hits.add(h);
      counts.put(h, c);
    });
    for (Entry e : overlay.entries()) {
      if (e.id.equals(id) || !e.matches(visible, now)) {
        continue;
      }
      int c = 0;
      for (int t : tags) {
        if (e.hasTag(t)) {
          c++;
        }
      }
      if (c > 0) {
        Hit h = new Hit(-1, e);
        hits.add(h);
        counts.put(h, c);
      }
    }
    Comparator<Hit> newest = hitOrder(Sort.NEWEST);
    hits.sort((a, b) -> {
      int c = Integer.compare(counts.get(b), counts.get(a));
      return c != 0 ? c : newest.compare(a, b);
    });
    return hits.stream().limit(limit).map(this::stored).toList();
  }

  // ------------------------------------------------------------------ the base segment

  /** Numbers [lo, hi) the visibility and date filters allow; a range, thanks to the numbering. */
  private int[] range(Compiled q, Instant now) {
    int lo = 0;
    int hi = base.n;
    if (q.scheduled == Inclusion.EXCLUDE) {
      lo = Math.max(lo, base.firstAtOrBefore(now));
    } else if (q.scheduled == Inclusion.ONLY) {
      hi = Math.min(hi, base.firstAtOrBefore(now));
    }
    if (q.before != null) {
      lo = Math.max(lo, base.firstBefore(q.before));
    }
    if (q.from != null) {
      hi = Math.min(hi, base.firstBefore(q.from));
    }
    if (q.from != null || q.before != null) {
      hi = Math.min(hi, base.undatedStart);
    }
    return new int[] {lo, Math.max(lo, hi)};
  }

  /** The bitmaps a match must be in: one per filter (a union for any-of filters). */
  private List<RoaringBitmap> required(Compiled q) {
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

  /** Exactly the base documents that match. */
  private RoaringBitmap matchBitmap(Compiled q, Instant now) {
    int[] r = range(q, now);
    List<RoaringBitmap> req = required(q);
    RoaringBitmap m;
    if (req.isEmpty()) {
      m = RoaringBitmap.bitmapOfRange(r[0], r[1]);
    } else {
      req.sort(Comparator.comparingInt(RoaringBitmap::getCardinality));
      m = req.get(0).clone();
      m.remove(0L, r[0]);
      m.remove(r[1], Math.max(r[1], base.n));
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

  /** Whether base document {@code d}, known to be inside the range, matches. */
  private boolean matches(int d, Compiled q, Instant now) {
    return overlay.isLive(d) && base.matchesFields(d, q)
        && Compiled.include(q.expired, base.isExpired(d, now));
  }

  private Iterator<Hit> baseIterator(Compiled q, Instant now, Cursors.@Nullable Key key) {
    int[] r = range(q, now);
    RoaringBitmap driver = null;
    int driverSize = Integer.MAX_VALUE;
    for (RoaringBitmap b : required(q)) {
      int size = b.getCardinality();
      if (size < driverSize) {
        driver = b;
        driverSize = size;
      }
    }
    return switch (q.query.sort()) {
      case NEWEST -> new Forward(driver, Math.max(r[0], key == null ? 0 : after(key)), r[1], q, now, -1);
      case OLDEST -> oldest(driver, r, q, now, key);
      case STICKY_FIRST -> stickyFirst(driver, driverSize, r, q, now, key);
    };
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

  private Iterator<Hit> stickyFirst(@Nullable RoaringBitmap driver, int driverSize, int[] r, Compiled q,
      Instant now, Cursors.@Nullable Key key) {
    // One pass per sticky weight, heaviest first, then the articles that are not sticky. Each
    // pass walks whichever is smaller, the weight's documents or the filter's, and checks the rest.
    List<java.util.function.Supplier<Iterator<Hit>>> parts = new ArrayList<>();
    if (driver != null && driverSize < base.stickyCount) {
      // A selective filter: one walk over its documents finds the sticky matches, which are
      // few, and sorts them, instead of one walk per weight.
      parts.add(() -> stickyMatches(driver, r, q, now, key));
    } else if (q.categories != null && q.categories.length == 1 && q.categories[0] < base.stickyByCategory.length) {
      // One category: its sticky documents are kept in this order already.
      int c = q.categories[0];
      parts.add(() -> stickyOfCategory(base.stickyByCategory[c],
          base.stickyRows == null ? null : base.stickyRows[c], r, q, now, key));
    } else {
      stickyPasses(parts, driver, r, q, now, key);
    }
    if (q.minSticky == 0) {
      int from = key != null && key.sticky() == 0 ? Math.max(r[0], after(key)) : r[0];
      parts.add(() -> new Forward(driver, from, r[1], q, now, 0));
    }
    return concat(parts);
  }

  private Iterator<Hit> stickyMatches(RoaringBitmap driver, int[] r, Compiled q, Instant now,
      Cursors.@Nullable Key key) {
    List<Integer> found = new ArrayList<>();
    PeekableIntIterator it = driver.getIntIterator();
    it.advanceIfNeeded(r[0]);
    int min = Math.max(1, q.minSticky);
    while (it.hasNext()) {
      int d = it.next();
      if (d >= r[1]) {
        break;
      }
      if (base.sticky[d] >= min && matches(d, q, now)
          && (key == null || Cursors.compare(base.sticky[d], published(d), base.id(d), key) > 0)) {
        found.add(d);
      }
    }
    found.sort((a, b) -> base.sticky[a] != base.sticky[b] ? Integer.compare(base.sticky[b], base.sticky[a])
        : Integer.compare(a, b));
    return found.stream().map(d -> new Hit(d, null)).iterator();
  }

  private Iterator<Hit> stickyOfCategory(int[] docs, long @Nullable [] rows, int[] r, Compiled q, Instant now,
      Cursors.@Nullable Key key) {
    int from = 0;
    if (key != null) {
      int lo = 0;
      int hi = docs.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        int d = docs[mid];
        if (Cursors.compare(base.sticky[d], published(d), base.id(d), key) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      from = lo;
    }
    int start = from;
    return new DocIterator() {
      int i = start;

      final boolean tags = q.hasTagFilters();

      @Override
      int advance() {
        if (rows == null) {
          while (i < docs.length) {
            int d = docs[i++];
            if (d >= r[0] && d < r[1] && base.sticky[d] >= q.minSticky && matches(d, q, now)) {
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
          if (d >= r[0] && d < r[1] && q.rowMatches(row)
              && (q.minSticky <= 1 || base.sticky[d] >= q.minSticky)
              && (!tags || base.tagsMatch(d, q))
              && overlay.isLive(d)
              && Compiled.include(q.expired, (row & Segment.ROW_EXPIRING) != 0 && base.isExpired(d, now))) {
            return d;
          }
        }
        return -1;
      }
    };
  }

  private void stickyPasses(List<java.util.function.Supplier<Iterator<Hit>>> parts, @Nullable RoaringBitmap driver,
      int[] r, Compiled q, Instant now, Cursors.@Nullable Key key) {
    for (int i = 0; i < base.stickyWeights.length; i++) {
      int w = base.stickyWeights[i];
      if (w < q.minSticky || (key != null && w > key.sticky())) {
        continue;
      }
      int from = key != null && w == key.sticky() ? Math.max(r[0], after(key)) : r[0];
      RoaringBitmap weight = base.stickyByWeight[i];
      parts.add(() -> new Forward(weight, from, r[1], q, now, -1));
    }
  }

  private static Iterator<Hit> concat(List<java.util.function.Supplier<Iterator<Hit>>> parts) {
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

  private Iterator<Hit> oldest(@Nullable RoaringBitmap driver, int[] r, Compiled q, Instant now,
      Cursors.@Nullable Key key) {
    int hi = r[1];
    if (key != null) {
      hi = Math.min(hi, key.published() == Entry.NO_DATE ? base.n : base.firstBefore(key.published()));
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
            if (!matches(d, q, now)) {
              continue;
            }
            if (!g.isEmpty() && base.comparePublished(d, published(g.get(0))) != 0) {
              pending = d;
              break;
            }
            g.add(d);
          }
          for (int i = g.size() - 1; i >= 0; i--) {
            int d = g.get(i);
            if (key == null || Cursors.compare(base.sticky[d], published(d), base.id(d), key) > 0) {
              group.add(new Hit(d, null));
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
      Hit h = new Hit(next, null);
      next = advance();
      return h;
    }
  }

  /** Base documents in number order (NEWEST) from {@code from}, checked against the query. */
  private final class Forward extends DocIterator {
    private final @Nullable PeekableIntIterator it;
    private int p;
    private final int hi;
    private final Compiled q;
    private final Instant now;
    private final int weight;

    /** {@code weight}: -1 for any sticky weight, else only documents of exactly that weight. */
    Forward(@Nullable RoaringBitmap driver, int from, int hi, Compiled q, Instant now, int weight) {
      this.hi = hi;
      this.q = q;
      this.now = now;
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
        if (matches(d, q, now)) {
          return d;
        }
      }
    }
  }

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
      headB = b.hasNext() ? new Hit(-1, b.next()) : null;
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
        headB = b.hasNext() ? new Hit(-1, b.next()) : null;
      }
      return out;
    }
  }
}
