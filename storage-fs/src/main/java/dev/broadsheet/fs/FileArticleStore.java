package dev.broadsheet.fs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.internal.AtomicFiles;
import dev.broadsheet.fs.internal.ContentHash;
import dev.broadsheet.fs.internal.SnapshotFile;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.markdown.DocumentResult;
import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.LoadResult;
import dev.broadsheet.spi.StoreChange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
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
 *       a file lock. The revision is a hash of the file's bytes, so a save with a stale revision
 *       fails whoever changed the file. Temporary files a killed writer left are never read as
 *       articles and are removed by the next save in their folder.
 *   <li>With {@link Watching#LIVE} (the default), files changed by others reach the repository
 *       within about a second; a file seen half-written is read again before it is reported.
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
  /** One lock per content root in this JVM: the file lock below only excludes other processes. */
  private static final Map<Path, ReentrantLock> ROOT_LOCKS = new ConcurrentHashMap<>();
  /** The longest file or folder name common file systems accept, in UTF-8 bytes. */
  static final int MAX_NAME_BYTES = 255;

  private final Path root;
  private final Path displayRoot;
  private final String displayPrefix;
  private final Set<String> extensions;
  /** Those of {@link #extensions} that are ASCII, for matching names without copying them. */
  private final String[] asciiExtensions;
  private final String newExtension;
  private final ArticleCodec codec;
  private final int parallelism;
  private final long maxFileBytes;
  private final Watching watching;
  private final Duration rescanInterval;
  private final Cache<ArticleKey, Whole> articles;
  /** By id key: the one file holding that article, valid or not. */
  private volatile Map<String, Known> known = new ConcurrentHashMap<>();
  /** By id key: files that map to one id ignoring case and normalization; none of them is loaded. */
  private final Map<String, List<Path>> collisions = new ConcurrentHashMap<>();
  /** Problems of what cannot be served now, by id key; files whose name is no id under "". */
  private final Map<String, List<Problem>> problems = new ConcurrentHashMap<>();
  /** Guards known and collisions, and serializes writers of this root within the JVM. */
  private final ReentrantLock lock;
  /** Counts this JVM's writes, so a watcher can tell it raced one while telling the listener. */
  private final AtomicLong writes = new AtomicLong();
  /** The snapshot of what was read, or null when the store keeps none. */
  private final @Nullable Snapshots snapshots;
  /** How many files the last load read, the others coming from the snapshot. */
  private volatile int lastLoadReads;
  private volatile @Nullable Consumer<StoreChange> listener;
  private volatile @Nullable Watcher watcher;
  private volatile boolean closed;

  private record ArticleKey(String id, Revision revision) {}

  /** A whole article with its revision, and the size of the file it was read from or written to. */
  private record Whole(StoredArticle stored, int fileBytes) {}

  /**
   * What the store last saw of a file.
   *
   * @param modified the modification time, nanoseconds since the epoch
   * @param meta the partial article (see {@link ArticleStore#partial}) when the file is valid without any problem and
   *     {@code size}, {@code modified} and {@code fileKey} were read before the bytes it comes
   *     from; else null
   * @param pending whether this store wrote the file and its metadata is still to be read back
   * @param checkedAt when the attributes were read, nanoseconds since the epoch
   */
  record Known(String id, Path path, Revision revision, long size, long modified, @Nullable Object fileKey,
      boolean valid, @Nullable Article meta, boolean pending, long checkedAt) {

    boolean sameFile(BasicFileAttributes a) {
      return a.size() == size && nanos(a.lastModifiedTime()) == modified && Objects.equals(a.fileKey(), fileKey);
    }
  }

  private FileArticleStore(Builder b) throws IOException {
    this.displayRoot = b.root;
    if (!Files.isDirectory(b.root)) {
      throw new NoSuchFileException(b.root.toString(), null, "the content root is not a folder");
    }
    this.root = b.root.toRealPath();
    String shown = displayRoot.toString();
    this.displayPrefix = shown.isEmpty() || shown.endsWith(root.getFileSystem().getSeparator()) ? shown
        : shown + root.getFileSystem().getSeparator();
    this.lock = ROOT_LOCKS.computeIfAbsent(root, r -> new ReentrantLock());
    this.extensions = Set.copyOf(b.extensions);
    this.asciiExtensions = b.extensions.stream().filter(e -> e.chars().allMatch(c -> c < 0x80)).toArray(String[]::new);
    this.newExtension = b.newExtension;
    this.codec = b.codec;
    this.parallelism = b.parallelism;
    this.maxFileBytes = b.maxFileBytes;
    this.watching = b.watching;
    this.rescanInterval = b.rescanInterval;
    this.articles = Caffeine.newBuilder()
        .maximumWeight(b.articleCacheBytes)
        .weigher((ArticleKey k, Whole v) -> weight(v))
        .executor(Runnable::run)
        .recordStats()
        .build();
    this.snapshots = b.snapshot && Snapshots.canTell(codec)
        ? new Snapshots(this, (b.snapshotFolder != null ? b.snapshotFolder : root.resolve(STATE_FOLDER))
            .resolve(Snapshots.FILE_NAME), () -> Snapshots.fingerprint(root, extensions, codec))
        : null;
  }

  public static Builder builder(Path root) {
    return new Builder(root);
  }

  @Override
  public List<Problem> problems() {
    List<Problem> all = new ArrayList<>();
    problems.values().forEach(all::addAll);
    all.sort(java.util.Comparator.comparing(Problem::source).thenComparingInt(Problem::line)
        .thenComparingInt(Problem::column));
    return all;
  }

  /** The content root, as given. */
  public Path root() {
    return displayRoot;
  }

  /**
   * Opens the content root without reading it: fails when the folder was deleted, replaced by a
   * file or may no longer be read.
   *
   * @throws NoSuchFileException when the root is gone
   * @throws NotDirectoryException when it is no longer a folder
   * @throws java.nio.file.AccessDeniedException when it may not be read
   * @since 0.1.0
   */
  @Override
  public void check() throws IOException {
    // Opening a directory stream reads no entries: one system call, whatever the folder holds.
    Files.newDirectoryStream(root).close();
  }

  // ------------------------------------------------------------------ loading

  /**
   * An article file the walk found, with the attributes it read.
   *
   * @param rel the path under the root, {@code /}-separated
   * @param key the id's key, or null when the path is no valid id
   */
  record Walked(Path path, String rel, String id, @Nullable String key, BasicFileAttributes attrs) {}

  @Override
  public LoadResult loadAll() throws IOException {
    // Taken before any attribute is read: an entry is trusted later only if its file was last
    // modified well before this (see Snapshots#trusted).
    long scanStart = now();
    ForkJoinPool pool = new ForkJoinPool(parallelism);
    try {
      Snapshots snaps = snapshots;
      // Read and decoded while the other threads walk the tree.
      ForkJoinTask<Previous> previous = snaps == null ? null : pool.submit(() -> Previous.of(snaps.read()));
      Queue<Problem> failures = new ConcurrentLinkedQueue<>();
      List<Walked> walked = pool.invoke(new WalkTask(root, "", failures, true));
      return load(pool, walked, new ArrayList<>(failures), previous, scanStart);
    } finally {
      pool.shutdown();
    }
  }

  private record Loaded(@Nullable StoredArticle article, @Nullable Known known, List<Problem> problems) {}

  /**
   * The snapshot a load starts from, its entries in the order the walk finds files (see {@link
   * SnapshotFile#WALK_ORDER}); empty when there is none or it cannot be used.
   */
  private record Previous(List<SnapshotFile.Entry> entries, boolean valid) {
    static Previous of(SnapshotFile.Result r) {
      if (r instanceof SnapshotFile.Valid v) {
        return new Previous(v.entries(), true);
      }
      if (r instanceof SnapshotFile.Rejected rejected) {
        LOG.log(System.Logger.Level.DEBUG, "snapshot not used: " + rejected.reason());
      }
      return new Previous(List.of(), false);
    }

    /**
     * The entry of each of {@code files}, or null, found by walking both in step: both come in
     * walk order, so no table of a hundred thousand paths is built or probed. Entries out of that
     * order (a snapshot from elsewhere) are only missed, and their files read.
     */
    SnapshotFile.@Nullable Entry[] match(List<Walked> files) {
      SnapshotFile.Entry[] out = new SnapshotFile.Entry[files.size()];
      int j = 0;
      int n = entries.size();
      for (int i = 0; i < out.length && j < n; i++) {
        String rel = files.get(i).rel();
        SnapshotFile.Entry e = entries.get(j);
        if (!e.path().equals(rel)) {
          while (SnapshotFile.WALK_ORDER.compare(e.path(), rel) < 0 && ++j < n) {
            e = entries.get(j); // a file gone since
          }
          if (j == n || !e.path().equals(rel)) {
            continue; // a file new since
          }
        }
        out[i] = e;
        j++;
      }
      return out;
    }
  }

  private LoadResult load(ForkJoinPool pool, List<Walked> files, List<Problem> found,
      @Nullable ForkJoinTask<Previous> previous, long scanStart) throws IOException {
    Map<String, Walked> byKey = new HashMap<>(files.size() * 4 / 3 + 16);
    Map<String, List<Path>> collided = new HashMap<>();
    for (Walked w : files) {
      if (w.key() == null) {
        found.add(problem(w.path(), "id", invalidIdMessage(w.id())));
        continue;
      }
      Walked first = byKey.putIfAbsent(w.key(), w);
      if (first != null) {
        collided.computeIfAbsent(w.key(), k -> new ArrayList<>(List.of(first.path()))).add(w.path());
      }
    }
    List<Walked> unique = new ArrayList<>(files.size());
    for (Walked w : files) {
      if (w.key() != null && !collided.containsKey(w.key())) {
        unique.add(w);
      }
    }
    for (Map.Entry<String, List<Path>> c : collided.entrySet()) {
      List<Path> same = new ArrayList<>(c.getValue());
      Collections.sort(same);
      c.setValue(List.copyOf(same));
      for (Path file : c.getValue()) {
        found.addAll(collision(file, c.getValue()));
      }
    }

    // What the snapshot holds of a file whose attributes have not changed is taken as it is;
    // every other file is read. Both on all threads, each file's bookkeeping with it.
    Previous snapshot = previous == null ? new Previous(List.of(), false) : join(previous);
    SnapshotFile.@Nullable Entry[] matched = snapshot.match(unique);
    Loaded[] loaded = new Loaded[unique.size()];
    boolean[] read = new boolean[unique.size()];
    Map<String, Known> fresh = new ConcurrentHashMap<>(unique.size() * 4 / 3 + 16);
    try {
      pool.submit(() -> parallelFor(0, loaded.length, i -> {
        Walked w = unique.get(i);
        SnapshotFile.Entry e = matched[i];
        Loaded l;
        if (e != null && Snapshots.trusted(e, w.attrs(), maxFileBytes)) {
          Revision revision = Revision.of(e.revision());
          Known k = new Known(w.id(), w.path(), revision, e.size(), e.modified(), w.attrs().fileKey(), true,
              e.article(), false, e.checkedAt());
          l = new Loaded(new StoredArticle(e.article(), revision), k, List.of());
        } else {
          l = load(w, scanStart);
          read[i] = true;
        }
        loaded[i] = l;
        if (l.known != null) {
          fresh.put(w.key(), l.known);
        }
      })).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("loading was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IOException("loading failed", e.getCause());
    }
    int reads = 0;
    // Behind when it was missing or unusable, when files it holds are gone, moved or changed,
    // or when files were read that it could hold.
    boolean snapshotDirty = previous != null && !snapshot.valid();
    for (int i = 0; i < loaded.length; i++) {
      if (read[i]) {
        reads++;
        Known k = loaded[i].known;
        snapshotDirty |= k != null && k.meta() != null;
      }
    }
    snapshotDirty |= loaded.length - reads < snapshot.entries().size();
    lastLoadReads = reads;

    List<StoredArticle> articles = new ArrayList<>(loaded.length);
    lock.lock();
    try {
      known = fresh;
      collisions.clear();
      collisions.putAll(collided);
      problems.clear();
      Map<String, List<Problem>> byId = new HashMap<>();
      for (Map.Entry<String, List<Path>> c : collided.entrySet()) {
        List<Problem> cp = new ArrayList<>();
        for (Path file : c.getValue()) {
          cp.addAll(collision(file, c.getValue()));
        }
        byId.put(c.getKey(), cp);
      }
      List<Problem> unnamed = new ArrayList<>(found);
      for (List<Problem> cp : byId.values()) {
        unnamed.removeAll(cp);
      }
      if (!unnamed.isEmpty()) {
        byId.put("", unnamed);
      }
      for (int i = 0; i < loaded.length; i++) {
        Loaded l = loaded[i];
        if (l.article != null) {
          articles.add(l.article);
        }
        if (!l.problems.isEmpty()) {
          found.addAll(l.problems);
          if (l.known != null) {
            byId.put(unique.get(i).key(), List.copyOf(l.problems));
          } else {
            byId.computeIfAbsent("", k -> new ArrayList<>()).addAll(l.problems);
          }
        }
      }
      byId.forEach((k, v) -> {
        if (!v.isEmpty()) {
          problems.put(k, List.copyOf(v));
        }
      });
    } finally {
      lock.unlock();
    }
    if (snapshots != null) {
      snapshots.loaded(snapshotDirty, (now() - scanStart) / 1_000_000);
    }
    return new LoadResult(articles, found);
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

  /** Runs {@code body} for every index in [from, to), split over the current fork-join pool. */
  private static void parallelFor(int from, int to, IntConsumer body) {
    new RecursiveAction() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void compute() {
        split(from, to);
      }

      private void split(int lo, int hi) {
        if (hi - lo <= 32) {
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
    Path file = w.path();
    String id = w.id();
    try {
      byte[] bytes = read(file, w.attrs());
      if (bytes == null) {
        return new Loaded(null, null, List.of());
      }
      Revision revision = revision(bytes);
      ArticleResult r = codec.readFrontmatter(id, sourceOf(w.rel()), bytes); // bodies stay on disk
      if (!r.isValid()) {
        return new Loaded(null, known(id, file, revision, w.attrs(), r, null, checkedAt), r.problems());
      }
      Article part = ArticleStore.partial(r.article()); // one object for the index and the snapshot
      return new Loaded(new StoredArticle(part, revision), known(id, file, revision, w.attrs(), r, part, checkedAt),
          r.problems());
    } catch (TooLargeException e) {
      return new Loaded(null, null, List.of(problem(file, null, e.getMessage())));
    } catch (IOException e) {
      return new Loaded(null, null, List.of(problem(file, null, "cannot read the file: " + e)));
    }
  }

  /** What to remember of a file read after its attributes {@code a} were, at {@code checkedAt}. */
  private static Known known(String id, Path file, Revision revision, BasicFileAttributes a, ArticleResult r,
      long checkedAt) {
    return known(id, file, revision, a, r, null, checkedAt);
  }

  /** As above, reusing {@code part}, the partial article of {@code r} when one was made. */
  private static Known known(String id, Path file, Revision revision, BasicFileAttributes a, ArticleResult r,
      @Nullable Article part, long checkedAt) {
    Article meta = !r.isValid() || !r.problems().isEmpty() ? null
        : part != null ? part : ArticleStore.partial(r.article());
    return new Known(id, file, revision, a.size(), nanos(a.lastModifiedTime()), a.fileKey(), r.isValid(), meta,
        false, checkedAt);
  }

  /** Nanoseconds since the epoch, now, by the wall clock file times are set from. */
  static long now() {
    Instant t = Instant.now();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** A file time in nanoseconds since the epoch, saturated far outside 1677..2262. */
  static long nanos(FileTime t) {
    return t.to(TimeUnit.NANOSECONDS);
  }

  /** A folder's entry and its name. */
  private record Named(String name, Path path) {}

  /**
   * Lists one folder and looks at each entry once: every article file is reported with the
   * attributes read here, so nothing is looked at twice. Sub-folders, and the entries of a large
   * folder in slices, are forked when run in a pool; run outside one, it walks in this thread.
   * Files come in a fixed order whatever the threads do: each folder's entries by name, a
   * sub-folder's files where the sub-folder's name falls.
   */
  private final class WalkTask extends RecursiveTask<List<Walked>> {
    private static final long serialVersionUID = 1L;
    private static final int SLICE = 256;
    private final transient Path dir;
    private final String rel;
    private final transient @Nullable Queue<Problem> failures;
    private final boolean parallel;
    private final transient @Nullable List<Named> entries;
    private final int from;
    private final int to;

    WalkTask(Path dir, String rel, @Nullable Queue<Problem> failures, boolean parallel) {
      this(dir, rel, failures, parallel, null, 0, 0);
    }

    private WalkTask(Path dir, String rel, @Nullable Queue<Problem> failures, boolean parallel,
        @Nullable List<Named> entries, int from, int to) {
      this.dir = dir;
      this.rel = rel;
      this.failures = failures;
      this.parallel = parallel;
      this.entries = entries;
      this.from = from;
      this.to = to;
    }

    @Override
    protected List<Walked> compute() {
      List<Named> list = entries;
      if (list != null) {
        return visit(list, from, to);
      }
      list = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
        for (Path entry : stream) {
          String name = entry.getFileName().toString();
          // Hidden folders (the state folder among them) are skipped; hidden files are no articles.
          if (!isHidden(name)) {
            list.add(new Named(name, entry));
          }
        }
      } catch (NoSuchFileException | NotDirectoryException e) {
        return List.of(); // gone while we looked
      } catch (IOException e) {
        fail(dir, e);
        return List.of();
      }
      list.sort(Comparator.comparing(Named::name));
      if (!parallel || list.size() <= SLICE) {
        return visit(list, 0, list.size());
      }
      List<WalkTask> slices = new ArrayList<>();
      for (int i = 0; i < list.size(); i += SLICE) {
        slices.add(new WalkTask(dir, rel, failures, true, list, i, Math.min(list.size(), i + SLICE)));
      }
      invokeAll(slices);
      List<Walked> out = new ArrayList<>();
      for (WalkTask t : slices) {
        out.addAll(t.join());
      }
      return out;
    }

    private List<Walked> visit(List<Named> list, int lo, int hi) {
      List<Object> parts = new ArrayList<>(hi - lo); // files, and folders where their files go
      List<WalkTask> folders = new ArrayList<>();
      for (int i = lo; i < hi; i++) {
        Named entry = list.get(i);
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(entry.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          continue;
        } catch (IOException e) {
          fail(entry.path(), e);
          continue;
        }
        if (a.isDirectory()) {
          WalkTask t = new WalkTask(entry.path(), rel + entry.name() + "/", failures, parallel);
          folders.add(t);
          parts.add(t);
        } else if (a.isRegularFile() && isArticleName(entry.name())) {
          // Without following links a link (to a file or a folder) is neither a regular file
          // nor a folder, so nothing a link points to is ever read.
          String path = rel + entry.name();
          String id = SnapshotFile.idOf(path);
          parts.add(new Walked(entry.path(), path, id, ArticleIds.isValid(id) ? ArticleIds.key(id) : null, a));
        }
      }
      List<List<Walked>> found = new ArrayList<>(folders.size());
      if (parallel) {
        invokeAll(folders);
        for (WalkTask t : folders) {
          found.add(t.join());
        }
      } else {
        for (WalkTask t : folders) {
          found.add(t.compute());
        }
      }
      List<Walked> out = new ArrayList<>(parts.size());
      int next = 0;
      for (Object part : parts) {
        if (part instanceof Walked w) {
          out.add(w);
        } else {
          out.addAll(found.get(next++));
        }
      }
      return out;
    }

    private void fail(Path p, IOException e) {
      if (failures != null) {
        failures.add(problem(p, null, "cannot read: " + e));
      }
    }
  }

  /** Every article file under the root, walked in this thread: no hidden, temporary, backup or linked files. */
  private List<Walked> scan() throws IOException {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(root.toString(), null, "the content root is gone");
    }
    return new WalkTask(root, "", null, false).compute();
  }

  static boolean isHidden(String name) {
    return name.startsWith(".");
  }

  boolean isArticleName(String name) {
    if (isHidden(name) || name.endsWith("~") || (name.startsWith("#") && name.endsWith("#"))) {
      return false;
    }
    int dot = name.lastIndexOf('.');
    if (dot <= 0) {
      return false;
    }
    // Every name of a large folder comes here: an ASCII extension is matched where it stands.
    for (String ext : asciiExtensions) {
      if (name.length() - dot - 1 == ext.length() && asciiLowerMatches(name, dot + 1, ext)) {
        return true;
      }
    }
    for (int i = dot + 1; i < name.length(); i++) {
      if (name.charAt(i) >= 0x80) {
        return extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
      }
    }
    return false;
  }

  /** Whether {@code name} from {@code at} is {@code lower} (lower-case) but for ASCII case. */
  private static boolean asciiLowerMatches(String name, int at, String lower) {
    for (int i = 0; i < lower.length(); i++) {
      char c = name.charAt(at + i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The id of a file under the root: its relative path without extension, '/'-separated. */
  String idOf(Path file) {
    Path rel = root.relativize(file);
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < rel.getNameCount(); i++) {
      if (i > 0) {
        id.append('/');
      }
      id.append(rel.getName(i).toString());
    }
    int dot = id.lastIndexOf(".");
    int slash = id.lastIndexOf("/");
    return dot > slash + 1 ? id.substring(0, dot) : id.toString();
  }

  private static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  private String source(Path file) {
    return displayRoot.resolve(root.relativize(file)).toString();
  }

  /** {@link #source(Path)} of the file at {@code rel}, without building paths on the way. */
  private String sourceOf(String rel) {
    return "/".equals(root.getFileSystem().getSeparator()) ? displayPrefix + rel : source(root.resolve(rel));
  }

  private Problem problem(Path file, @Nullable String field, String message) {
    return new Problem(source(file), 0, 0, field, message, dev.broadsheet.Severity.ERROR, "file");
  }

  private List<Problem> collision(Path file, List<Path> same) {
    return List.of(new Problem(source(file), 0, 0, null, collisionMessage(file, same),
        dev.broadsheet.Severity.ERROR, "id-collision"));
  }

  private String collisionMessage(Path file, List<Path> same) {
    List<String> others = new ArrayList<>();
    for (Path p : same) {
      if (!p.equals(file)) {
        others.add(source(p));
      }
    }
    return "id collision: " + source(file) + " and " + String.join(", ", others)
        + " map to the same id ignoring case and Unicode normalization; neither is loaded";
  }

  private static String invalidIdMessage(String id) {
    try {
      ArticleIds.validate(id);
      return "";
    } catch (InvalidIdException e) {
      return "the file's path is not a valid id: " + e.getMessage();
    }
  }

  // ------------------------------------------------------------------ finding the file of an id

  /** Files and links found for an id key, and temporary files left in its folders by a crash. */
  private record Found(List<Path> files, List<Path> links, List<Path> leftovers) {}

  /**
   * Every article file whose id has the key of {@code id}, found by listing the folders on the
   * way rather than by opening a path built from the id, so case and normalization variants and
   * symbolic links are all seen. Links are reported, never followed.
   */
  private Found find(String id) throws IOException {
    String[] segments = id.split("/");
    List<Path> dirs = List.of(root);
    List<Path> files = new ArrayList<>();
    List<Path> links = new ArrayList<>();
    List<Path> leftovers = new ArrayList<>();
    for (int i = 0; i < segments.length && !dirs.isEmpty(); i++) {
      boolean last = i == segments.length - 1;
      String want = ArticleIds.key(segments[i]);
      List<Path> next = new ArrayList<>();
      for (Path dir : dirs) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
          for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (last && AtomicFiles.isTemp(name)) {
              leftovers.add(entry);
              continue;
            }
            if (last ? !isArticleName(name) || !ArticleIds.key(stem(name)).equals(want)
                : isHidden(name) || !ArticleIds.key(name).equals(want)) {
              continue;
            }
            BasicFileAttributes a;
            try {
              a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
              continue;
            }
            if (a.isSymbolicLink()) {
              links.add(entry);
            } else if (last && a.isRegularFile()) {
              files.add(entry);
            } else if (!last && a.isDirectory()) {
              next.add(entry);
            }
          }
        } catch (NoSuchFileException | NotDirectoryException e) {
          // gone while we looked
        }
      }
      dirs = next;
    }
    Collections.sort(files);
    return new Found(files, links, leftovers);
  }

  /**
   * The one file holding {@code id}, or null when there is none.
   *
   * @param spelledAs whether a file holding the id in another spelling (case, normalization)
   *     is refused (for writes) rather than treated as absent (for reads)
   * @throws InvalidIdException when the id leads through a symbolic link or two files hold it
   */
  private @Nullable Path locate(String id, boolean spelledAs) throws IOException {
    return locate(id, spelledAs, find(id));
  }

  private @Nullable Path locate(String id, boolean spelledAs, Found found) {
    if (!found.links().isEmpty()) {
      throw new InvalidIdException(id, "it leads through the symbolic link " + source(found.links().get(0))
          + ", which could reach outside the content root; links are not followed");
    }
    List<Path> files = found.files();
    if (files.size() > 1) {
      throw new InvalidIdException(id, collisionMessage(files.get(0), files));
    }
    if (files.isEmpty()) {
      return null;
    }
    Path file = files.get(0);
    String actual = idOf(file);
    if (!actual.equals(id)) {
      if (spelledAs) {
        throw new InvalidIdException(id, "it names the same article as '" + actual + "' (" + source(file)
            + "); ids are unique ignoring case and Unicode normalization");
      }
      return null;
    }
    return file;
  }

  /** Refuses an id that breaks the rules or whose file name no file system would hold. */
  private void validateForWrite(String id) {
    ArticleIds.validate(id);
    String[] segments = id.split("/");
    for (int i = 0; i < segments.length; i++) {
      String name = i == segments.length - 1 ? segments[i] + "." + newExtension : segments[i];
      if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
        throw new InvalidIdException(id, "the file name '" + name + "' is longer than " + MAX_NAME_BYTES
            + " bytes in UTF-8, more than a file system holds");
      }
    }
  }

  /**
   * Checks that no existing folder or file on the way from the root to {@code p} is a
   * symbolic link, so a write cannot land outside the root.
   */
  private Path checkNoLinks(String id, Path p) {
    if (!p.normalize().startsWith(root)) {
      throw new InvalidIdException(id, "it leads outside the content root");
    }
    Path walk = root;
    Path rel = root.relativize(p);
    for (int i = 0; i < rel.getNameCount(); i++) {
      walk = walk.resolve(rel.getName(i));
      if (Files.isSymbolicLink(walk)) {
        throw new InvalidIdException(id, "it leads through the symbolic link " + source(walk)
            + ", which could reach outside the content root; links are not followed");
      }
    }
    return p;
  }

  // ------------------------------------------------------------------ reading one

  @Override
  public Optional<StoredArticle> get(String id) throws IOException {
    Whole w = readWhole(id);
    if (w == null) {
      return Optional.empty();
    }
    cache(w);
    return Optional.of(w.stored());
  }

  private void cache(Whole w) {
    articles.put(new ArticleKey(w.stored().id(), w.stored().revision()), w);
  }

  /** The article as its file holds it now, or null; leaves the article cache alone. */
  private @Nullable Whole readWhole(String id) throws IOException {
    ArticleIds.validate(id);
    Path file = null;
    Known k = known.get(ArticleIds.key(id));
    if (k != null && k.id().equals(id) && !collisions.containsKey(ArticleIds.key(id))) {
      file = Files.isRegularFile(checkNoLinks(id, k.path()), LinkOption.NOFOLLOW_LINKS) ? k.path() : null;
    }
    if (file == null) {
      file = locate(id, false);
    }
    if (file == null) {
      return null;
    }
    byte[] bytes = read(file);
    if (bytes == null) {
      return null;
    }
    ArticleResult r = codec.read(id, source(file), bytes);
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
   * The article at {@code revision} from the cache when it holds it; otherwise the article as
   * its file holds it now, read and cached under the revision it was read at.
   */
  @Override
  public Optional<StoredArticle> article(String id, Revision revision) throws IOException {
    Whole cached = articles.getIfPresent(new ArticleKey(id, revision));
    return cached != null ? Optional.of(cached.stored()) : get(id);
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

  private static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }

  /**
   * A file's bytes, or null when it is gone or is not a regular file; the last name is opened
   * without following a link, and nothing that is not a regular file (a pipe, a device) is opened.
   */
  private byte @Nullable [] read(Path file) throws IOException {
    FileRead r = readFile(file);
    return r == null ? null : r.bytes();
  }

  /** A file's bytes and the attributes read just before them. */
  record FileRead(byte[] bytes, BasicFileAttributes attrs) {}

  /** As {@link #read(Path)}, with the attributes read before the bytes. */
  @Nullable FileRead readFile(Path file) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      byte[] bytes = read(file, a);
      return bytes == null ? null : new FileRead(bytes, a);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Reads a file whose attributes were just read; null if it is not a regular file or is gone. */
  private byte @Nullable [] read(Path file, BasicFileAttributes a) throws IOException {
    try {
      if (!a.isRegularFile()) {
        return null;
      }
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        if (a.size() <= maxFileBytes) {
          // The usual case: the size is known, so read into one array of that size.
          byte[] exact = new byte[(int) a.size()];
          int n = in.readNBytes(exact, 0, exact.length);
          if (n < exact.length) {
            return java.util.Arrays.copyOf(exact, n);
          }
          int more = in.read();
          if (more < 0) {
            return exact;
          }
          // It grew since its size was read: read what is there now.
          byte[] rest = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes - exact.length));
          byte[] all = java.util.Arrays.copyOf(exact, exact.length + 1 + rest.length);
          all[exact.length] = (byte) more;
          System.arraycopy(rest, 0, all, exact.length + 1, rest.length);
          if (all.length > maxFileBytes) {
            throw new TooLargeException("the file is larger than " + maxFileBytes + " bytes; it was not read");
          }
          return all;
        }
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes + 1));
        if (bytes.length > maxFileBytes) {
          throw new TooLargeException("the file is larger than " + maxFileBytes + " bytes; it was not read");
        }
        return bytes;
      }
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ writing

  @Override
  public Revision put(Article article, @Nullable Revision expected) throws IOException {
    String id = article.id();
    validateForWrite(id);
    return underWriteLock(id, () -> {
      Found found = find(id);
      Path existing = locate(id, true, found);
      removeLeftovers(found.leftovers());
      Path target = checkNoLinks(id, existing != null ? existing : root.resolve(id + "." + newExtension));
      byte[] current = existing == null ? null : read(existing);
      checkExpected(id, expected, current);
      byte[] out = null;
      if (current != null) {
        DocumentResult doc = codec.parser().parse(source(target), current);
        if (doc.document() != null) {
          out = codec.update(doc.document(), article);
        }
      }
      if (out == null) {
        out = codec.write(article);
      }
      if (current == null || !Arrays.equals(current, out)) {
        Files.createDirectories(target.getParent());
        checkNoLinks(id, target);
        AtomicFiles.write(target, out);
      }
      Revision revision = revision(out);
      String key = ArticleIds.key(id);
      collisions.remove(key);
      remember(id, target, revision);
      problems.remove(key);
      writes.incrementAndGet();
      cache(new Whole(new StoredArticle(article, revision), out.length));
      changed();
      return revision;
    });
  }

  @Override
  public boolean delete(String id, @Nullable Revision expected) throws IOException {
    ArticleIds.validate(id);
    return underWriteLock(id, () -> {
      Path existing = locate(id, true);
      if (existing != null) {
        checkNoLinks(id, existing);
      }
      byte[] current = existing == null ? null : read(existing);
      checkExpected(id, expected, current);
      if (existing == null || current == null) {
        return false;
      }
      AtomicFiles.delete(existing);
      known.remove(ArticleIds.key(id));
      problems.remove(ArticleIds.key(id));
      writes.incrementAndGet();
      changed();
      return true;
    });
  }

  private interface WriteCall<T> {
    T call() throws IOException;
  }

  /** Runs a write holding this JVM's lock on the root and then the file lock shared with other processes. */
  private <T> T underWriteLock(String id, WriteCall<T> write) throws IOException {
    lock.lock();
    try (ProcessLock held = processLock()) {
      return write.call();
    } catch (TooLargeException e) {
      throw new BroadsheetException("the file of '" + id + "' is larger than " + maxFileBytes + " bytes", e);
    } finally {
      lock.unlock();
    }
  }

  /** Fails when the caller expected another revision than the file's bytes now have. */
  private static void checkExpected(String id, @Nullable Revision expected, byte @Nullable [] current) {
    Revision currentRevision = current == null ? Revision.NONE : revision(current);
    if (expected != null && !expected.equals(currentRevision)) {
      throw new ArticleConflictException(id, expected, currentRevision);
    }
  }

  /**
   * Deletes temporary files a killed writer left behind. Called holding the write lock of the
   * root, which every writer holds while its temporary file exists, so none is in use.
   */
  private static void removeLeftovers(List<Path> leftovers) {
    for (Path p : leftovers) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // harmless: loading never reads them
      }
    }
  }

  /**
   * Remembers a file this store just wrote. Its attributes are read after the write, so they
   * vouch for nothing: the snapshot reads the file back before it keeps it (see {@link
   * Snapshots}).
   */
  private void remember(String id, Path file, Revision revision) {
    long checkedAt = now();
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      known.put(ArticleIds.key(id), new Known(id, file, revision, a.size(), nanos(a.lastModifiedTime()),
          a.fileKey(), true, null, true, checkedAt));
    } catch (IOException e) {
      known.put(ArticleIds.key(id), new Known(id, file, revision, -1, -1, null, true, null, true, checkedAt));
    }
  }

  /** Tells the snapshot that what the store knows has changed; it is rewritten a little later. */
  private void changed() {
    Snapshots s = snapshots;
    if (s != null) {
      s.changed();
    }
  }

  /** Every file the store knows now. */
  Collection<Known> knownFiles() {
    return known.values();
  }

  /** Replaces what is known of a file, unless it changed meanwhile. */
  boolean replaceKnown(Known old, Known updated) {
    return known.replace(ArticleIds.key(old.id()), old, updated);
  }

  /** Reads the frontmatter of a file's bytes, as loading does. */
  ArticleResult readFrontmatter(String id, Path file, byte[] bytes) {
    return codec.readFrontmatter(id, source(file), bytes);
  }

  /** Holds the lock that serializes writers across processes on this root. */
  private record ProcessLock(FileChannel channel, FileLock lock) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }

  private ProcessLock processLock() throws IOException {
    Path dir = root.resolve(STATE_FOLDER);
    Files.createDirectories(dir);
    FileChannel ch = FileChannel.open(dir.resolve("write.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      return new ProcessLock(ch, ch.lock());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * The revision of a file's bytes: a 128-bit hash of all of them, body included, so any change
   * of content changes it (see {@link ContentHash}).
   */
  static Revision revision(byte[] bytes) {
    return Revision.of(ContentHash.hex(bytes));
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
        throw new BroadsheetException("cannot watch " + displayRoot + ": " + e.getMessage(), e);
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
  void refresh(Path file, int attempt, Watcher w) {
    boolean force = false;
    for (int round = 0; round < 100; round++) {
      long before = writes.get();
      List<StoreChange> changes;
      lock.lock();
      try {
        changes = decide(file, force ? Watcher.RETRIES : attempt, w, force);
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "cannot look at " + file + ": " + e);
        return;
      } finally {
        lock.unlock();
      }
      if (changes.isEmpty()) {
        return;
      }
      Consumer<StoreChange> l = listener;
      if (l != null) {
        changes.forEach(l);
      }
      if (writes.get() == before) {
        return;
      }
      force = true;
    }
  }

  /** What changed for the id of {@code file}, bringing known and collisions up to date. Under the lock. */
  private List<StoreChange> decide(Path file, int attempt, Watcher w, boolean force) throws IOException {
    if (!file.startsWith(root) || file.equals(root) || !isArticleName(file.getFileName().toString())
        || hiddenBelowRoot(file)) {
      return List.of();
    }
    String id = idOf(file);
    if (!ArticleIds.isValid(id)) {
      return List.of();
    }
    String key = ArticleIds.key(id);
    List<Path> files = find(id).files();
    Known k = known.get(key);
    List<Path> collided = collisions.get(key);
    if (files.isEmpty()) {
      if (k == null && collided == null) {
        return force ? List.of(StoreChange.deleted(id)) : List.of();
      }
      if (attempt == 0) {
        w.schedule(file, 1); // an editor may be replacing it
        return List.of();
      }
      known.remove(key);
      collisions.remove(key);
      problems.remove(key);
      changed();
      return k != null && k.valid() ? List.of(StoreChange.deleted(k.id())) : List.of();
    }
    if (files.size() > 1) {
      if (!force && files.equals(collided)) {
        return List.of();
      }
      known.remove(key);
      changed();
      collisions.put(key, List.copyOf(files));
      List<Problem> problems = new ArrayList<>();
      for (Path f : files) {
        problems.addAll(collision(f, files));
      }
      this.problems.put(key, List.copyOf(problems));
      return List.of(StoreChange.invalid(k != null ? k.id() : idOf(files.get(0)), problems));
    }
    Path f = files.get(0);
    String fid = idOf(f);
    long checkedAt = now();
    FileRead read;
    try {
      read = readFile(f);
    } catch (TooLargeException e) {
      read = null;
    }
    if (read == null) {
      if (attempt < Watcher.RETRIES) {
        w.schedule(f, attempt + 1);
      }
      return List.of();
    }
    byte[] bytes = read.bytes();
    BasicFileAttributes attrs = read.attrs();
    Revision revision = revision(bytes);
    if (!force && collided == null && k != null && k.path().equals(f) && k.revision().equals(revision)) {
      // Same content: only the file's times changed.
      if (!k.sameFile(attrs)) {
        known.put(key, new Known(fid, f, revision, attrs.size(), nanos(attrs.lastModifiedTime()), attrs.fileKey(),
            k.valid(), k.meta(), k.pending(), checkedAt));
        changed();
      }
      return List.of();
    }
    ArticleResult r = codec.read(fid, source(f), bytes);
    if (!r.isValid() && attempt < Watcher.RETRIES) {
      w.schedule(f, attempt + 1); // perhaps caught half-written
      return List.of();
    }
    collisions.remove(key);
    List<StoreChange> out = new ArrayList<>(2);
    if (k != null && !k.id().equals(fid) && k.valid()) {
      out.add(StoreChange.deleted(k.id())); // renamed to another spelling of the same id
    }
    known.put(key, known(fid, f, revision, attrs, r, checkedAt));
    changed();
    if (r.isValid()) {
      problems.remove(key);
      StoredArticle now = new StoredArticle(r.article(), revision);
      cache(new Whole(now, bytes.length));
      out.add(StoreChange.upsert(now));
    } else {
      problems.put(key, List.copyOf(r.problems()));
      out.add(StoreChange.invalid(fid, r.problems()));
    }
    return out;
  }

  private boolean hiddenBelowRoot(Path file) {
    Path rel = root.relativize(file);
    for (int i = 0; i < rel.getNameCount(); i++) {
      if (isHidden(rel.getName(i).toString())) {
        return true;
      }
    }
    return false;
  }

  /** Every file worth a fresh look: changed size, time or identity, new, or gone. */
  List<Path> changedSinceLastLook() throws IOException {
    List<Path> out = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Walked w : scan()) {
      Path file = w.path();
      seen.add(file);
      String key = w.key();
      if (key == null) {
        continue;
      }
      List<Path> collided = collisions.get(key);
      if (collided != null) {
        if (!collided.contains(file)) {
          out.add(file);
        }
        continue;
      }
      Known k = known.get(key);
      if (k == null || !k.path().equals(file) || !k.sameFile(w.attrs())) {
        out.add(file);
      }
    }
    for (Known k : known.values()) {
      if (!seen.contains(k.path())) {
        out.add(k.path());
      }
    }
    for (List<Path> collided : collisions.values()) {
      for (Path p : collided) {
        if (!seen.contains(p)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  Path realRoot() {
    return root;
  }

  /** How many files the last load read; the others came from the snapshot. */
  int lastLoadReads() {
    return lastLoadReads;
  }

  /**
   * Stops watching, and writes the snapshot if it is behind, waiting for that; a store that
   * cannot write it leaves the one before, which the next start checks file by file anyway.
   */
  @Override
  public void close() {
    closed = true;
    Watcher w = watcher;
    if (w != null) {
      w.close();
    }
    Snapshots s = snapshots;
    if (s != null) {
      s.close();
    }
  }

  /** Options for a store; immutable once built. */
  public static final class Builder {
    private final Path root;
    private Set<String> extensions = Set.of("md", "markdown", "txt");
    private String newExtension = "md";
    private ArticleCodec codec = ArticleCodec.builder().build();
    private long articleCacheBytes = 64L * 1024 * 1024;
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private long maxFileBytes = 16L * 1024 * 1024;
    private Watching watching = Watching.LIVE;
    private Duration rescanInterval = Duration.ofSeconds(10);
    private boolean snapshot = true;
    private @Nullable Path snapshotFolder;

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

    /** Threads used to load; default the number of processors. */
    public Builder parallelism(int value) {
      if (value <= 0) {
        throw new IllegalArgumentException("parallelism must be positive, was " + value);
      }
      this.parallelism = value;
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

    /** How often the whole folder is rescanned in case a watch event was lost; default 10 s. */
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
     * @throws IOException when the root is not a readable folder
     */
    public FileArticleStore build() throws IOException {
      return new FileArticleStore(this);
    }
  }
}
