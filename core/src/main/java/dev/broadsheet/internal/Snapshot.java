package dev.broadsheet.internal;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Facets;
import dev.broadsheet.Page;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.spi.SearchIndex.TextMatches;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
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
   * Every article whose {@code publishedAt} or {@code expiresAt} lies after {@code since},
   * whatever its visibility: the articles that will go live or expire. Read from the ends of the
   * segment's date orders, so it costs the number of such articles, not the number held.
   */
  public List<StoredArticle> dueAfter(Instant since) {
    List<StoredArticle> out = new ArrayList<>();
    RoaringBitmap taken = new RoaringBitmap();
    base.forEachDueAfter(since, d -> {
      if (overlay.isLive(d) && !taken.contains(d)) {
        taken.add(d);
        out.add(base.stored[d]);
      }
    });
    for (Entry e : overlay.entries()) {
      Instant published = e.stored.article().publishedAt();
      Instant expires = e.stored.article().expiresAt();
      if (published != null && published.isAfter(since) || expires != null && expires.isAfter(since)) {
        out.add(e.stored);
      }
    }
    return out;
  }

  /** The overlay of this snapshot, for tests of when it is folded. */
  Overlay overlay() {
    return overlay;
  }
}
