package dev.broadsheet.internal;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Sort;
import dev.broadsheet.StoredArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/** The visible articles that share the most tags with one article, then newest first. */
final class Related {
  private static final ArticleQuery VISIBLE = ArticleQuery.builder().sort(Sort.NEWEST).build();

  private Related() {}

  /** Up to {@code limit} articles related to {@code id}; none when it is unknown or has no tags. */
  static List<StoredArticle> to(String id, int limit, Instant now, Segment base, Overlay overlay, Dicts dicts) {
    Entry self = overlay.entry(id);
    int[] tags;
    if (self != null) {
      tags = self.tags;
    } else {
      int d = base.position(id);
      if (d < 0 || !overlay.isLive(d)) {
        return List.of();
      }
      tags = Arrays.copyOfRange(base.tagData, base.tagStart[d], base.tagStart[d + 1]);
    }
    if (tags.length == 0 || limit == 0) {
      return List.of();
    }
    QueryPlan visible = new QueryPlan(new Compiled(VISIBLE, dicts), now, base, overlay);
    Map<Integer, Integer> shared = new HashMap<>();
    for (int t : tags) {
      RoaringBitmap b = t < base.tagBits.length ? base.tagBits[t] : null;
      if (b == null) {
        continue;
      }
      IntIterator it = b.getIntIterator();
      while (it.hasNext()) {
        int d = it.next();
        if (d >= visible.lo && d < visible.hi && visible.matches(d) && !base.id(d).equals(id)) {
          shared.merge(d, 1, Integer::sum);
        }
      }
    }
    List<Hit> hits = new ArrayList<>();
    Map<Hit, Integer> counts = new HashMap<>();
    shared.forEach((d, c) -> {
      Hit h = Hit.of(d);
      hits.add(h);
      counts.put(h, c);
    });
    for (Entry e : overlay.entries()) {
      if (e.id.equals(id) || !visible.matches(e)) {
        continue;
      }
      int c = 0;
      for (int t : tags) {
        if (e.hasTag(t)) {
          c++;
        }
      }
      if (c > 0) {
        Hit h = Hit.of(e);
        hits.add(h);
        counts.put(h, c);
      }
    }
    Comparator<Hit> newest = Hit.order(Sort.NEWEST, base);
    hits.sort((a, b) -> {
      int c = Integer.compare(counts.get(b), counts.get(a));
      return c != 0 ? c : newest.compare(a, b);
    });
    return hits.stream().limit(limit).map(h -> h.stored(base)).toList();
  }
}
