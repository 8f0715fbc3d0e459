package dev.broadsheet.internal;

import dev.broadsheet.StoredArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.RoaringBitmap;

/**
 * An immutable, column-oriented index over a fixed set of articles. Documents are numbered in
 * NEWEST order (publishedAt descending, id ascending; undated drafts last), so "published at
 * or before a moment" and date ranges are ranges of numbers and NEWEST is the numbering
 * itself. Per document the index keeps a few ints; per value of each field, a compressed
 * bitmap of the documents that have it.
 */
final class Segment {
  private static final long NO_DATE_SEC = Long.MAX_VALUE;

  final int n;
  final StoredArticle[] stored;
  final long[] pubSec;
  final int[] pubNano;
  final int[] sticky;
  final int[] category;
  final int[] lang;
  final int[] source;
  final byte[] sentiment;
  final int[] tagStart;
  final int[] tagData;
  final RoaringBitmap drafts;
  /** The same sets as plain bit arrays, for checks one document at a time. */
  private final long[] draftBits;
  private final long[] expiringBits;
  final RoaringBitmap[] categoryBits;
  final RoaringBitmap[] tagBits;
  final RoaringBitmap[] langBits;
  final RoaringBitmap[] sourceBits;
  final RoaringBitmap[] sentimentBits;
  final RoaringBitmap anySticky;
  /** Distinct sticky weights, descending, and the documents of each. */
  final int[] stickyWeights;
  final RoaringBitmap[] stickyByWeight;
  /** Documents with expiresAt, ordered by it, with their expiry. */
  final int[] expiringDocs;
  final long[] expSec;
  final int[] expNano;
  final RoaringBitmap expiring;
  final int undatedStart;
  /** Open-addressing table of document numbers by id hash. */
  private final int[] idTable;
  final int[] categoryCount;
  final int[] tagCount;
  final int[] langCount;
  final int[] sourceCount;
  final int[] sentimentCount;
  private volatile @Nullable Expired expiredCache;

  private record Expired(int k, RoaringBitmap docs) {}

  static Segment build(List<Entry> live, Dicts dicts) {
    Entry[] e = sort(live);
    return new Segment(e, dicts);
  }

