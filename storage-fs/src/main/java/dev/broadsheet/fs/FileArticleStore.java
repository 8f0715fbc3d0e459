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
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.markdown.DocumentResult;
import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.LoadResult;
import dev.broadsheet.spi.StoreChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
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
 *       is loaded. Symbolic links are never followed.
 *   <li>Loading reads files in parallel and keeps bodies out of memory: they are read when an
 *       article is handed out and kept in a cache bounded by total size.
 *   <li>Writes are atomic and durable (temporary file, fsync, rename, fsync of the folder), keep
 *       the file's bytes except the lines that change, and are serialized across processes with
 *       a file lock. The revision is a hash of the file's bytes, so a save with a stale revision
 *       fails whoever changed the file.
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

  private final Path root;
  private final Path displayRoot;
  private final Set<String> extensions;
  private final String newExtension;
  private final ArticleCodec codec;
  private final int parallelism;
  private final long maxFileBytes;
  private final Watching watching;
  private final Duration rescanInterval;
  private final Cache<BodyKey, String> bodies;
  private final Map<String, Known> known = new ConcurrentHashMap<>();
  private final Map<Path, List<Problem>> problems = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable Consumer<StoreChange> listener;
  private volatile @Nullable Watcher watcher;
  private volatile boolean closed;

  private record BodyKey(String id, Revision revision) {}

  /** What the store last saw of a file. */
  record Known(String id, Path path, Revision revision, long size, long modified, @Nullable Object fileKey,
      boolean valid) {}

  private FileArticleStore(Builder b) throws IOException {
    this.displayRoot = b.root;
    if (!Files.isDirectory(b.root)) {
      throw new NoSuchFileException(b.root.toString(), null, "the content root is not a folder");
    }
    this.root = b.root.toRealPath();
    this.extensions = Set.copyOf(b.extensions);
    this.newExtension = b.newExtension;
    this.codec = b.codec;
    this.parallelism = b.parallelism;
    this.maxFileBytes = b.maxFileBytes;
    this.watching = b.watching;
    this.rescanInterval = b.rescanInterval;
    this.bodies = Caffeine.newBuilder()
        .maximumWeight(b.bodyCacheBytes)
        .weigher((BodyKey k, String v) -> 64 + 2 * v.length())
        .recordStats()
        .build();
  }

  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /** The content root, as given. */
  public Path root() {
    return displayRoot;
  }

  // ------------------------------------------------------------------ loading

  @Override
  public LoadResult loadAll() throws IOException {
    List<Path> files = scan();
    Map<String, List<Path>> byKey = new HashMap<>();
    List<Problem> found = new ArrayList<>();
    List<Path> unique = new ArrayList<>();
    for (Path file : files) {
      String id = idOf(file);
      if (!ArticleIds.isValid(id)) {
        found.add(problem(file, "id", invalidIdMessage(id)));
        continue;
      }
      byKey.computeIfAbsent(ArticleIds.key(id), k -> new ArrayList<>()).add(file);
    }
    for (List<Path> same : byKey.values()) {
      if (same.size() == 1) {
        unique.add(same.get(0));
      } else {
        for (Path file : same) {
          found.addAll(collision(file, same));
        }
      }
    }
    ForkJoinPool pool = new ForkJoinPool(parallelism);
    List<Loaded> loaded;
    try {
      loaded = pool.submit(() -> unique.parallelStream().map(this::load).toList()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("loading was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IOException("loading failed", e.getCause());
    } finally {
      pool.shutdown();
    }
    List<StoredArticle> articles = new ArrayList<>(loaded.size());
    for (Loaded l : loaded) {
      if (l.known != null) {
        known.put(ArticleIds.key(l.known.id()), l.known);
      }
      if (l.article != null) {
        articles.add(l.article);
      }
      if (!l.problems.isEmpty()) {
        problems.put(l.path, l.problems);
        found.addAll(l.problems);
      }
    }
    return new LoadResult(articles, found);
  }

  private record Loaded(Path path, @Nullable StoredArticle article, @Nullable Known known, List<Problem> problems) {}

  private Loaded load(Path file) {
    String id = idOf(file);
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attrs.size() > maxFileBytes) {
        return new Loaded(file, null, null,
            List.of(problem(file, null, "the file is larger than " + maxFileBytes + " bytes; it was not read")));
      }
      byte[] bytes = Files.readAllBytes(file);
      Revision revision = revision(bytes);
      ArticleResult r = codec.read(id, source(file), bytes);
      Known k = new Known(id, file, revision, attrs.size(), attrs.lastModifiedTime().toMillis(), attrs.fileKey(),
          r.isValid());
      if (!r.isValid()) {
        return new Loaded(file, null, k, r.problems());
      }
      return new Loaded(file, new StoredArticle(r.article().withBody(""), revision), k, r.problems());
    } catch (IOException e) {
      return new Loaded(file, null, null, List.of(problem(file, null, "cannot read the file: " + e)));
    }
  }

  /** Every article file under the root: no hidden, temporary, backup or linked files. */
  private List<Path> scan() throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (!dir.equals(root) && isHidden(dir.getFileName().toString())) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && isArticleName(file.getFileName().toString())) {
          files.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) {
        problems.put(file, List.of(problem(file, null, "cannot read: " + exc)));
        return FileVisitResult.CONTINUE;
      }
    });
    Collections.sort(files);
    return files;
  }

  static boolean isHidden(String name) {
    return name.startsWith(".");
  }

  boolean isArticleName(String name) {
    if (isHidden(name) || name.endsWith("~") || (name.startsWith("#") && name.endsWith("#"))) {
      return false;
    }
    int dot = name.lastIndexOf('.');
    return dot > 0 && extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
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

  private String source(Path file) {
    return displayRoot.resolve(root.relativize(file)).toString();
  }

  private Problem problem(Path file, @Nullable String field, String message) {
    return new Problem(source(file), 0, 0, field, message, dev.broadsheet.Severity.ERROR, "file");
  }

  private List<Problem> collision(Path file, List<Path> same) {
    List<String> others = new ArrayList<>();
    for (Path p : same) {
      if (!p.equals(file)) {
        others.add(source(p));
      }
    }
    return List.of(new Problem(source(file), 0, 0, null,
        "id collision: " + source(file) + " and " + String.join(", ", others)
            + " map to the same id ignoring case and Unicode normalization; neither is loaded",
        dev.broadsheet.Severity.ERROR, "id-collision"));
  }

  private static String invalidIdMessage(String id) {
    try {
      ArticleIds.validate(id);
      return "";
    } catch (InvalidIdException e) {
      return "the file's path is not a valid id: " + e.getMessage();
    }
  }

  // ------------------------------------------------------------------ reading one

  @Override
  public Optional<StoredArticle> get(String id) throws IOException {
    ArticleIds.validate(id);
    Path file = existingFile(id);
    if (file == null) {
      return Optional.empty();
    }
    byte[] bytes = read(file);
    if (bytes == null) {
      return Optional.empty();
    }
    ArticleResult r = codec.read(idOf(file), source(file), bytes);
    if (!r.isValid()) {
      return Optional.empty();
    }
    Revision revision = revision(bytes);
    bodies.put(new BodyKey(id, revision), r.article().body());
    return Optional.of(new StoredArticle(r.article(), revision));
  }

  @Override
  public boolean lazyBodies() {
    return true;
  }

  @Override
  public String body(String id, Revision revision) throws IOException {
    try {
      return bodies.get(new BodyKey(id, revision), k -> {
        try {
          return get(id).map(s -> s.article().body()).orElse("");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Statistics of the body cache: hits, misses, evictions. */
  public com.github.benmanes.caffeine.cache.stats.CacheStats bodyCacheStats() {
    return bodies.stats();
  }

  /** The file holding {@code id} now, or null. */
  private @Nullable Path existingFile(String id) throws IOException {
    Known k = known.get(ArticleIds.key(id));
    if (k != null && k.id().equals(id) && Files.isRegularFile(k.path(), LinkOption.NOFOLLOW_LINKS)) {
      return k.path();
    }
    Path base = safePath(id, newExtension);
    for (String ext : orderedExtensions()) {
      Path p = base.resolveSibling(lastSegment(id) + "." + ext);
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        return p;
      }
    }
    return null;
  }

  private List<String> orderedExtensions() {
    Set<String> order = new LinkedHashSet<>();
    order.add(newExtension);
    order.addAll(new java.util.TreeSet<>(extensions));
    return new ArrayList<>(order);
  }

  private static String lastSegment(String id) {
    return id.substring(id.lastIndexOf('/') + 1);
  }

  /**
   * The path for an id with an extension, refusing anything that could leave the root: the id
   * rules, then every existing folder on the way checked not to be a symbolic link.
   */
  private Path safePath(String id, String ext) throws IOException {
    ArticleIds.validate(id);
    Path p = root.resolve(id + "." + ext).normalize();
    if (!p.startsWith(root)) {
      throw new InvalidIdException(id, "it leads outside the content root");
    }
    Path walk = root;
    Path rel = root.relativize(p);
    for (int i = 0; i < rel.getNameCount(); i++) {
      walk = walk.resolve(rel.getName(i));
      if (Files.isSymbolicLink(walk)) {
        throw new InvalidIdException(id, "it leads through the symbolic link " + source(walk)
            + ", which could reach outside the content root");
      }
    }
    return p;
  }

  private @Nullable byte[] read(Path file) throws IOException {
    try {
      if (Files.size(file) > maxFileBytes) {
        throw new BroadsheetException("the file " + source(file) + " is larger than " + maxFileBytes + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ writing

  @Override
  public Revision put(Article article, @Nullable Revision expected) throws IOException {
    String id = article.id();
    ArticleIds.validate(id);
    List<StoreChange> none = List.of();
    lock.lock();
    try (ProcessLock ignored = processLock()) {
      Known k = known.get(ArticleIds.key(id));
      if (k != null && !k.id().equals(id) && Files.exists(k.path(), LinkOption.NOFOLLOW_LINKS)) {
        throw new InvalidIdException(id, "it names the same article as '" + k.id()
            + "' (ids are unique ignoring case and Unicode normalization)");
      }
      Path existing = existingFile(id);
      Path target = existing != null ? existing : safePath(id, newExtension);
      if (existing != null) {
        safePath(id, extension(existing));
      }
      byte[] current = existing == null ? null : read(existing);
      Revision currentRevision = current == null ? Revision.NONE : revision(current);
      if (expected != null && !expected.equals(currentRevision)) {
        throw new ArticleConflictException(id, expected, currentRevision);
      }
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
        AtomicFiles.write(target, out);
      }
      Revision revision = revision(out);
      remember(id, target, revision, true);
      problems.remove(target);
      bodies.put(new BodyKey(id, revision), article.body());
      return revision;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean delete(String id, @Nullable Revision expected) throws IOException {
    ArticleIds.validate(id);
    lock.lock();
    try (ProcessLock ignored = processLock()) {
      Path existing = existingFile(id);
      if (existing != null) {
        safePath(id, extension(existing));
      }
      byte[] current = existing == null ? null : read(existing);
      Revision currentRevision = current == null ? Revision.NONE : revision(current);
      if (expected != null && !expected.equals(currentRevision)) {
        throw new ArticleConflictException(id, expected, currentRevision);
      }
      if (existing == null || current == null) {
        return false;
      }
      AtomicFiles.delete(existing);
      known.remove(ArticleIds.key(id));
      problems.remove(existing);
      return true;
    } finally {
      lock.unlock();
    }
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private void remember(String id, Path file, Revision revision, boolean valid) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      known.put(ArticleIds.key(id), new Known(id, file, revision, a.size(), a.lastModifiedTime().toMillis(),
          a.fileKey(), valid));
    } catch (IOException e) {
      known.put(ArticleIds.key(id), new Known(id, file, revision, -1, -1, null, valid));
    }
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

  /** The revision of a file's bytes: a SHA-256 prefix, so any change of content changes it. */
  static Revision revision(byte[] bytes) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] h = d.digest(bytes);
      return Revision.of(HexFormat.of().formatHex(h, 0, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
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
   * Looks at one path again and reports what changed. Runs on the watcher's thread; the
   * store lock is held while deciding, never while telling the listener.
   */
  void refresh(Path file, int attempt, Watcher w) {
    if (!file.startsWith(root) || !isArticleName(file.getFileName().toString()) || hiddenBelowRoot(file)) {
      return;
    }
    String id = idOf(file);
    if (!ArticleIds.isValid(id)) {
      return;
    }
    String key = ArticleIds.key(id);
    StoreChange change = null;
    lock.lock();
    try {
      Known k = known.get(key);
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        if (k != null && k.path().equals(file)) {
          if (attempt == 0) {
            w.schedule(file, 1); // an editor may be replacing it
            return;
          }
          known.remove(key);
          problems.remove(file);
          change = k.valid() ? StoreChange.deleted(id) : null;
        }
      } else if (!Files.isSymbolicLink(file)) {
        if (k != null && !k.path().equals(file) && Files.exists(k.path(), LinkOption.NOFOLLOW_LINKS)) {
          problems.put(file, collision(file, List.of(file, k.path())));
          return;
        }
        byte[] bytes;
        try {
          bytes = read(file);
        } catch (IOException | BroadsheetException e) {
          bytes = null;
        }
        if (bytes == null) {
          return;
        }
        Revision revision = revision(bytes);
        if (k != null && k.path().equals(file) && k.revision().equals(revision)) {
          remember(id, file, revision, k.valid());
          return;
        }
        ArticleResult r = codec.read(id, source(file), bytes);
        if (r.isValid()) {
          remember(id, file, revision, true);
          problems.remove(file);
          bodies.put(new BodyKey(id, revision), r.article().body());
          change = StoreChange.upsert(new StoredArticle(r.article(), revision));
        } else if (attempt < Watcher.RETRIES) {
          w.schedule(file, attempt + 1); // perhaps caught half-written
          return;
        } else {
          remember(id, file, revision, false);
          problems.put(file, r.problems());
          change = StoreChange.invalid(id, r.problems());
        }
      }
    } finally {
      lock.unlock();
    }
    Consumer<StoreChange> l = listener;
    if (change != null && l != null) {
      l.accept(change);
    }
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
    Set<Path> seen = new java.util.HashSet<>();
    for (Path file : scan()) {
      seen.add(file);
      Known k = known.get(ArticleIds.key(idOf(file)));
      if (k == null || !k.path().equals(file)) {
        out.add(file);
        continue;
      }
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.size() != k.size() || a.lastModifiedTime().toMillis() != k.modified()
            || !Objects.equals(a.fileKey(), k.fileKey())) {
          out.add(file);
        }
      } catch (IOException e) {
        out.add(file);
      }
    }
    for (Known k : known.values()) {
      if (!seen.contains(k.path())) {
        out.add(k.path());
      }
    }
    return out;
  }

  Path realRoot() {
    return root;
  }

  @Override
  public void close() {
    closed = true;
    Watcher w = watcher;
    if (w != null) {
      w.close();
    }
  }

  /** Options for a store; immutable once built. */
  public static final class Builder {
    private final Path root;
    private Set<String> extensions = Set.of("md", "markdown", "txt");
    private String newExtension = "md";
    private ArticleCodec codec = ArticleCodec.builder().build();
    private long bodyCacheBytes = 64L * 1024 * 1024;
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private long maxFileBytes = 16L * 1024 * 1024;
    private Watching watching = Watching.LIVE;
    private Duration rescanInterval = Duration.ofSeconds(10);

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

    /** Most bytes of bodies kept in memory; default 64 MiB. */
    public Builder bodyCacheBytes(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("bodyCacheBytes must be >= 0, was " + value);
      }
      this.bodyCacheBytes = value;
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
     * @throws IOException when the root is not a readable folder
     */
    public FileArticleStore build() throws IOException {
      return new FileArticleStore(this);
    }
  }
}
