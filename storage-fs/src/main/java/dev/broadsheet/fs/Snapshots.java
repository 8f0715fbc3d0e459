package dev.broadsheet.fs;

import dev.broadsheet.Article;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.ContentFolder.FileRead;
import dev.broadsheet.fs.KnownFiles.Known;
import dev.broadsheet.fs.internal.AtomicFiles;
import dev.broadsheet.fs.internal.SnapshotFile;
import dev.broadsheet.internal.CodeFingerprint;
import dev.broadsheet.internal.Printable;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.markdown.FrontmatterParser;
import dev.broadsheet.spi.ArticleStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the metadata snapshot of one store: reads it at load, and rewrites it on a background
 * thread a little after what the store knows changes, so that many changes cost one write and
 * none waits for it.
 *
 * <p>An entry is trusted only when the file's size, modification time and file key are those it
 * recorded and the file was last modified well before its attributes were read ({@link
 * #RACY_NANOS}): a file changed again within the same tick of the file system's clock would
 * otherwise keep its size and time while its bytes differ (git calls such an entry "racily
 * clean"). Entries recorded too soon after their file changed are left out when writing, unless
 * enough time has passed to read the file again and find the bytes the store knows.
 */
final class Snapshots {
  static final String FILE_NAME = "metadata.snapshot";
  /**
   * How much older than the reading of its attributes a file's modification time must be for
   * the entry to be trusted: the coarsest common time stamps (FAT's two seconds) and then some.
   */
  static final long RACY_NANOS = 2_000_000_000L;
  /**
   * How long after a change the snapshot is written at the soonest, so that a burst of changes
   * costs one write; never less than ten times the last write took, so that writing a large
   * snapshot takes at most about a tenth of one core however often articles change.
   */
  private static final long DELAY_MS = 1_000;
  /** A temporary file older than this was left by a writer that died; removed before writing. */
  private static final long STALE_TEMP_NANOS = TimeUnit.MINUTES.toNanos(10);
  private static final System.Logger LOG = System.getLogger(Snapshots.class.getName());

  private final FileArticleStore store;
  private final Path file;
  private final Supplier<byte[]> fingerprintSource;
  private volatile byte @Nullable [] fingerprint;
  private final Object guard = new Object();
  private @Nullable ScheduledExecutorService executor;
  private @Nullable Future<?> pending;
  private boolean loaded;
  private boolean closed;
  private volatile long lastWriteMillis;
  private long afterLoadMillis;

  /** @param fingerprint computed on first use, off the path of a store's construction */
  Snapshots(FileArticleStore store, Path file, Supplier<byte[]> fingerprint) {
    this.store = store;
    this.file = file;
    this.fingerprintSource = fingerprint;
  }

  private byte[] fingerprint() {
    byte[] f = fingerprint;
    if (f == null) {
      f = fingerprintSource.get();
      fingerprint = f;
    }
    return f;
  }

  /**
   * Whether a snapshot can tell what {@code codec} would read: not when its parser is not the
   * standard one, whose limits (which decide what is valid) this store cannot see.
   */
  static boolean canTell(ArticleCodec codec) {
    return codec.parser() == FrontmatterParser.standard();
  }

  /**
   * What a snapshot must have been made with to be used here: the format, the root, the
   * extensions, how the codec reads times, and the code of the library.
   */
  static byte[] fingerprint(Path root, Set<String> extensions, ArticleCodec codec) {
    StringBuilder text = new StringBuilder();
    text.append("snapshot ").append(SnapshotFile.VERSION).append('\n');
    text.append(root).append('\n');
    text.append(new TreeSet<>(extensions)).append('\n');
    // A date without a time and a time without an offset read in the codec's zone, summer and winter.
    ArticleResult probe = codec.readFrontmatter("probe", "probe.md", """
        ---
        title: probe
        publishedAt: 2026-01-15
        updatedAt: 2026-07-15T12:00:00
        ---
        """.getBytes(StandardCharsets.UTF_8));
    // The times themselves, not the article's text: a record's toString is made on its first
    // call, and for one of Article's size that took 30 ms of every restart.
    Article read = probe.article();
    text.append(read == null ? null : read.publishedAt()).append(' ')
        .append(read == null ? null : read.updatedAt()).append(probe.problems()).append('\n');
    text.append(CodeFingerprint.of(Article.class, ArticleCodec.class, FileArticleStore.class));
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Whether {@code e} still describes the file whose attributes are {@code a}. */
  static boolean trusted(SnapshotFile.Entry e, long size, long modified, long fileKey, long maxFileBytes) {
    return size == e.size()
        && e.size() <= maxFileBytes
        && modified == e.modified()
        && fileKey == e.fileKey()
        && !racy(e.modified(), e.checkedAt());
  }

  /** Whether a file modified at {@code modified} may have changed unseen by a look at {@code checkedAt}. */
  static boolean racy(long modified, long checkedAt) {
    return modified >= checkedAt - RACY_NANOS;
  }

  /** The snapshot on disk; never throws. */
  SnapshotFile.Result read() {
    return SnapshotFile.read(file, fingerprint());
  }

  /**
   * The store has loaded every file, which took {@code loadMillis}; {@code dirty} when the
   * snapshot on disk is behind. It is written no sooner than the load took again, so that it
   * does not compete with what follows a start (building the index, first queries).
   */
  void loaded(boolean dirty, long loadMillis) {
    synchronized (guard) {
      loaded = true;
      afterLoadMillis = loadMillis;
    }
    if (dirty) {
      changed();
    }
  }

  /** What the store knows changed: write a new snapshot soon. */
  void changed() {
    synchronized (guard) {
      // Before a whole load, what the store knows is a part of the files: a snapshot of it
      // would make the next start read all the others.
      if (!loaded || closed || pending != null) {
        return;
      }
      if (executor == null) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "broadsheet-snapshot " + file);
          t.setDaemon(true);
          t.setPriority(Thread.MIN_PRIORITY);
          return t;
        });
      }
      long delay = Math.max(Math.max(DELAY_MS, afterLoadMillis), 10 * lastWriteMillis);
      afterLoadMillis = 0;
      pending = executor.schedule(() -> run(false), delay, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Writes the snapshot; {@code everyCore} at close, when the process waits for it, else on this
   * thread alone at its low priority, so that a write does not compete with what a running
   * application does.
   */
  private void run(boolean everyCore) {
    synchronized (guard) {
      pending = null;
    }
    long started = System.nanoTime();
    long retryAt = -1;
    try {
      retryAt = write(everyCore ? store.computeThreads() : 1);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot write the snapshot " + Printable.of(file.toString()) + ": " + Printable.of(e.toString()));
    }
    lastWriteMillis = (System.nanoTime() - started) / 1_000_000;
    if (retryAt >= 0) {
      // Files left out for being too recent can be checked and taken once they are older.
      synchronized (guard) {
        if (!closed && pending == null && executor != null) {
          long wait = (retryAt - store.now()) / 1_000_000;
          pending = executor.schedule(() -> run(false), Math.max(wait, Math.max(DELAY_MS, 10 * lastWriteMillis)),
              TimeUnit.MILLISECONDS);
        }
      }
    }
  }

  /** Writes what is pending now and waits for it (up to a minute), then stops the thread. */
  void close() {
    ScheduledExecutorService ex;
    Future<?> flush = null;
    synchronized (guard) {
      closed = true;
      ex = executor;
      if (ex == null) {
        return;
      }
      if (pending != null && pending.cancel(false)) {
        pending = null;
        flush = ex.submit(() -> run(true));
      }
      ex.shutdown();
    }
    try {
      if (flush != null) {
        flush.get(1, TimeUnit.MINUTES);
      }
      ex.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(System.Logger.Level.DEBUG, "snapshot " + Printable.of(file.toString()) + " not written at close: " + Printable.of(e.toString()));
    }
  }

  /** Fewer entries than this are written on one thread whatever the threads given. */
  private static final int PARALLEL_ENTRIES = 16_384;

  /**
   * Writes the snapshot of every file the store knows that can be trusted at the next start,
   * sorted and encoded on {@code threads} threads.
   *
   * @return when the files left out for being modified too recently can be taken, in
   *     nanoseconds since the epoch; -1 when none was
   */
  long write(int threads) throws IOException {
    long started = store.now();
    Files.createDirectories(file.getParent()); // first: a read-only root costs nothing more
    List<Known> valid = new ArrayList<>();
    for (Known k : store.knownFiles()) {
      if (k.valid()) {
        valid.add(k);
      }
    }
    Known[] all = valid.toArray(new Known[0]);
    Keyed[] keyed = new Keyed[all.length];
    AtomicLong retryAt = new AtomicLong(-1);
    removeStaleTemporaries();
    byte[] f = fingerprint();
    ForkJoinPool pool = threads > 1 && all.length >= PARALLEL_ENTRIES ? new ForkJoinPool(threads) : null;
    // Pieces of work: a few per thread, so a slow one is not left to run alone at the end.
    int step = Math.max(4096, all.length / (4 * threads));
    try {
      if (pool == null) {
        entries(all, keyed, 0, all.length, retryAt);
      } else {
        List<ForkJoinTask<?>> parts = new ArrayList<>();
        for (int lo = 0; lo < all.length; lo += step) {
          int from = lo;
          int to = Math.min(all.length, lo + step);
          parts.add(pool.submit(() -> entries(all, keyed, from, to, retryAt)));
        }
        parts.forEach(ForkJoinTask::join);
      }
      int n = 0;
      for (Keyed e : keyed) {
        if (e != null) {
          keyed[n++] = e;
        }
      }
      // In the order a load's walk finds the files, so it can match them in one pass; neighbours
      // share prefixes too.
      if (pool == null) {
        Arrays.sort(keyed, 0, n);
      } else {
        pool.invoke(new SortTask(keyed, new Keyed[n], 0, n, step));
      }
      SnapshotFile.Entry[] sorted = new SnapshotFile.Entry[n];
      for (int i = 0; i < n; i++) {
        sorted[i] = keyed[i].entry();
      }
      List<SnapshotFile.Entry> list = Arrays.asList(sorted);
      AtomicFiles.replace(file, out -> SnapshotFile.write(out, f, started, list, pool));
    } finally {
      if (pool != null) {
        pool.shutdown();
      }
    }
    return retryAt.get();
  }

  /**
   * The entry of each of {@code all} in [{@code from}, {@code to}) with its sort key into {@code
   * out}, or null for a file that cannot be trusted at the next start; {@code retryAt} raised to
   * when those left out for being modified too recently can be taken.
   */
  private void entries(Known[] all, @Nullable Keyed[] out, int from, int to, AtomicLong retryAt) {
    for (int i = from; i < to; i++) {
      Known k = all[i];
      Known use = k;
      if (k.pending() || (k.meta() != null && racy(k.modified(), k.checkedAt())
          && store.now() - k.modified() > RACY_NANOS)) {
        use = verify(k);
      }
      if (use == null || use.meta() == null || use.size() < 0) {
        continue;
      }
      if (racy(use.modified(), use.checkedAt())) {
        long at = use.modified() + RACY_NANOS + 100_000_000L;
        retryAt.accumulateAndGet(at, Math::max);
        continue;
      }
      String rel = use.relative(store.folder());
      out[i] = Keyed.of(new SnapshotFile.Entry(rel, use.size(), use.modified(), use.fileKey(), use.checkedAt(),
          use.revision(), use.meta().article()));
    }
  }

  /**
   * An entry and the first sixteen characters of its path as two numbers ({@link
   * ContentFolder#walkPrefix}; {@code first} 0 when either is {@code WIDE}, as no path starts
   * with {@code /}): most entries are put in walk order by those alone.
   */
  private record Keyed(long first, long second, SnapshotFile.Entry entry) implements Comparable<Keyed> {
    static Keyed of(SnapshotFile.Entry e) {
      long first = ContentFolder.walkPrefix(e.path(), 0);
      long second = ContentFolder.walkPrefix(e.path(), 8);
      return new Keyed(first == ContentFolder.WIDE || second == ContentFolder.WIDE ? 0 : first, second, e);
    }

    @Override
    public int compareTo(Keyed o) {
      if (first != 0 && o.first != 0) {
        if (first != o.first) {
          return Long.compareUnsigned(first, o.first);
        }
        if (second != o.second) {
          return Long.compareUnsigned(second, o.second);
        }
      }
      return ContentFolder.WALK_ORDER.compare(entry.path(), o.entry.path());
    }
  }

  /** Sorts [lo, hi) of {@code a}: halves side by side down to {@code leaf}, then merged. */
  private static final class SortTask extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final transient Keyed[] a;
    private final transient Keyed[] scratch;
    private final int lo;
    private final int hi;
    private final int leaf;

    SortTask(Keyed[] a, Keyed[] scratch, int lo, int hi, int leaf) {
      this.a = a;
      this.scratch = scratch;
      this.lo = lo;
      this.hi = hi;
      this.leaf = leaf;
    }

    @Override
    protected void compute() {
      if (hi - lo <= leaf) {
        Arrays.sort(a, lo, hi);
        return;
      }
      int mid = (lo + hi) >>> 1;
      invokeAll(new SortTask(a, scratch, lo, mid, leaf), new SortTask(a, scratch, mid, hi, leaf));
      if (a[mid - 1].compareTo(a[mid]) <= 0) {
        return; // already in order
      }
      System.arraycopy(a, lo, scratch, lo, hi - lo);
      int i = lo;
      int j = mid;
      for (int k = lo; k < hi; k++) {
        a[k] = j >= hi || (i < mid && scratch[i].compareTo(scratch[j]) <= 0) ? scratch[i++] : scratch[j++];
      }
    }
  }

  /**
   * Reads a file again to learn what its entry can be trusted with: its attributes first, then
   * its bytes, which must be the ones the store knows. Null when the file changed (the watcher
   * will tell the store) or is not clean.
   */
  private @Nullable Known verify(Known k) {
    try {
      long checkedAt = store.now();
      FileRead read = store.folder().readFile(k.path());
      if (read == null || !k.sameFile(read.attrs())
          || !FileArticleStore.revision(read.bytes()).equals(k.revision())) {
        return null;
      }
      StoredArticle meta = k.meta();
      if (meta == null) {
        ArticleResult r = store.readFrontmatter(k.id(), k.path(), read.bytes());
        if (!r.isValid() || !r.problems().isEmpty()) {
          return null;
        }
        meta = new StoredArticle(ArticleStore.partial(r.article()), k.revision());
      }
      Known checked = new Known(k.id(), k.path(), k.revision(), k.size(), k.modified(), k.fileKey(), true, meta,
          false, checkedAt);
      return store.replaceKnown(k, checked) ? checked : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private void removeStaleTemporaries() {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(file.getParent())) {
      long now = store.now();
      for (Path p : entries) {
        if (AtomicFiles.isTempOf(p.getFileName().toString(), FILE_NAME)
            && now - ContentFolder.nanos(Files.getLastModifiedTime(p)) > STALE_TEMP_NANOS) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // another writer's, or gone: harmless
    }
  }
}
