package dev.broadsheet.fs;

import dev.broadsheet.ArticleIds;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.ContentFolder.FileRead;
import dev.broadsheet.fs.ContentFolder.TooLargeException;
import dev.broadsheet.fs.ContentFolder.Walked;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.StoreChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What a store knows of the files under its root: the one file of each id, the ids several files
 * collide on, the problems of what cannot be served, and what a second look at a file tells
 * (for the watcher). Guarded by one lock per root in this JVM, which writers hold too.
 */
final class KnownFiles {
  /** One lock per content root in this JVM: the file lock of writers only excludes other processes. */
  private static final Map<Path, ReentrantLock> ROOT_LOCKS = new ConcurrentHashMap<>();

  /**
   * What the store last saw of a file.
   *
   * @param where the file's path, or (for nearly every file, which is named after its id) a
   *     {@link ContentFolder.Suffixed} shared by all such files with the same extension: a path
   *     kept for each of a million files would hold 130 bytes apiece that its id and a suffix
   *     already say
   * @param modified the modification time, nanoseconds since the epoch
   * @param meta the partial article (see {@link ArticleStore#partial}) with its revision, the
   *     one handed to the repository (from the snapshot, decoded when first asked for), when
   *     the file is valid without any problem and {@code size}, {@code modified} and {@code
   *     fileKey} were read before the bytes it comes from; else null
   * @param pending whether this store wrote the file and its metadata is still to be read back
   * @param checkedAt when the attributes were read, nanoseconds since the epoch
   */
  record Known(String id, Object where, Revision revision, long size, long modified, long fileKey,
      boolean valid, @Nullable StoredArticle meta, boolean pending, long checkedAt) {

    /** The file: {@code where} itself, or made from the id where {@code where} is a suffix. */
    Path path() {
      return path(id, where);
    }

    /** The file of {@code id} kept as {@code where}, as {@link #path()}. */
    static Path path(String id, Object where) {
      return where instanceof Path p ? p : ((ContentFolder.Suffixed) where).file(id);
    }

    /** Whether the file is {@code rel} under the root of {@code folder}; no path made for it. */
    boolean isAt(String rel, ContentFolder folder) {
      if (where instanceof ContentFolder.Suffixed s) {
        String suffix = s.suffix();
        return rel.length() == id.length() + suffix.length() && rel.startsWith(id) && rel.endsWith(suffix);
      }
      return folder.relative((Path) where).equals(rel);
    }

    /** The file's path under the root of {@code folder}, {@code /}-separated; no path made for it. */
    String relative(ContentFolder folder) {
      return where instanceof ContentFolder.Suffixed s ? id.concat(s.suffix()) : folder.relative(path());
    }

    boolean sameFile(BasicFileAttributes a) {
      return sameFile(a.size(), ContentFolder.nanos(a.lastModifiedTime()), ContentFolder.fileKey(a));
    }

    /** As {@link #sameFile(BasicFileAttributes)}, for attributes the walk kept (see {@link Walked}). */
    boolean sameFile(long size, long modified, long fileKey) {
      return size == this.size && modified == this.modified && fileKey == this.fileKey;
    }
  }

  private final FileArticleStore store;
  private final ContentFolder folder;
  private final ArticleCodec codec;
  /** Guards known and collisions, and serializes writers of this root within the JVM. */
  final ReentrantLock lock;
  /** By id key: the one file holding that article, valid or not. */
  private volatile Map<String, Known> known = new ConcurrentHashMap<>();
  /** By id key: files that map to one id ignoring case and normalization; none of them is loaded. */
  private final Map<String, List<Path>> collisions = new ConcurrentHashMap<>();
  /** Problems of what cannot be served now, by id key; files whose name is no id under "". */
  private final Map<String, List<Problem>> problems = new ConcurrentHashMap<>();
  /** Counts this JVM's writes, so a watcher can tell it raced one while telling the listener. */
  final AtomicLong writes = new AtomicLong();

  KnownFiles(FileArticleStore store, ContentFolder folder, ArticleCodec codec) {
    this.store = store;
    this.folder = folder;
    this.codec = codec;
    this.lock = ROOT_LOCKS.computeIfAbsent(folder.realRoot(), r -> new ReentrantLock());
  }

  /** Every problem, sorted by file and position. */
  List<Problem> problems() {
    List<Problem> all = new ArrayList<>();
    problems.values().forEach(all::addAll);
    all.sort(Comparator.comparing(Problem::source).thenComparingInt(Problem::line).thenComparingInt(Problem::column));
    return all;
  }

  @Nullable Known get(String key) {
    return known.get(key);
  }

  boolean collides(String key) {
    return collisions.containsKey(key);
  }

  /** Every file known now. */
  Collection<Known> all() {
    return known.values();
  }

