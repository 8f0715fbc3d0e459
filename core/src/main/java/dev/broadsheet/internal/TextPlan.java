package dev.broadsheet.internal;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Facets;
import dev.broadsheet.Page;
import dev.broadsheet.Sort;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.spi.Cursor;
import dev.broadsheet.spi.SearchIndex.TextMatches;
import dev.broadsheet.spi.SearchIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.RoaringBitmap;

/**
 * A query with text: the search index's matches intersected with what the query's filters and
 * visibility allow, which the index's {@link QueryPlan} decides exactly as without text. Totals,
 * facets, order and cursors then come from the intersection.
 */
public final class TextPlan {
  /** A match and its score, in the order of the page. */
  public record Scored(StoredArticle stored, float score) {}

  private final Segment base;
  private final Dicts dicts;
  /**
   * The matches the filters allow, unordered: a base document {@code d} as {@code d}, the
   * overlay entry {@code entries.get(k)} as {@code -1 - k}; with their scores. Plain arrays, as a
   * text query may match most of the index.
   */
  private int[] docs = new int[0];
  private float[] scores = new float[0];
  private int size;
  private final List<Entry> entries = new ArrayList<>();

  /**
   * What a query's filters and visibility allow, asked of one article id at a time: the search
   * index asks it of its best candidates, so a page of the best allowed matches costs no more
   * than the page. Made once per query from one snapshot.
   */
  public static final class Filter implements SearchIndex.IdFilter {
    private final QueryPlan plan;
    private final Overlay overlay;
    private final Dicts dicts;
    private final boolean none;
    private final RoaringBitmap allowed;
    /** Whether any article was saved since the base was built: only then is the overlay asked. */
    private final boolean saved;

    Filter(QueryPlan plan, Overlay overlay, Dicts dicts) {
      this.plan = plan;
      this.overlay = overlay;
      this.dicts = dicts;
      this.none = plan.q.impossible || plan.hi <= plan.lo && overlay.entries().isEmpty();
      this.allowed = none ? new RoaringBitmap() : plan.baseMatches();
      this.saved = !overlay.entries().isEmpty();
    }

    /** Whether the query's filters allow the article {@code id}. */
    @Override
    public boolean test(String id) {
      return test(id, none ? -1 : plan.base.position(id));
    }

    /** The base segment numbers ids by their document; it never changes. */
    @Override
    public Object numbering() {
      return plan.base;
    }

    @Override
    public int number(String id) {
      return plan.base.position(id);
    }

    @Override
    public boolean test(String id, int number) {
      if (none) {
        return false;
      }
      Entry e = saved ? overlay.entry(id) : null;
      if (e != null) {
        return plan.matches(e);
      }
      return number >= 0 && allowed.contains(number);
    }

    @Override
    public int allowedCount() {
      return allowed.getCardinality();
    }

    /** The base documents the filters allow: the overlay's saved entries are decided by id. */
    @Override
    public void forEachAllowed(java.util.function.IntConsumer number) {
      allowed.forEach((org.roaringbitmap.IntConsumer) number::accept);
    }

    @Override
    public java.util.Collection<String> decidedById() {
      if (!saved) {
        return List.of();
      }
      List<String> ids = new ArrayList<>(overlay.entries().size());
      for (Entry e : overlay.entries()) {
        ids.add(e.id());
      }
      return ids;
    }

    /** The plan of {@code matches}: those this filter allows. */
    public TextPlan plan(TextMatches matches) {
      return new TextPlan(this, matches);
    }
  }

  private TextPlan(Filter filter, TextMatches matches) {
    this.base = filter.plan.base;
    this.dicts = filter.dicts;
    if (filter.none) {
      return;
    }
    RoaringBitmap allowed = filter.allowed;
    Overlay overlay = filter.overlay;
    docs = new int[Math.min(matches.size(), allowed.getCardinality() + overlay.entries().size())];
    scores = new float[docs.length];
    for (int i = 0; i < matches.size(); i++) {
      String id = matches.id(i);
      Entry e = overlay.entry(id);
      if (e != null) {
        if (filter.plan.matches(e)) {
          entries.add(e);
          add(-entries.size(), matches.score(i));
        }
        continue;
      }
      int d = base.position(id);
      if (d >= 0 && allowed.contains(d)) {
        add(d, matches.score(i));
      }
    }
  }

  private void add(int doc, float score) {
    if (size == docs.length) { // ids repeated in the matches
      docs = java.util.Arrays.copyOf(docs, Math.max(16, size * 2));
      scores = java.util.Arrays.copyOf(scores, docs.length);
    }
    docs[size] = doc;
    scores[size++] = score;
  }

  private Hit hit(int i) {
    int d = docs[i];
    return d >= 0 ? Hit.of(d) : Hit.of(entries.get(-1 - d));
  }

