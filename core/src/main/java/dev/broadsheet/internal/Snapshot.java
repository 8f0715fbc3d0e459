package dev.broadsheet.internal;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Facets;
import dev.broadsheet.Page;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.Sentiment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * An immutable view of every indexed article: a {@link Segment} built in bulk and an {@link
 * Overlay} of what changed since. Queries read a snapshot without locks, through a {@link
 * QueryPlan}; writers make a new one and publish it.
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

  // ------------------------------------------------------------------ queries

  private QueryPlan plan(ArticleQuery query, Instant now) {
    return new QueryPlan(new Compiled(query, dicts), now, base, overlay);
  }

  /** One page of matches in the query's order. */
  public Page<StoredArticle> query(ArticleQuery query, Instant now) {
    return plan(query, now).page();
  }

  /** Every match in the query's order, from the start (cursor and offset ignored). */
  public Iterator<StoredArticle> stream(ArticleQuery query, Instant now) {
    return plan(query, now).stream();
  }

  /** How many articles match, cursor and page ignored. */
  public int count(ArticleQuery query, Instant now) {
    return plan(query, now).count();
  }

  /** Counts per category, tag, sentiment, language and source over all matches. */
  public Facets facets(ArticleQuery query, Instant now) {
    QueryPlan plan = plan(query, now);
    int[] cat = new int[dicts.categories.size()];
    int[] tag = new int[dicts.tags.size()];
    int[] lang = new int[dicts.langs.size()];
    int[] src = new int[dicts.sources.size()];
    int[] sent = new int[3];
    int total = 0;
    if (!plan.q.impossible) {
      RoaringBitmap m = plan.baseMatches();
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
        if (plan.matches(e)) {
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
    return Related.to(id, limit, now, base, overlay, dicts);
  }

  /** The overlay of this snapshot, for tests of when it is folded. */
  Overlay overlay() {
    return overlay;
  }
}