  /** Replaces what is known of a file, unless it changed meanwhile. */
  boolean replace(Known old, Known updated) {
    return known.replace(ArticleIds.key(old.id()), old, updated);
  }

  /**
   * Takes what a whole load found, under the lock: the files by id key, the collisions, and the
   * problems by id key ("" for files that have no id).
   */
  void install(Map<String, Known> fresh, Map<String, List<Path>> collided, Map<String, List<Problem>> byKey) {
    lock.lock();
    try {
      known = fresh;
      collisions.clear();
      collisions.putAll(collided);
      problems.clear();
      byKey.forEach((k, v) -> {
        if (!v.isEmpty()) {
          problems.put(k, List.copyOf(v));
        }
      });
    } finally {
      lock.unlock();
    }
  }

  /**
   * Remembers a file this store just wrote, under the lock. Its attributes are read after the
   * write, so they vouch for nothing: the snapshot reads the file back before it keeps it.
   */
  void written(String id, Path file, Revision revision) {
    String key = ArticleIds.key(id);
    collisions.remove(key);
    problems.remove(key);
    long checkedAt = store.now();
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      known.put(key, new Known(id, file, revision, a.size(), ContentFolder.nanos(a.lastModifiedTime()),
          ContentFolder.fileKey(a), true, null, true, checkedAt));
    } catch (IOException e) {
      known.put(key, new Known(id, file, revision, -1, -1, -1, true, null, true, checkedAt));
    }
    writes.incrementAndGet();
  }

  /** Forgets the file of an id this store just deleted, under the lock. */
  void deleted(String id) {
    String key = ArticleIds.key(id);
    known.remove(key);
    problems.remove(key);
    writes.incrementAndGet();
  }

  /** What to remember of a file read after its attributes {@code a} were, at {@code checkedAt}. */
  static Known known(String id, Object where, Revision revision, BasicFileAttributes a, ArticleResult r,
      @Nullable StoredArticle part, long checkedAt) {
    return known(id, where, revision, a.size(), ContentFolder.nanos(a.lastModifiedTime()), ContentFolder.fileKey(a),
        r, part, checkedAt);
  }

  /** As the other, with the attributes as the walk keeps them (see {@link Walked}). */
  static Known known(String id, Object where, Revision revision, long size, long modified, long fileKey,
      ArticleResult r, @Nullable StoredArticle part, long checkedAt) {
    StoredArticle meta = !r.isValid() || !r.problems().isEmpty() ? null
        : part != null ? part : new StoredArticle(ArticleStore.partial(r.article()), revision);
    return new Known(id, where, revision, size, modified, fileKey, r.isValid(), meta, false, checkedAt);
  }

  // ------------------------------------------------------------------ a second look

  /**
   * What changed for the id of {@code file}, bringing what is known up to date. Under the lock.
   *
   * @param attempt how many times this file was looked at before; a file that is gone or
   *     invalid on a first look is looked at again later (an editor may be replacing it), by
   *     {@code w}; with {@link Watcher#RETRIES}, what is seen now is final and {@code w} unused
   * @param force whether to report the state even when it seems known (a write of this JVM may
   *     have slipped in between deciding and telling)
   */
  List<StoreChange> decide(Path file, int attempt, @Nullable Watcher w, boolean force) throws IOException {
    Path root = folder.realRoot();
    if (!file.startsWith(root) || file.equals(root) || !folder.isArticleName(file.getFileName().toString())
        || folder.hiddenBelowRoot(file)) {
      return List.of();
    }
    String id = folder.idOf(file);
    if (!ArticleIds.isValid(id)) {
      return List.of();
    }
    String key = ArticleIds.key(id);
    List<Path> files = folder.find(id).files();
    Known k = known.get(key);
    List<Path> collided = collisions.get(key);
    if (files.isEmpty()) {
      if (k == null && collided == null) {
        return force ? List.of(StoreChange.deleted(id)) : List.of();
      }
      if (attempt == 0 && w != null) {
        w.schedule(file, 1); // an editor may be replacing it
        return List.of();
      }
      known.remove(key);
      collisions.remove(key);
      problems.remove(key);
      store.changed();
      return k != null && k.valid() ? List.of(StoreChange.deleted(k.id())) : List.of();
    }
    if (files.size() > 1) {
      if (!force && files.equals(collided)) {
        return List.of();
      }
      known.remove(key);
      store.changed();
      collisions.put(key, List.copyOf(files));
      List<Problem> found = new ArrayList<>();
      for (Path f : files) {
        found.addAll(folder.collision(f, files));
      }
      problems.put(key, List.copyOf(found));
      return List.of(StoreChange.invalid(k != null ? k.id() : folder.idOf(files.get(0)), found));
    }
    Path f = files.get(0);
    String fid = folder.idOf(f);
    long checkedAt = store.now();
    FileRead read;
    try {
      read = folder.readFile(f);
    } catch (TooLargeException e) {
      read = null;
    }
    if (read == null) {
      if (attempt < Watcher.RETRIES && w != null) {
        w.schedule(f, attempt + 1);
      }
      return List.of();
    }
    byte[] bytes = read.bytes();
    BasicFileAttributes attrs = read.attrs();
    Revision revision = FileArticleStore.revision(bytes);
    if (!force && collided == null && k != null && k.path().equals(f) && k.revision().equals(revision)) {
      // Same content: only the file's times changed.
      if (!k.sameFile(attrs)) {
        known.put(key, new Known(fid, f, revision, attrs.size(), ContentFolder.nanos(attrs.lastModifiedTime()),
            ContentFolder.fileKey(attrs), k.valid(), k.meta(), k.pending(), checkedAt));
        store.changed();
      }
      return List.of();
    }
    ArticleResult r = codec.read(fid, folder.source(f), bytes);
    if (!r.isValid() && attempt < Watcher.RETRIES && w != null) {
      w.schedule(f, attempt + 1); // perhaps caught half-written
      return List.of();
    }
    collisions.remove(key);
    List<StoreChange> out = new ArrayList<>(2);
    if (k != null && !k.id().equals(fid) && k.valid()) {
      out.add(StoreChange.deleted(k.id())); // renamed to another spelling of the same id
    }
    known.put(key, known(fid, f, revision, attrs, r, null, checkedAt));
    store.changed();
    if (r.isValid()) {
      problems.remove(key);
      StoredArticle now = new StoredArticle(r.article(), revision);
      store.cache(now, bytes.length);
      out.add(StoreChange.upsert(now));
    } else {
      problems.put(key, List.copyOf(r.problems()));
      out.add(StoreChange.invalid(fid, r.problems()));
    }
    return out;
  }

  /**
   * What is known of the article file of {@code id} now, checked with one look at its
   * attributes: the entry when the file is where it was with the same size, time and identity,
   * and was last modified well before the store read it (a file changed again within one tick of
   * the file system's clock keeps its size and time; see {@link Snapshots#RACY_NANOS}); null
   * when it is not known, changed since, or too recent to tell.
   */
  @Nullable Known current(String id) {
    return current(id, true);
  }

  /**
   * As {@link #current(String)}; without {@code look}, the entry as known, with no look at the
   * file: for a caller that a prompt watcher tells of every change.
   */
  @Nullable Known current(String id, boolean look) {
    String key = ArticleIds.key(id);
    Known k = known.get(key);
    if (k == null || !k.id().equals(id) || collisions.containsKey(key)
        || Snapshots.racy(k.modified(), k.checkedAt())) {
      return null;
    }
    if (!look) {
      return k;
    }
    try {
      BasicFileAttributes a = Files.readAttributes(k.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isRegularFile() && k.sameFile(a) ? k : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Every file worth a fresh look: changed size, time or identity, new, or gone. Each folder
   * walked is given to {@code eachFolder} before it is listed; what cannot be read on the way
   * goes to {@code failures}.
   */
  List<Path> changedSinceLastLook(@Nullable Consumer<Path> eachFolder, @Nullable Queue<Problem> failures)
      throws IOException {
    List<Path> out = new ArrayList<>();
    List<Walked> walked = folder.scan(eachFolder, failures);
    Map<String, Known> now = known;
    // The known files found where the store knows them, by identity; any other the store knows
    // is gone (or was replaced meanwhile, and is looked at again). No path is made for a known
    // file, nor a set of every path walked: with them a rescan of 100,000 files took 0.70-0.82 s
    // of a processor, now 0.50-0.57 s (the walk is most of the rest).
    Set<Known> found = Collections.newSetFromMap(new IdentityHashMap<>(now.size() + 16));
    for (Walked w : walked) {
      String key = w.key();
      if (key == null || w.skipped() != null) {
        continue;
      }
      List<Path> collided = collisions.get(key);
      if (collided != null) {
        if (!collided.contains(w.path())) {
          out.add(w.path());
        }
        continue;
      }
      Known k = now.get(key);
      // The path compared only when the text differs: where names differ in case alone, the
      // system may take them for one file.
      if (k != null && (k.isAt(w.rel(), folder) || k.path().equals(w.path()))) {
        found.add(k);
        if (!k.sameFile(w.size(), w.modified(), w.fileKey())) {
          out.add(w.path());
        }
      } else {
        out.add(w.path());
      }
    }
    for (Known k : now.values()) {
      if (!found.contains(k)) {
        out.add(k.path());
      }
    }
    if (!collisions.isEmpty()) {
      Set<Path> seen = new HashSet<>();
      for (Walked w : walked) {
        seen.add(w.path());
      }
      for (List<Path> collided : collisions.values()) {
        for (Path p : collided) {
          if (!seen.contains(p)) {
            out.add(p);
          }
        }
      }
    }
    return out;
  }
}