  private Segment(Entry[] e, Dicts dicts) {
    n = e.length;
    stored = new StoredArticle[n];
    pubSec = new long[n];
    pubNano = new int[n];
    sticky = new int[n];
    category = new int[n];
    lang = new int[n];
    source = new int[n];
    sentiment = new byte[n];
    tagStart = new int[n + 1];
    int tagTotal = 0;
    for (Entry x : e) {
      tagTotal += x.tags.length;
    }
    tagData = new int[tagTotal];
    int undated = n;
    int t = 0;
    int stickies = 0;
    int expiringCount = 0;
    for (int d = 0; d < n; d++) {
      Entry x = e[d];
      stored[d] = x.stored;
      if (x.published == Entry.NO_DATE) {
        pubSec[d] = NO_DATE_SEC;
        undated = Math.min(undated, d);
      } else {
        pubSec[d] = x.published.getEpochSecond();
        pubNano[d] = x.published.getNano();
      }
      sticky[d] = x.sticky;
      category[d] = x.category;
      lang[d] = x.lang;
      source[d] = x.source;
      sentiment[d] = (byte) x.sentiment;
      tagStart[d] = t;
      System.arraycopy(x.tags, 0, tagData, t, x.tags.length);
      t += x.tags.length;
      if (x.sticky > 0) {
        stickies++;
      }
      if (x.expiresAt != null) {
        expiringCount++;
      }
    }
    tagStart[n] = t;
    undatedStart = undated;

    categoryCount = new int[dicts.categories.size()];
    tagCount = new int[dicts.tags.size()];
    langCount = new int[dicts.langs.size()];
    sourceCount = new int[dicts.sources.size()];
    sentimentCount = new int[3];
    for (int d = 0; d < n; d++) {
      if (category[d] >= 0) {
        categoryCount[category[d]]++;
      }
      if (lang[d] >= 0) {
        langCount[lang[d]]++;
      }
      if (source[d] >= 0) {
        sourceCount[source[d]]++;
      }
      if (sentiment[d] >= 0) {
        sentimentCount[sentiment[d]]++;
      }
    }
    for (int i = 0; i < t; i++) {
      tagCount[tagData[i]]++;
    }
    categoryBits = postings(categoryCount, category, null);
    langBits = postings(langCount, lang, null);
    sourceBits = postings(sourceCount, source, null);
    tagBits = postings(tagCount, null, tagData);
    int[] sent = new int[n];
    for (int d = 0; d < n; d++) {
      sent[d] = sentiment[d];
    }
    sentimentBits = postings(sentimentCount, sent, null);

    int[] draftDocs = new int[n];
    int nd = 0;
    int[] stickyDocs = new int[stickies];
    int ns = 0;
    Integer[] exp = new Integer[expiringCount];
    int ne = 0;
    TreeMap<Integer, List<Integer>> byWeight = new TreeMap<>(Comparator.reverseOrder());
    for (int d = 0; d < n; d++) {
      if (e[d].draft) {
        draftDocs[nd++] = d;
      }
      if (sticky[d] > 0) {
        stickyDocs[ns++] = d;
        byWeight.computeIfAbsent(sticky[d], k -> new ArrayList<>()).add(d);
      }
      if (e[d].expiresAt != null) {
        exp[ne++] = d;
      }
    }
    drafts = RoaringBitmap.bitmapOf(Arrays.copyOf(draftDocs, nd));
    draftBits = new long[(n + 63) >>> 6];
    for (int i = 0; i < nd; i++) {
      draftBits[draftDocs[i] >>> 6] |= 1L << draftDocs[i];
    }
    drafts.runOptimize();
    anySticky = RoaringBitmap.bitmapOf(stickyDocs);
    stickyWeights = byWeight.keySet().stream().mapToInt(Integer::intValue).toArray();
    stickyByWeight = new RoaringBitmap[stickyWeights.length];
    int w = 0;
    for (List<Integer> docs : byWeight.values()) {
      stickyByWeight[w++] = RoaringBitmap.bitmapOf(docs.stream().mapToInt(Integer::intValue).toArray());
    }
    Arrays.sort(exp, Comparator.comparing((Integer d) -> e[d].expiresAt));
    expiringDocs = new int[ne];
    expSec = new long[ne];
    expNano = new int[ne];
    for (int i = 0; i < ne; i++) {
      expiringDocs[i] = exp[i];
      Instant x = e[exp[i]].expiresAt;
      expSec[i] = x.getEpochSecond();
      expNano[i] = x.getNano();
    }
    expiring = RoaringBitmap.bitmapOf(expiringDocs);
    expiringBits = new long[(n + 63) >>> 6];
    for (int d : expiringDocs) {
      expiringBits[d >>> 6] |= 1L << d;
    }

    idTable = new int[Math.max(4, Integer.highestOneBit(Math.max(1, n)) << 2)];
    Arrays.fill(idTable, -1);
    int mask = idTable.length - 1;
    for (int d = 0; d < n; d++) {
      int slot = mix(stored[d].id().hashCode()) & mask;
      while (idTable[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      idTable[slot] = d;
    }
  }

  /** Documents by value: counts first, then one sorted array per value, then a bitmap. */
  private RoaringBitmap[] postings(int[] counts, int @Nullable [] column, int @Nullable [] tagsFlat) {
    int[][] lists = new int[counts.length][];
    for (int v = 0; v < counts.length; v++) {
      lists[v] = counts[v] == 0 ? null : new int[counts[v]];
    }
    int[] fill = new int[counts.length];
    if (column != null) {
      for (int d = 0; d < n; d++) {
        int v = column[d];
        if (v >= 0) {
          lists[v][fill[v]++] = d;
        }
      }
    } else {
      for (int d = 0; d < n; d++) {
        for (int i = tagStart[d]; i < tagStart[d + 1]; i++) {
          int v = tagsFlat[i];
          lists[v][fill[v]++] = d;
        }
      }
    }
    RoaringBitmap[] bits = new RoaringBitmap[counts.length];
    for (int v = 0; v < counts.length; v++) {
      if (lists[v] != null) {
        bits[v] = RoaringBitmap.bitmapOf(lists[v]);
        bits[v].runOptimize();
      }
    }
    return bits;
  }

  private static int mix(int h) {
    return h ^ (h >>> 16) * 0x45d9f3b;
  }

  /** Sorts entries into NEWEST order: by a packed primitive key, then ties by nanos and id. */
  private static Entry[] sort(List<Entry> live) {
    Entry[] e = live.toArray(new Entry[0]);
    int n = e.length;
    if (n >= (1 << 24)) {
      Arrays.parallelSort(e, Entry.NEWEST);
      return e;
    }
    long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long undated = (1L << 39) - 1;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      Instant p = e[i].published;
      long rank = p == Entry.NO_DATE ? undated : undated - 1 - (p.getEpochSecond() - min);
      keys[i] = (rank << 24) | i;
    }
    Arrays.parallelSort(keys);
    Entry[] out = new Entry[n];
    for (int i = 0; i < n; i++) {
      out[i] = e[(int) (keys[i] & 0xFFFFFF)];
    }
    int start = 0;
    for (int i = 1; i <= n; i++) {
      if (i == n || (keys[i] >>> 24) != (keys[start] >>> 24)) {
        if (i - start > 1) {
          Arrays.sort(out, start, i, Entry.NEWEST);
        }
        start = i;
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ lookups

  int position(String id) {
    int mask = idTable.length - 1;
    int slot = mix(id.hashCode()) & mask;
    while (true) {
      int d = idTable[slot];
      if (d < 0) {
        return -1;
      }
      if (stored[d].id().equals(id)) {
        return d;
      }
      slot = (slot + 1) & mask;
    }
  }

  String id(int d) {
    return stored[d].id();
  }

  /** Compares document {@code d}'s publishedAt with {@code t}; undated documents are earliest. */
  int comparePublished(int d, Instant t) {
    if (pubSec[d] == NO_DATE_SEC) {
      return t.equals(Entry.NO_DATE) ? 0 : -1;
    }
    if (t.equals(Entry.NO_DATE)) {
      return 1;
    }
    int c = Long.compare(pubSec[d], t.getEpochSecond());
    return c != 0 ? c : Integer.compare(pubNano[d], t.getNano());
  }

  boolean isUndated(int d) {
    return pubSec[d] == NO_DATE_SEC;
  }

  /** First document published at or before {@code t}. */
  int firstAtOrBefore(Instant t) {
    int lo = 0;
    int hi = undatedStart;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (comparePublished(mid, t) > 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First document published strictly before {@code t} (undated ones excluded: returns at most undatedStart). */
  int firstBefore(Instant t) {
    int lo = 0;
    int hi = undatedStart;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (comparePublished(mid, t) >= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The documents whose expiresAt is at or before {@code now}; cached while that set stays the same. */
  RoaringBitmap expiredAt(Instant now) {
    int lo = 0;
    int hi = expiringDocs.length;
    long s = now.getEpochSecond();
    int ns = now.getNano();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = Long.compare(expSec[mid], s);
      if (c == 0) {
        c = Integer.compare(expNano[mid], ns);
      }
      if (c <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    Expired cached = expiredCache;
    if (cached != null && cached.k() == lo) {
      return cached.docs();
    }
    RoaringBitmap docs = RoaringBitmap.bitmapOf(Arrays.copyOf(expiringDocs, lo));
    expiredCache = new Expired(lo, docs);
    return docs;
  }

  /** Whether document {@code d} has expired at {@code now}. */
  boolean isExpired(int d, Instant now) {
    if ((expiringBits[d >>> 6] & (1L << d)) == 0) {
      return false;
    }
    return expiredAt(now).contains(d);
  }

  /** The field, tag, sticky and draft filters on one document; ranges and expiry are checked by callers. */
  boolean matchesFields(int d, Compiled q) {
    return Compiled.in(q.categories, category[d])
        && Compiled.in(q.langs, lang[d])
        && Compiled.in(q.sources, source[d])
        && Compiled.in(q.sentiments, sentiment[d])
        && sticky[d] >= q.minSticky
        && q.tagsMatch(tagData, tagStart[d], tagStart[d + 1])
        && Compiled.include(q.drafts, (draftBits[d >>> 6] & (1L << d)) != 0);
  }
}
