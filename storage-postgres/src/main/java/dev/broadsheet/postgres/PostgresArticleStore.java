package dev.broadsheet.postgres;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.ArticleValidator;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.postgres.Rows.Row;
import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.ChangeLog;
import dev.broadsheet.spi.LoadResult;
import dev.broadsheet.spi.QueryEngine;
import dev.broadsheet.spi.StoreChange;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Articles in PostgreSQL (14 or later), for any number of application instances sharing one
 * database and kept coherent within about a second.
 *
 * <pre>{@code
 * HikariDataSource pool = new HikariDataSource();
 * pool.setJdbcUrl("jdbc:postgresql://db.example.com/news");
 * PostgresArticleStore store = PostgresArticleStore.builder(pool).build();
 * try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
 *   repo.problems().forEach(System.err::println); // rows whose files are broken
 *   Page<Article> home = repo.query(ArticleQuery.all());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>A row keeps the exact bytes of the article's Markdown file, the columns the index reads
 *       (one per {@linkplain dev.broadsheet.ArticleField#indexed() indexed} field) and the whole
 *       article as {@code jsonb}. The revision is {@link Revision#ofContent} of the file, as in
 *       every store; a save changes only the lines of the fields that changed.
 *   <li>Saves and deletes with an expected revision are conditional statements: whoever changed
 *       the row since, this process, another instance or other SQL, the write fails with {@link
 *       ArticleConflictException}. Ids pass {@link ArticleIds} before any SQL and are unique
 *       ignoring case and Unicode normalization, as in a folder of files.
 *   <li>Every change of a row, including one made by other SQL, is numbered and logged by a
 *       trigger in the same transaction. After {@link #subscribe}, the store follows the log with
 *       {@code LISTEN} on a connection of its own, catches up by number after a reconnect, and
 *       polls every {@linkplain Builder#pollInterval poll interval} in case a notification is
 *       lost. A row whose file is broken is reported by {@link #problems()} with its id, line and
 *       column and left out.
 *   <li>{@link #loadAll()} reads only the indexed columns, through a server-side cursor; whole
 *       articles are read when the repository hands them out, and kept in a cache bounded by
 *       size.
 *   <li>With {@link Builder#queryPushdown}, queries are answered in SQL instead, with exactly the
 *       answers of the in-memory index, and a repository on the store keeps no index: it starts
 *       from the ids and revisions of the rows alone.
 *   <li>The tables are created and upgraded on first use from the migration files in {@code
 *       db/broadsheet} (see {@link Migrations}); the schema and the table prefix are options, and
 *       are the only text ever written into SQL: everything else is a bind parameter.
 * </ul>
 *
 * <p>The store holds one connection of the data source while it follows the log; the others
 * are taken for a statement or a load and given back. Thread-safe.
 *
 * @since 0.1.0
 */
public final class PostgresArticleStore implements ArticleStore {
  private static final System.Logger LOG = System.getLogger(PostgresArticleStore.class.getName());

  private final DataSource dataSource;
  private final Names names;
  private final ArticleCodec codec;
  private final Migrations migrations;
  private final Duration pollInterval;
  private final Duration changeRetention;
  private final Clock clock;
  private final Rows rows;
  private final Writes writes;
  private final Loader loader;
  private final Cache<ArticleKey, Whole> articles;
  private final @Nullable Pushdown pushdown;
  /** The problems of rows that are not articles now, by id. */
  private final Map<String, List<Problem>> problems = new ConcurrentHashMap<>();
  /**
   * The revision of each article as the listener was last told, or loaded it. A load replaces
   * it with a map sized for what it read, since a load and the follower, its only other writer,
   * never run at once.
   */
  private volatile Map<String, Revision> told = new ConcurrentHashMap<>();
  /**
   * This store's writes the listener may not have been told of yet, by key: the repository
   * applies its own, a direct caller's reach it through the log. Kept until the follower has
   * told a state at least as new; see {@link Follower}.
   */
  private final Map<String, LocalWrite> localWrites = new ConcurrentHashMap<>();
  private final AtomicLong ticks = new AtomicLong();
  private final ReentrantLock schemaLock = new ReentrantLock();
  private final ReentrantLock followerLock = new ReentrantLock();
  private volatile boolean schemaReady;
  /** The last change the last load includes; -1 before any. */
  private volatile long loadedThrough = -1;
  private volatile @Nullable Consumer<StoreChange> listener;
  private volatile @Nullable Follower follower;
  private volatile boolean closed;
  private final PostgresChangeLog changeLog;
  /** Notified when the follower's position moves, for {@link #awaitApplied}. */
  private final Object appliedMoved = new Object();
  /** Whether writes stamp their changes with {@link #clock} rather than the database's time. */
  private final boolean ownClock;

  private record ArticleKey(String id, Revision revision) {}

  /**
   * A write of this store: the id, when it committed (by {@link #ticks}, taken after the
   * commit), and the revision written (null: deleted).
   */
  record LocalWrite(String id, long tick, @Nullable Revision revision) {}

  /** A whole article, and the size of its file. */
  private record Whole(StoredArticle stored, int fileBytes) {}

  private PostgresArticleStore(Builder b) {
    this.dataSource = b.dataSource;
    this.names = Names.of(b.schema, b.tablePrefix);
    this.codec = b.codec;
    this.migrations = b.migrations;
    this.pollInterval = b.pollInterval;
    this.changeRetention = b.changeRetention;
    this.clock = b.clock;
    this.ownClock = !b.clock.equals(Clock.systemUTC());
    this.rows = new Rows(names);
    this.writes = new Writes(rows, codec);
    this.loader = new Loader(names, b.fetchSize);
    this.articles = Caffeine.newBuilder()
        .maximumWeight(b.articleCacheBytes)
        .weigher((ArticleKey k, Whole v) -> weight(v))
        .executor(Runnable::run)
        .build();
    this.pushdown = b.queryPushdown ? new Pushdown(this) : null;
    this.changeLog = new PostgresChangeLog(this);
  }

  /**
   * A builder for a store on {@code dataSource}: any {@link DataSource} giving connections to
   * PostgreSQL through its JDBC driver, pooled or not (HikariCP, the driver's own).
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** The schema the tables are in. */
  public String schema() {
    return names.schema();
  }

  /** What the tables' names start with. */
  public String tablePrefix() {
    return names.prefix();
  }

  // ------------------------------------------------------------------ connections

  /**
   * A connection in auto-commit mode, the tables made or checked on first use.
   *
   * @throws BroadsheetException when the database or its tables cannot be used by this version
   */
  Connection connection() throws SQLException {
    Connection c = dataSource.getConnection();
    try {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      if (!schemaReady) {
        schemaLock.lock();
        try {
          if (!schemaReady) {
            Schema.ensure(c, names, migrations);
            schemaReady = true;
          }
        } finally {
          schemaLock.unlock();
        }
      }
      return c;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c, e);
      throw e;
    }
  }

  static void closeQuietly(@Nullable Connection c, Throwable cause) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  static IOException failed(String what, SQLException e) {
    return new IOException(what + ": " + e.getMessage() + " (SQL state " + e.getSQLState() + ")", e);
  }

  Names names() {
    return names;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /**
   * Asks the database for a connection and whether it answers: one round trip, nothing read.
   *
   * @throws IOException when no connection can be had or it does not answer within 5 seconds
   */
  @Override
  public void check() throws IOException {
    try (Connection c = dataSource.getConnection()) {
      if (!c.isValid(5)) {
        throw new IOException("PostgreSQL does not answer");
      }
    } catch (SQLException e) {
      throw failed("cannot reach PostgreSQL", e);
    }
  }

  // ------------------------------------------------------------------ loading

  /**
   * The partial articles of every row, from their columns, and the problems of rows that are
   * not articles. Rows written by other SQL are read from their files (and their derived columns
   * filled in).
   *
   * @throws IOException when the database cannot be read; nothing is kept of a failed load
   */
  @Override
  public LoadResult loadAll() throws IOException {
    long started = ticks.get();
    try (Connection c = connection()) {
      Loader.Scan scan = loader.scan(c);
      List<StoredArticle> loaded = new ArrayList<>(scan.articles());
      Map<String, List<Problem>> found = new HashMap<>();
      for (Problem p : scan.problems()) {
        found.computeIfAbsent(p.source(), k -> new ArrayList<>()).add(p);
      }
      for (List<String> batch : batches(scan.unverified())) {
        for (Row r : rows.byIds(c, batch)) {
          Judged j = examine(c, r);
          if (j.stored() != null) {
            loaded.add(new StoredArticle(ArticleStore.partial(j.stored().article()), j.stored().revision()));
          }
          if (!j.problems().isEmpty()) {
            found.put(r.id(), j.problems());
          }
        }
      }
      problems.clear();
      problems.putAll(found);
      Map<String, Revision> revisions = new ConcurrentHashMap<>(loaded.size());
      for (StoredArticle s : loaded) {
        revisions.put(s.id(), s.revision());
      }
      told = revisions;
      changeLog.readId(c);
      loadedThrough = scan.through();
      localWrites.values().removeIf(w -> w.tick() <= started); // the load holds them
      return new LoadResult(loaded, sorted(found));
    } catch (SQLException e) {
      throw failed("cannot load articles from PostgreSQL", e);
    }
  }

  static <T> List<List<T>> batches(List<T> items) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i += 500) {
      out.add(items.subList(i, Math.min(items.size(), i + 500)));
    }
    return out;
  }

  /**
   * The id and revision of every row that is an article, for a repository that keeps no index
   * ({@link #queryEngine()} with {@link Builder#queryPushdown}): as {@link #loadAll()}, but
   * reading only ids and revisions, besides the rows other SQL wrote, which are read from their
   * files (and their derived columns filled in).
   */
  Map<String, Revision> revisions() throws IOException {
    long started = ticks.get();
    try (Connection c = connection()) {
      Loader.Revisions scan = loader.revisions(c);
      Map<String, Revision> loaded = new HashMap<>(scan.revisions());
      Map<String, List<Problem>> found = new HashMap<>();
      for (Problem p : scan.problems()) {
        found.computeIfAbsent(p.source(), k -> new ArrayList<>()).add(p);
      }
      for (List<String> batch : batches(scan.unverified())) {
        for (Row r : rows.byIds(c, batch)) {
          Judged j = examine(c, r);
          if (j.stored() != null) {
            loaded.put(r.id(), j.stored().revision());
          }
          if (!j.problems().isEmpty()) {
            found.put(r.id(), j.problems());
          }
        }
      }
      problems.clear();
      problems.putAll(found);
      told = new ConcurrentHashMap<>(loaded);
      changeLog.readId(c);
      loadedThrough = scan.through();
      localWrites.values().removeIf(w -> w.tick() <= started); // the scan holds them
      return Collections.unmodifiableMap(loaded);
    } catch (SQLException e) {
      throw failed("cannot load articles from PostgreSQL", e);
    }
  }

  /**
   * With {@link Builder#queryPushdown}, the engine that answers queries in SQL, so that a
   * repository on this store keeps no index; otherwise empty, and the repository indexes the
   * articles of {@link #loadAll()}.
   */
  @Override
  public Optional<QueryEngine> queryEngine() {
    return Optional.ofNullable(pushdown);
  }

  /** The whole article at {@code revision} if the cache holds it. */
  @Nullable StoredArticle cached(String id, Revision revision) {
    Whole w = articles.getIfPresent(new ArticleKey(id, revision));
    return w == null ? null : w.stored();
  }

  /** Whole articles are read from their rows when handed out; the index holds partial ones. */
  @Override
  public boolean partialArticles() {
    return true;
  }

  // ------------------------------------------------------------------ reading one

  /** The article as its row holds it now; empty when there is none or its file is broken. */
  @Override
  public Optional<StoredArticle> get(String id) throws IOException {
    ArticleIds.validate(id);
    try (Connection c = connection()) {
      Row r = rows.byKey(c, ArticleIds.key(id));
      if (r == null || !r.id().equals(id)) {
        return Optional.empty();
      }
      return Optional.ofNullable(parse(r).stored());
    } catch (SQLException e) {
      throw failed("cannot read article '" + id + "' from PostgreSQL", e);
    }
  }

  /**
   * The whole article. From the cache when the store holds it at {@code revision} and, following
   * the change log, knows of no later one; otherwise read from its row. While the database
   * cannot be reached, cached articles are still served.
   */
  @Override
  public Optional<StoredArticle> article(String id, Revision revision) throws IOException {
    LocalWrite w = localWrites.get(ArticleIds.key(id));
    Revision latest = w != null && w.id().equals(id) ? w.revision() : told.get(id);
    if (follower != null && revision.equals(latest)) {
      Whole cached = articles.getIfPresent(new ArticleKey(id, revision));
      if (cached != null) {
        return Optional.of(cached.stored());
      }
    }
    return get(id);
  }

  /**
   * The article's file exactly as stored, for copying articles out byte for byte; empty when
   * there is no row for {@code id} (in this spelling).
   *
   * @throws InvalidIdException when the id breaks the rules of {@link ArticleIds}
   * @throws IOException when the database cannot be read
   */
  @Override
  public Optional<byte[]> file(String id) throws IOException {
    ArticleIds.validate(id);
    try (Connection c = connection()) {
      Row r = rows.byKey(c, ArticleIds.key(id));
      return r == null || !r.id().equals(id) ? Optional.empty() : Optional.of(r.content());
    } catch (SQLException e) {
      throw failed("cannot read article '" + id + "' from PostgreSQL", e);
    }
  }

  /** What a row holds: an article, or the problems that make it none. */
  record Judged(@Nullable StoredArticle stored, List<Problem> problems) {}

  /** Reads a row's file; valid articles are cached under their revision. */
  Judged parse(Row r) {
    if (r.revision() != null) {
      Whole w = articles.getIfPresent(new ArticleKey(r.id(), Revision.of(r.revision())));
      if (w != null) {
        return new Judged(w.stored(), List.of());
      }
    }
    ArticleResult read = codec.read(r.id(), r.id(), r.content());
    if (!read.isValid()) {
      return new Judged(null, read.problems());
    }
    StoredArticle stored = new StoredArticle(read.article(), Revision.ofContent(r.content()));
    articles.put(new ArticleKey(r.id(), stored.revision()), new Whole(stored, r.content().length));
    return new Judged(stored, read.problems());
  }

  /**
   * What the row of {@code id} (null: none) is now, recorded as what the listener is about to
   * be told; a valid row that other SQL wrote gets its revision and columns filled in.
   */
  Judged judge(Connection c, String id, @Nullable Row row) {
    if (row == null) {
      problems.remove(id);
      told.remove(id);
      return new Judged(null, List.of());
    }
    Judged j = examine(c, row);
    StoredArticle s = j.stored();
    if (s == null) {
      problems.put(id, j.problems());
      told.remove(id);
      return j;
    }
    if (j.problems().isEmpty()) {
      problems.remove(id);
    } else {
      problems.put(id, j.problems()); // warnings
    }
    told.put(id, s.revision());
    return j;
  }

  /**
   * What a row is: an article, or the problems that make it none. A valid row that other SQL
   * wrote (no revision, or not its file's) gets its revision and columns filled in.
   */
  private Judged examine(Connection c, Row row) {
    Problem wrong = Loader.rowProblem(row.id(), row.key());
    Judged j = wrong != null ? new Judged(null, List.of(wrong)) : parse(row);
    StoredArticle s = j.stored();
    if (s != null && !s.revision().value().equals(row.revision())) {
      try {
        rows.repair(c, row, s.article(), s.revision());
      } catch (SQLException e) {
        // A read-only user, say: the row is read from its file again next time.
        LOG.log(System.Logger.Level.DEBUG, "cannot fill in the columns of '" + row.id() + "': " + e.getMessage());
      }
    }
    return j;
  }

  /** The change to tell of a judged row. */
  static StoreChange change(String id, Judged j) {
    StoredArticle s = j.stored();
    if (s != null) {
      return StoreChange.upsert(s);
    }
    return j.problems().isEmpty() ? StoreChange.deleted(id) : StoreChange.invalid(id, j.problems());
  }

  /**
   * What cached articles weigh: twice the file's size (its text as Java strings, at most two
   * bytes a character) plus their objects; as the file store counts.
   */
  private static int weight(Whole w) {
    return (int) Math.min(Integer.MAX_VALUE, 512 + 2L * w.fileBytes());
  }

  // ------------------------------------------------------------------ writing

  /**
   * Stores {@code article}: the smallest edit of its row's file, or a new canonical file.
   *
   * @throws InvalidIdException before any SQL, when the id breaks the rules, or another spelling
   *     of it is stored
   * @throws InvalidArticleException before any SQL, when the article breaks a content rule
   * @throws ArticleConflictException when {@code expected} is not the stored revision
   * @throws IOException when the database cannot be written; nothing is then changed
   */
  @Override
  public Revision put(Article article, @Nullable Revision expected) throws IOException {
    Objects.requireNonNull(article, "article");
    ArticleIds.validate(article.id());
    List<Problem> invalid = ArticleValidator.validate(article, article.id());
    if (invalid.stream().anyMatch(Problem::isError)) {
      throw new InvalidArticleException(invalid);
    }
    return write(article.id(), expected, current -> writes.edit(article, current));
  }

  /**
   * Stores {@code content} as the file of article {@code id}, byte for byte, for copying a folder
   * of files in. As in a folder, a file that is no valid article is kept as it is: it is reported
   * by {@link #problems()}, with its lines and columns, and left out of loads until a valid file
   * replaces it.
   *
   * @param expected the revision the caller read, {@link Revision#NONE} to create only, or null
   *     to write whatever is stored
   * @return the new revision, {@link Revision#ofContent} of {@code content}
   * @throws InvalidIdException before any SQL, when the id breaks the rules, or another spelling
   *     of it is stored
   * @throws ArticleConflictException when {@code expected} is not the stored revision
   * @throws IOException when the database cannot be written; nothing is then changed
   */
  @Override
  public Revision putFile(String id, byte[] content, @Nullable Revision expected) throws IOException {
    ArticleIds.validate(id);
    byte[] bytes = content.clone();
    ArticleResult read = codec.read(id, id, bytes);
    Article article = read.isValid() ? read.article() : null;
    Revision r = write(id, expected, current -> new Writes.Made(article, bytes));
    if (article == null) {
      problems.put(id, read.problems());
    } else if (!read.problems().isEmpty()) {
      problems.put(id, read.problems());
    }
    return r;
  }

  private Revision write(String id, @Nullable Revision expected, Writes.Content content) throws IOException {
    try (Connection c = connection()) {
      stamp(c);
      Writes.Written w;
      try {
        w = writes.put(c, id, expected, content);
      } finally {
        unstamp(c);
      }
      if (w.article() != null) {
        StoredArticle stored = new StoredArticle(w.article(), w.revision());
        articles.put(new ArticleKey(id, w.revision()), new Whole(stored, w.bytes()));
      }
      localWrites.put(ArticleIds.key(id), new LocalWrite(id, ticks.incrementAndGet(),
          w.article() == null ? null : w.revision()));
      problems.remove(id);
      return w.revision();
    } catch (SQLException e) {
      throw failed("cannot save article '" + id + "' to PostgreSQL", e);
    }
  }

  /**
   * @throws InvalidIdException before any SQL, when the id breaks the rules, or another spelling
   *     of it is stored
   * @throws ArticleConflictException when {@code expected} is not the stored revision
   * @throws IOException when the database cannot be written; nothing is then changed
   */
  @Override
  public boolean delete(String id, @Nullable Revision expected) throws IOException {
    ArticleIds.validate(id);
    try (Connection c = connection()) {
      stamp(c);
      boolean existed;
      try {
        existed = writes.delete(c, id, expected);
      } finally {
        unstamp(c);
      }
      localWrites.put(ArticleIds.key(id), new LocalWrite(id, ticks.incrementAndGet(), null));
      problems.remove(id);
      return existed;
    } catch (SQLException e) {
      throw failed("cannot delete article '" + id + "' from PostgreSQL", e);
    }
  }

  /**
   * With a clock of the store's own (not the system's), has the changes of the writes made on
   * {@code c} logged at its time rather than the database's, until {@link #unstamp}: the change
   * feed then agrees with a repository on the same clock.
   */
  private void stamp(Connection c) throws SQLException {
    if (ownClock) {
      try (PreparedStatement s = c.prepareStatement("SELECT set_config('broadsheet.changed_at', ?, false)")) {
        s.setString(1, clock.instant().toString());
        s.execute();
      }
    }
  }

  /** Undoes {@link #stamp}, before the connection goes back to its pool. */
  private void unstamp(Connection c) throws SQLException {
    if (ownClock) {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT set_config('broadsheet.changed_at', '', false)");
      }
    }
  }

  /** The tick of the latest local write of {@code key} not yet told, or 0. */
  long lastLocalWrite(String key) {
    LocalWrite w = localWrites.get(key);
    return w == null ? 0 : w.tick();
  }

  long tick() {
    return ticks.get();
  }

  /**
   * Forgets the local write of {@code key} if it committed at or before {@code tick}: the
   * listener was just told the row as read after that, which holds the write.
   */
  void toldUpTo(String key, long tick) {
    localWrites.computeIfPresent(key, (k, w) -> w.tick() <= tick ? null : w);
  }

  /** The ids of this store's writes the listener may not have been told of. */
  List<String> untoldLocalWrites() {
    return localWrites.values().stream().map(LocalWrite::id).toList();
  }

  // ------------------------------------------------------------------ changes

  /**
   * The {@code changes} table as a change log, shared by every instance on the database, so that
   * sync tokens outlive restarts and work on any instance. Its {@linkplain ChangeLog#head() head}
   * is the last change this store's listener was told (or its last load holds), so that a
   * repository reading it with its index never hands out a token ahead of that index.
   */
  @Override
  public Optional<ChangeLog> changeLog() {
    return Optional.of(changeLog);
  }

  /** The last change the listener was told or the last load holds; -1 before either. */
  long applied() {
    Follower f = follower;
    long p = f == null ? -1 : f.position();
    return Math.max(p, loadedThrough);
  }

  /** Wakes {@link #awaitApplied}: the follower moved on. */
  void appliedMoved() {
    synchronized (appliedMoved) {
      appliedMoved.notifyAll();
    }
  }

  /** Waits until {@link #applied()} reaches {@code seq}; false when it did not in time. */
  boolean awaitApplied(long seq) {
    long deadline = System.nanoTime() + Math.max(5_000, 3 * pollInterval.toMillis()) * 1_000_000;
    synchronized (appliedMoved) {
      while (applied() < seq && follower != null && !closed) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          break;
        }
        try {
          appliedMoved.wait(Math.min(left, 100));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return applied() >= seq;
  }

  /**
   * Registers the listener and starts following the change log from the last {@link #loadAll()}
   * (or from now, without one). Changes are told on the store's follower thread.
   */
  @Override
  public void subscribe(Consumer<StoreChange> l) {
    this.listener = Objects.requireNonNull(l, "listener");
    followerLock.lock();
    try {
      if (follower == null && !closed) {
        Follower f = new Follower(this, pollInterval, changeRetention, clock);
        follower = f;
        f.start(loadedThrough);
      }
    } finally {
      followerLock.unlock();
    }
  }

  /** Tells the listener; a failing listener does not stop the follower. */
  void tell(StoreChange change) {
    Consumer<StoreChange> l = listener;
    if (l == null) {
      return;
    }
    try {
      l.accept(change);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "the store's listener failed on a change of '" + change.id() + "'", e);
    }
  }

  Rows rows() {
    return rows;
  }

  Loader loader() {
    return loader;
  }

  /** The revisions the listener was told, by id; live. */
  Map<String, Revision> told() {
    return told;
  }

  /** The problems now, by id; live. */
  Map<String, List<Problem>> problemsById() {
    return problems;
  }

  /** The follower, once {@link #subscribe} started it. */
  @Nullable Follower follower() {
    return follower;
  }

  /** The problems of the rows that are not articles now, by id, then line and column. */
  @Override
  public List<Problem> problems() {
    return sorted(problems);
  }

  private static List<Problem> sorted(Map<String, List<Problem>> byId) {
    List<Problem> out = new ArrayList<>();
    byId.values().forEach(out::addAll);
    out.sort(Comparator.comparing(Problem::source).thenComparingInt(Problem::line).thenComparingInt(Problem::column));
    return out;
  }

  /** Stops following the change log and gives its connection back. */
  @Override
  public void close() {
    closed = true;
    followerLock.lock();
    try {
      Follower f = follower;
      if (f != null) {
        f.close();
      }
    } finally {
      followerLock.unlock();
    }
  }

  /** Options for a store; immutable once built. */
  public static final class Builder {
    private final DataSource dataSource;
    private String schema = "public";
    private String tablePrefix = "broadsheet_";
    private ArticleCodec codec = ArticleCodec.builder().build();
    private Migrations migrations = Migrations.APPLY;
    private long articleCacheBytes = 64L * 1024 * 1024;
    private int fetchSize = 1000;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration changeRetention = Duration.ofDays(7);
    private Clock clock = Clock.systemUTC();
    private boolean queryPushdown;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The schema the tables are in, made if missing; default {@code public}. Lower-case letters,
     * digits and underscores, not starting with a digit or {@code pg_}.
     *
     * @throws IllegalArgumentException when it is not such a name
     */
    public Builder schema(String value) {
      Names.checkSchema(Objects.requireNonNull(value, "schema"));
      this.schema = value;
      return this;
    }

    /**
     * What the tables' names start with ({@code broadsheet_articles}, {@code
     * broadsheet_changes}, ...); default {@code broadsheet_}. Empty, or up to 30 lower-case
     * letters, digits and underscores, not starting with a digit.
     *
     * @throws IllegalArgumentException when it is not such a prefix
     */
    public Builder tablePrefix(String value) {
      Names.checkPrefix(Objects.requireNonNull(value, "tablePrefix"));
      this.tablePrefix = value;
      return this;
    }

    /** How files are read and edited; default {@code ArticleCodec.builder().build()}. */
    public Builder codec(ArticleCodec value) {
      this.codec = Objects.requireNonNull(value, "codec");
      return this;
    }

    /** Who creates and upgrades the tables; default {@link Migrations#APPLY}: the store. */
    public Builder migrations(Migrations value) {
      this.migrations = Objects.requireNonNull(value, "migrations");
      return this;
    }

    /** Most bytes of whole articles (bodies included) kept in memory; default 64 MiB. */
    public Builder articleCacheBytes(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("articleCacheBytes must be >= 0, was " + value);
      }
      this.articleCacheBytes = value;
      return this;
    }

    /** Rows a load fetches from its cursor at a time; default 1000. */
    public Builder fetchSize(int value) {
      if (value <= 0) {
        throw new IllegalArgumentException("fetchSize must be positive, was " + value);
      }
      this.fetchSize = value;
      return this;
    }

    /**
     * How often the change log is read when no notification came, which bounds the delay of a
     * change when notifications are lost (through a pooler that drops {@code LISTEN}, say); also
     * the first wait before reconnecting to a database that went away. Default 1 s.
     */
    public Builder pollInterval(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("pollInterval must be positive, was " + value);
      }
      this.pollInterval = value;
      return this;
    }

    /**
     * How long changes stay in the change log; default 7 days. An instance that cannot read the
     * log for longer (a database it could not reach) loads again instead of catching up. Older
     * changes are pruned by the instances as they follow the log.
     */
    public Builder changeRetention(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("changeRetention must be positive, was " + value);
      }
      this.changeRetention = value;
      return this;
    }

    /** The clock the change retention is measured by; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Whether queries are answered in SQL; default false. With true, {@link #queryEngine()}
     * answers every query, count, facet, related and adjacent article of a repository in SQL,
     * with exactly the answers of the in-memory index, and the repository keeps no index: an
     * instance then holds each article's id and revision (twice, the repository's and the
     * follower's) and the cache of whole articles, and starts after reading only ids and
     * revisions, but each query is a round trip to the database. With false, each instance
     * loads the indexed columns of every article and answers from memory.
     *
     * @since 0.1.0
     */
    public Builder queryPushdown(boolean value) {
      this.queryPushdown = value;
      return this;
    }

    /** The store; connects to nothing until first used. */
    public PostgresArticleStore build() {
      return new PostgresArticleStore(this);
    }
  }
}
