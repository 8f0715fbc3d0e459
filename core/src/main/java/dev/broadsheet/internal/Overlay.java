package dev.broadsheet.internal;

import dev.broadsheet.StoredArticle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.RoaringBitmap;

/**
 * What changed since a base {@link Segment} was built: the entries saved since (new articles,
 * and new versions of base ones) and the base documents that are no longer live because they
 * were replaced or deleted. An entry shadows the base document with its id. Immutable: a write
 * makes a new overlay, and once one {@linkplain #full outgrows} its base, the snapshot folds
 * both into a new base.
 */
final class Overlay {
  static final Overlay EMPTY = new Overlay(new RoaringBitmap(), Map.of());

  private final RoaringBitmap dead;
  private final Map<String, Entry> entries;
  private final boolean noneDead;

  private Overlay(RoaringBitmap dead, Map<String, Entry> entries) {
    this.dead = dead;
    this.entries = entries;
    this.noneDead = dead.isEmpty();
  }

  /** How many articles {@code base} and this overlay hold together. */
  int size(Segment base) {
    return base.n - dead.getCardinality() + entries.size();
  }

  /** The entry saved under {@code id} since the base was built, if any. */
  @Nullable Entry entry(String id) {
    return entries.get(id);
  }

  /** Every entry saved since the base was built, in no particular order. */
  Collection<Entry> entries() {
    return entries.values();
  }

  /** Whether base document {@code d} is still the current version of its article. */
  boolean isLive(int d) {
    return noneDead || !dead.contains(d);
  }

  /** The base documents replaced or deleted since the base was built. */
  RoaringBitmap dead() {
    return dead;
  }

  /** This overlay with {@code e} added, or replacing the entry or base document with its id. */
  Overlay with(Segment base, Entry e) {
    Map<String, Entry> o = new HashMap<>(entries);
    o.put(e.id, e);
    return new Overlay(kill(base, e.id), o);
  }

  /** This overlay without the article with {@code id}, whether an entry or a base document. */
  Overlay without(Segment base, String id) {
    Map<String, Entry> o = entries;
    if (entries.containsKey(id)) {
      o = new HashMap<>(entries);
      o.remove(id);
    }
    return new Overlay(kill(base, id), o);
  }

  private RoaringBitmap kill(Segment base, String id) {
    int pos = base.position(id);
    if (pos < 0 || dead.contains(pos)) {
      return dead;
    }
    RoaringBitmap d = dead.clone();
    d.add(pos);
    return d;
  }

  /**
   * Whether this overlay has grown enough that queries would lose more walking it than a
   * rebuild of the base costs: a few hundred entries, more over a large base, at most 2048.
   */
  boolean full(Segment base) {
    int threshold = Math.max(256, Math.min(2048, base.n / 256));
    return entries.size() > threshold;
  }

  /** Every live article of {@code base} and this overlay, in no particular order: a new base's input. */
  List<StoredArticle> articles(Segment base) {
    List<StoredArticle> all = new ArrayList<>(size(base));
    for (int d = 0; d < base.n; d++) {
      if (!dead.contains(d)) {
        all.add(base.stored(d));
      }
    }
    for (Entry e : entries.values()) {
      all.add(e.stored);
    }
    return all;
  }
}
