package dev.broadsheet.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.RoaringBitmap;

/**
 * An immutable index over a fixed set of entries. Entries are numbered in NEWEST order
 * (publishedAt descending, id ascending), so "published before a moment" and date ranges are
 * ranges of numbers, and NEWEST is the numbering itself.
 */
final class Segment {
  static final Segment EMPTY = build(List.of());

  final Entry[] entries;
  final Map<String, Integer> positions;
  final Map<String, RoaringBitmap> categories;
  final Map<String, RoaringBitmap> tags;
  final Map<String, RoaringBitmap> langs;
  final Map<String, RoaringBitmap> sources;
  final RoaringBitmap[] sentiments;
  final RoaringBitmap drafts;
  final RoaringBitmap sticky;
  final RoaringBitmap expiring;
  final int[] stickyOrder;
  final Map<String, String> labels;

  private Segment(Entry[] entries) {
    this.entries = entries;
    int n = entries.length;
    positions = new HashMap<>(n * 4 / 3 + 1);
    Map<String, RoaringBitmap> cat = new HashMap<>();
    Map<String, RoaringBitmap> tag = new HashMap<>();
    Map<String, RoaringBitmap> lang = new HashMap<>();
    Map<String, RoaringBitmap> src = new HashMap<>();
    sentiments = new RoaringBitmap[] {new RoaringBitmap(), new RoaringBitmap(), new RoaringBitmap()};
    drafts = new RoaringBitmap();
    sticky = new RoaringBitmap();
    expiring = new RoaringBitmap();
    labels = new HashMap<>();
    Function<String, RoaringBitmap> fresh = k -> new RoaringBitmap();
    List<Integer> stickies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Entry e = entries[i];
      positions.put(e.id, i);
      var a = e.stored.article();
      if (e.category != null) {
        cat.computeIfAbsent(e.category, fresh).add(i);
        labels.putIfAbsent("c:" + e.category, a.category());
      }
      for (int t = 0; t < e.tags.length; t++) {
        tag.computeIfAbsent(e.tags[t], fresh).add(i);
      }
      if (e.lang != null) {
        lang.computeIfAbsent(e.lang, fresh).add(i);
        labels.putIfAbsent("l:" + e.lang, a.lang());
      }
      if (e.source != null) {
        src.computeIfAbsent(e.source, fresh).add(i);
        labels.putIfAbsent("s:" + e.source, a.source().key());
      }
      if (e.sentiment >= 0) {
        sentiments[e.sentiment].add(i);
      }
      if (e.draft) {
        drafts.add(i);
      }
      if (e.sticky > 0) {
        sticky.add(i);
        stickies.add(i);
      }
      if (e.expiresAt != null) {
        expiring.add(i);
      }
    }
    for (Entry e : entries) {
      for (String t : e.tags) {
        if (!labels.containsKey("t:" + t)) {
          for (String spelled : e.stored.article().tags()) {
            if (dev.broadsheet.ArticleQuery.key(spelled).equals(t)) {
              labels.put("t:" + t, spelled);
              break;
            }
          }
        }
      }
    }
    categories = optimize(cat);
    tags = optimize(tag);
    langs = optimize(lang);
    sources = optimize(src);
    for (RoaringBitmap b : sentiments) {
      b.runOptimize();
    }
    drafts.runOptimize();
    sticky.runOptimize();
    stickyOrder = stickies.stream()
        .sorted((x, y) -> Entry.STICKY_FIRST.compare(entries[x], entries[y]))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private static Map<String, RoaringBitmap> optimize(Map<String, RoaringBitmap> m) {
    for (RoaringBitmap b : m.values()) {
      b.runOptimize();
    }
    return m;
  }

  static Segment build(Collection<Entry> live) {
    Entry[] sorted = live.toArray(new Entry[0]);
    Arrays.parallelSort(sorted, Entry.NEWEST);
    return new Segment(sorted);
  }

  int size() {
    return entries.length;
  }

  @Nullable Integer position(String id) {
    return positions.get(id);
  }

  /** First number whose entry was published at or before {@code t}. */
  int firstAtOrBefore(Instant t) {
    int lo = 0;
    int hi = entries.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (entries[mid].published.isAfter(t)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First number whose entry was published strictly before {@code t}. */
  int firstBefore(Instant t) {
    int lo = 0;
    int hi = entries.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (!entries[mid].published.isBefore(t)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  String label(String prefix, String key) {
    return labels.getOrDefault(prefix + key, key);
  }
}
