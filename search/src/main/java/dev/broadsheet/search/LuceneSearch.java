package dev.broadsheet.search;

import dev.broadsheet.Article;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.QueryOption;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.search.internal.DocMatcher;
import dev.broadsheet.search.internal.Helpers;
import dev.broadsheet.search.internal.IndexFolder;
import dev.broadsheet.search.internal.Languages;
import dev.broadsheet.search.internal.MatchBits;
import dev.broadsheet.search.internal.PlainText;
import dev.broadsheet.search.internal.SameTerms;
import dev.broadsheet.search.internal.Snippets;
import dev.broadsheet.search.internal.TextQuery;
import dev.broadsheet.search.internal.TopQuery;
import dev.broadsheet.spi.SearchIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * A full-text index of a repository's articles on Apache Lucene: ranked, multilingual, kept in
 * a folder of its own and current within the save that changes an article.
 *
 * <pre>{@code
 * ArticleRepository repo = ArticleRepository.builder()
 *     .store(FileArticleStore.builder(content).build())
 *     .search(LuceneSearch.builder().folder(content.resolve(".broadsheet/search")).build())
 *     .build();
 * Page<SearchHit> hits = repo.search(ArticleQuery.builder().text("harbour ferry").categories("CITY").build());
 * }</pre>
 *
 * <p>Each article is indexed by its {@code lang}: English, German, French, Spanish, Italian,
 * Dutch and Portuguese with their stemmers and stop words, Chinese, Japanese and Korean as
 * character bigrams, anything else as plain words; case and accents are folded everywhere. A
 * query is read for every language the index holds, so {@code Exporte} finds a German article
 * saying {@code Export}. The title, description, tags and body (as plain text) are searched,
 * weighted in that order ({@link Builder#weight}). Words of five or more letters also match at
 * one edit, below exact matches, when exact matching finds fewer than {@link
 * Builder#fuzzyBelow} articles.
 *
 * <p>With a {@linkplain Builder#folder folder}, the index lives there, memory-mapped, with the
 * revision of each article it holds: opening it again indexes only the articles whose revision
 * changed, and an index that cannot be read or was not written by this class is rebuilt, with
 * a log line. A folder another process holds is left alone: this process then indexes in
 * memory. Without a folder the index is in memory.
 *
 * <p>Thread-safe. The repository it is registered with opens, updates and closes it.
 *
 * @since 0.1.0
 */
public final class LuceneSearch implements SearchIndex {
  private static final System.Logger LOG = System.getLogger(LuceneSearch.class.getName());
  private static final String ID = "id";
  private static final String REVISION = "rev";

  /** The parts of an article that are searched. */
  public enum Field {
    TITLE("title"), DESCRIPTION("description"), TAGS("tags"), BODY("body");

    private final String key;

    Field(String key) {
      this.key = key;
    }

    /** The names of the fields, as each language group's field names begin. */
    static final List<String> KEYS = Arrays.stream(values()).map(f -> f.key).toList();
  }

  /** What the last {@link #open} did: articles kept as indexed, (re)indexed and removed. */
  public record Opened(int kept, int indexed, int removed, boolean rebuilt) {}

  private final @Nullable Path folder;
  private final Map<String, Float> weights;
  private final int fuzzyBelow;
  private final int fuzzyMinLetters;
  private final int maxLength;
  private final int maxWords;
  private final int snippetLength;
  /** Threads a page of best matches borrows while cores are idle. */
  private final Helpers helpers;
  private final int threads;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private volatile @Nullable IndexFolder index;
  private volatile boolean closed;
  private volatile @Nullable Opened opened;
  /** The language groups of the reader last searched, with that reader. */
  private volatile @Nullable Groups groups;

  /**
   * The id of every document of each segment the searchers hold, read once per segment: a
   * segment never changes, so a search resolves a match by an array index instead of a doc
   * values lookup and a new string per match. Dropped when the segment closes.
   */
  private final Map<Object, String[]> segmentIds = new ConcurrentHashMap<>();
  /** The language group of each segment's documents, read when a count first needs them. */
  private final Map<Object, byte[]> segmentLanguages = new ConcurrentHashMap<>();
  /** The numbers of each segment's documents in the numbering of the filter last searched with. */
  private final Map<Object, Numbers> segmentNumbers = new ConcurrentHashMap<>();
  /** Which terms of each segment have the same postings, as scoring asks. */
  private final SameTerms same = new SameTerms();

  private record Groups(IndexReader reader, Set<Languages> present, Map<Languages, Integer> sizes) {}

  private LuceneSearch(Builder b) {
    this.folder = b.folder;
    Map<String, Float> w = new LinkedHashMap<>();
    b.weights.forEach((f, v) -> w.put(f.key, v));
    this.weights = Map.copyOf(w);
    this.fuzzyBelow = b.fuzzyBelow;
    this.fuzzyMinLetters = 5;
    this.maxLength = b.maxLength;
    this.maxWords = b.maxWords;
    this.snippetLength = b.snippetLength;
    this.threads = b.threads;
    this.helpers = new Helpers(b.threads);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What the last {@link #open} did; empty before it. */
  public Optional<Opened> lastOpen() {
    return Optional.ofNullable(opened);
  }

  // ------------------------------------------------------------------ keeping current

  @Override
  public void open(Source source) throws IOException {
    if (index != null) {
      throw new IllegalStateException("the search index is open already");
    }
    IndexFolder f = IndexFolder.open(folder, Languages.byField(Field.KEYS));
    Map<String, String> held = f.takeRevisions();
    Map<String, dev.broadsheet.Revision> wanted = source.revisions();
    List<String> stale = new ArrayList<>();
    wanted.forEach((id, rev) -> {
      if (!rev.value().equals(held.get(id))) {
        stale.add(id);
      }
    });
    List<String> gone = new ArrayList<>();
    for (String id : held.keySet()) {
      if (!wanted.containsKey(id)) {
        gone.add(id);
      }
    }
    boolean fresh = held.isEmpty();
    try {
      stale.parallelStream().forEach(id -> {
        try {
          Optional<StoredArticle> s = source.article(id);
          if (s.isPresent()) {
            if (fresh) {
              f.writer().addDocument(document(s.get()));
            } else {
              f.writer().updateDocument(new Term(ID, id), document(s.get()));
            }
          } else if (!fresh) {
            f.writer().deleteDocuments(new Term(ID, id));
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (java.io.UncheckedIOException e) {
      f.close();
      throw e.getCause();
    }
    for (String id : gone) {
      f.writer().deleteDocuments(new Term(ID, id));
    }
    if (fresh || stale.size() + gone.size() > wanted.size() / 4) {
      // Built (or mostly rebuilt) now: one segment, as later changes add small ones. A search
      // visits each segment for each word and language; at 100,000 articles one segment rather
      // than the four an indexing run leaves takes a query from 4.4 to 3.4 ms, for 2.5 s more here.
      f.compact();
    }
    f.commit();
    f.refresh();
    if (closed) { // closed while it opened: nothing else will close it
      f.close();
      throw new IOException("the search index was closed while it opened");
    }
    opened = new Opened(wanted.size() - stale.size(), stale.size(), gone.size(), f.rebuilt());
    index = f;
    LOG.log(System.Logger.Level.DEBUG, () -> "search index " + (folder == null ? "in memory" : folder) + ": " + opened);
  }

  @Override
  public void put(StoredArticle stored) throws IOException {
    IndexFolder f = open();
    f.writer().updateDocument(new Term(ID, stored.id()), document(stored));
    dirty.set(true);
  }

  @Override
  public void remove(String id) throws IOException {
    IndexFolder f = open();
    f.writer().deleteDocuments(new Term(ID, id));
    dirty.set(true);
  }

  private IndexFolder open() {
    IndexFolder f = index;
    if (f == null) {
      throw new IllegalStateException("the search index is not open; register it with ArticleRepository.builder().search(...)");
    }
    return f;
  }

  /**
   * The document of an article: its words in its own language group's fields, and every other
   * group's fields (and its own it has nothing for: no description, no tags) present and empty.
   * An empty field holds no words, so it changes no match and no statistic (a field's document
   * count and length counts are of its words), but it has a length, 0: every field's lengths are
   * then dense, and scoring a match reads its field's length at the document's position instead
   * of searching for it among the documents that have one (a sixth of a search's time, measured).
   */
  private Document document(StoredArticle stored) {
    Article a = stored.article();
    Languages g = Languages.of(a.lang());
    Document d = new Document();
    d.add(new StringField(ID, a.id(), Store.NO));
    d.add(new SortedDocValuesField(ID, new BytesRef(a.id())));
    d.add(new BinaryDocValuesField(REVISION, new BytesRef(stored.revision().value())));
    d.add(new StringField(Languages.GROUP_FIELD, g.suffix(), Store.NO));
    d.add(new SortedDocValuesField(Languages.GROUP_FIELD, new BytesRef(g.suffix())));
    d.add(new TextField(g.field("title"), a.title(), Store.NO));
    if (a.description() != null) {
      d.add(new TextField(g.field("description"), a.description(), Store.NO));
    }
    for (String tag : a.tags()) {
      d.add(new TextField(g.field("tags"), tag, Store.NO));
    }
    d.add(new TextField(g.field("body"), PlainText.of(a.body()), Store.NO));
    for (Languages l : Languages.values()) {
      for (String name : Field.KEYS) {
        String field = l.field(name);
        if (d.getField(field) == null) {
          d.add(new org.apache.lucene.document.Field(field, new NoWords(), TextField.TYPE_NOT_STORED));
        }
      }
    }
    return d;
  }

  /** The words of an empty field: none, without running an analyser to find that out. */
  private static final class NoWords extends org.apache.lucene.analysis.TokenStream {
    NoWords() {
      addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
    }

    @Override
    public boolean incrementToken() {
      return false;
    }
  }

  // ------------------------------------------------------------------ searching

  @Override
  public TextMatches search(String text) throws IOException {
    return search(text, true);
  }

  /** As {@link #search}, without scoring: every score is 0. */
  @Override
  public TextMatches matching(String text) throws IOException {
    return search(text, false);
  }

  private TextMatches search(String text, boolean scoring) throws IOException {
    Objects.requireNonNull(text, "text");
    TextQuery q = read(text);
    return withSearcher(searcher -> {
      Set<Languages> present = present(searcher.getIndexReader());
      Collector c = collect(searcher, q, present, false, scoring);
      if (c.size < fuzzyBelow && q.fuzzable) {
        c = collect(searcher, q, present, true, scoring);
      }
      return TextMatches.of(c.ids, c.scores, c.size);
    });
  }

  /** What a search of {@code searcher} gives: the current one, refreshed after changes, released after. */
  private interface Searching<T> {
    T with(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(Searching<T> searching) throws IOException {
    IndexFolder f = open();
    if (dirty.getAndSet(false)) {
      f.refresh();
    }
    IndexSearcher searcher = f.acquire();
    try {
      return searching.with(searcher);
    } finally {
      f.release(searcher);
    }
  }

  @Override
  public TextMatches best(String text, int n, Predicate<String> allowed) throws IOException {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(allowed, "allowed");
    if (n < 1) {
      throw new IllegalArgumentException("n must be positive, was " + n);
    }
    TextQuery q = read(text);
    return withSearcher(searcher -> {
      Set<Languages> present = present(searcher.getIndexReader());
      Best best = best(searcher, q, present, false, allowed, n);
      // The matches passed over unseen may be enough; only when they are not is it worth
      // counting the exact matches before deciding to match at one edit.
      if (best.seen < fuzzyBelow && q.fuzzable && fewer(searcher, q, present, fuzzyBelow)) {
        best = best(searcher, q, present, true, allowed, n);
      }
      return ids(searcher.getIndexReader(), List.of(best.top.scoreDocs));
    });
  }

  /** The best matches of a search, and how many allowed matches it saw (at most the number of matches). */
  private record Best(TopDocs top, int seen) {}

  /**
   * An index with fewer documents than this is searched on one thread: splitting it costs more
   * (each part opens every term's postings and raises its own bar) than the parts save.
   */
  static final int SPLIT_FROM = 16_384;

  /**
   * The best {@code n} matches {@code allowed} accepts, every language group searched in turn,
   * largest first: each group after the first is searched only for articles that beat the best
   * so far. On a large index, each helper idle at the time searches beside the calling thread:
   * the work is cut into {@link Range ranges} of a group's documents in a segment, taken in
   * order by whichever thread is free, each thread collecting its own best, which are merged.
   * A thread that starts late, or meets harder documents, takes fewer ranges, so the threads
   * finish together. Which thread finds a match does not change its score, and ties are broken
   * by document in both cases, so the page is the same either way.
   */
  private Best best(IndexSearcher searcher, TextQuery q, Set<Languages> present, boolean fuzzy,
      Predicate<String> allowed, int n) throws IOException {
    Allowed marked = new Allowed(allowed);
    IndexReader reader = searcher.getIndexReader();
    List<Query> queries = new ArrayList<>(present.size());
    List<Integer> sizes = new ArrayList<>(present.size());
    for (Languages g : present) {
      Query lq = q.in(g, weights, fuzzy, fuzzyMinLetters);
      if (lq != null) {
        queries.add(lq);
        sizes.add(size(reader, g));
      }
    }
    int parts = 1 + helpers.start(reader.maxDoc() >= SPLIT_FROM ? threads - 1 : 0);
    Weights scored = new Weights(searcher, queries);
    TopScoreDocCollectorManager manager = new TopScoreDocCollectorManager(n, null, n, parts > 1);
    List<TopScoreDocCollector> collectors = new ArrayList<>(parts);
    int[] seen = new int[parts];
    List<Helpers.Task> tasks = new ArrayList<>(parts);
    try {
      // Made before the parts start: shared by them, read-only.
      for (LeafReaderContext leaf : reader.leaves()) {
        marked.in(leaf);
      }
      List<Range> ranges = Range.of(reader, sizes, parts);
      java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
      for (int p = 0; p < parts; p++) {
        TopScoreDocCollector collector = manager.newCollector();
        collectors.add(collector);
        int part = p;
        tasks.add(() -> {
          if (part < parts - 1) {
            // A helper makes the weights of the smaller groups while the caller makes the
            // first's and starts on it: each weight is made once, by whichever part needs it first.
            scored.make(1);
          }
          Part mine = new Part(searcher, queries, scored, marked, collector);
          for (int r = next.getAndIncrement(); r < ranges.size(); r = next.getAndIncrement()) {
            mine.search(ranges.get(r));
          }
          seen[part] = mine.finish();
        });
      }
    } catch (IOException | RuntimeException e) {
      helpers.end(parts - 1);
      throw e;
    }
    helpers.run(tasks);
    return new Best(manager.reduce(collectors), Arrays.stream(seen).sum());
  }

  /**
   * Documents {@code from} (inclusive) to {@code to} (exclusive) of one segment, searched for
   * the query of group {@code group}: what one thread of a search in parts takes at a time.
   */
  private record Range(int group, LeafReaderContext leaf, int from, int to) {
    /**
     * About this many documents of a group per range when a search is in parts: small enough
     * that the threads finish within a range's time of each other, large enough that a range
     * costs far more than taking it.
     */
    static final int DOCS = 4096;

    /**
     * The ranges of a search of the groups of {@code sizes} documents each, in the order they
     * are searched: group by group, segment by segment, in document order. In one part, each
     * group's segment is one range; in several, a group's segment is cut into ranges of about
     * {@link #DOCS} of the group's documents (its share of the segment taken as its share of
     * the index), so a small group is one range, searched by one thread.
     */
    static List<Range> of(IndexReader reader, List<Integer> sizes, int parts) {
      List<Range> out = new ArrayList<>();
      long all = Math.max(1, reader.maxDoc());
      for (int g = 0; g < sizes.size(); g++) {
        for (LeafReaderContext leaf : reader.leaves()) {
          int maxDoc = leaf.reader().maxDoc();
          long docs = (long) maxDoc * sizes.get(g) / all;
          int cuts = parts == 1 ? 1 : (int) Math.max(1, Math.min(maxDoc, (docs + DOCS / 2) / DOCS));
          for (int k = 0; k < cuts; k++) {
            int from = (int) ((long) maxDoc * k / cuts);
            int to = k == cuts - 1 ? DocIdSetIterator.NO_MORE_DOCS : (int) ((long) maxDoc * (k + 1) / cuts);
            out.add(new Range(g, leaf, from, to));
          }
        }
      }
      return out;
    }
  }

  /**
   * One thread's share of a search: the ranges it takes, searched into its own collector. A
   * group's segment is opened (its scorer, its collector) at the first range of it this thread
   * takes and searched on at the next, as ranges come in document order; everything opened is
   * finished at the end.
   */
  private final class Part {
    private final IndexSearcher searcher;
    private final List<Query> queries;
    private final Weights weights;
    private final Allowed allowed;
    private final org.apache.lucene.search.Collector into;
    private final @Nullable Filtered[] filtered;
    /** By group and segment: what this thread opened, in the order it did. */
    private final Filtered.@Nullable Opened[][] opened;
    private final List<Filtered.Opened> all = new ArrayList<>();

    Part(IndexSearcher searcher, List<Query> queries, Weights weights, Allowed allowed,
        org.apache.lucene.search.Collector into) {
      this.searcher = searcher;
      this.queries = queries;
      this.weights = weights;
      this.allowed = allowed;
      this.into = into;
      this.filtered = new Filtered[queries.size()];
      this.opened = new Filtered.Opened[queries.size()][searcher.getIndexReader().leaves().size()];
    }

    void search(Range r) throws IOException {
      Filtered f = filtered[r.group];
      if (f == null) {
        f = filtered[r.group] = new Filtered(searcher, queries.get(r.group), allowed);
      }
      Filtered.Opened o = opened[r.group][r.leaf.ord];
      if (o == null) {
        o = opened[r.group][r.leaf.ord] = f.open(r.leaf, weights.get(r.group), into);
        all.add(o);
      }
      o.search(r.from, r.to);
    }

    /** Finishes every segment opened; gives how many allowed documents matched. */
    int finish() throws IOException {
      for (Filtered.Opened o : all) {
        o.finish();
      }
      int matched = 0;
      for (Filtered f : filtered) {
        matched += f == null ? 0 : f.matched;
      }
      return matched;
    }
  }

  /**
   * What scores {@code q}: its {@link TopQuery}, with leaves that score alike made one ({@link
   * SameTerms}). Both a page and a list of every match score this, so a cursor from one fits the other.
   */
  private Query scored(IndexSearcher searcher, Query q) throws IOException {
    return same.merge(searcher.getIndexReader(), TopQuery.of(q));
  }

  /** The weights of each language group's scored query, each made once by the first part to ask. */
  private final class Weights {
    private final List<java.util.concurrent.FutureTask<org.apache.lucene.search.Weight>> made;

    Weights(IndexSearcher searcher, List<Query> queries) {
      made = new ArrayList<>(queries.size());
      for (Query q : queries) {
        made.add(new java.util.concurrent.FutureTask<>(
            () -> searcher.createWeight(searcher.rewrite(scored(searcher, q)), ScoreMode.TOP_SCORES, 1f)));
      }
    }

    /** Makes the weights from {@code from} on that no part has started on, last first. */
    void make(int from) {
      for (int i = made.size() - 1; i >= from; i--) {
        made.get(i).run();
      }
    }

    /** The weight of group {@code i}: made now, or waited for while another part makes it. */
    org.apache.lucene.search.Weight get(int i) throws IOException {
      java.util.concurrent.FutureTask<org.apache.lucene.search.Weight> w = made.get(i);
      w.run();
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return w.get();
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
              throw io;
            } else if (e.getCause() instanceof RuntimeException re) {
              throw re;
            }
            throw new IllegalStateException(e.getCause());
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * Counts the matches {@code allowed} accepts without collecting them: the filter is each
   * segment's accepted documents (marked once when it allows few), so a match costs a bit, not
   * an id. Matches at one edit count when {@link #matching} would give them: when fewer than
   * {@code fuzzyBelow} articles match exactly.
   */
  @Override
  public int count(String text, Predicate<String> allowed) throws IOException {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(allowed, "allowed");
    TextQuery q = read(text);
    return withSearcher(searcher -> {
      Set<Languages> present = present(searcher.getIndexReader());
      boolean fuzzy = fuzzyBelow > 0 && q.fuzzable && fewer(searcher, q, present, fuzzyBelow);
      Allowed marked = new Allowed(allowed);
      Counter counter = new Counter();
      List<Languages> groups = new ArrayList<>(present);
      List<@Nullable Query> queries = new ArrayList<>(groups.size());
      for (Languages g : groups) {
        queries.add(q.in(g, weights, fuzzy, fuzzyMinLetters));
      }
      List<LeafReaderContext> asked = new ArrayList<>();
      List<MatchBits> bits = null;
      boolean bitsMade = false;
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        org.apache.lucene.util.FixedBitSet few = marked.markedIn(leaf);
        if (few == null) {
          asked.add(leaf);
          continue;
        }
        if (!bitsMade) {
          bits = matchBits(searcher, queries);
          bitsMade = true;
        }
        Integer counted = bits == null ? null : countBits(leaf, few, bits);
        counter.count += counted != null ? counted : countMarked(searcher, leaf, few, groups, queries);
      }
      for (Query lq : queries) {
        if (lq == null || asked.isEmpty()) {
          continue;
        }
        org.apache.lucene.search.Weight w =
            searcher.createWeight(searcher.rewrite(lq), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : asked) {
          org.apache.lucene.search.BulkScorer scorer = w.bulkScorer(leaf);
          if (scorer != null) {
            scorer.score(counter, marked.in(leaf), 0, DocIdSetIterator.NO_MORE_DOCS);
          }
        }
      }
      return counter.count;
    });
  }

  /**
   * How many list entries {@link #countBits} may read per marked document before checking each
   * marked document costs less: a check advances a few lists and walks the query's clauses (about
   * 75 ns a document at 100,000 articles), where reading a list costs a few ns an entry.
   */
  private static final int BITS_PER_MARKED = 16;

  /** The bits of every group's query; null when one of them cannot be made into bits. */
  private static @Nullable List<MatchBits> matchBits(IndexSearcher searcher, List<@Nullable Query> queries)
      throws IOException {
    List<MatchBits> out = new ArrayList<>();
    for (Query lq : queries) {
      if (lq != null) {
        MatchBits b = MatchBits.of(searcher, lq);
        if (b == null) {
          return null;
        }
        out.add(b);
      }
    }
    return out;
  }

  /**
   * Counts the marked live documents of {@code leaf} that match the query as whole lists read
   * into bits: every group's matches (each group's query matches only its own group's
   * documents), and-ed with the marks and the live documents. Null when the lists are long
   * enough, against how few are marked, that {@link #countMarked} costs less.
   */
  private static @Nullable Integer countBits(LeafReaderContext leaf, org.apache.lucene.util.FixedBitSet few,
      List<MatchBits> bits) throws IOException {
    List<MatchBits.Segment> parts = new ArrayList<>(bits.size());
    long cost = 0;
    for (MatchBits b : bits) {
      MatchBits.Segment part = b.in(leaf);
      parts.add(part);
      cost += part.cost();
    }
    if (cost > (long) BITS_PER_MARKED * few.cardinality()) {
      return null;
    }
    org.apache.lucene.util.FixedBitSet matches = new org.apache.lucene.util.FixedBitSet(few.length());
    for (MatchBits.Segment part : parts) {
      matches.or(part.bits());
    }
    matches.and(few);
    org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
    if (live instanceof org.apache.lucene.util.FixedBitSet liveBits) {
      matches.and(liveBits);
    } else if (live != null) {
      for (int doc = 0; doc < matches.length(); doc++) {
        if (matches.get(doc) && !live.get(doc)) {
          matches.clear(doc);
        }
      }
    }
    return matches.cardinality();
  }

  /**
   * Counts the marked live documents of {@code leaf} that match their own group's query: each
   * marked document is checked clause by clause, a word looked for in one field after another
   * until found, in document order. Where the filter allows few, this reads less than walking
   * every match of the query and asking the marks about each.
   */
  private int countMarked(IndexSearcher searcher, LeafReaderContext leaf, org.apache.lucene.util.FixedBitSet few,
      List<Languages> groups, List<@Nullable Query> queries) throws IOException {
    byte[] languageOf = languagesOf(leaf.reader());
    int[] index = new int[Languages.values().length + 1]; // by 1 + ordinal: 1 + the group's index, 0 for none
    for (int i = 0; i < groups.size(); i++) {
      index[groups.get(i).ordinal() + 1] = i + 1;
    }
    DocMatcher.Segment[] matchers = new DocMatcher.Segment[groups.size()];
    org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
    int n = 0;
    int max = few.length();
    for (int doc = few.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
        doc = doc + 1 >= max ? DocIdSetIterator.NO_MORE_DOCS : few.nextSetBit(doc + 1)) {
      if (live != null && !live.get(doc)) {
        continue;
      }
      int g = index[languageOf[doc]] - 1;
      if (g >= 0) {
        if (matches(searcher, leaf, queries, matchers, g, doc)) {
          n++;
        }
      } else { // no title field (every document this class writes has one): any group's
        for (int i = 0; i < groups.size(); i++) {
          if (matches(searcher, leaf, queries, matchers, i, doc)) {
            n++;
            break;
          }
        }
      }
    }
    return n;
  }

  private static boolean matches(IndexSearcher searcher, LeafReaderContext leaf, List<@Nullable Query> queries,
      DocMatcher.@Nullable Segment[] matchers, int g, int doc) throws IOException {
    Query lq = queries.get(g);
    if (lq == null) {
      return false;
    }
    if (matchers[g] == null) {
      matchers[g] = DocMatcher.of(searcher, lq).in(leaf);
    }
    return matchers[g].matches(doc);
  }

  /**
   * The language group of each document of {@code reader}, as 1 + its ordinal (0 for none
   * known): read once per segment from the group each document names, and kept while the
   * segment is open (a byte per document).
   */
  private byte[] languagesOf(LeafReader reader) throws IOException {
    IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
    byte[] kept = helper == null ? null : segmentLanguages.get(helper.getKey());
    if (kept != null) {
      return kept;
    }
    byte[] out = new byte[reader.maxDoc()];
    org.apache.lucene.index.SortedDocValues groups = reader.getSortedDocValues(Languages.GROUP_FIELD);
    if (groups != null) {
      byte[] byOrd = new byte[groups.getValueCount()];
      for (int ord = 0; ord < byOrd.length; ord++) {
        Languages l = Languages.ofSuffix(groups.lookupOrd(ord).utf8ToString());
        byOrd[ord] = (byte) (l == null ? 0 : l.ordinal() + 1);
      }
      for (int doc = groups.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = groups.nextDoc()) {
        out[doc] = byOrd[groups.ordValue()];
      }
    }
    if (helper != null && segmentLanguages.putIfAbsent(helper.getKey(), out) == null) {
      helper.addClosedListener(segmentLanguages::remove);
    }
    return out;
  }

  /** Counts what it is given. */
  private static final class Counter implements LeafCollector {
    int count;

    @Override
    public void setScorer(Scorable scorer) {}

    @Override
    public void collect(int doc) {
      count++;
    }
  }

  /** Whether fewer than {@code limit} articles match {@code q} exactly; stops at {@code limit}. */
  private boolean fewer(IndexSearcher searcher, TextQuery q, Set<Languages> present, int limit) throws IOException {
    UpTo counter = new UpTo(limit);
    for (Languages g : present) {
      Query lq = q.in(g, weights, false, fuzzyMinLetters);
      if (lq != null && counter.count < limit) {
        searcher.search(lq, counter.manager());
      }
    }
    return counter.count < limit;
  }

  /** Counts matches up to a limit, then stops each segment. */
  private static final class UpTo extends SimpleCollector {
    private final int limit;
    int count;

    UpTo(int limit) {
      this.limit = limit;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) {
      if (count >= limit) {
        throw new CollectionTerminatedException();
      }
    }

    @Override
    public void collect(int doc) {
      if (++count >= limit) {
        throw new CollectionTerminatedException();
      }
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    CollectorManager<UpTo, UpTo> manager() {
      return shared(this);
    }
  }

  /**
   * The documents of each segment a search may collect: live, with an id, and allowed by the
   * repository's filter. Asked before a document is scored; made once per segment for a search
   * of every language group.
   */
  private final class Allowed {
    private final Predicate<String> filter;
    private final SearchIndex.@Nullable IdFilter numbered;
    private final Map<Object, org.apache.lucene.util.Bits> bySegment = new java.util.HashMap<>();
    /** The segments whose allowed documents are marked, with their marks (live or not). */
    private final Map<Object, org.apache.lucene.util.FixedBitSet> markedBySegment = new java.util.HashMap<>();
    /** The ids the filter decides by id, asked once per search: null until a segment needs them. */
    private java.util.@Nullable Collection<String> byId;

    Allowed(Predicate<String> filter) {
      this.filter = filter;
      this.numbered = filter instanceof SearchIndex.IdFilter f ? f : null;
    }

    org.apache.lucene.util.Bits in(LeafReaderContext leaf) throws IOException {
      Object key = key(leaf);
      org.apache.lucene.util.Bits bits = bySegment.get(key);
      if (bits == null) {
        bits = make(leaf.reader(), key);
        bySegment.put(key, bits);
      }
      return bits;
    }

    /**
     * The documents of {@code leaf} marked as allowed, deleted ones included, when the filter
     * allows few enough to be marked; null when it is asked per document.
     */
    org.apache.lucene.util.@Nullable FixedBitSet markedIn(LeafReaderContext leaf) throws IOException {
      in(leaf);
      return markedBySegment.get(key(leaf));
    }

    private Object key(LeafReaderContext leaf) {
      return leaf.reader().getCoreCacheHelper() == null ? leaf : leaf.reader().getCoreCacheHelper().getKey();
    }

    private org.apache.lucene.util.Bits make(LeafReader reader, Object key) throws IOException {
      org.apache.lucene.util.Bits live = reader.getLiveDocs();
      String[] leafIds = ids(reader);
      SearchIndex.IdFilter f = numbered;
      if (f == null) {
        return new org.apache.lucene.util.Bits() {
          @Override
          public boolean get(int doc) {
            String id = leafIds[doc];
            return id != null && (live == null || live.get(doc)) && filter.test(id);
          }

          @Override
          public int length() {
            return reader.maxDoc();
          }
        };
      }
      Numbers kept = numbers(reader, f);
      int count = f.allowedCount();
      boolean few = count >= 0 && count <= reader.maxDoc() / 2;
      if (few && byId == null) {
        byId = f.decidedById();
      }
      if (few && byId.size() <= reader.maxDoc() / 16) {
        org.apache.lucene.util.FixedBitSet marked = marked(kept.complete(leafIds, f), f, byId, reader.maxDoc());
        markedBySegment.put(key, marked);
        return new org.apache.lucene.util.Bits() {
          @Override
          public boolean get(int doc) {
            return marked.get(doc) && (live == null || live.get(doc));
          }

          @Override
          public int length() {
            return reader.maxDoc();
          }
        };
      }
      int[] leafNumbers = kept.numbers;
      return new org.apache.lucene.util.Bits() {
        @Override
        public boolean get(int doc) {
          String id = leafIds[doc];
          if (id == null || live != null && !live.get(doc)) {
            return false;
          }
          return f.test(id, number(leafNumbers, doc, id, f));
        }

        @Override
        public int length() {
          return reader.maxDoc();
        }
      };
    }
  }

  /**
   * The documents a filter allows, marked from the numbers it lists and the ids it decides by
   * id: when the filter allows few, this costs less than asking about each candidate.
   */
  private static org.apache.lucene.util.FixedBitSet marked(Complete c, SearchIndex.IdFilter filter,
      java.util.Collection<String> byId, int maxDoc) {
    org.apache.lucene.util.FixedBitSet marked = new org.apache.lucene.util.FixedBitSet(Math.max(1, maxDoc));
    filter.forEachAllowed(n -> c.forEachDoc(n, marked::set));
    for (String id : byId) {
      java.util.function.IntConsumer mark = filter.test(id) ? marked::set : marked::clear;
      int n = filter.number(id);
      if (n >= 0) {
        c.forEachDoc(n, mark);
      } else {
        for (int d : c.unnumbered.getOrDefault(id, new int[0])) {
          mark.accept(d);
        }
      }
    }
    return marked;
  }

  /**
   * A search of one language group's query whose collector sees only the documents that match
   * the query as typed (the searched {@link TopQuery} only scores) and that {@code allowed}
   * accepts. The filter is asked as the segment's accepted documents, before a document is
   * scored: Lucene's top-score skipping then scores only the allowed candidates, and its bar
   * rises with them alone. The query as typed is checked at collection, where few arrive.
   */
  private final class Filtered {
    /** What to search: the query's scores as {@link TopQuery} gives them. */
    private final Query scored;
    private final IndexSearcher searcher;
    /** The query as typed, when the scored query matches more; null when it is the query. */
    private final @Nullable Query query;
    /** Its matcher, made when a first document needs it: most segments of most groups never do. */
    private dev.broadsheet.search.internal.@Nullable DocMatcher must;
    private final Allowed allowed;
    /** How many allowed documents matched the query. */
    int matched;

    Filtered(IndexSearcher searcher, Query query, Allowed allowed) {
      this.searcher = searcher;
      this.scored = TopQuery.of(query);
      this.query = scored == query ? null : query;
      this.allowed = allowed;
    }

    /** Searches every segment into {@code into}, which sees only the matches allowed. */
    void into(org.apache.lucene.search.Collector into) throws IOException {
      org.apache.lucene.search.Weight weight =
          searcher.createWeight(searcher.rewrite(scored(searcher, scored)), into.scoreMode(), 1f);
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        Opened o = open(leaf, weight, into);
        o.search(0, DocIdSetIterator.NO_MORE_DOCS);
        o.finish();
      }
    }

    /**
     * The search of segment {@code leaf} with {@code weight}, the weight of {@link #scored},
     * into {@code into}: ranges of it searched in increasing order, then finished.
     */
    Opened open(LeafReaderContext leaf, org.apache.lucene.search.Weight weight,
        org.apache.lucene.search.Collector into) throws IOException {
      org.apache.lucene.search.BulkScorer scorer = weight.bulkScorer(leaf);
      LeafCollector collector = null;
      if (scorer != null) {
        try {
          collector = matching(leaf, into.getLeafCollector(leaf));
        } catch (CollectionTerminatedException e) {
          // nothing of this segment is wanted
        }
      }
      return new Opened(scorer, collector, allowed.in(leaf), leaf.reader().maxDoc());
    }

    /** A segment being searched; done when nothing of it matches or more is wanted. */
    final class Opened {
      private final org.apache.lucene.search.@Nullable BulkScorer scorer;
      private final @Nullable LeafCollector collector;
      private final org.apache.lucene.util.Bits accepted;
      private final int maxDoc;
      private boolean done;

      Opened(org.apache.lucene.search.@Nullable BulkScorer scorer, @Nullable LeafCollector collector,
          org.apache.lucene.util.Bits accepted, int maxDoc) {
        this.scorer = scorer;
        this.collector = collector;
        this.accepted = accepted;
        this.maxDoc = maxDoc;
        this.done = scorer == null || collector == null;
      }

      /** Searches documents {@code from} (inclusive) to {@code to} (exclusive), after any searched before. */
      void search(int from, int to) throws IOException {
        if (done || from >= Math.min(to, maxDoc)) {
          return;
        }
        try {
          Objects.requireNonNull(scorer).score(Objects.requireNonNull(collector), accepted, from, to);
        } catch (CollectionTerminatedException e) {
          done = true; // this segment is done
        }
      }

      void finish() throws IOException {
        if (collector != null) {
          collector.finish();
        }
      }
    }

    /**
     * {@code in}, given only the documents that match the query as typed: asked once a document
     * is scored and competitive, which few are.
     */
    private LeafCollector matching(LeafReaderContext leaf, LeafCollector in) {
      return new org.apache.lucene.search.FilterLeafCollector(in) {
        /** The query's matching in this segment, made at the first document that needs it. */
        private DocMatcher.@Nullable Segment matching;

        @Override
        public void collect(int doc) throws IOException {
          if (query == null || matches(doc)) {
            matched++;
            in.collect(doc);
          }
        }

        /** Whether the query as typed matches {@code doc}, asked in increasing order. */
        private boolean matches(int doc) throws IOException {
          if (matching == null) {
            if (must == null) {
              must = DocMatcher.of(searcher, Objects.requireNonNull(query));
            }
            matching = must.in(leaf);
          }
          return matching.matches(doc);
        }
      };
    }
  }

  /**
   * {@code collector} for every slice of a search: the searcher has no executor, so slices run
   * one by one into the one collector.
   */
  private static <C extends org.apache.lucene.search.Collector> CollectorManager<C, C> shared(C collector) {
    return new CollectorManager<>() {
      @Override
      public C newCollector() {
        return collector;
      }

      @Override
      public C reduce(java.util.Collection<C> collectors) {
        return collector;
      }
    };
  }

  /** A segment's documents numbered by a filter's numbering, each looked up when first asked. */
  private static final class Numbers {
    final java.lang.ref.WeakReference<Object> numbering;
    final int[] numbers;
    /** Every document numbered, with the documents of each number: made when first needed. */
    private volatile @Nullable Complete complete;

    Numbers(Object numbering, int[] numbers) {
      this.numbering = new java.lang.ref.WeakReference<>(numbering);
      this.numbers = numbers;
    }

    Complete complete(String[] leafIds, SearchIndex.IdFilter filter) {
      Complete c = complete;
      if (c == null) {
        c = complete = Complete.of(numbers, leafIds, filter);
      }
      return c;
    }
  }

  /**
   * The documents of a segment by their number: the first of each in {@code firstDoc} (-1 for
   * none), any others (an article updated within one segment) in {@code moreDocs}, and the
   * documents of ids the numbering does not know in {@code unnumbered}.
   */
  private record Complete(int[] firstDoc, @Nullable Map<Integer, int[]> moreDocs, Map<String, int[]> unnumbered) {
    static Complete of(int[] numbers, String[] leafIds, SearchIndex.IdFilter filter) {
      int max = -1;
      for (int doc = 0; doc < leafIds.length; doc++) {
        if (leafIds[doc] != null) {
          max = Math.max(max, number(numbers, doc, leafIds[doc], filter));
        }
      }
      int[] first = new int[max + 1];
      Arrays.fill(first, -1);
      Map<Integer, int[]> more = null;
      Map<String, int[]> unnumbered = new java.util.HashMap<>();
      for (int doc = 0; doc < leafIds.length; doc++) {
        String id = leafIds[doc];
        if (id == null) {
          continue;
        }
        int n = numbers[doc];
        if (n < 0) {
          unnumbered.merge(id, new int[] {doc}, Complete::concat);
        } else if (first[n] < 0) {
          first[n] = doc;
        } else {
          if (more == null) {
            more = new java.util.HashMap<>();
          }
          more.merge(n, new int[] {doc}, Complete::concat);
        }
      }
      return new Complete(first, more, unnumbered);
    }

    /** Gives every document numbered {@code n}. */
    void forEachDoc(int n, java.util.function.IntConsumer each) {
      if (n < 0 || n >= firstDoc.length || firstDoc[n] < 0) {
        return;
      }
      each.accept(firstDoc[n]);
      int[] more = moreDocs == null ? null : moreDocs.get(n);
      if (more != null) {
        for (int d : more) {
          each.accept(d);
        }
      }
    }

    private static int[] concat(int[] a, int[] b) {
      int[] out = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, out, a.length, b.length);
      return out;
    }
  }

  /** Not looked up yet. */
  private static final int UNNUMBERED = -2;

  /**
   * The numbers of {@code reader}'s documents in {@code filter}'s numbering, kept while both
   * last: a page of the best matches then asks the filter by number, not by id (the lookup of
   * each id was a tenth of a search).
   */
  private Numbers numbers(LeafReader reader, SearchIndex.IdFilter filter) {
    IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
    Object numbering = filter.numbering();
    Numbers kept = helper == null ? null : segmentNumbers.get(helper.getKey());
    if (kept != null && kept.numbering.get() == numbering) {
      return kept;
    }
    int[] numbers = new int[reader.maxDoc()];
    Arrays.fill(numbers, UNNUMBERED);
    Numbers made = new Numbers(numbering, numbers);
    if (helper != null && segmentNumbers.put(helper.getKey(), made) == null) {
      helper.addClosedListener(segmentNumbers::remove);
    }
    return made;
  }

  /** The number of document {@code doc}, {@code id}, looked up once; racing lookups agree. */
  private static int number(int[] numbers, int doc, String id, SearchIndex.IdFilter filter) {
    int n = numbers[doc];
    if (n == UNNUMBERED) {
      n = numbers[doc] = filter.number(id);
    }
    return n;
  }

  /** The ids of {@code docs}, in their order, with their scores. */
  private TextMatches ids(IndexReader reader, List<ScoreDoc> docs) throws IOException {
    String[] ids = new String[docs.size()];
    float[] scores = new float[docs.size()];
    List<LeafReaderContext> leaves = reader.leaves();
    int size = 0;
    for (ScoreDoc sd : docs) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
      String id = ids(leaf.reader())[sd.doc - leaf.docBase];
      if (id != null) {
        ids[size] = id;
        scores[size++] = sd.score;
      }
    }
    return TextMatches.of(ids, scores, size);
  }

  /** The id of each document of {@code reader}, a segment; null for a document without one. */
  private String[] ids(LeafReader reader) throws IOException {
    IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
    if (helper == null) {
      return readIds(reader);
    }
    String[] ids = segmentIds.get(helper.getKey());
    if (ids == null) {
      ids = readIds(reader);
      if (segmentIds.putIfAbsent(helper.getKey(), ids) == null) {
        helper.addClosedListener(segmentIds::remove);
      }
    }
    return ids;
  }

  private static String[] readIds(LeafReader reader) throws IOException {
    String[] ids = new String[reader.maxDoc()];
    SortedDocValues values = reader.getSortedDocValues(ID);
    if (values != null) {
      for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
        ids[doc] = values.lookupOrd(values.ordValue()).utf8ToString();
      }
    }
    return ids;
  }

  private TextQuery read(String text) {
    try {
      return TextQuery.read(text, maxLength, maxWords, fuzzyMinLetters);
    } catch (TextQuery.TooLong e) {
      throw new InvalidQueryException(QueryOption.TEXT.key(), e.getMessage());
    }
  }

  /**
   * Every match, scored as {@link #best} scores it (by the same {@link TopQuery}, so a cursor
   * made from either fits both), or unscored.
   */
  private Collector collect(IndexSearcher searcher, TextQuery q, Set<Languages> present, boolean fuzzy,
      boolean scoring) throws IOException {
    Collector c = new Collector(scoring);
    Allowed every = new Allowed(id -> true);
    for (Languages g : present) {
      Query lq = q.in(g, weights, fuzzy, fuzzyMinLetters);
      if (lq == null) {
        continue;
      }
      if (scoring) {
        new Filtered(searcher, lq, every).into(c);
      } else {
        searcher.search(lq, c.manager());
      }
    }
    return c;
  }

  /** The language groups the index holds articles of: those whose fields hold words. */
  private Set<Languages> present(IndexReader reader) {
    Groups g = groups;
    if (g != null && g.reader == reader) {
      return g.present;
    }
    Map<Languages, Integer> sizes = new EnumMap<>(Languages.class);
    for (FieldInfo fi : FieldInfos.getMergedFieldInfos(reader)) {
      Languages l = Languages.ofField(fi.name);
      int docs = l == null ? 0 : docCount(reader, fi.name);
      if (docs > 0) {
        sizes.merge(l, docs, Math::max);
      }
    }
    // Largest first: the groups after it are then searched against a high bar already.
    List<Languages> bySize = new ArrayList<>(sizes.keySet());
    bySize.sort((a, b) -> Integer.compare(sizes.get(b), sizes.get(a)));
    Set<Languages> out = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(bySize));
    groups = new Groups(reader, out, Map.copyOf(sizes));
    return out;
  }

  /** About how many documents of {@code reader} are of group {@code g}: its largest field's count. */
  private int size(IndexReader reader, Languages g) {
    Groups known = groups;
    if (known == null || known.reader != reader) {
      present(reader);
      known = Objects.requireNonNull(groups);
    }
    return known.sizes.getOrDefault(g, 0);
  }

  private static int docCount(IndexReader reader, String field) {
    try {
      return reader.getDocCount(field);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Collects every match with its id, and its score when scoring. */
  private final class Collector extends SimpleCollector {
    private final boolean scoring;
    String[] ids = new String[64];
    float[] scores = new float[64];
    int size;
    private @Nullable Scorable scorer;
    private String[] leafIds = new String[0];

    Collector(boolean scoring) {
      this.scoring = scoring;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      leafIds = ids(context.reader());
    }

    @Override
    public void setScorer(Scorable scorer) {
      this.scorer = scorer;
    }

    @Override
    public void collect(int doc) throws IOException {
      String id = leafIds[doc];
      if (id == null) {
        return;
      }
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
        scores = Arrays.copyOf(scores, size * 2);
      }
      ids[size] = id;
      scores[size] = scoring ? Objects.requireNonNull(scorer).score() : 0f;
      size++;
    }

    @Override
    public ScoreMode scoreMode() {
      return scoring ? ScoreMode.COMPLETE : ScoreMode.COMPLETE_NO_SCORES;
    }

    CollectorManager<Collector, Collector> manager() {
      return shared(this);
    }
  }

  @Override
  public Optional<String> snippet(String text, Article article) {
    TextQuery q;
    try {
      q = TextQuery.read(text, maxLength, maxWords, fuzzyMinLetters);
    } catch (TextQuery.TooLong e) {
      return Optional.empty();
    }
    return snippet(q, article);
  }

  /**
   * As {@link #snippet} for each article; a page of four or more is split among the helpers
   * idle at the time, each making the snippets of a run of the articles beside the caller (a
   * snippet analyses the article's whole body).
   */
  @Override
  public List<Optional<String>> snippets(String text, List<Article> articles) {
    TextQuery q;
    try {
      q = TextQuery.read(text, maxLength, maxWords, fuzzyMinLetters);
    } catch (TextQuery.TooLong e) {
      return java.util.Collections.nCopies(articles.size(), Optional.empty());
    }
    @SuppressWarnings("unchecked")
    Optional<String>[] out = new Optional[articles.size()];
    int parts = 1 + helpers.start(articles.size() >= 4 ? threads - 1 : 0);
    List<Helpers.Task> tasks = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      int from = (int) ((long) articles.size() * p / parts);
      int to = (int) ((long) articles.size() * (p + 1) / parts);
      tasks.add(() -> {
        for (int i = from; i < to; i++) {
          out[i] = snippet(q, articles.get(i));
        }
      });
    }
    try {
      helpers.run(tasks);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Arrays.asList(out);
  }

  private Optional<String> snippet(TextQuery q, Article article) {
    Languages g = Languages.of(article.lang());
    Optional<String> body = Snippets.best(PlainText.of(article.body()), q.words, g, snippetLength);
    if (body.isPresent() || article.description() == null) {
      return body;
    }
    return Snippets.best(article.description(), q.words, g, snippetLength);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    helpers.close();
    IndexFolder f = index;
    index = null;
    if (f != null) {
      f.close();
    }
  }

  @Override
  public String toString() {
    return "LuceneSearch[" + (folder == null ? "in memory" : folder) + "]";
  }

  /** Options for a {@link LuceneSearch}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Path folder;
    private final Map<Field, Float> weights = new EnumMap<>(Map.of(
        Field.TITLE, 4f, Field.DESCRIPTION, 2f, Field.TAGS, 1.5f, Field.BODY, 1f));
    private int fuzzyBelow = 1;
    private int maxLength = 1000;
    private int maxWords = 32;
    private int snippetLength = 160;
    private int threads = Math.min(4, Runtime.getRuntime().availableProcessors());

    private Builder() {}

    /**
     * The folder the index lives in, created if missing; the files there that look like
     * Lucene's are the index's. None by default: the index is then in memory.
     */
    public Builder folder(Path value) {
      this.folder = Objects.requireNonNull(value, "folder");
      return this;
    }

    /**
     * How much a match in {@code field} counts; defaults: title 4, description 2, tags 1.5,
     * body 1.
     */
    public Builder weight(Field field, float value) {
      Objects.requireNonNull(field, "field");
      if (!(value > 0) || Float.isInfinite(value)) {
        throw new IllegalArgumentException("weight must be positive, was " + value);
      }
      weights.put(field, value);
      return this;
    }

    /**
     * Words of five or more letters also match at one edit when exact matching finds fewer
     * than this many articles; default 1 (when nothing matches exactly), 0 for never.
     */
    public Builder fuzzyBelow(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("fuzzyBelow must be >= 0, was " + value);
      }
      this.fuzzyBelow = value;
      return this;
    }

    /** The longest text a query may have, in characters; default 1000. Longer text is refused. */
    public Builder maxLength(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxLength must be positive, was " + value);
      }
      this.maxLength = value;
      return this;
    }

    /** The most words a query may have; default 32. More are refused. */
    public Builder maxWords(int value) {
      if (value < 1 || value > 256) {
        throw new IllegalArgumentException("maxWords must be from 1 to 256, was " + value);
      }
      this.maxWords = value;
      return this;
    }

    /** About how many characters a snippet has; default 160. */
    public Builder snippetLength(int value) {
      if (value < 20) {
        throw new IllegalArgumentException("snippetLength must be >= 20, was " + value);
      }
      this.snippetLength = value;
      return this;
    }

    /**
     * How many threads searches for a page of best matches keep busy together before a search
     * stops taking helpers, and so the most one search uses; default: the number of processors,
     * at most 4. A search counts its own thread, takes helpers only while fewer threads than this
     * are searching, never waits for one, and splits only an index of 16,384 articles or more:
     * on a busy server each search runs on its own thread. The helpers are daemon threads,
     * started at first use and stopped by {@link LuceneSearch#close}. 1 searches on the caller's
     * thread alone.
     */
    public Builder threads(int value) {
      if (value < 1 || value > 64) {
        throw new IllegalArgumentException("threads must be from 1 to 64, was " + value);
      }
      this.threads = value;
      return this;
    }

    public LuceneSearch build() {
      return new LuceneSearch(this);
    }
  }
}
