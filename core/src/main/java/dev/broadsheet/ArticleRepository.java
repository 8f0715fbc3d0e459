package dev.broadsheet;

import dev.broadsheet.RepositoryObserver.Operation;
import dev.broadsheet.RepositoryObserver.Outcome;
import dev.broadsheet.internal.ChangeFeed;
import dev.broadsheet.internal.Dicts;
import dev.broadsheet.internal.IndexFile;
import dev.broadsheet.internal.MemoryChangeLog;
import dev.broadsheet.internal.Notifier;
import dev.broadsheet.internal.Observers;
import dev.broadsheet.internal.Printable;
import dev.broadsheet.internal.Snapshot;
import dev.broadsheet.internal.TextPlan;
import dev.broadsheet.internal.TranslationGroups;
import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.ChangeLog;
import dev.broadsheet.spi.Cursor;
import dev.broadsheet.spi.LoadResult;
import dev.broadsheet.spi.LoggedChange;
import dev.broadsheet.spi.QueryEngine;
import dev.broadsheet.spi.SearchIndex;
import dev.broadsheet.spi.StoreChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The one object a host application talks to: loads articles from a store, keeps them indexed
 * in memory, answers queries in microseconds and takes edits.
 *
 * <pre>{@code
 * ArticleRepository repo = ArticleRepository.builder()
 *     .store(new InMemoryArticleStore())
 *     .clock(Clock.systemUTC())
 *     .listener(e -> System.out.println(e.type() + " " + e.id()))
 *     .build();
 * repo.save(article);
 * Page<Article> home = repo.query(ArticleQuery.all());
 * Facets facets = repo.facets(ArticleQuery.builder().categories("BUSINESS").build());
 * }</pre>
 *
 * <p>Thread-safe. Every query runs against an immutable snapshot of the index: it never sees a
 * half-applied change and takes no lock a writer holds. A save is visible to the next query on
 * any thread. Visibility (drafts, scheduled, expired) is evaluated at query time, so an article
 * appears the moment its publishedAt passes.
 *
 * <p>A store whose {@linkplain ArticleStore#queryEngine() query engine} {@linkplain
 * QueryEngine#replacesIndex() replaces the index} answers every query itself: the repository
 * then keeps only the id and revision of each article, and asks the store for the articles it
 * hands out.
 *
 * <p>Queries with {@linkplain ArticleQuery#text() text} go to the {@link SearchIndex} registered
 * with {@link Builder#search}, which the repository opens when built (or first used) and keeps
 * current with every change it applies; the index's filters then apply to the text matches. Under
 * a query engine that replaces the index, the engine applies them instead, to the search index's
 * matches ({@link QueryEngine#answersText()}). Such queries are refused without a search index,
 * and from an engine that replaces the index and takes no text matches.
 *
 * @since 0.1.0
 */
public final class ArticleRepository implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ArticleRepository.class.getName());

  private final ArticleStore store;
  private final Clock clock;
  private final int maxPageSize;
  private final Notifier notifier;
  private final ChangeLog changeLog;
  /** The log this repository keeps itself, for a store that keeps none; null otherwise. */
  private final @Nullable MemoryChangeLog memoryLog;
  private final @Nullable QueryEngine engine;
  /** The full-text index, when one is registered and the repository keeps its own index. */
  private final @Nullable SearchIndex search;
  /** Why text queries are refused; null when they are answered. */
  private final @Nullable String noSearch;
  /** Whether the search index is open; changes while it opens wait in {@link #searchPending}. */
  private volatile SearchState searchState = SearchState.CLOSED;
  /** Changes applied while the search index opens, in order. Under the write lock. */
  private @Nullable List<StoreChange> searchPending;
  /** Held while the search index opens, so that one caller opens it. */
  private final Object searchOpening = new Object();

  private enum SearchState { CLOSED, OPENING, OPEN }

  /** This repository among others over the same store: its generations are its own. */
  private final String instance = Long.toHexString(new java.security.SecureRandom().nextLong());
  /** How many changes the index has taken. Written under the write lock, after the snapshot. */
  private volatile long generation;
  private final boolean partialArticles;
  /**
   * The revision of every article, by id, when the engine replaces the index (which then stays
   * empty); null otherwise.
   */
  private final @Nullable Map<String, Revision> revisions;
  private final ReentrantLock writeLock = new ReentrantLock();
  /**
   * The articles of the last initial-sync page in id order, kept for the next page while the
   * index does not change.
   */
  private record Listing(Object version, Instant at, boolean preview, List<StoredArticle> articles) {}

  private volatile @Nullable Listing listing;
  /** Every article of an index version in id order, which each listing of that version filters. */
  private record ById(Object version, List<StoredArticle> articles) {}

  private volatile @Nullable ById byId;
  /** Changes applied without an index, counted under the write lock: the listing's version then. */
  private volatile long appliedChanges;
  /** Events of changes applied under the write lock, handed out once it is released. */
  private final List<ArticleEvent> pending = new ArrayList<>();
  private final Dicts dicts = new Dicts();
  private final Observers observers = new Observers();
  private volatile Snapshot snapshot;
  private volatile @Nullable TranslationGroups translationGroups;
  private volatile boolean closed;
  /** Whether the last {@link #health()} found the store unreadable, so a failure is logged once. */
  private volatile boolean storeDown;

  private ArticleRepository(Builder b) {
    this.store = Objects.requireNonNull(b.store, "store must be set");
    this.clock = b.clock;
    this.maxPageSize = b.maxPageSize;
    this.notifier = new Notifier(clock, b.listenerExecutor, this::current);
    b.listeners.forEach(notifier::add);
    this.engine = store.queryEngine().orElse(null);
    this.partialArticles = store.partialArticles();
    if (engine != null && engine.replacesIndex()) {
      revisions = new ConcurrentHashMap<>(io(engine::revisions));
      snapshot = Snapshot.of(List.of(), dicts);
    } else {
      revisions = null;
      LoadResult loaded = io(store::loadAll);
      Path kept = b.indexFile;
      if (kept == null) {
        snapshot = Snapshot.of(loaded.articles(), dicts);
      } else {
        snapshot = IndexFile.load(kept, loaded.articles(), dicts, REVISION_BITS);
      }
    }
    if (b.search != null && (revisions == null || engine.answersText())) {
      this.search = b.search;
      this.noSearch = null;
      if (!b.searchOnFirstUse) {
        openSearch();
      }
    } else {
      this.search = null;
      this.noSearch = b.search == null
          ? "needs a search index; register one with ArticleRepository.builder().search(...)"
          : "is not available: the store's query engine answers every query (query pushdown) and takes no text matches";
      if (b.search != null) {
        io(() -> {
          b.search.close();
          return null;
        });
      }
    }
    ChangeLog own = store.changeLog().orElse(null);
    this.memoryLog = own == null ? new MemoryChangeLog(b.changeLogCapacity) : null;
    this.changeLog = own != null ? own : memoryLog;
    notifier.start(snapshot::dueAfter);
    store.subscribe(this::onStoreChange);
  }

  /**
   * Opens the registered search index now, if it is not open yet: brings it up to date with the
   * articles the repository holds, indexing those it lacks or holds at another revision. What
   * the repository does when built, or at the first query with text when the builder asked for
   * {@link Builder#searchOnFirstUse()}. Writes go on meanwhile; the changes they make reach the
   * index before this returns. Returns at once when the index is open, or when none is
   * registered.
   *
   * @throws BroadsheetException when the index cannot be opened (it is then tried again next
   *     time)
   * @since 0.1.0
   */
  public void openSearch() {
    SearchIndex index = search;
    if (index == null || searchState == SearchState.OPEN) {
      return;
    }
    synchronized (searchOpening) {
      if (searchState == SearchState.OPEN) {
        return;
      }
      Snapshot at;
      Map<String, Revision> known;
      writeLock.lock();
      try {
        at = snapshot;
        known = revisions == null ? null : Map.copyOf(revisions);
        searchPending = new ArrayList<>();
        searchState = SearchState.OPENING;
      } finally {
        writeLock.unlock();
      }
      boolean opened = false;
      try {
        open(index, at, known);
        opened = true;
      } finally {
        writeLock.lock();
        try {
          List<StoreChange> pending = Objects.requireNonNull(searchPending);
          searchPending = null;
          searchState = opened ? SearchState.OPEN : SearchState.CLOSED;
          if (opened) {
            for (StoreChange c : pending) {
              searchIndex(c.stored(), c.id());
            }
          }
        } finally {
          writeLock.unlock();
        }
      }
    }
  }

  /**
   * Brings {@code index} up to the articles of {@code at}, fetching whole ones from the store;
   * or, without an index, up to the articles {@code known} (their revisions), read from the store.
   */
  private void open(SearchIndex index, Snapshot at, @Nullable Map<String, Revision> known) {
    Map<String, Revision> view;
    if (known != null) {
      view = known;
    } else {
      Map<String, Revision> held = new java.util.HashMap<>();
      for (Iterator<StoredArticle> it = all(at); it.hasNext(); ) {
        StoredArticle s = it.next();
        held.put(s.id(), s.revision());
      }
      view = Collections.unmodifiableMap(held);
    }
    io(() -> {
      index.open(new SearchIndex.Source() {
        @Override
        public Map<String, Revision> revisions() {
          return view;
        }

        @Override
        public Optional<StoredArticle> article(String id) throws IOException {
          if (known != null) {
            return store.get(id);
          }
          StoredArticle s = at.get(id).orElse(null);
          if (s == null || !partialArticles) {
            return Optional.ofNullable(s);
          }
          return store.article(id, s.revision());
        }
      });
      return null;
    });
  }

  /** The search index, opened first if it is not yet; the query was checked. */
  private SearchIndex searchIndex() {
    openSearch();
    return Objects.requireNonNull(search);
  }

  /** The article as the repository holds it now (partial, for stores with partial articles). */
  private Optional<StoredArticle> current(String id) {
    return revisions != null ? Optional.empty() : snapshot.get(id);
  }

  private static Iterator<StoredArticle> all(Snapshot s) {
    return s.stream(EVERYTHING, Instant.EPOCH);
  }

  /** Every article whatever its visibility. */
  private static final ArticleQuery EVERYTHING = ArticleQuery.builder()
      .drafts(Inclusion.INCLUDE).scheduled(Inclusion.INCLUDE).expired(Inclusion.INCLUDE).build();
  /** What the public sees: no drafts, nothing scheduled or expired at the query's instant. */
  private static final ArticleQuery PUBLIC = ArticleQuery.builder()
      .drafts(Inclusion.EXCLUDE).scheduled(Inclusion.EXCLUDE).expired(Inclusion.EXCLUDE).build();

  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ reading

  /** The article with this id, if there is one (whatever its visibility). */
  public Optional<Article> get(String id) {
    return find(id).map(StoredArticle::article);
  }

  /**
   * The article with this id and the revision it is stored at. From a store that keeps partial
   * articles in memory, this is the article as the store holds it now, even if it changed since
   * the index heard; the index then takes the change (and listeners hear of it) unless a writer
   * is busy, whose store reports it anyway.
   */
  public Optional<StoredArticle> find(String id) {
    Objects.requireNonNull(id, "id");
    long start = observers.start();
    Revision known;
    if (revisions != null) {
      known = revisions.get(id);
      if (known == null) {
        return Optional.empty();
      }
    } else {
      Optional<StoredArticle> indexed = snapshot.get(id);
      if (!partialArticles || indexed.isEmpty()) {
        observers.end(Operation.FIND, start, Outcome.OK);
        return indexed;
      }
      known = indexed.get().revision();
    }
    Optional<StoredArticle> now = io(() -> partialArticles ? store.article(id, known) : store.get(id));
    observers.end(Operation.LOAD, start, Outcome.OK);
    if (now.isEmpty() || !now.get().revision().equals(known)) {
      catchUp(id, now.orElse(null)); // what the store holds now wins, in the index too
    }
    return now;
  }

  /** How many articles the repository holds, of any visibility. */
  public int size() {
    return revisions != null ? revisions.size() : snapshot.size();
  }

  /**
   * One page of the articles matching {@code query}, in its order. From a store that keeps
   * partial articles in memory, an article that changed or went away since the index heard (a
   * file edited a moment ago, before the store noticed) is left out of the page rather than
   * shown with content that may no longer match; the index then takes the change.
   *
   * @throws InvalidQueryException when the limit is above the maximum page size, or the cursor
   *     is malformed or was made for another sort
   */
  public Page<Article> query(ArticleQuery query) {
    return observers.isEmpty() ? queryNow(query) : observers.timed(Operation.QUERY, () -> queryNow(query));
  }

  private Page<Article> queryNow(ArticleQuery query) {
    check(query);
    Instant now = now(query);
    if (query.text() != null && revisions != null) {
      Page<StoredArticle> p = enginePage(query, now).page();
      return new Page<>(whole(p.items()), p.nextCursor().orElse(null), p::total);
    }
    if (query.text() != null) {
      Page<TextPlan.Scored> p = textPage(query, now);
      List<StoredArticle> stored = new ArrayList<>(p.items().size());
      p.items().forEach(s -> stored.add(s.stored()));
      return new Page<>(articles(stored), p.nextCursor().orElse(null), p::total);
    }
    if (engine != null) {
      Page<StoredArticle> p = io(() -> engine.query(query, now));
      List<Article> items = revisions != null ? whole(p.items()) : articles(p.items());
      return new Page<>(items, p.nextCursor().orElse(null), p::total);
    }
    Page<StoredArticle> p = snapshot.query(query, now);
    return new Page<>(articles(p.items()), p.nextCursor().orElse(null), p::total);
  }

  /**
   * One page of the matches of a query with {@linkplain ArticleQuery#text() text}, each with its
   * score and the passage that matched best; as {@link #query}, with the same order, totals and
   * cursors.
   *
   * @throws InvalidQueryException as {@link #query}, and when the query has no text
   * @since 0.1.0
   */
  public Page<SearchHit> search(ArticleQuery query) {
    check(query);
    String text = query.text();
    if (text == null) {
      throw new InvalidQueryException(QueryOption.TEXT.key(), "must be given to search");
    }
    SearchIndex index = searchIndex();
    if (revisions != null) {
      EnginePage answered = enginePage(query, now(query));
      Page<StoredArticle> p = answered.page();
      SearchIndex.TextMatches matches = answered.matches();
      Map<String, Float> scores = new java.util.HashMap<>();
      p.items().forEach(s -> scores.put(s.id(), 0f));
      for (int i = 0; i < matches.size(); i++) {
        scores.replace(matches.id(i), matches.score(i));
      }
      List<Article> articles = new ArrayList<>(p.items().size());
      List<Float> found = new ArrayList<>(p.items().size());
      for (StoredArticle s : p.items()) {
        articles.add(s.article());
        found.add(scores.get(s.id()));
      }
      return new Page<>(hits(index, text, articles, found), p.nextCursor().orElse(null), p::total);
    }
    Page<TextPlan.Scored> p = textPage(query, now(query));
    List<Article> articles = new ArrayList<>(p.items().size());
    List<Float> found = new ArrayList<>(p.items().size());
    for (TextPlan.Scored s : p.items()) {
      article(s.stored()).ifPresent(a -> {
        articles.add(a);
        found.add(s.score());
      });
    }
    return new Page<>(hits(index, text, articles, found), p.nextCursor().orElse(null), p::total);
  }

  /** The hits of {@code articles} with their scores, each with its snippet: made together. */
  private static List<SearchHit> hits(SearchIndex index, String text, List<Article> articles, List<Float> scores) {
    List<java.util.Optional<String>> snippets = index.snippets(text, articles);
    List<SearchHit> hits = new ArrayList<>(articles.size());
    for (int i = 0; i < articles.size(); i++) {
      hits.add(new SearchHit(articles.get(i), scores.get(i), snippets.get(i).orElse(null)));
    }
    return hits;
  }

  /**
   * The page of a query with text. In relevance order, from the index's best matches first, as
   * many more each time as it takes to fill the page, so a page of the best articles does not
   * cost as much as every match; its total is counted when asked for.
   */
  private Page<TextPlan.Scored> textPage(ArticleQuery query, Instant now) {
    SearchIndex index = searchIndex();
    String text = Objects.requireNonNull(query.text());
    Snapshot at = snapshot;
    TextPlan.Filter filter = at.textFilter(query, now);
    if (query.sort() == Sort.RELEVANCE) {
      long want = (long) query.offset() + query.limit() + 1;
      for (long n = want * 2; n <= Math.max(64, at.size() / 4); n *= 4) {
        int ask = (int) n;
        SearchIndex.TextMatches best = io(() -> index.best(text, ask, filter));
        float floor = best.size() < ask ? Float.NEGATIVE_INFINITY : best.score(best.size() - 1);
        Page<TextPlan.Scored> p = filter.plan(best).page(query, floor, () -> textTotal(index, text, filter));
        if (p != null) {
          return p;
        }
      }
    }
    return filter.plan(io(() -> index.search(text))).page(query);
  }

  /** The text matches of {@code query} its filters allow; the query is checked. */
  private TextPlan text(ArticleQuery query, Instant now) {
    SearchIndex index = searchIndex();
    Snapshot at = snapshot;
    return at.text(query, now, io(() -> index.search(Objects.requireNonNull(query.text()))));
  }

  /** A page the engine answered, and the text matches it was answered among. */
  private record EnginePage(Page<StoredArticle> page, SearchIndex.TextMatches matches) {}

  /**
   * Under query pushdown: the page of a query with text, which the engine answers among the
   * search index's matches, with their scores. In
   * relevance order, among the index's best matches first, as many more each time as it takes
   * to fill the page (as {@link #textPage}), so that a page of the best articles does not send
   * every match to the engine; its total then counts every match when asked for.
   */
  private EnginePage enginePage(ArticleQuery query, Instant now) {
    SearchIndex index = searchIndex();
    QueryEngine e = Objects.requireNonNull(engine);
    String text = Objects.requireNonNull(query.text());
    if (query.sort() == Sort.RELEVANCE) {
      long want = (long) query.offset() + query.limit() + 1;
      int known = Objects.requireNonNull(revisions).size();
      for (long n = want * 2; n <= Math.max(64, known / 4); n *= 4) {
        int ask = (int) n;
        SearchIndex.TextMatches best = io(() -> index.best(text, ask, id -> true));
        Page<StoredArticle> p = io(() -> e.query(query, best, now));
        if (best.size() < ask) {
          return new EnginePage(p, best); // every match: the page and its total are whole
        }
        // Exact when the page's last article scores above every match left out: the page
        // then holds what it would among all of them, and its next cursor too.
        String next = p.nextCursor().orElse(null);
        if (next != null && Cursor.decode(next, Sort.RELEVANCE).score() > best.score(best.size() - 1)) {
          return new EnginePage(new Page<>(p.items(), next, () -> textCount(query, now)), best);
        }
      }
    }
    SearchIndex.TextMatches all = io(() -> index.search(text));
    return new EnginePage(io(() -> e.query(query, all, now)), all);
  }

  /** Under query pushdown: how many articles a query with text matches, counted by the engine among every match. */
  private int textCount(ArticleQuery query, Instant now) {
    SearchIndex index = searchIndex();
    SearchIndex.TextMatches matches = io(() -> index.matching(Objects.requireNonNull(query.text())));
    return io(() -> Objects.requireNonNull(engine).count(query, matches, now));
  }

  /**
   * How many articles match {@code text} among those {@code filter} (a query's filters) allows,
   * cursor and page ignored: counted by the search index, which can apply the filter as it
   * matches.
   */
  private int textTotal(SearchIndex index, String text, TextPlan.Filter filter) {
    return io(() -> index.count(text, filter));
  }

  /** As {@link #text}, for facets: the matches' scores may be left out. */
  private TextPlan counted(ArticleQuery query, Instant now) {
    SearchIndex index = searchIndex();
    Snapshot at = snapshot;
    return at.text(query, now, io(() -> index.matching(Objects.requireNonNull(query.text()))));
  }

  /**
   * A version of everything a query answered at {@code now} depends on: two queries alike,
   * answered with the same version, give the same answer. It changes with every change the
   * repository takes, and when a publication or expiry instant passes; it is this repository's
   * own, never equal to another's. Read it before the query: an answer is then at least as new
   * as its version. For a validator of answers ({@code ETag}) that costs no query to check.
   *
   * <p>Empty when the store's query engine answers queries itself, as the repository then does
   * not see everything they depend on.
   *
   * @since 0.1.0
   */
  public Optional<String> queryVersion(Instant now) {
    Objects.requireNonNull(now, "now");
    if (revisions != null) {
      return Optional.empty();
    }
    long g = generation; // first: the snapshot read next is at least as new
    Instant due = snapshot.nextDue(now);
    return Optional.of(instance + "." + g + "." + (due == null ? "-" : due.getEpochSecond() + "." + due.getNano()));
  }

  /** How many articles match {@code query}, cursor and page ignored. */
  public int count(ArticleQuery query) {
    return observers.isEmpty() ? countNow(query) : observers.timed(Operation.COUNT, () -> countNow(query));
  }

  private int countNow(ArticleQuery query) {
    Objects.requireNonNull(query, "query");
    if (query.text() != null) {
      check(query);
      if (revisions != null) {
        return textCount(query, now(query));
      }
      return textTotal(searchIndex(), Objects.requireNonNull(query.text()), snapshot.textFilter(query, now(query)));
    }
    if (engine != null) {
      ArticleQuery one = query.toBuilder().limit(1).offset(0).cursor(null).build();
      return io(() -> engine.query(one, now(query))).total();
    }
    return snapshot.count(query, now(query));
  }

  /** Counts per category, tag (the query's top tags), sentiment, language and source over all matches. */
  public Facets facets(ArticleQuery query) {
    return observers.isEmpty() ? facetsNow(query) : observers.timed(Operation.FACETS, () -> facetsNow(query));
  }

  private Facets facetsNow(ArticleQuery query) {
    Objects.requireNonNull(query, "query");
    Instant now = now(query);
    if (query.text() != null) {
      check(query);
      if (revisions != null) {
        SearchIndex index = searchIndex();
        SearchIndex.TextMatches matches = io(() -> index.matching(Objects.requireNonNull(query.text())));
        return io(() -> Objects.requireNonNull(engine).facets(query, matches, now));
      }
      return counted(query, now).facets(query);
    }
    if (engine != null) {
      return io(() -> engine.facets(query, now));
    }
    return snapshot.facets(query, now);
  }

  /** Up to {@code limit} visible articles sharing the most tags with {@code id}, then newest first. */
  public List<Article> related(String id, int limit) {
    return observers.isEmpty() ? relatedNow(id, limit)
        : observers.timed(Operation.RELATED, () -> relatedNow(id, limit));
  }

  private List<Article> relatedNow(String id, int limit) {
    Objects.requireNonNull(id, "id");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    Instant now = clock.instant();
    if (engine != null) {
      try {
        List<StoredArticle> found = io(() -> engine.related(id, limit, now));
        return revisions != null ? whole(found) : articles(found);
      } catch (UnsupportedOperationException e) {
        if (revisions != null) {
          throw e;
        }
        // an engine that leaves related articles to the index
      }
    }
    return articles(snapshot.related(id, limit, now));
  }

  /**
   * The other language versions of the article {@code id}: the articles the public sees now
   * with its {@code translationKey}, by language, then id. Empty when there is no such article,
   * it has no key, or no other article of its group is public.
   *
   * @since 0.1.0
   */
  public List<Article> translations(String id) {
    Objects.requireNonNull(id, "id");
    Instant now = clock.instant();
    if (revisions != null) {
      List<StoredArticle> found = new ArrayList<>(io(() -> Objects.requireNonNull(engine).translations(id, now)));
      found.sort(TRANSLATION_ORDER);
      return whole(found);
    }
    Snapshot s = snapshot;
    StoredArticle self = s.get(id).orElse(null);
    String key = self == null ? null : self.article().translationKey();
    if (key == null || key.isBlank()) {
      return List.of();
    }
    TranslationGroups groups = TranslationGroups.of(translationGroups, s, s.stream(EVERYTHING, Instant.EPOCH));
    translationGroups = groups;
    List<StoredArticle> others = new ArrayList<>();
    for (StoredArticle a : groups.group(key)) {
      if (!a.id().equals(id) && Visibility.of(a.article(), now).isPublic()) {
        others.add(a);
      }
    }
    others.sort(TRANSLATION_ORDER);
    return articles(others);
  }

  private static final Comparator<StoredArticle> TRANSLATION_ORDER = Comparator
      .comparing((StoredArticle a) -> a.article().lang(), Comparator.nullsLast(Comparator.<String>naturalOrder()))
      .thenComparing(StoredArticle::id);

  /** The articles just before and just after {@code id} in the order of {@code query}. */
  public Adjacent adjacent(String id, ArticleQuery query) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(query, "query");
    if (query.text() != null) {
      check(query);
      List<StoredArticle> order = revisions != null ? textMatching(query, now(query)) : text(query, now(query)).all(query);
      for (int i = 0; i < order.size(); i++) {
        if (order.get(i).id().equals(id)) {
          return new Adjacent(i == 0 ? null : article(order.get(i - 1)).orElse(null),
              i + 1 == order.size() ? null : article(order.get(i + 1)).orElse(null));
        }
      }
      return new Adjacent(null, null);
    }
    if (engine != null) {
      try {
        QueryEngine.Neighbours n = io(() -> engine.adjacent(id, query, now(query)));
        if (revisions != null) {
          return new Adjacent(n.previous() == null ? null : n.previous().article(),
              n.next() == null ? null : n.next().article());
        }
        return new Adjacent(n.previous() == null ? null : article(n.previous()).orElse(null),
            n.next() == null ? null : article(n.next()).orElse(null));
      } catch (UnsupportedOperationException e) {
        if (revisions != null) {
          throw e;
        }
        // an engine that leaves adjacent articles to the index
      }
    }
    Iterator<StoredArticle> it = snapshot.stream(query, now(query));
    StoredArticle previous = null;
    while (it.hasNext()) {
      StoredArticle e = it.next();
      if (e.id().equals(id)) {
        StoredArticle next = it.hasNext() ? it.next() : null;
        return new Adjacent(previous == null ? null : article(previous).orElse(null),
            next == null ? null : article(next).orElse(null));
      }
      previous = e;
    }
    return new Adjacent(null, null);
  }

  /**
   * The whole article at the revision the index holds, fetched from the store when it keeps
   * only partial ones in memory. Empty when the store holds another revision now or none (a
   * file edited or deleted a moment ago): what it holds may not match the query that found it.
   * The change is then applied to the index unless a writer is busy, in which case the store's
   * own report of it follows.
   */
  private Optional<Article> article(StoredArticle s) {
    if (!partialArticles) {
      return Optional.of(s.article());
    }
    long start = observers.start();
    Optional<StoredArticle> now = io(() -> store.article(s.id(), s.revision()));
    observers.end(Operation.LOAD, start, Outcome.OK);
    return current(s, now);
  }

  /** The article {@code now} holds, when it is the one the index holds as {@code s}; else as {@link #article}. */
  private Optional<Article> current(StoredArticle s, Optional<StoredArticle> now) {
    if (now.isPresent() && now.get().revision().equals(s.revision())) {
      return Optional.of(now.get().article());
    }
    catchUp(s.id(), now.orElse(null));
    return Optional.empty();
  }

  /** Applies what the store holds now of {@code id} to the index, if no writer holds the lock. */
  private void catchUp(String id, @Nullable StoredArticle now) {
    if (closed || !writeLock.tryLock()) {
      return;
    }
    try {
      apply(now == null ? StoreChange.deleted(id) : StoreChange.upsert(now));
    } finally {
      unlockAndNotify();
    }
  }

  /** The articles of {@code stored}, whole already (from an engine that replaces the index). */
  private static List<Article> whole(List<StoredArticle> stored) {
    Article[] items = new Article[stored.size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = stored.get(i).article();
    }
    return List.of(items);
  }

  /** The whole articles of {@code stored}, in order, leaving out any the store no longer has. */
  private List<Article> articles(List<StoredArticle> stored) {
    if (!partialArticles) {
      Article[] items = new Article[stored.size()];
      for (int i = 0; i < items.length; i++) {
        items[i] = stored.get(i).article();
      }
      return List.of(items);
    }
    long start = observers.start();
    List<Optional<StoredArticle>> now = io(() -> store.articles(stored));
    observers.endEach(Operation.LOAD, start, stored.size(), Outcome.OK);
    List<Article> items = new ArrayList<>(stored.size());
    for (int i = 0; i < stored.size(); i++) {
      current(stored.get(i), now.get(i)).ifPresent(items::add);
    }
    return List.copyOf(items);
  }

  /** The neighbours of an article within a query's order; either may be absent. */
  public record Adjacent(@Nullable Article previous, @Nullable Article next) {}

  /**
   * The problems of what the store holds but cannot serve now (broken files, say), as the
   * store reports them; kept current as files change.
   */
  public List<Problem> problems() {
    return List.copyOf(store.problems());
  }

  /**
   * How the repository is doing, for a health check: {@link Health.Status#DOWN} when it is closed
   * or its store fails {@link ArticleStore#check()}, {@link Health.Status#DEGRADED} when the store
   * reports {@linkplain #problems() problems}, {@link Health.Status#OK} otherwise. Cheap enough
   * for every request of a monitor: the store takes one look (the file store opens its folder),
   * nothing is loaded or scanned. Never throws for a failing store; the failure is logged when
   * the store goes down and when it comes back.
   *
   * @since 0.1.0
   */
  public Health health() {
    int articles = size();
    int problems = store.problems().size();
    boolean down = closed;
    if (!down) {
      try {
        store.check();
      } catch (IOException | RuntimeException e) {
        down = true;
        if (!storeDown) {
          LOG.log(System.Logger.Level.WARNING, "the store cannot be read: " + Printable.of(String.valueOf(e.getMessage())), e);
        }
      }
      if (!down && storeDown) {
        LOG.log(System.Logger.Level.INFO, "the store can be read again");
      }
      storeDown = down;
    }
    Health.Status status = down ? Health.Status.DOWN
        : problems == 0 ? Health.Status.OK : Health.Status.DEGRADED;
    return new Health(status, articles, problems);
  }

  // ------------------------------------------------------------------ writing

  /**
   * Stores {@code article}, whatever revision is stored.
   *
   * @return the new revision
   * @throws InvalidArticleException when the article breaks a content rule
   */
  public Revision save(Article article) {
    return observers.isEmpty() ? write(article, null) : observers.timed(Operation.SAVE, () -> write(article, null));
  }

  /**
   * Stores {@code article} if the stored revision is still {@code expectedRevision} ({@link
   * Revision#NONE} to create only).
   *
   * @throws ArticleConflictException when someone else changed the article since
   * @throws InvalidArticleException when the article breaks a content rule
   */
  public Revision save(Article article, Revision expectedRevision) {
    Objects.requireNonNull(expectedRevision, "expectedRevision");
    return observers.isEmpty() ? write(article, expectedRevision)
        : observers.timed(Operation.SAVE, () -> write(article, expectedRevision));
  }

  /** Deletes an article, whatever revision is stored; returns whether there was one. */
  public boolean delete(String id) {
    return observers.isEmpty() ? remove(id, null) : observers.timed(Operation.DELETE, () -> remove(id, null));
  }

  /**
   * Deletes an article if the stored revision is still {@code expectedRevision}.
   *
   * @throws ArticleConflictException when someone else changed the article since
   */
  public boolean delete(String id, Revision expectedRevision) {
    Objects.requireNonNull(expectedRevision, "expectedRevision");
    return observers.isEmpty() ? remove(id, expectedRevision)
        : observers.timed(Operation.DELETE, () -> remove(id, expectedRevision));
  }

  /** Adds a listener for every later change. */
  public void addListener(ArticleListener listener) {
    notifier.add(listener);
  }

  /**
   * Registers {@code observer} for the timing and outcome of every later query, find, load,
   * save and delete (metrics); see {@link RepositoryObserver}.
   *
   * @return its registration, whose {@code close()} takes it off again
   * @since 0.1.0
   */
  public RepositoryObserver.Registration observe(RepositoryObserver observer) {
    return observers.add(Objects.requireNonNull(observer, "observer"));
  }

  /**
   * A short name of the store's kind, from its class with {@code ArticleStore} taken off and in
   * lower case: {@code file}, {@code postgres}, {@code inmemory}; for metrics and logs.
   *
   * @since 0.1.0
   */
  public String storeName() {
    String name = store.getClass().getSimpleName();
    if (name.endsWith("ArticleStore") && name.length() > "ArticleStore".length()) {
      name = name.substring(0, name.length() - "ArticleStore".length());
    }
    return name.isEmpty() ? "store" : name.toLowerCase(java.util.Locale.ROOT);
  }

  // ------------------------------------------------------------------ changes

  /**
   * The public change feed: what changed since {@code since} as the public sees it, in order,
   * at most about {@code limit} items (a page never ends between two changes of one instant).
   * With a null {@code since}, an initial sync: every public article as {@code UPSERT}, in id
   * order, paged by the same tokens. Hand the page's {@link ChangePage#next()} back for what
   * follows. Articles going live at their publishedAt or expiring are {@code PUBLISHED} and
   * {@code UNPUBLISHED} items at those instants, by this repository's clock, with no write made;
   * changes to drafts and scheduled articles are not public changes.
   *
   * <p>Tokens stay valid across restarts when the store keeps a durable change log ({@link
   * ArticleStore#changeLog()}); otherwise the repository keeps the log in memory, and a token
   * of another process is refused.
   *
   * @throws InvalidSyncTokenException when {@code since} is not this store's, or was altered
   * @throws SyncTokenExpiredException when {@code since} is older than the changes kept
   * @throws InvalidQueryException when {@code limit} is not from 1 to the largest page size
   */
  public ChangePage changes(@Nullable SyncToken since, int limit) {
    return changes(since, limit, false);
  }

  /**
   * A token after every change so far, for the public feed and the preview alike: what a client
   * that already holds every article (an export or a copy made from this repository just after)
   * hands to {@link #changes(SyncToken, int)} to follow what changes from now on. The token an
   * initial sync ends with, without listing every article first (which a null token does, in id
   * order: a sort of every id). Articles that go live or expire on the clock after now are
   * changes after it.
   *
   * @since 0.1.0
   */
  public SyncToken changesHead() {
    long head;
    // Under the lock, as changes() reads it: no change is half applied.
    writeLock.lock();
    try {
      head = io(changeLog::head);
    } finally {
      writeLock.unlock();
    }
    return SyncToken.of(changeLog.id(), head, clock.instant());
  }

  /**
   * {@link #changes(SyncToken, int)}, or with {@code preview} the feed of every change, drafts
   * and scheduled articles included, each an {@code UPSERT} or {@code DELETE}.
   */
  public ChangePage changes(@Nullable SyncToken since, int limit, boolean preview) {
    if (limit < 1 || limit > maxPageSize) {
      throw new InvalidQueryException(QueryOption.LIMIT.key(),
          "must be a whole number from 1 to " + maxPageSize + ", was " + limit);
    }
    if (since != null && since.log().equals(changeLog.id())) {
      // A token of another instance on a shared log may be ahead of what this one applied.
      io(() -> changeLog.awaitHead(since.seq()));
    }
    Snapshot at;
    Object version;
    long head;
    // The head and the articles of one moment: no change is applied between the two. (Without
    // an index, the articles are read from the engine, which holds at least what the head says.)
    writeLock.lock();
    try {
      at = snapshot;
      version = revisions != null ? (Object) Long.valueOf(appliedChanges) : at;
      head = io(changeLog::head);
    } finally {
      writeLock.unlock();
    }
    ChangeFeed feed = new ChangeFeed(changeLog, new ChangeFeed.Articles() {
      @Override
      public List<StoredArticle> listing(Instant when, boolean preview) {
        Listing l = listing;
        if (l != null && l.version.equals(version) && l.at.equals(when) && l.preview == preview) {
          return l.articles;
        }
        // Every article in id order, sorted once for each version of the index (the sort was
        // nine tenths of an initial sync's first page over 100,000 articles); an instant and the
        // public's view change only which of them are listed.
        ById all = byId;
        if (all == null || !all.version().equals(version)) {
          List<StoredArticle> every = new ArrayList<>();
          matching(at, EVERYTHING, when).forEachRemaining(every::add);
          every.sort(Comparator.comparing(StoredArticle::id));
          all = new ById(version, Collections.unmodifiableList(every));
          byId = all;
        }
        List<StoredArticle> sorted = all.articles();
        if (!preview) {
          // What the public sees is the index's default query at that instant: no article is
          // decoded to tell.
          // With the index, both lists hold its objects, told apart by identity (a third of the
          // time of hashing their ids); an engine's answers are new objects, told by id.
          boolean indexed = revisions == null;
          Set<Object> visible = indexed ? Collections.newSetFromMap(new IdentityHashMap<>()) : new HashSet<>();
          matching(at, PUBLIC, when).forEachRemaining(s -> visible.add(indexed ? s : s.id()));
          List<StoredArticle> out = new ArrayList<>(visible.size());
          for (StoredArticle s : sorted) {
            if (visible.contains(indexed ? s : s.id())) {
              out.add(s);
            }
          }
          sorted = Collections.unmodifiableList(out);
        }
        listing = new Listing(version, when, preview, sorted);
        return sorted;
      }

      @Override
      public Iterator<StoredArticle> timed(Instant from, Instant to) {
        if (!to.isAfter(from)) {
          return Collections.emptyIterator();
        }
        // Through the index: published in the window, and expired by its end (expiries are few).
        Iterator<StoredArticle> published = matching(at, EVERYTHING.toBuilder()
            .publishedFrom(from.plusNanos(1)).publishedBefore(to.plusNanos(1)).build(), to);
        Iterator<StoredArticle> expired = matching(at, EVERYTHING.toBuilder().expired(Inclusion.ONLY).build(), to);
        return Stream.concat(
            StreamSupport.stream(Spliterators.spliteratorUnknownSize(published, 0), false),
            StreamSupport.stream(Spliterators.spliteratorUnknownSize(expired, 0), false)
                .filter(s -> s.article().expiresAt() != null && s.article().expiresAt().isAfter(from)))
            .iterator();
      }
    });
    return io(() -> feed.page(since, limit, preview, clock.instant(), () -> head));
  }

  /**
   * Every article matching {@code query} at {@code now}: from the index, or, when the engine
   * replaces it, from the engine page by page.
   */
  private Iterator<StoredArticle> matching(Snapshot at, ArticleQuery query, Instant now) {
    if (revisions == null) {
      return at.stream(query, now);
    }
    QueryEngine e = Objects.requireNonNull(engine);
    return everyPage(query, q -> e.query(q, now)).iterator();
  }

  /**
   * Under query pushdown: every match of a query with text, in its order, from the engine page by
   * page among one set of the index's matches.
   */
  private List<StoredArticle> textMatching(ArticleQuery query, Instant now) {
    SearchIndex index = searchIndex();
    SearchIndex.TextMatches matches = io(() -> index.search(Objects.requireNonNull(query.text())));
    QueryEngine e = Objects.requireNonNull(engine);
    return everyPage(query, q -> e.query(q, matches, now));
  }

  /** One page of an engine's answer to a query. */
  private interface EngineCall {
    Page<StoredArticle> page(ArticleQuery query) throws IOException;
  }

  /** Every match of {@code query} (from its start), asking {@code engine} for the largest pages. */
  private List<StoredArticle> everyPage(ArticleQuery query, EngineCall engine) {
    List<StoredArticle> out = new ArrayList<>();
    ArticleQuery q = query.toBuilder().limit(maxPageSize).offset(0).cursor(null).build();
    String cursor;
    do {
      ArticleQuery pageQuery = q;
      Page<StoredArticle> page = io(() -> engine.page(pageQuery));
      out.addAll(page.items());
      cursor = page.nextCursor().orElse(null);
      q = q.toBuilder().cursor(cursor).build();
    } while (cursor != null);
    return out;
  }

  /** The next instant at which an article goes live or expires; empty when none is ahead. */
  public Optional<Instant> nextPublicationChange() {
    return Optional.ofNullable(notifier.nextDue());
  }

  private Revision write(Article article, @Nullable Revision expected) {
    Objects.requireNonNull(article, "article");
    ensureOpen();
    List<Problem> invalid = ArticleValidator.validate(article, article.id());
    if (invalid.stream().anyMatch(Problem::isError)) {
      throw new InvalidArticleException(invalid);
    }
    writeLock.lock();
    try {
      Revision revision = io(() -> store.put(article, expected));
      apply(StoreChange.upsert(new StoredArticle(article, revision)));
      return revision;
    } finally {
      unlockAndNotify();
    }
  }

  private boolean remove(String id, @Nullable Revision expected) {
    Objects.requireNonNull(id, "id");
    ensureOpen();
    writeLock.lock();
    try {
      boolean existed = io(() -> store.delete(id, expected));
      apply(StoreChange.deleted(id));
      return existed;
    } finally {
      unlockAndNotify();
    }
  }

  private void onStoreChange(StoreChange change) {
    if (closed) {
      return;
    }
    writeLock.lock();
    try {
      apply(change);
    } finally {
      unlockAndNotify();
    }
  }

  /** Applies a change to the index unless it already holds it; fires the event. Under the write lock. */
  private void apply(StoreChange change) {
    if (revisions != null) {
      applyRevision(change);
      return;
    }
    Snapshot current = snapshot;
    StoredArticle old = current.get(change.id()).orElse(null);
    StoredArticle stored = change.stored();
    if (stored != null) {
      if (old != null && old.revision().equals(stored.revision())) {
        return;
      }
      StoredArticle indexed = partialArticles
          ? new StoredArticle(ArticleStore.partial(stored.article()), stored.revision()) : stored;
      searchIndex(stored, change.id());
      snapshot = current.with(indexed);
      generation++; // after the snapshot: see queryVersion
      logged(change.id(), old, stored);
      fire(new ArticleEvent(old == null ? ArticleEvent.Type.CREATED : ArticleEvent.Type.UPDATED, change.id(),
          stored.article(), old == null ? null : old.revision(), stored.revision()));
      return;
    }
    if (old != null) {
      searchIndex(null, change.id());
      snapshot = current.without(change.id());
      generation++;
      logged(change.id(), old, null);
      fire(new ArticleEvent(ArticleEvent.Type.DELETED, change.id(), null, old.revision(), null));
    }
  }

  /**
   * Hands a change to the search index before the snapshot shows it. The store holds the change
   * already, so a failing search index does not fail the write: it is logged, and the index
   * catches up when it is next opened (it compares revisions). Under the write lock.
   */
  private void searchIndex(@Nullable StoredArticle stored, String id) {
    SearchIndex index = search;
    if (index == null || searchState == SearchState.CLOSED) {
      return;
    }
    if (searchState == SearchState.OPENING) {
      Objects.requireNonNull(searchPending).add(stored != null ? StoreChange.upsert(stored) : StoreChange.deleted(id));
      return;
    }
    try {
      if (stored != null) {
        index.put(stored);
      } else {
        index.remove(id);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "the search index missed a change of " + Printable.of(id), e);
    }
  }

  /** {@link #apply} without an index: only the revisions change. Under the write lock. */
  private void applyRevision(StoreChange change) {
    Map<String, Revision> known = Objects.requireNonNull(revisions);
    appliedChanges++;
    Revision old = known.get(change.id());
    StoredArticle stored = change.stored();
    if (stored != null) {
      if (stored.revision().equals(old)) {
        return;
      }
      known.put(change.id(), stored.revision());
      searchIndex(stored, change.id());
      fire(new ArticleEvent(old == null ? ArticleEvent.Type.CREATED : ArticleEvent.Type.UPDATED, change.id(),
          stored.article(), old, stored.revision()));
      return;
    }
    if (old != null) {
      known.remove(change.id());
      searchIndex(null, change.id());
      fire(new ArticleEvent(ArticleEvent.Type.DELETED, change.id(), null, old, null));
    }
  }

  /** Queues an event until the write lock is released. Under the write lock. */
  private void fire(ArticleEvent event) {
    pending.add(event);
  }

  /** Releases the write lock, then hands the events of what was applied to the listeners. */
  private void unlockAndNotify() {
    List<ArticleEvent> events = pending.isEmpty() ? List.of() : new ArrayList<>(pending);
    pending.clear();
    writeLock.unlock();
    events.forEach(notifier::fire);
  }

  /**
   * After the index took a change: the repository's own log records it (when the store keeps
   * none), and the timer of publications follows the article's new times. Under the write lock.
   */
  private void logged(String id, @Nullable StoredArticle old, @Nullable StoredArticle now) {
    if (memoryLog != null) {
      memoryLog.append(id, now == null ? LoggedChange.Kind.DELETE : LoggedChange.Kind.UPSERT,
          now == null ? null : now.revision(), clock.instant(),
          old == null ? null : LoggedChange.Timing.of(old.article()),
          now == null ? null : LoggedChange.Timing.of(now.article()));
    }
    notifier.changed(id, old == null ? null : old.article(), now == null ? null : now.article());
  }

  // ------------------------------------------------------------------ misc

  private Instant now(ArticleQuery query) {
    return query.asOf() != null ? query.asOf() : clock.instant();
  }

  private void check(ArticleQuery query) {
    Objects.requireNonNull(query, "query");
    if (query.limit() > maxPageSize) {
      throw new InvalidQueryException(QueryOption.LIMIT.key(),
          "must be a whole number from 1 to " + maxPageSize + ", was " + query.limit());
    }
    if (query.text() == null && query.sort() == Sort.RELEVANCE) {
      throw new InvalidQueryException(QueryOption.SORT.key(), "relevance needs a text query (q)");
    }
    if (query.text() != null && noSearch != null) {
      throw new InvalidQueryException(QueryOption.TEXT.key(), "(text search) " + noSearch);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the repository is closed");
    }
  }

  /**
   * Closes the store; queries on the last snapshot keep working, writes fail. (With an engine
   * that replaces the index, queries go to the closed store, and may fail.)
   */
  @Override
  public void close() {
    closed = true;
    notifier.close();
    io(() -> {
      try {
        store.close();
      } finally {
        if (search != null) {
          search.close();
        }
      }
      return null;
    });
  }

  /**
   * The two halves of a content hash; of a text revision, its 32-bit hash and a 64-bit hash of
   * its characters.
   */
  private static final IndexFile.RevisionBits REVISION_BITS = new IndexFile.RevisionBits() {
    @Override
    public long high(Revision r) {
      String text = r.text();
      return text == null ? r.high() : text.hashCode();
    }

    @Override
    public long low(Revision r) {
      String text = r.text();
      if (text == null) {
        return r.low();
      }
      long h = 0xcbf29ce484222325L; // FNV-1a
      for (int i = 0; i < text.length(); i++) {
        h = (h ^ text.charAt(i)) * 0x100000001b3L;
      }
      return h;
    }
  };

  private interface IoCall<T> {
    T call() throws IOException;
  }

  private static <T> T io(IoCall<T> call) {
    try {
      return call.call();
    } catch (IOException e) {
      throw new BroadsheetException("storage failed: " + e.getMessage(), new UncheckedIOException(e));
    }
  }

  /** Options for a repository; {@link #store} is required. */
  public static final class Builder {
    private @Nullable ArticleStore store;
    private Clock clock = Clock.systemUTC();
    private int maxPageSize = 1000;
    private final List<ArticleListener> listeners = new ArrayList<>();
    private @Nullable Executor listenerExecutor;
    private int changeLogCapacity = 100_000;
    private @Nullable SearchIndex search;
    private boolean searchOnFirstUse;
    private @Nullable Path indexFile;

    private Builder() {}

    /**
     * The full-text index that answers queries with {@linkplain ArticleQuery#text() text}; none
     * by default, and such queries are then refused. The repository opens it when built (or
     * first used, with {@link #searchOnFirstUse()}), keeps it current and closes it.
     *
     * @since 0.1.0
     */
    public Builder search(SearchIndex value) {
      this.search = Objects.requireNonNull(value, "search");
      return this;
    }

    /**
     * Opens the {@linkplain #search search index} at the first query with text (or {@link
     * ArticleRepository#openSearch()}) rather than when the repository is built: for a process
     * that may never search, such as a one-shot command, which then does not pay for bringing
     * the index up to date, nor for building it the first time.
     *
     * @since 0.1.0
     */
    public Builder searchOnFirstUse() {
      this.searchOnFirstUse = true;
      return this;
    }

    /**
     * Keeps the query index in {@code file} between runs. A repository whose store loads the
     * same articles as the run that wrote the file (the same ids and revisions, in the same
     * order, as a folder's store gives them after a restart with nothing changed) reads the
     * index from it instead of building it, in less than half the time; any other load builds
     * the index and writes the file anew (its folder made if need be). None by default; the
     * command line keeps one in a folder's state folder.
     *
     * <p>The file is only ever a copy: a missing, damaged or outdated one is not used, and
     * replaced. It is replaced in one rename, so repositories of several processes may share
     * it. Not with a store whose {@linkplain ArticleStore#queryEngine() query engine} replaces
     * the index, which keeps none.
     *
     * @since 0.1.0
     */
    public Builder indexFile(Path file) {
      this.indexFile = Objects.requireNonNull(file, "file");
      return this;
    }

    public Builder store(ArticleStore value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /** The clock "now" comes from for visibility; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The largest page a query may ask for; default 1000. */
    public Builder maxPageSize(int value) {
      if (value <= 0) {
        throw new IllegalArgumentException("maxPageSize must be positive, was " + value);
      }
      this.maxPageSize = value;
      return this;
    }

    public Builder listener(ArticleListener value) {
      listeners.add(Objects.requireNonNull(value, "listener"));
      return this;
    }

    /**
     * Where listeners run; by default threads of the repository's own, stopped when it closes.
     * Each listener runs on it one event at a time, in order.
     */
    public Builder listenerExecutor(Executor value) {
      this.listenerExecutor = Objects.requireNonNull(value, "listenerExecutor");
      return this;
    }

    /**
     * How many changes the repository keeps for its change feed when the store keeps no log of
     * its own; default 100,000. A token older than these is {@linkplain SyncTokenExpiredException
     * expired}.
     */
    public Builder changeLogCapacity(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("changeLogCapacity must be positive, was " + value);
      }
      this.changeLogCapacity = value;
      return this;
    }

    /**
     * Loads every article from the store and indexes it.
     *
     * @throws BroadsheetException when the store cannot be read
     */
    public ArticleRepository build() {
      if (store == null) {
        throw new IllegalStateException("store must be set");
      }
      return new ArticleRepository(this);
    }
  }
}