  private String id(int i) {
    int d = docs[i];
    return d >= 0 ? base.id(d) : entries.get(-1 - d).id;
  }

  /** How many articles match, cursor and page ignored. */
  public int count() {
    return size;
  }

  /** Counts per category, tag, sentiment, language and source over the matches. */
  public Facets facets(ArticleQuery query) {
    FacetCounter counter = new FacetCounter(dicts);
    RoaringBitmap baseDocs = new RoaringBitmap();
    for (int i = 0; i < size; i++) {
      if (docs[i] >= 0) {
        baseDocs.add(docs[i]);
      }
    }
    counter.countBase(base, baseDocs); // first: it sets the counts the entries then add to
    for (int i = 0; i < size; i++) {
      if (docs[i] < 0) {
        counter.add(entries.get(-1 - docs[i]));
      }
    }
    return counter.facets(query.topTags());
  }

  /** The query's page of matches, after its cursor and offset, with the next cursor. */
  public Page<Scored> page(ArticleQuery query) {
    int total = size;
    return Objects.requireNonNull(page(query, Float.NEGATIVE_INFINITY, () -> total));
  }

  /**
   * The query's page in relevance order when this plan was made from the best matches only, all
   * those scoring above {@code floor} (some at {@code floor} may be missing); null when they do
   * not fill the page, and more matches are needed.
   */
  public @Nullable Page<Scored> page(ArticleQuery query, float floor, IntSupplier total) {
    Sort sort = query.sort();
    boolean complete = floor == Float.NEGATIVE_INFINITY;
    Comparator<Integer> order = order(sort);
    List<Integer> after = new ArrayList<>();
    if (query.cursor() == null) {
      for (int i = 0; i < size; i++) {
        if (complete || scores[i] > floor) {
          after.add(i);
        }
      }
    } else if (sort == Sort.RELEVANCE) {
      Cursor c = Cursor.decode(query.cursor(), sort);
      for (int i = 0; i < size; i++) {
        int cmp = Float.compare(c.score(), scores[i]);
        if ((cmp > 0 || cmp == 0 && id(i).compareTo(c.id()) > 0)
            && (complete || scores[i] > floor)) {
          after.add(i);
        }
      }
    } else {
      Cursors.Key key = Cursors.decode(query.cursor(), sort);
      for (int i = 0; i < size; i++) {
        int d = docs[i];
        int cmp = d < 0 ? Cursors.compare(entries.get(-1 - d), key)
            : Cursors.compare(base.sticky[d], base.published(d), base.id(d), key);
        if (cmp > 0) {
          after.add(i);
        }
      }
    }
    long want = (long) query.offset() + query.limit() + 1;
    if (!complete && after.size() < want) {
      return null;
    }
    List<Integer> top = smallest(after, order, (int) Math.min(want, after.size()));
    List<Scored> items = new ArrayList<>();
    Integer last = null;
    for (int i = query.offset(); i < top.size() && items.size() < query.limit(); i++) {
      last = top.get(i);
      items.add(new Scored(hit(last).stored(base), scores[last]));
    }
    String next = null;
    if (last != null && top.size() > query.offset() + items.size()) {
      next = cursor(sort, last);
    }
    return new Page<>(items, next, total);
  }

  /** Every match in the query's order. */
  public List<StoredArticle> all(ArticleQuery query) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      all.add(i);
    }
    all.sort(order(query.sort()));
    List<StoredArticle> out = new ArrayList<>(all.size());
    for (int i : all) {
      out.add(hit(i).stored(base));
    }
    return out;
  }

  private String cursor(Sort sort, int i) {
    return sort == Sort.RELEVANCE ? Cursor.relevance(scores[i], id(i)).encode() : hit(i).cursor(sort, base);
  }

  private Comparator<Integer> order(Sort sort) {
    if (sort == Sort.RELEVANCE) {
      return (a, b) -> {
        int c = Float.compare(scores[b], scores[a]);
        return c != 0 ? c : id(a).compareTo(id(b));
      };
    }
    Comparator<Hit> byHit = Hit.order(sort, base);
    return (a, b) -> byHit.compare(hit(a), hit(b));
  }

  /** The {@code k} first of {@code indexes} in {@code order}, sorted. */
  private static List<Integer> smallest(List<Integer> indexes, Comparator<Integer> order, int k) {
    if (k >= indexes.size() / 4) {
      indexes.sort(order);
      return indexes.subList(0, k);
    }
    PriorityQueue<Integer> worstFirst = new PriorityQueue<>(k + 1, order.reversed());
    for (Integer i : indexes) {
      worstFirst.add(i);
      if (worstFirst.size() > k) {
        worstFirst.poll();
      }
    }
    List<Integer> out = new ArrayList<>(worstFirst);
    out.sort(order);
    return out;
  }

  @Override
  public String toString() {
    return "TextPlan[matches=" + size + "]";
  }
}
