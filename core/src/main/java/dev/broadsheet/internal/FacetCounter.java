package dev.broadsheet.internal;

import dev.broadsheet.Article;
import dev.broadsheet.Facets;
import dev.broadsheet.Sentiment;
import dev.broadsheet.StoredArticle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Counts per category, tag, sentiment, language and source over a set of matches, and orders
 * them as {@link Facets} promises: count descending, then by lower-cased value. The index adds
 * its matching base documents as a bitmap and its matching overlay entries one by one; {@link
 * #count(Collection)} counts a plain list of articles the same way.
 *
 * <pre>{@code
 * Facets facets = FacetCounter.count(visibleArticles); // every tag, most frequent spellings
 * }</pre>
 *
 * <p>Not thread-safe: one counter per count.
 */
public final class FacetCounter {
  /** The label of a value of a field: the spelling a facet shows. */
  private interface Labels {
    String label(Dict dict, int ordinal);
  }

  private final Dicts dicts;
  private final Labels labels;
  private final int[] categories;
  private final int[] tags;
  private final int[] langs;
  private final int[] sources;
  private final int[] sentiments = new int[3];
  private int total;

  /** A counter over values numbered by {@code dicts}, labelled with their first spelling. */
  FacetCounter(Dicts dicts) {
    this(dicts, Dict::label);
  }

  private FacetCounter(Dicts dicts, Labels labels) {
    this.dicts = dicts;
    this.labels = labels;
    categories = new int[dicts.categories.size()];
    tags = new int[dicts.tags.size()];
    langs = new int[dicts.langs.size()];
    sources = new int[dicts.sources.size()];
  }

  /**
   * The facets of {@code articles}, counted as the index counts a query's matches, with every
   * tag rather than the top ones. Where articles spell a value differently, the most frequent
   * spelling among them labels it, ties going to the first in {@link String#compareTo} order, so
   * the labels depend on the articles alone, not on the order they come in.
   */
  public static Facets count(Collection<StoredArticle> articles) {
    Dicts dicts = new Dicts();
    Spellings spellings = new Spellings();
    List<Entry> entries = new ArrayList<>(articles.size());
    for (StoredArticle stored : articles) {
      Entry e = new Entry(stored, dicts);
      entries.add(e);
      spellings.add(e, stored.article(), dicts);
    }
    FacetCounter counter = new FacetCounter(dicts, spellings);
    entries.forEach(counter::add);
    return counter.facets(Integer.MAX_VALUE);
  }

  /**
   * Counts the documents of {@code base} in {@code matches}, all of them live: once per count,
   * before any {@linkplain #add(Entry) entry}.
   */
  void countBase(Segment base, RoaringBitmap matches) {
    int count = matches.getCardinality();
    total += count;
    if (count == 0) {
      return;
    }
    cardinalities(matches, base.categoryBits, categories);
    cardinalities(matches, base.langBits, langs);
    cardinalities(matches, base.sourceBits, sources);
    cardinalities(matches, base.sentimentBits, sentiments);
    if (count > base.n / 2) {
      // Most documents match: count the tags of those that do not, and subtract.
      System.arraycopy(base.tagCount, 0, tags, 0, base.tagCount.length);
      RoaringBitmap rest = RoaringBitmap.bitmapOfRange(0, base.n);
      rest.andNot(matches);
      tallyTags(base, rest, -1);
    } else {
      tallyTags(base, matches, 1);
    }
  }

  /** Adds one overlay entry. */
  void add(Entry e) {
    total++;
    add(categories, e.category);
    add(langs, e.lang);
    add(sources, e.source);
    add(sentiments, e.sentiment);
    for (int t : e.tags) {
      tags[t]++;
    }
  }

  /** The counts so far; tags limited to the {@code topTags} most frequent. */
  Facets facets(int topTags) {
    Map<Sentiment, Integer> bySentiment = new EnumMap<>(Sentiment.class);
    for (Sentiment s : Sentiment.values()) {
      if (sentiments[s.ordinal()] > 0) {
        bySentiment.put(s, sentiments[s.ordinal()]);
      }
    }
    Map<Sentiment, Integer> orderedSentiments = new LinkedHashMap<>();
    bySentiment.entrySet().stream()
        .sorted(Map.Entry.<Sentiment, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(x -> orderedSentiments.put(x.getKey(), x.getValue()));
    return new Facets(total, ordered(categories, dicts.categories, Integer.MAX_VALUE),
        ordered(tags, dicts.tags, topTags), orderedSentiments,
        ordered(langs, dicts.langs, Integer.MAX_VALUE), ordered(sources, dicts.sources, Integer.MAX_VALUE));
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

  private void tallyTags(Segment base, RoaringBitmap docs, int sign) {
    int[] start = base.tagStart;
    int[] data = base.tagData;
    int[] tag = tags;
    IntIterator it = docs.getIntIterator();
    while (it.hasNext()) {
      int d = it.next();
      for (int i = start[d]; i < start[d + 1]; i++) {
        tag[data[i]] += sign;
      }
    }
  }

  /** Non-zero counts by count descending, then by lower-cased value, at most {@code limit}. */
  private Map<String, Integer> ordered(int[] counts, Dict dict, int limit) {
    Comparator<Integer> order = (a, b) -> {
      int c = Integer.compare(counts[b], counts[a]);
      return c != 0 ? c : dict.key(a).compareTo(dict.key(b));
    };
    // Keep only the best `limit` in a heap whose head is the worst kept.
    PriorityQueue<Integer> best = new PriorityQueue<>(order.reversed());
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
      out.put(labels.label(dict, o), counts[o]);
    }
    return out;
  }

  /** How often articles spell each value each way, to label a value with its most frequent spelling. */
  private static final class Spellings implements Labels {
    private final Map<Dict, List<Map<String, Integer>>> byDict = new HashMap<>();

    /** The spellings of entry {@code e}, made of {@code a}: one per value, as the entry counts it. */
    void add(Entry e, Article a, Dicts dicts) {
      if (e.category >= 0) {
        add(dicts.categories, e.category, a.category());
      }
      if (e.lang >= 0) {
        add(dicts.langs, e.lang, a.lang());
      }
      if (e.source >= 0) {
        add(dicts.sources, e.source, a.source().key());
      }
      // The entry lists each tag once, in the order of its first spelling: count that one.
      int next = 0;
      for (String t : a.tags()) {
        if (next < e.tags.length && dicts.tags.ordinal(t) == e.tags[next]) {
          add(dicts.tags, e.tags[next++], t);
        }
      }
    }

    private void add(Dict dict, int ordinal, String spelling) {
      List<Map<String, Integer>> values = byDict.computeIfAbsent(dict, d -> new ArrayList<>());
      while (values.size() <= ordinal) {
        values.add(new HashMap<>());
      }
      values.get(ordinal).merge(spelling, 1, Integer::sum);
    }

    @Override
    public String label(Dict dict, int ordinal) {
      String best = null;
      int most = 0;
      for (Map.Entry<String, Integer> s : byDict.get(dict).get(ordinal).entrySet()) {
        int n = s.getValue();
        if (n > most || (n == most && s.getKey().compareTo(best) < 0)) {
          best = s.getKey();
          most = n;
        }
      }
      return best;
    }
  }
}
