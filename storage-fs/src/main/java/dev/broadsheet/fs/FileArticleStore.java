package dev.broadsheet.fs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.ContentFolder.TooLargeException;
import dev.broadsheet.fs.ContentFolder.Walked;
import dev.broadsheet.fs.KnownFiles.Known;
import dev.broadsheet.fs.internal.SnapshotFile;
import dev.broadsheet.internal.Printable;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.ChangeLog;
import dev.broadsheet.spi.LoadResult;
import dev.broadsheet.spi.StoreChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Articles as a folder of Markdown files with YAML frontmatter, as trustworthy as a database.
 *
 * <pre>{@code
 * FileArticleStore store = FileArticleStore.builder(Path.of("content")).build();
 * try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
 *   repo.problems().forEach(System.err::println);   // broken files, left as they are
 *   Page<Article> home = repo.query(ArticleQuery.all());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Ids are paths under the root without extension, {@code /}-separated ({@code
 *       2026/01/openai-funding}); see {@link ArticleIds} for the rules. Two files that map to
 *       one id ignoring case and Unicode normalization are reported as a collision, and neither
 *       is loaded, read, written or deleted through that id until one is gone. Symbolic links
 *       are never followed: an id leading through one is refused with {@link InvalidIdException}.
 *   <li>Loading reads files in parallel and keeps in memory only what the index needs (see
 *       {@link ArticleStore#partial}): a whole article, body included, is read from its file
 *       when it is handed out, and kept in a cache bounded by total size.
 *   <li>A snapshot of the parsed metadata spares a restart reading files that have not changed
 *       (see the package documentation).
 *   <li>Writes are atomic and durable (temporary file, fsync, rename, fsync of the folder), keep
 *       the file's bytes except the lines that change, and are serialized across processes with
 *       a file lock in the state folder, which the command line's {@code set} and {@code new}
 *       take too. The revision is a hash of the file's bytes, so a save with a stale revision
 *       fails whoever changed the file. Temporary files a killed writer left are never read as
 *       articles and are removed by a later save in their folder; one a live writer in any
 *       process still holds is never touched.
 *   <li>A file is only ever opened when it is a regular file: something named like an article
 *       that is a pipe, a socket, a device or a link is reported as a warning and skipped.
 *   <li>{@link #get} and the whole articles the repository hands out answer the file as it is
 *       now: one look at its attributes tells whether what the store holds is still the file's.
 *   <li>With {@link Watching#LIVE} (the default), files changed by others reach the repository
 *       within about a second; a file seen half-written is read again before it is reported.
 *   <li>Every change, written through any store of the root or seen from outside, is appended to
 *       a durable journal in the state folder before anyone is told of it, so that the
 *       repository's change feed resumes from a sync token across restarts (see the package
 *       documentation).
 * </ul>
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class FileArticleStore implements ArticleStore {
  /** The folder under the root the store keeps its own files in; never read as content. */
  public static final String STATE_FOLDER = ".broadsheet";

  private static final System.Logger LOG = System.getLogger(FileArticleStore.class.getName());

  private final ContentFolder folder;
  private final ArticleCodec codec;
  private final int parallelism;
  private final long diskReadNanos;
  /** The fewest threads that read files by default, whatever the processors. */
  static final int MIN_PARALLELISM = 8;
  private volatile @Nullable ForkJoinPool readers;
  private final Watching watching;
  private final Duration rescanInterval;
  private final Clock clock;
  private final Cache<ArticleKey, Whole> articles;
  private final KnownFiles known;
  private final FileWrites writes;
  /** The snapshot of what was read, or null when the store keeps none. */
  private final @Nullable Snapshots snapshots;
  /** The change journal, or null when the store keeps none. */
  private final @Nullable Journal journal;
  /** Why the journal could not be kept up at load (a read-only root), or null. */
  private volatile @Nullable String journalDown;
  /**
   * Whether a load may make the root's state folder for the journal: only for a store that keeps
   * its snapshot there anyway. Others journal at load only when a writer has made the folder.
   */
  private final boolean journalMakesStateFolder;
  /** How many files the last load read, the others coming from the snapshot. */
  private volatile int lastLoadReads;
  private volatile @Nullable Consumer<StoreChange> listener;
  private volatile @Nullable Watcher watcher;
  private volatile boolean closed;

  private record ArticleKey(String id, Revision revision) {}

  /** A whole article with its revision, and the size of the file it was read from or written to. */
  private record Whole(StoredArticle stored, int fileBytes) {}

  private FileArticleStore(Builder b) throws IOException {
    if (!Files.isDirectory(b.root)) {
      throw new NoSuchFileException(b.root.toString(), null, "the content root is not a folder");
    }
    this.folder = new ContentFolder(b.root, b.root.toRealPath(), b.extensions, b.newExtension, b.maxFileBytes,
        b.listedNames);
    this.codec = b.codec;
    this.parallelism = b.parallelism;
    this.diskReadNanos = b.diskReadNanos;
    this.watching = b.watching;
    this.rescanInterval = b.rescanInterval;
    this.clock = b.clock;
    this.articles = Caffeine.newBuilder()
        .maximumWeight(b.articleCacheBytes)
        .weigher((ArticleKey k, Whole v) -> weight(v))
        .executor(Runnable::run)
        .recordStats()
        .build();
    this.known = new KnownFiles(this, folder, codec);
    this.writes = new FileWrites(this, folder, codec, known);
    Path root = folder.realRoot();
    this.snapshots = b.snapshot && Snapshots.canTell(codec)
        ? new Snapshots(this, (b.snapshotFolder != null ? b.snapshotFolder : root.resolve(STATE_FOLDER))
            .resolve(Snapshots.FILE_NAME), () -> Snapshots.fingerprint(root, b.extensions, codec))
        : null;
    this.journalMakesStateFolder = snapshots != null && b.snapshotFolder == null;
    this.journal = b.journal
        ? new Journal(root.resolve(STATE_FOLDER), b.journalLimit, clock::instant,
            b.watching == Watching.LIVE ? this::toldRevision : null)
        : null;
  }

  /** The revision of the valid article {@code id} as this store knows (and has told) it; null when none. */
  private @Nullable Revision toldRevision(String id) {
    Known k = known.get(ArticleIds.key(id));
    return k != null && k.valid() && k.id().equals(id) && !known.collides(ArticleIds.key(id)) ? k.revision() : null;
  }

  /** The change journal, or null when the store keeps none. */
  @Nullable Journal journal() {
    return journal;
  }

  /**
   * The store's change journal ({@value #STATE_FOLDER}{@code /changes.journal}), unless it was
   * built {@linkplain Builder#withoutJournal() without one} or the journal could not be kept up
   * when the store loaded (a root it may not write to): the repository then keeps its change
   * feed in memory.
   */
  @Override
  public Optional<ChangeLog> changeLog() {
    return journal == null || journalDown != null ? Optional.empty() : Optional.of(journal);
  }

  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /**
   * The content root a file belongs to: the outermost folder above it that holds a store's state
   * folder ({@value #STATE_FOLDER}), or the file's own folder when none does. What the command
   * line's {@code set FILE} writes through: a writer takes the write lock of its root and of every
   * state folder between the root and the article, so it excludes every store whose root holds
   * the file, whichever it is.
   */
  public static Path rootOf(Path file) throws IOException {
    Path dir = file.toAbsolutePath().normalize().getParent();
    if (dir == null) {
      throw new NoSuchFileException(file.toString(), null, "has no folder");
    }
    Path root = dir;
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve(STATE_FOLDER), LinkOption.NOFOLLOW_LINKS)) {
        root = d;
      }
    }
    return root;
  }

  @Override
  public List<Problem> problems() {
    return known.problems();
  }

  /** The content root, as given. */
  public Path root() {
    return folder.root();
  }

  /** The content folder as this store sees it: which files are articles, their ids, how they are read. */
  public ContentFolder folder() {
    return folder;
  }

  /** Nanoseconds since the epoch, now, by the store's clock (file times are compared with it). */
  long now() {
    Instant t = clock.instant();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /**
   * Opens the content root without reading it: fails when the folder was deleted, replaced by a
   * file or may no longer be read.
   *
   * @throws NoSuchFileException when the root is gone
   * @throws java.nio.file.NotDirectoryException when it is no longer a folder
   * @throws java.nio.file.AccessDeniedException when it may not be read
   * @since 0.1.0
   */
  @Override
  public void check() throws IOException {
    // Opening a directory stream reads no entries: one system call, whatever the folder holds.
    Files.newDirectoryStream(folder.realRoot()).close();
  }

  // ------------------------------------------------------------------ loading

  @Override
  public LoadResult loadAll() throws IOException {
    // Taken before any attribute is read: an entry is trusted later only if its file was last
    // modified well before this (see Snapshots#trusted).
    long scanStart = now();
    // The walk and the snapshot's entries take processors; reading files takes more threads
    // (see load).
    ForkJoinPool pool = new ForkJoinPool(computeThreads());
    try {
      Snapshots snaps = snapshots;
      // Read and decoded while the other threads walk the tree.
      ForkJoinTask<Previous> previous = snaps == null ? null : pool.submit(() -> Previous.of(snaps.read()));
      Journal j = journal;
      if (j != null && (journalMakesStateFolder
          || Files.isDirectory(folder.realRoot().resolve(STATE_FOLDER), LinkOption.NOFOLLOW_LINKS))) {
        pool.submit(j::preload); // the journal and its base, read while the tree is walked
      }
      Queue<Problem> failures = new ConcurrentLinkedQueue<>();
      List<Walked> walked = pool.invoke(folder.new WalkTask(folder.realRoot(), failures, true));
      return load(pool, walked, new ArrayList<>(failures), previous, scanStart);
    } finally {
      pool.shutdown();
    }
  }

  private record Loaded(@Nullable StoredArticle article, @Nullable Known known, List<Problem> problems) {}

  /**
   * The most files one thread takes at once when {@code count} are read on {@code threads}: a
   * few ranges for each thread, so that a few hundred files (changed since a restart's snapshot,
   * say) are shared by all of them too.
   */
  private static int readLeaf(int count, int threads) {
    return Math.max(1, Math.min(LEAF, count / (4 * threads)));
  }

  /** Files read first, on one thread, timed, to tell reads from the disk. */
  private static final int PROBED_READS = 64;

  /**
   * A load whose first reads took this long or more, at the third quartile, waited for the disk
   * rather than the page cache: on 2 processors, from the cache (in code still being compiled)
   * 46-63 µs, from a virtual disk 168-328 µs.
   */
  static final long DISK_READ_NANOS = 100_000;

  /**
   * Puts a file's entry under its key, unless another file took the key first: then the key is
   * one that several files hold.
   */
  private static void claim(Map<String, Known> fresh, Set<String> twice, String key, Known value) {
    if (fresh.putIfAbsent(key.equals(value.id()) ? value.id() : key, value) != null) {
      twice.add(key);
    }
  }

  /** The positions of {@code true} in {@code marked}, in order. */
  private static int[] indicesOf(boolean[] marked) {
    int count = 0;
    for (boolean m : marked) {
      if (m) {
        count++;
      }
    }
    int[] out = new int[count];
    int at = 0;
    for (int i = 0; i < marked.length && at < count; i++) {
      if (marked[i]) {
        out[at++] = i;
      }
    }
    return out;
  }

  /**
   * The article of a file the snapshot vouched for, decoded from the snapshot's bytes when it is
   * first asked for: a restart makes no article that no query shows. Bytes that do not decode
   * (their block's checksum matched, so only a writer or reader at fault gets there) are
   * logged, and the file is read instead.
   */
  private record FromSnapshot(FileArticleStore store, SnapshotFile.EncodedArticle encoded, String id, Object where)
      implements java.util.function.Supplier<Article> {
    @Override
    public Article get() {
      try {
        return encoded.decode(id);
      } catch (IllegalStateException broken) {
        LOG.log(System.Logger.Level.WARNING, Printable.of(broken.getMessage()) + "; reading the file");
        Path file = Known.path(id, where);
        try {
          // Through the folder: no link followed, nothing but a regular file, within the size limit.
          byte[] bytes = store.folder().readOrNull(file);
          ArticleResult r = bytes == null ? null : store.readFrontmatter(id, file, bytes);
          if (r != null && r.isValid()) {
            return ArticleStore.partial(r.article());
          }
        } catch (IOException | RuntimeException e) {
          broken.addSuppressed(e);
        }
        throw broken;
      }
    }
  }

  /**
   * The snapshot a load starts from, its entries in the order the walk finds files (see {@link
   * ContentFolder#WALK_ORDER}); empty when there is none or it cannot be used.
   */
  private record Previous(List<SnapshotFile.Entry> entries, boolean valid) {
    static Previous of(SnapshotFile.Result r) {
      if (r instanceof SnapshotFile.Valid v) {
        return new Previous(v.entries(), true);
      }
      if (r instanceof SnapshotFile.Rejected rejected) {
        LOG.log(System.Logger.Level.DEBUG, "snapshot not used: " + Printable.of(rejected.reason()));
      }
      return new Previous(List.of(), false);
    }

    /**
     * The entry of each of {@code files} in [{@code lo}, {@code hi}), or null, into {@code out},
     * found by walking both in step from the first entry not before the first of them: both come
     * in walk order, so no table of a hundred thousand paths is built or probed, and ranges can
     * be matched on several threads. Entries out of that order (a snapshot from elsewhere) are
     * only missed, and their files read.
     */
    void match(List<Walked> files, int lo, int hi, SnapshotFile.@Nullable Entry[] out) {
      int n = entries.size();
      if (lo >= hi || n == 0) {
        return;
      }
      int j = firstNotBefore(files.get(lo).rel());
      for (int i = lo; i < hi && j < n; i++) {
        String rel = files.get(i).rel();
        SnapshotFile.Entry e = entries.get(j);
        if (!e.path().equals(rel)) {
          while (ContentFolder.WALK_ORDER.compare(e.path(), rel) < 0 && ++j < n) {
            e = entries.get(j); // a file gone since
          }
          if (j == n || !e.path().equals(rel)) {
            continue; // a file new since
          }
        }
        out[i] = e;
        j++;
      }
    }

    /** The index of the first entry that does not come before {@code rel} in walk order. */
    private int firstNotBefore(String rel) {
      int a = 0;
      int b = entries.size();
      while (a < b) {
        int m = (a + b) >>> 1;
        if (ContentFolder.WALK_ORDER.compare(entries.get(m).path(), rel) < 0) {
          a = m + 1;
        } else {
          b = m;
        }
      }
      return a;
    }
  }

  /**
   * Stands in the map of a load for a file whose key it claimed but which it could not read
   * (gone since the walk, too large, unreadable): another file with the same key still finds
   * the key taken, and the two collide as they did before either was read. Removed before the
   * map is installed.
   */
  private static final Known CLAIMED = new Known("", Path.of(""), Revision.of("0".repeat(32)), -1, 0, -1, false, null,
      false, 0);

  private LoadResult load(ForkJoinPool pool, List<Walked> all, List<Problem> found,
      @Nullable ForkJoinTask<Previous> previous, long scanStart) throws IOException {
    // What the snapshot holds of a file whose attributes have not changed is taken as it is;
    // every other file is read. Both on all threads, each file's bookkeeping with it, and each
    // file's key put in the map that the store keeps: a key found there already is a
    // collision, so no pass of its own over every file looks for them (one took 22 ms of a
    // restart over 100,000 files, most of it fetching each file's record from memory again).
    Previous snapshot = previous == null ? new Previous(List.of(), false) : join(previous);
    int n = all.size();
    SnapshotFile.@Nullable Entry[] matched = new SnapshotFile.Entry[n];
    // A file the snapshot vouched for is its Known alone (which holds its article, and it has no
    // problems): no Loaded made for each of a million files.
    @Nullable Known[] vouched = new Known[n];
    @Nullable Loaded[] loaded = new Loaded[n]; // for each file read
    Map<String, Known> fresh = new ConcurrentHashMap<>(n * 4 / 3 + 16);
    Set<String> twice = ConcurrentHashMap.newKeySet();
    AtomicBoolean claimedOnly = new AtomicBoolean();
    try {
      // Each range of files is matched to the snapshot's entries first, on its own thread; a file
      // the snapshot vouches for is taken as it is, any other is read next.
      boolean[] unread = new boolean[n];
      pool.submit(() -> parallelFor(0, n, (lo, hi) -> snapshot.match(all, lo, hi, matched), i -> {
        Walked w = all.get(i);
        String key = w.key();
        if (w.skipped() != null || key == null) {
          return;
        }
        SnapshotFile.Entry e = matched[i];
        if (e != null && Snapshots.trusted(e, w.size(), w.modified(), w.fileKey(), folder.maxFileBytes())) {
          Revision revision = e.revision();
          String id = w.id(); // the path without extension, as the entry's article has it
          Object where = folder.where(w.rel(), id, w.path());
          // Decoded when first asked for, with this id object: one copy of each id, not two.
          StoredArticle stored = StoredArticle.decodedLater(id, revision,
              new FromSnapshot(this, Objects.requireNonNull(e.encoded()), id, where));
          Known value = new Known(id, where, revision, e.size(), e.modified(), w.fileKey(), true,
              stored, false, e.checkedAt());
          vouched[i] = value;
          claim(fresh, twice, key, value);
        } else {
          unread[i] = true;
        }
      })).get();
      int[] toRead = indicesOf(unread);
      long[] took = new long[Math.min(toRead.length, PROBED_READS)]; // each probed read's time
      IntConsumer readOne = j -> {
        Walked w = all.get(toRead[j]);
        Loaded l = load(w, scanStart, j < took.length ? took : null, j);
        loaded[toRead[j]] = l;
        Known value = l.known != null ? l.known : CLAIMED;
        if (value == CLAIMED) {
          claimedOnly.set(true);
        }
        claim(fresh, twice, Objects.requireNonNull(w.key()), value);
      };
      int probed = took.length;
      // On one thread: from the cache, reads side by side on few processors (with the compilers
      // still at work) took twice as long each, and passed for reads from the disk.
      pool.submit(() -> parallelFor(0, probed, PROBED_READS, (lo, hi) -> { }, readOne)).get();
      // The third quartile: a collection's pause in the middle of a read from the cache would
      // pass in the mean for the disk, and the disk's read-ahead brings many of the first files
      // of a folder with a few (a cold median 119-154 µs, a third quartile 168-328 µs; from the
      // cache 40-48 µs and 46-63 µs).
      Arrays.sort(took);
      long perRead = probed == 0 ? 0 : took[probed * 3 / 4];
      // Files not in the system's page cache are waited for from the disk, which serves several
      // reads in flight sooner than one after another: when the first files' bytes took that
      // long, the rest are read on parallelism threads, which may be more than the processors.
      // (From the cache, more threads than processors only take turns, and under the JVM's
      // defaults, as their profiled code counts every branch in shared counters, slow a first
      // load of 100,000 files from 3.0-3.5 s to 3.6-4.1 s.)
      ForkJoinPool readers = perRead >= diskReadNanos && parallelism > pool.getParallelism()
          ? new ForkJoinPool(parallelism) : pool;
      try {
        readers.submit(() -> parallelFor(probed, toRead.length,
            readLeaf(toRead.length - probed, readers.getParallelism()), (lo, hi) -> { }, readOne)).get();
      } finally {
        if (readers != pool) {
          readers.shutdown();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("loading was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IOException("loading failed", e.getCause());
    }
    if (claimedOnly.get()) {
      fresh.values().removeIf(k -> k == CLAIMED);
    }
    // Files that share a key: none of them is loaded, each is reported with the others.
    Map<String, List<Path>> collided = new HashMap<>();
    if (!twice.isEmpty()) {
      List<Walked> sharing = new ArrayList<>();
      for (Walked w : all) {
        if (w.skipped() == null && w.key() != null && twice.contains(w.key())) {
          sharing.add(w);
        }
      }
      collided = ContentFolder.collisions(sharing);
      collided.keySet().forEach(fresh::remove);
    }
    Map<String, List<Problem>> byKey = new HashMap<>();
    for (Map.Entry<String, List<Path>> c : collided.entrySet()) {
      List<Problem> cp = new ArrayList<>();
      for (Path file : c.getValue()) {
        cp.addAll(folder.collision(file, c.getValue()));
      }
      byKey.put(c.getKey(), cp);
    }

    int reads = 0;
    int taken = 0;
    // Behind when it was missing or unusable, when files it holds are gone, moved or changed,
    // or when files were read that it could hold.
    boolean snapshotDirty = previous != null && !snapshot.valid();
    List<StoredArticle> articles = new ArrayList<>(n);
    // As before the load was one pass: files without an id, then collisions, then each file's own.
    List<Problem> unnamed = new ArrayList<>(found);
    List<Problem> own = new ArrayList<>();
    List<Problem> unnamedOwn = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Walked w = all.get(i);
      if (w.skipped() != null) {
        unnamed.add(w.skipped());
        continue;
      }
      if (w.key() == null) {
        unnamed.add(folder.problem(w.path(), "id", ContentFolder.invalidIdMessage(w.id())));
        continue;
      }
      if (!collided.isEmpty() && collided.containsKey(w.key())) {
        continue;
      }
      Loaded l = loaded[i];
      if (l == null) {
        taken++;
        articles.add(Objects.requireNonNull(Objects.requireNonNull(vouched[i]).meta()));
        continue;
      }
      reads++;
      snapshotDirty |= l.known != null && l.known.meta() != null;
      if (l.article != null) {
        articles.add(l.article);
      }
      if (!l.problems.isEmpty()) {
        own.addAll(l.problems);
        if (l.known != null) {
          byKey.put(w.key(), List.copyOf(l.problems));
        } else {
          unnamedOwn.addAll(l.problems);
        }
      }
    }
    snapshotDirty |= taken < snapshot.entries().size();
    lastLoadReads = reads;
    List<Problem> problems = new ArrayList<>(unnamed);
    for (String key : collided.keySet()) {
      problems.addAll(byKey.get(key));
    }
    problems.addAll(own);
    unnamed.addAll(unnamedOwn);
    byKey.put("", unnamed);
    known.install(fresh, collided, byKey);
    Journal j = journal;
    if (j != null && !journalMakesStateFolder
        && !Files.isDirectory(folder.realRoot().resolve(STATE_FOLDER), LinkOption.NOFOLLOW_LINKS)) {
      journalDown = "the root has no state folder, and this store makes none when it loads";
    } else if (j != null) {
      try {
        writes.underRootLock(() -> {
          j.loaded(articles);
          return null;
        });
        journalDown = null;
      } catch (IOException e) {
        journalDown = ContentFolder.describe(e);
        LOG.log(System.Logger.Level.DEBUG, "no change journal for " + Printable.of(folder.root().toString()) + ": "
            + Printable.of(journalDown));
      }
    }
    if (snapshots != null) {
      snapshots.loaded(snapshotDirty, (now() - scanStart) / 1_000_000);
    }
    return new LoadResult(articles, problems);
  }

  private static <T> T join(ForkJoinTask<T> task) throws IOException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("loading was interrupted", e);
    } catch (ExecutionException e) {
      throw new IOException("loading failed", e.getCause());
    }
  }

  /**
   * The most indexes {@link #parallelFor} hands one thread at once. Each range starts with a
   * binary search of the snapshot's entries: at 32 a restart over 100,000 files did 3,000 of
   * them; at 256, 400, and a range of files read takes a few milliseconds, still small
   * enough to share evenly.
   */
  private static final int LEAF = 256;

  /** The indexes [lo, hi) of a range {@link #parallelFor} hands one thread. */
  private interface Range {
    void accept(int lo, int hi);
  }

  /**
   * Runs {@code body} for every index in [from, to), split over the current fork-join pool;
   * each thread's range is given to {@code first} before {@code body} sees its indexes.
   */
  private static void parallelFor(int from, int to, Range first, IntConsumer body) {
    parallelFor(from, to, LEAF, first, body);
  }

  /** As {@link #parallelFor(int, int, Range, IntConsumer)}, with ranges of at most {@code leaf}. */
  private static void parallelFor(int from, int to, int leaf, Range first, IntConsumer body) {
    new RecursiveAction() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void compute() {
        split(from, to);
      }

      private void split(int lo, int hi) {
        if (hi - lo <= leaf) {
          first.accept(lo, hi);
          for (int i = lo; i < hi; i++) {
            body.accept(i);
          }
          return;
        }
        int mid = (lo + hi) >>> 1;
        invokeAll(new RecursiveAction() {
          private static final long serialVersionUID = 1L;

          @Override
          protected void compute() {
            split(lo, mid);
          }
        }, new RecursiveAction() {
          private static final long serialVersionUID = 1L;

          @Override
          protected void compute() {
            split(mid, hi);
          }
        });
      }
    }.invoke();
  }

  /** Reads and parses one file; its attributes, from the walk, were read before its bytes. */
  private Loaded load(Walked w, long checkedAt) {
    return load(w, checkedAt, null, 0);
  }

  /** As {@link #load(Walked, long)}, putting the time its bytes took in {@code took[slot]}. */
  private Loaded load(Walked w, long checkedAt, long @Nullable [] took, int slot) {
    Path file = w.path();
    String id = w.id();
    try {
      long start = took == null ? 0 : System.nanoTime();
      byte[] bytes = folder.read(file, w.size()); // a regular file, or the walk skipped it
      if (took != null) {
        took[slot] = System.nanoTime() - start;
      }
      if (bytes == null) {
        return new Loaded(null, null, List.of());
      }
      Revision revision = revision(bytes);
      ArticleResult r = codec.readFrontmatter(id, folder.sourceOf(w.rel()), bytes); // bodies stay on disk
      if (!r.isValid()) {
        return new Loaded(null, KnownFiles.known(id, folder.where(w.rel(), id, file), revision, w.size(),
            w.modified(), w.fileKey(), r, null, checkedAt), r.problems());
      }
      // One object for the index and the snapshot.
      StoredArticle part = new StoredArticle(ArticleStore.partial(r.article()), revision);
      return new Loaded(part,
          KnownFiles.known(id, folder.where(w.rel(), id, file), revision, w.size(), w.modified(), w.fileKey(), r,
              part, checkedAt), r.problems());
    } catch (TooLargeException e) {
      return new Loaded(null, null, List.of(folder.problem(file, null, e.getMessage())));
    } catch (IOException e) {
      return new Loaded(null, null, List.of(folder.problem(file, null, "cannot read the file: "
          + ContentFolder.describe(e))));
    }
  }

  // ------------------------------------------------------------------ reading one

  /** The article as its file holds it now; read from the file, and cached under its revision. */
  @Override
  public Optional<StoredArticle> get(String id) throws IOException {
    Whole w = readWhole(id);
    if (w == null) {
      return Optional.empty();
    }
    cache(w);
    return Optional.of(w.stored());
  }

  void cache(StoredArticle stored, int fileBytes) {
    cache(new Whole(stored, fileBytes));
  }

  private void cache(Whole w) {
    articles.put(new ArticleKey(w.stored().id(), w.stored().revision()), w);
  }

  /** The article as its file holds it now, or null; leaves the article cache alone. */
  private @Nullable Whole readWhole(String id) throws IOException {
    ArticleIds.validate(id);
    String key = ArticleIds.key(id);
    Known k = known.get(key);
    Path file = null;
    byte[] bytes = null;
    if (k != null && k.id().equals(id) && !known.collides(key)) {
      // Where the store knows it: one look at the file, which is read only if it is a regular
      // file (not through a link at its name), then the bytes. Any failure there (a folder on
      // the way replaced by a file, say) sends the read to wherever the folder holds it now,
      // which reports a failure of its own.
      file = folder.checkNoLinkedFolders(id, k.path());
      try {
        bytes = folder.readOrNull(file);
      } catch (TooLargeException e) {
        throw e;
      } catch (IOException e) {
        bytes = null;
      }
    }
    if (bytes == null) {
      // Gone from there, or never known: wherever the folder holds it now.
      file = folder.locate(id, false);
      bytes = file == null ? null : folder.readOrNull(file);
      if (bytes == null) {
        return null;
      }
    }
    ArticleResult r = codec.read(id, folder.source(file), bytes);
    if (!r.isValid()) {
      return null;
    }
    return new Whole(new StoredArticle(r.article(), revision(bytes)), bytes.length);
  }

  /** Whole articles are read from their files when handed out; the index holds partial ones. */
  @Override
  public boolean partialArticles() {
    return true;
  }

  /**
   * The article as its file holds it now. From the cache when one look at the file's attributes
   * shows it is the file the store knows at {@code revision}; otherwise read from the file (an
   * edit the watcher has not reported yet, or any edit when nothing watches), and cached under
   * the revision it was read at.
   */
  @Override
  public Optional<StoredArticle> article(String id, Revision revision) throws IOException {
    Known k = known.current(id);
    if (k != null && k.revision().equals(revision)) {
      Whole cached = articles.getIfPresent(new ArticleKey(id, revision));
      if (cached != null) {
        return Optional.of(cached.stored());
      }
    } else if (k == null && isKnownAs(id)) {
      // Changed on disk since the store looked (or too recently to tell): take what is there now,
      // problems and all, and tell the listener, rather than wait for the watcher (or forever,
      // without one).
      refresh(Objects.requireNonNull(known.get(ArticleIds.key(id))).path(), Watcher.RETRIES, null);
      Known after = known.get(ArticleIds.key(id));
      Whole cached = after == null ? null : articles.getIfPresent(new ArticleKey(id, after.revision()));
      if (cached != null && after.id().equals(id)) {
        return Optional.of(cached.stored());
      }
      if (known.collides(ArticleIds.key(id))) {
        return Optional.empty(); // another file took the same id: neither is handed out
      }
    }
    return get(id);
  }


  /**
   * {@link #article} for each, in order: those cached at their revision first, then the files to
   * read, in parallel when there are a few (an export reads every article, a page at a time).
   * While a {@linkplain Watcher#prompt() prompt} watcher follows the folder, a cached article is
   * handed out without a look at its file.
   */
  @Override
  public List<Optional<StoredArticle>> articles(List<StoredArticle> wanted) throws IOException {
    @SuppressWarnings("unchecked")
    Optional<StoredArticle>[] out = new Optional[wanted.size()];
    List<Integer> toRead = new ArrayList<>();
    // Files found as the store knows them at the wanted revision, but not cached: read at once,
    // without the second look at the file that article() would take.
    boolean[] asKnown = new boolean[out.length];
    // With a prompt watcher, a page hands out each article as the index holds it: the watcher
    // brings both up to date together, within milliseconds of an edit. Without one, each file
    // is looked at first (under a load of lists, that stat of each was an eighth of the machine).
    boolean look = !promptlyWatched();
    for (int i = 0; i < out.length; i++) {
      StoredArticle w = wanted.get(i);
      Known k = known.current(w.id(), look);
      asKnown[i] = k != null && k.revision().equals(w.revision());
      Whole cached = asKnown[i] ? articles.getIfPresent(new ArticleKey(w.id(), w.revision())) : null;
      if (cached != null) {
        out[i] = Optional.of(cached.stored());
      } else {
        toRead.add(i);
      }
    }
    if (toRead.size() < PARALLEL_READS || computeThreads() == 1) {
      for (int i : toRead) {
        out[i] = asKnown[i] ? get(wanted.get(i).id()) : article(wanted.get(i).id(), wanted.get(i).revision());
      }
    } else {
      try {
        readers().submit(() -> toRead.parallelStream().forEach(i -> {
          try {
            out[i] = asKnown[i] ? get(wanted.get(i).id()) : article(wanted.get(i).id(), wanted.get(i).revision());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        })).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while reading articles");
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UncheckedIOException u) {
          throw u.getCause();
        }
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        throw new IOException(cause);
      }
    }
    return Arrays.asList(out);
  }

  /** How many files a batch reads before it is worth reading them in parallel. */
  private static final int PARALLEL_READS = 4;

  /** The threads that read files in parallel for {@link #articles}, made at first use. */
  private ForkJoinPool readers() {
    ForkJoinPool p = readers;
    if (p == null) {
      synchronized (this) {
        p = readers;
        if (p == null) {
          // One per processor: a page's files are nearly always in the page cache, where more
          // threads only take turns (an export of 100,000 files took 7.75 s with 8, 7.46 s with 2).
          p = readers = new ForkJoinPool(computeThreads());
        }
      }
    }
    return p;
  }

  private boolean isKnownAs(String id) {
    Known k = known.get(ArticleIds.key(id));
    return k != null && k.id().equals(id);
  }

  /**
   * What a cached article weighs: twice its file's size (its text as Java strings, at most two
   * bytes a character) plus its objects.
   */
  private static int weight(Whole c) {
    return (int) Math.min(Integer.MAX_VALUE, 512 + 2L * c.fileBytes());
  }

  /** Statistics of the article cache: hits, misses, evictions. */
  public com.github.benmanes.caffeine.cache.stats.CacheStats articleCacheStats() {
    return articles.stats();
  }

  /** The weight of the articles held now, as the cache bound counts it. */
  long articleCacheWeight() {
    articles.cleanUp();
    return articles.policy().eviction().flatMap(e -> {
      java.util.OptionalLong w = e.weightedSize();
      return w.isPresent() ? Optional.of(w.getAsLong()) : Optional.empty();
    }).orElse(0L);
  }

  // ------------------------------------------------------------------ writing

  @Override
  public Revision put(Article article, @Nullable Revision expected) throws IOException {
    return writes.put(article, expected);
  }

  /**
   * The article's file exactly as it is on disk; empty when no file has the id {@code id} in
   * this spelling.
   */
  @Override
  public Optional<byte[]> file(String id) throws IOException {
    ArticleIds.validate(id);
    Optional<Path> file = folder.fileOf(id);
    if (file.isEmpty() || !folder.idOf(file.get()).equals(id)) {
      return Optional.empty();
    }
    try {
      return Optional.of(folder.read(file.get()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes {@code content} as the file of {@code id}, byte for byte, under the store's write
   * lock; a new file gets the store's {@linkplain Builder#newFileExtension extension for new
   * files}. Only a valid article is written: a folder's broken files are its owner's, never
   * made by the store.
   *
   * @throws InvalidArticleException when {@code content} is not a valid article; nothing is
   *     written
   */
  @Override
  public Revision putFile(String id, byte[] content, @Nullable Revision expected) throws IOException {
    return writes.putFile(id, null, content, expected);
  }

  /**
   * {@link #putFile(String, byte[], Revision)}, naming a new file {@code <id>.<extension>}
   * (one of the store's {@linkplain Builder#extensions extensions}); an existing file keeps its
   * name. For copying a folder with its files' names.
   */
  public Revision putFile(String id, String extension, byte[] content, @Nullable Revision expected) throws IOException {
    if (!folder.isArticleName("a." + extension)) {
      throw new IllegalArgumentException("not an extension of this store's articles: " + Printable.of(extension));
    }
    return writes.putFile(id, extension, content, expected);
  }

  @Override
  public boolean delete(String id, @Nullable Revision expected) throws IOException {
    return writes.delete(id, expected);
  }

  /** Tells the snapshot that what the store knows has changed; it is rewritten a little later. */
  void changed() {
    Snapshots s = snapshots;
    if (s != null) {
      s.changed();
    }
  }

  /**
   * Threads for work that reads from memory or the page cache (the walk, a snapshot's sorting and
   * encoding, the files of a page): those of a load, but no more than the processors, as more
   * would only take turns.
   */
  int computeThreads() {
    return Math.min(parallelism, Runtime.getRuntime().availableProcessors());
  }

  /** Every file the store knows now. */
  Collection<Known> knownFiles() {
    return known.all();
  }

  /** Replaces what is known of a file, unless it changed meanwhile. */
  boolean replaceKnown(Known old, Known updated) {
    return known.replace(old, updated);
  }

  /** Reads the frontmatter of a file's bytes, as loading does. */
  ArticleResult readFrontmatter(String id, Path file, byte[] bytes) {
    return codec.readFrontmatter(id, folder.source(file), bytes);
  }

  /** The revision of a file's bytes ({@link Revision#ofContent}). */
  static Revision revision(byte[] bytes) {
    return Revision.ofContent(bytes);
  }

  // ------------------------------------------------------------------ changes from outside

  @Override
  public void subscribe(Consumer<StoreChange> l) {
    this.listener = Objects.requireNonNull(l, "listener");
    if (watching == Watching.LIVE && watcher == null && !closed) {
      try {
        Watcher w = new Watcher(this, rescanInterval);
        watcher = w;
        w.start();
      } catch (IOException e) {
        throw new BroadsheetException("cannot watch " + folder.root() + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Looks at one path again and tells the listener what changed. Runs on the watcher's thread.
   * The store lock is held while deciding but never while telling the listener (the repository
   * calls {@link #put} holding its own lock), so a write of this JVM can slip in between: the
   * listener would then hold an older state than the file. When that may have happened the
   * current state is told again; the repository ignores a state it already holds.
   */
  void refresh(Path file, int attempt, @Nullable Watcher w) {
    boolean force = false;
    Journal j = journal != null && journalDown == null ? journal : null;
    for (int round = 0; round < 100; round++) {
      long before = known.writes.get();
      List<StoreChange> changes;
      boolean telling = false;
      known.lock.lock();
      try {
        int tries = force ? Watcher.RETRIES : attempt;
        boolean forced = force;
        if (j == null) {
          changes = known.decide(file, tries, w, forced);
        } else {
          // Journaled under the root's write lock before the listener hears of it.
          changes = writes.underRootLock(() -> {
            List<StoreChange> found = known.decide(file, tries, w, forced);
            if (!found.isEmpty()) {
              j.telling();
              try {
                j.seen(found);
              } catch (IOException | RuntimeException e) {
                j.told();
                throw e;
              }
            }
            return found;
          });
          telling = !changes.isEmpty();
        }
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "cannot look at " + Printable.of(file.toString()) + ": " + Printable.of(e.toString()));
        return;
      } finally {
        known.lock.unlock();
      }
      try {
        if (changes.isEmpty()) {
          return;
        }
        Consumer<StoreChange> l = listener;
        if (l != null) {
          changes.forEach(l);
        }
      } finally {
        if (telling) {
          j.told();
        }
      }
      if (known.writes.get() == before) {
        return;
      }
      force = true;
    }
  }

  /**
   * Every file worth a fresh look: changed size, time or identity, new, or gone. Each folder
   * walked is given to {@code eachFolder} before it is listed; what cannot be read on the way
   * goes to {@code failures}.
   */
  List<Path> changedSinceLastLook(Consumer<Path> eachFolder, Queue<Problem> failures) throws IOException {
    return known.changedSinceLastLook(eachFolder, failures);
  }

  Path realRoot() {
    return folder.realRoot();
  }

  /** How many rescans of the folder the watcher has finished; 0 without one. */
  long rescans() {
    Watcher w = watcher;
    return w == null ? 0 : w.rescans();
  }

  /** Whether a {@linkplain Watcher#prompt() prompt} watcher follows the folder now. */
  boolean promptlyWatched() {
    Watcher w = watcher;
    return w != null && w.prompt();
  }

  /** How many files the last load read; the others came from the snapshot. */
  public int lastLoadReads() {
    return lastLoadReads;
  }

  /**
   * Stops watching, and writes the snapshot if it is behind, waiting for that; a store that
   * cannot write it leaves the one before, which the next start checks file by file anyway.
   */
  @Override
  public void close() {
    closed = true;
    ForkJoinPool r = readers;
    if (r != null) {
      r.shutdown();
    }
    Watcher w = watcher;
    if (w != null) {
      w.close();
    }
    Snapshots s = snapshots;
    if (s != null) {
      s.close();
    }
    Journal j = journal;
    if (j != null) {
      j.close();
    }
  }

  /** Options for a store; immutable once built. */
  public static final class Builder {
    private final Path root;
    private Set<String> extensions = Set.of("md", "markdown", "txt");
    private String newExtension = "md";
    private ArticleCodec codec = ArticleCodec.builder().build();
    private long articleCacheBytes = 64L * 1024 * 1024;
    private int parallelism = Math.max(Runtime.getRuntime().availableProcessors(), MIN_PARALLELISM);
    private long diskReadNanos = DISK_READ_NANOS;
    private long maxFileBytes = 16L * 1024 * 1024;
    private int listedNames = ContentFolder.LISTED_NAMES;
    private Watching watching = Watching.LIVE;
    private Duration rescanInterval = Duration.ofSeconds(10);
    private boolean snapshot = true;
    private @Nullable Path snapshotFolder;
    private Clock clock = Clock.systemUTC();
    private boolean journal = true;
    private int journalLimit = 100_000;

    private Builder(Path root) {
      this.root = Objects.requireNonNull(root, "root");
    }

    /** File extensions read as articles, without the dot; default md, markdown, txt. */
    public Builder extensions(String... values) {
      Set<String> s = new LinkedHashSet<>();
      for (String v : values) {
        s.add(v.toLowerCase(Locale.ROOT));
      }
      if (s.isEmpty()) {
        throw new IllegalArgumentException("at least one extension is needed");
      }
      this.extensions = s;
      return this;
    }

    /** The extension new articles are written with; default md. */
    public Builder newFileExtension(String value) {
      this.newExtension = Objects.requireNonNull(value, "value").toLowerCase(Locale.ROOT);
      return this;
    }

    public Builder codec(ArticleCodec value) {
      this.codec = Objects.requireNonNull(value, "codec");
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

    /**
     * Threads that read files from the disk at a load; default the number of processors, and at
     * least 8. Files not in the system's page cache (at the first load after the machine
     * started, say) are waited for, and the disk serves several reads in flight sooner than one
     * after another: on 2 processors a first load of 100,000 such files took 7.8 s with 2
     * threads and 4.4 s with 8. A load reads its first 64 files on one thread, timed, and takes
     * the other threads only when those reads waited for the disk; the walk of the folder, a
     * restart's matching of files to the snapshot, the snapshot's encoding and the files of a
     * page use no more threads than there are processors.
     */
    public Builder parallelism(int value) {
      if (value <= 0) {
        throw new IllegalArgumentException("parallelism must be positive, was " + value);
      }
      this.parallelism = value;
      return this;
    }

    /**
     * How long a load's first reads must take, at the third quartile, to be taken as reads from
     * the disk (default {@link FileArticleStore#DISK_READ_NANOS}); 0 takes every load as one.
     * For tests.
     */
    Builder diskReadNanos(long value) {
      this.diskReadNanos = value;
      return this;
    }

    /** How many names the folder's kept listings hold at most (see ContentFolder); for tests. */
    Builder listedNames(int value) {
      this.listedNames = value;
      return this;
    }

    /** Largest file read; default 16 MiB. */
    public Builder maxFileBytes(long value) {
      if (value <= 0) {
        throw new IllegalArgumentException("maxFileBytes must be positive, was " + value);
      }
      this.maxFileBytes = value;
      return this;
    }

    public Builder watching(Watching value) {
      this.watching = Objects.requireNonNull(value, "watching");
      return this;
    }

    /**
     * How often the whole folder is rescanned in case a watch event was lost; default 10 s. A
     * rescan that takes long waits longer: at least a hundred times its own duration, so that
     * over a large folder rescans take at most 1% of a processor. Events the system reports
     * dropped are rescanned for at once.
     */
    public Builder rescanInterval(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("rescanInterval must be positive, was " + value);
      }
      this.rescanInterval = value;
      return this;
    }

    /**
     * The folder the metadata snapshot is kept in; default the state folder {@code
     * .broadsheet} under the root, which is never read as content. A folder outside the
     * root suits a read-only root or a cache volume; give each root its own.
     */
    public Builder snapshotFolder(Path folder) {
      this.snapshotFolder = Objects.requireNonNull(folder, "folder");
      this.snapshot = true;
      return this;
    }

    /** Keeps no snapshot: every start reads every file. */
    public Builder withoutSnapshot() {
      this.snapshot = false;
      this.snapshotFolder = null;
      return this;
    }

    /**
     * The clock "now" comes from when the store compares file times (a file modified moments
     * before it was looked at is read again rather than trusted); default {@link
     * Clock#systemUTC()}, which file systems stamp times with.
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The most changes the journal holds; default 100,000. When a change takes it past this, the
     * oldest are dropped so that the newest half remain: a sync token older than those expires.
     */
    public Builder journalLimit(int value) {
      if (value < 2) {
        throw new IllegalArgumentException("journalLimit must be >= 2, was " + value);
      }
      this.journalLimit = value;
      this.journal = true;
      return this;
    }

    /**
     * Keeps no change journal: the store's writes and the changes it sees are not journaled, and
     * a repository keeps its change feed in memory, for one process's lifetime. Writers of the
     * same root that keep one (every store by default, and the command line) then miss this
     * store's writes until they see the files change.
     */
    public Builder withoutJournal() {
      this.journal = false;
      return this;
    }

    /**
     * @throws IOException when the root is not a readable folder
     */
    public FileArticleStore build() throws IOException {
      return new FileArticleStore(this);
    }
  }
}
