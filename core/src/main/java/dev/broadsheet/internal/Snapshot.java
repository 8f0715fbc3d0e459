package dev.broadsheet.internal;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Facets;
import dev.broadsheet.Inclusion;
import dev.broadsheet.Page;
import dev.broadsheet.Sentiment;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.spi.SearchIndex.TextMatches;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
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

  /** The most counts a snapshot keeps; it forgets them all when it has this many. */
  private static final int MAX_COUNTS = 512;

  /**
   * The totals counted at this snapshot, by a query's filters and the next instant after its
   * {@code now} at which an article goes live or expires: up to that instant nothing a count
   * depends on changes, so every page of a list (and every request for its first page) counts
   * its matches once. A new snapshot starts with none.
   */
  private final ConcurrentHashMap<CountKey, Integer> counts = new ConcurrentHashMap<>();

  /** What a count depends on besides the snapshot: the query's filters and visibility, and when they next change. */
  private record CountKey(Set<String> categories, Set<String> allTags, Set<String> anyTags, Set<String> noneTags,
      Set<Sentiment> sentiments, int minStickyWeight, @Nullable Instant publishedFrom, @Nullable Instant publishedBefore,
      Set<String> langs, Set<String> sources, Inclusion drafts, Inclusion scheduled, Inclusion expired,
      @Nullable Instant nextDue) {
    static CountKey of(ArticleQuery q, @Nullable Instant nextDue) {
      return new CountKey(q.categories(), q.allTags(), q.anyTags(), q.noneTags(), q.sentiments(), q.minStickyWeight(),
          q.publishedFrom(), q.publishedBefore(), q.langs(), q.sources(), q.drafts(), q.scheduled(), q.expired(), nextDue);
    }
  }

  private Snapshot(Dicts dicts, Segment base, Overlay overlay) {
    this.dicts = dicts;
    this.base = base;
    this.overlay = overlay;
  }

  /** A snapshot over {@code articles}, numbered with {@code dicts}. */
  public static Snapshot of(List<StoredArticle> articles, Dicts dicts) {
    return new Snapshot(dicts, Segment.build(articles, dicts), Overlay.EMPTY);
  }

  /** The segment built in bulk, under the overlay. */
  Segment base() {
    return base;
  }

  /** A snapshot over {@code base} alone. */
  static Snapshot over(Segment base, Dicts dicts) {
    return new Snapshot(dicts, base, Overlay.EMPTY);
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
    return d < 0 || !overlay.isLive(d) ? Optional.empty() : Optional.of(base.stored(d));
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
    QueryPlan plan = plan(query, now);
    return plan.page(() -> count(plan, query, now));
  }

  /** Every match in the query's order, from the start (cursor and offset ignored). */
  public Iterator<StoredArticle> stream(ArticleQuery query, Instant now) {
    return plan(query, now).stream();
  }

  /** How many articles match, cursor and page ignored. */
  public int count(ArticleQuery query, Instant now) {
    return count(plan(query, now), query, now);
  }

  private int count(QueryPlan plan, ArticleQuery query, Instant now) {
    CountKey key = CountKey.of(query, nextDue(now));
    Integer known = counts.get(key);
    if (known != null) {
      return known;
    }
    int n = plan.count();
    if (counts.size() >= MAX_COUNTS) {
      counts.clear();
    }
    counts.put(key, n);
    return n;
  }

  /** Counts per category, tag (the query's top tags), sentiment, language and source over all matches. */
  public Facets facets(ArticleQuery query, Instant now) {
    QueryPlan plan = plan(query, now);
    FacetCounter counter = new FacetCounter(dicts);
    if (!plan.q.impossible) {
      counter.countBase(base, plan.baseMatches());
      for (Entry e : overlay.entries()) {
        if (plan.matches(e)) {
          counter.add(e);
        }
      }
    }
    return counter.facets(query.topTags());
  }

  /**
   * The earliest publication or expiry instant after {@code now} of any article here; null when
   * there is none. Until then, what every query answers at {@code now} stays the same.
   */
  public @Nullable Instant nextDue(Instant now) {
    Instant next = base.nextDueAfter(now);
    for (Entry e : overlay.entries()) {
      next = earlier(next, after(e.stored.article().publishedAt(), now));
      next = earlier(next, after(e.stored.article().expiresAt(), now));
    }
    return next;
  }

  private static @Nullable Instant after(@Nullable Instant t, Instant now) {
    return t != null && t.isAfter(now) ? t : null;
  }

  private static @Nullable Instant earlier(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  /** The matches of a query with text: {@code matches} that the query's filters allow. */
  public TextPlan text(ArticleQuery query, Instant now, TextMatches matches) {
    return textFilter(query, now).plan(matches);
  }

  /** What the filters and visibility of {@code query} allow, for a search index to ask. */
  public TextPlan.Filter textFilter(ArticleQuery query, Instant now) {
    return new TextPlan.Filter(plan(query, now), overlay, dicts);
  }

  /** Visible articles sharing the most tags with {@code id}, then newest first. */
  public List<StoredArticle> related(String id, int limit, Instant now) {
    return Related.to(id, limit, now, base, overlay, dicts);
  }

  /**
   * Every instant after {@code since} at which an article that is no draft goes live or
   * expires: what a listener is told of when it comes. Read from the ends of the segment's date
   * orders and from its columns, so it costs the number of such instants, not the number of
   * articles held, and decodes no article (a store may hand them out to be decoded when asked).
   */
  public List<Scheduled> dueAfter(Instant since) {
    List<Scheduled> out = new ArrayList<>();
    base.forEachDueAfter(since, (d, sec, nano) -> {
      if (overlay.isLive(d) && !base.draft(d)) {
        out.add(new Scheduled(base.id(d), Instant.ofEpochSecond(sec, nano)));
      }
    });
    for (Entry e : overlay.entries()) {
      out.addAll(Scheduled.ahead(e.stored.article(), since));
    }
    return out;
  }

  /** The overlay of this snapshot, for tests of when it is folded. */
  Overlay overlay() {
    return overlay;
  }
}
