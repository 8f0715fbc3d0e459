package dev.broadsheet.fs;

import dev.broadsheet.ArticleIds;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Problem;
import dev.broadsheet.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A content folder as a {@link FileArticleStore} sees it: which files are articles, the id of
 * each, and how a file is read. The store and the command line both go through it, so they
 * agree on every file.
 *
 * <pre>{@code
 * ContentFolder folder = FileArticleStore.builder(Path.of("content")).build().folder();
 * for (ContentFile f : folder.files()) {
 *   if (f.problem() != null) System.err.println(f.problem());   // a name that is no id, a pipe...
 *   else byte[] bytes = folder.read(f.path());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>An article file has one of the store's extensions, is a regular file, and is not hidden
 *       (a name starting with a dot), an editor's backup ({@code name~}) or autosave ({@code
 *       #name#}). Hidden folders, the state folder {@value FileArticleStore#STATE_FOLDER} among
 *       them, are never entered, and symbolic links are never followed.
 *   <li>Its id is its path under the root without the extension, {@code /}-separated; a path
 *       that breaks the rules of {@link ArticleIds} is reported, as are two files whose ids are
 *       the same ignoring case and Unicode normalization.
 *   <li>Something named like an article that is not a regular file (a pipe, a socket, a device)
 *       is reported as skipped and never opened.
 * </ul>
 *
 * <p>Thread-safe. It keeps what it last listed of each folder it looked for an id in, used again
 * while the folder's change time stays the same.
 *
 * @since 0.1.0
 */
public final class ContentFolder {
  /** The longest file or folder name common file systems accept, in UTF-8 bytes. */
  static final int MAX_NAME_BYTES = 255;

  /**
   * The order the walk finds files in: each folder's entries by name ({@link String#compareTo}),
   * a folder's files where its name falls. That is the order of the paths with {@code /} taken
   * as less than every other character; snapshots are written in it so that a load matches
   * both in one pass.
   */
  static final Comparator<String> WALK_ORDER = ContentFolder::walkOrder;

  private final Path root;
  /** Where the path below the root starts in the text of a path under it. */
  private final int rootCut;
  /** The file system's separator when it is not {@code /}, else null. */
  private final @Nullable String otherSeparator;
  private final Map<String, Suffixed> suffixes = new ConcurrentHashMap<>();
  /** The suffix {@link #where} gave last; read and written without a lock, as a record is immutable. */
  private @Nullable Suffixed suffixed;
  private final Path displayRoot;
  private final String displayPrefix;
  private final Set<String> extensions;
  /** Those of {@link #extensions} that are ASCII, for matching names without copying them. */
  private final String[] asciiExtensions;
  private final String newExtension;
  private final long maxFileBytes;

  ContentFolder(Path displayRoot, Path realRoot, Set<String> extensions, String newExtension, long maxFileBytes) {
    this(displayRoot, realRoot, extensions, newExtension, maxFileBytes, LISTED_NAMES);
  }

  ContentFolder(Path displayRoot, Path realRoot, Set<String> extensions, String newExtension, long maxFileBytes,
      int listedNames) {
    this.displayRoot = displayRoot;
    this.root = realRoot;
    String separator = root.getFileSystem().getSeparator();
    String rootText = root.toString();
    this.rootCut = rootText.endsWith(separator) ? rootText.length() : rootText.length() + separator.length();
    this.otherSeparator = separator.equals("/") ? null : separator;
    String shown = displayRoot.toString();
    this.displayPrefix = shown.isEmpty() || shown.endsWith(root.getFileSystem().getSeparator()) ? shown
        : shown + root.getFileSystem().getSeparator();
    this.extensions = Set.copyOf(extensions);
    this.asciiExtensions = extensions.stream().filter(e -> e.chars().allMatch(c -> c < 0x80)).toArray(String[]::new);
    this.newExtension = newExtension;
    this.maxFileBytes = maxFileBytes;
    this.listings = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
        .maximumWeight(listedNames)
        .<Path, Listing>weigher((dir, l) -> l.weight)
        .executor(Runnable::run)
        .<Path, Listing>build()
        .asMap();
  }

  /** The root as given to the store. */
  public Path root() {
    return displayRoot;
  }

  /**
   * The files below a root whose relative path is their id and then one suffix (an extension):
   * such a file is {@code root/id+suffix}, so what is kept of it needs no path of its own.
   */
  record Suffixed(Path root, String suffix) {
    Path file(String id) {
      return root.resolve(id.concat(suffix));
    }
  }

  /**
   * How {@link KnownFiles.Known} keeps where {@code file} is: a shared {@link Suffixed} when its
   * relative path {@code rel} is {@code id} and a suffix, else the path itself.
   */
  Object where(String rel, String id, Path file) {
    if (!rel.startsWith(id)) {
      return file;
    }
    Suffixed s = suffixed;
    if (s != null && s.suffix.length() == rel.length() - id.length() && rel.endsWith(s.suffix)) {
      return s; // the last one asked, nearly always the one
    }
    s = suffixes.computeIfAbsent(rel.substring(id.length()), suffix -> new Suffixed(root, suffix));
    suffixed = s;
    return s;
  }

  /**
   * What is kept of a file's key ({@link BasicFileAttributes#fileKey}, the device and inode on
   * Unix), to tell a file replaced by another of the same size and time: its hash, or -1 where
   * the system gives none. The key itself is an object of 32 bytes per file; its hash is exact
   * for the 32-bit inode numbers of ext4 on one device, and elsewhere two inodes of one hash
   * would also need the same size and modification time to the nanosecond to be mistaken for
   * each other (git keeps 32 bits of the inode for the same purpose).
   */
  static long fileKey(BasicFileAttributes a) {
    Object key = a.fileKey();
    return key == null ? -1 : key.hashCode() & 0xFFFF_FFFFL;
  }

  /** The root with links resolved, as files below it are named. */
  Path realRoot() {
    return root;
  }

  /** The most bytes a file may have to be read. */
  public long maxFileBytes() {
    return maxFileBytes;
  }

  String newExtension() {
    return newExtension;
  }

  /**
   * One file the walk found.
   *
   * @param path the file
   * @param source the file as problems name it: below the root as it was given
   * @param id its id: its path under the root without the extension
   * @param problem why it cannot be an article as it is (its name is no valid id, another file
   *     has the same id, it is not a regular file), or null
   * @since 0.1.0
   */
  public record ContentFile(Path path, String source, String id, @Nullable Problem problem) {}

  /**
   * Every article file under the root, in walk order, each with the problem of its name or kind
   * if it has one; folders that cannot be listed are reported as files with a problem.
   */
  public List<ContentFile> files() throws IOException {
    checkRoot();
    Queue<Problem> failures = new ConcurrentLinkedQueue<>();
    List<Walked> walked = ForkJoinPool.commonPool().invoke(new WalkTask(root, failures, true));
    List<ContentFile> out = new ArrayList<>(walked.size() + failures.size());
    Map<String, List<Path>> collided = collisions(walked);
    for (Walked w : walked) {
      Problem p = null;
      if (w.skipped() != null) {
        p = w.skipped();
      } else if (w.key() == null) {
        p = problem(w.path(), "id", invalidIdMessage(w.id()));
      } else if (collided.containsKey(w.key())) {
        p = collision(w.path(), collided.get(w.key())).get(0);
      }
      out.add(new ContentFile(w.path(), sourceOf(w.rel()), w.id(), p));
    }
    for (Problem f : failures) {
      out.add(new ContentFile(Path.of(f.source()), f.source(), "", f));
    }
    return out;
  }

  /**
   * The one article file of {@code id}, as the store would read it; empty when there is none, or
   * only one spelled otherwise (case, Unicode normalization).
   *
   * @throws InvalidIdException when the id breaks the rules, leads through a symbolic link, or
   *     several files hold it
   */
  public java.util.Optional<Path> fileOf(String id) throws IOException {
    ArticleIds.validate(id);
    return java.util.Optional.ofNullable(locate(id, false));
  }

  /**
   * A file's bytes, read without following a link at its last name, refusing anything that is
   * not a regular file or is larger than {@link #maxFileBytes()}.
   *
   * @throws IOException with a message fit for a problem line ("permission denied", "not a
   *     regular file (a pipe, a socket or a device); skipped")
   */
  public byte[] read(Path file) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new IOException(describe(e), e);
    }
    if (a.isDirectory()) {
      throw new IOException("is a folder, not a file");
    }
    if (!a.isRegularFile()) {
      throw new IOException(notRegular(a));
    }
    try {
      byte[] bytes = read(file, a);
      if (bytes == null) {
        throw new NoSuchFileException(file.toString());
      }
      return bytes;
    } catch (TooLargeException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException(describe(e), e);
    }
  }

  /** What is wrong with an entry named like an article that is not a regular file. */
  static String notRegular(BasicFileAttributes a) {
    return (a.isSymbolicLink() ? "a symbolic link, which is not followed" : "not a regular file (a pipe, a socket or a device)")
        + "; skipped";
  }

  /** An I/O failure in words, without a class name or a stack trace. */
  public static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof java.nio.file.FileSystemLoopException) {
      return "folder links form a loop";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private void checkRoot() throws IOException {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(displayRoot.toString(), null, "the content root is gone");
    }
  }

  // ------------------------------------------------------------------ names and ids

  static boolean isHidden(String name) {
    return isHidden(name, 0);
  }

  /** As {@link #isHidden(String)}, for the name that starts at {@code from} in {@code path}. */
  static boolean isHidden(String path, int from) {
    return path.startsWith(".", from);
  }

  /** Whether a file of this name is read as an article: one of the extensions, not hidden, no backup. */
  public boolean isArticleName(String name) {
    return isArticleName(name, 0);
  }

  /** As {@link #isArticleName(String)}, for the name that starts at {@code from} in {@code path}. */
  private boolean isArticleName(String path, int from) {
    if (isHidden(path, from) || path.endsWith("~") || (path.startsWith("#", from) && path.endsWith("#"))) {
      return false;
    }
    int dot = path.lastIndexOf('.');
    if (dot <= from) {
      return false;
    }
    // Every name of a large folder comes here: an ASCII extension is matched where it stands.
    for (String ext : asciiExtensions) {
      if (path.length() - dot - 1 == ext.length() && asciiLowerMatches(path, dot + 1, ext)) {
        return true;
      }
    }
    for (int i = dot + 1; i < path.length(); i++) {
      if (path.charAt(i) >= 0x80) {
        return extensions.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
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

  /** The id of a file under the root: its path under the root without the extension. */
  public String idOf(Path file) {
    return idOf(relative(file));
  }

  /**
   * The id of the file at {@code rel}, a {@code /}-separated path under the root: the path
   * without its extension ({@code 2026/01/story.md} is {@code 2026/01/story}).
   */
  public static String idOf(String rel) {
    int dot = rel.lastIndexOf('.');
    int slash = rel.lastIndexOf('/');
    return dot > slash + 1 ? rel.substring(0, dot) : rel;
  }

  /**
   * The path under the root of {@code entry}, a path the walk made from the root, {@code
   * /}-separated: from its text, which the path keeps once asked for.
   */
  String relativeText(Path entry) {
    String rel = entry.toString().substring(rootCut);
    return otherSeparator == null ? rel : rel.replace(otherSeparator, "/");
  }

  /** A file's path under the root, {@code /}-separated. */
  String relative(Path file) {
    Path rel = root.relativize(file);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < rel.getNameCount(); i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(rel.getName(i));
    }
    return out.toString();
  }

  private static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  /** A file as problems name it: under the root as given. */
  String source(Path file) {
    return displayRoot.resolve(root.relativize(file)).toString();
  }

  /** {@link #source(Path)} of the file at {@code rel}, without building paths on the way. */
  String sourceOf(String rel) {
    return "/".equals(root.getFileSystem().getSeparator()) ? displayPrefix + rel : source(root.resolve(rel));
  }

  Problem problem(Path file, @Nullable String field, String message) {
    return new Problem(source(file), 0, 0, field, message, Severity.ERROR, "file");
  }

  List<Problem> collision(Path file, List<Path> same) {
    return List.of(new Problem(source(file), 0, 0, null, collisionMessage(file, same), Severity.ERROR, "id-collision"));
  }

  String collisionMessage(Path file, List<Path> same) {
    List<String> others = new ArrayList<>();
    for (Path p : same) {
      if (!p.equals(file)) {
        others.add(source(p));
      }
    }
    return "id collision: " + source(file) + " and " + String.join(", ", others)
        + " map to the same id ignoring case and Unicode normalization; neither is loaded";
  }

  static String invalidIdMessage(String id) {
    try {
      ArticleIds.validate(id);
      return "";
    } catch (InvalidIdException e) {
      return "the file's path is not a valid id: " + e.getMessage();
    }
  }

  /** The id keys that several of {@code files} share, each with its files in name order. */
  static Map<String, List<Path>> collisions(List<Walked> files) {
    Map<String, Walked> byKey = new HashMap<>(files.size() * 4 / 3 + 16);
    Map<String, List<Path>> collided = new HashMap<>();
    for (Walked w : files) {
      if (w.key() == null || w.skipped() != null) {
        continue;
      }
      Walked first = byKey.putIfAbsent(w.key(), w);
      if (first != null) {
        collided.computeIfAbsent(w.key(), k -> new ArrayList<>(List.of(first.path()))).add(w.path());
      }
    }
    for (Map.Entry<String, List<Path>> c : collided.entrySet()) {
      List<Path> same = new ArrayList<>(c.getValue());
      Collections.sort(same);
      c.setValue(List.copyOf(same));
    }
    return collided;
  }

  private static int walkOrder(String x, String y) {
    int n = Math.min(x.length(), y.length());
    for (int i = 0; i < n; i++) {
      char a = x.charAt(i);
      char b = y.charAt(i);
      if (a != b) {
        return a == '/' ? -1 : b == '/' ? 1 : a - b;
      }
    }
    return x.length() - y.length();
  }

  // ------------------------------------------------------------------ the walk

  /**
   * An article file the walk found, with what a load needs of the attributes it read: kept as
   * numbers, not as the attributes object (a hundred bytes apiece, and a new time and file key
   * object at each question asked of it).
   *
   * @param rel the path under the root, {@code /}-separated
   * @param key the id's key, or null when the path is no valid id
   * @param modified the modification time, nanoseconds since the epoch
   * @param fileKey as {@link #fileKey(BasicFileAttributes)}
   * @param skipped why it is not read, when it is named like an article but is no regular file
   */
  record Walked(Path path, String rel, String id, @Nullable String key, long size, long modified, long fileKey,
      @Nullable Problem skipped) {}

  /**
   * A folder's entry and its path under the root: taken from the entry's whole path as text,
   * which the entry keeps, rather than from a path object made for its last name. Entries of one
   * folder sort by their names; {@code key} holds the first eight characters of the name as
   * bytes (0 when one of them is beyond Latin-1), so that most comparisons of two names are one
   * comparison of two numbers rather than of the folder's path again and then the names.
   */
  private record Named(String rel, Path path, long key) implements Comparable<Named> {
    static Named of(String rel, Path path, int nameAt) {
      long key = walkPrefix(rel, nameAt);
      return new Named(rel, path, key == WIDE ? 0 : key); // no name is empty: no other key is 0
    }

    /** The order of {@code rel}: of the names, as both are in one folder. */
    @Override
    public int compareTo(Named o) {
      return key != o.key && key != 0 && o.key != 0 ? Long.compareUnsigned(key, o.key) : rel.compareTo(o.rel);
    }
  }

  /** What {@link #walkPrefix} gives for characters it cannot hold. */
  static final long WIDE = Long.MIN_VALUE;

  /**
   * The eight characters of {@code path} from {@code from} as the bytes of a number, {@code /} as
   * 0 and the characters past the end as 0, or {@link #WIDE} when one is beyond Latin-1. Two
   * paths whose numbers differ (neither {@code WIDE}, both taken from the same place) are in
   * {@link #WALK_ORDER} as the numbers are, compared unsigned: their first differing character
   * decides in both, {@code /} below every other and an end below all. A number that is {@code
   * WIDE} by chance only sends a comparison to the paths themselves.
   */
  static long walkPrefix(String path, int from) {
    int n = Math.min(8, Math.max(0, path.length() - from));
    long key = 0;
    for (int i = 0; i < 8; i++) {
      int c = i < n ? path.charAt(from + i) : 0;
      if (c > 0xFF) {
        return WIDE;
      }
      key = (key << 8) | (c == '/' ? 0 : c);
    }
    return key;
  }

  /**
   * Lists one folder and looks at each entry once: every article file is reported with the
   * attributes read here, so nothing is looked at twice. Sub-folders, and the entries of a large
   * folder in slices, are forked when run in a pool; run outside one, it walks in this thread.
   * Files come in {@link #WALK_ORDER} whatever the threads do.
   */
  final class WalkTask extends RecursiveTask<List<Walked>> {
    private static final long serialVersionUID = 1L;
    /** Passed to every attribute read of the walk, rather than a new array each time. */
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final int SLICE = 256;
    private final transient Path dir;
    private final transient @Nullable Queue<Problem> failures;
    private final boolean parallel;
    private final transient @Nullable List<Named> entries;
    private final int from;
    private final int to;
    private final transient @Nullable Consumer<Path> eachFolder;

    /** A walk of {@code dir}, the root or a folder below it. */
    WalkTask(Path dir, @Nullable Queue<Problem> failures, boolean parallel) {
      this(dir, failures, parallel, null, 0, 0, null);
    }

    /** As {@link #WalkTask(Path, Queue, boolean)}; each folder is given to {@code eachFolder} before it is listed. */
    WalkTask(Path dir, @Nullable Queue<Problem> failures, boolean parallel, @Nullable Consumer<Path> eachFolder) {
      this(dir, failures, parallel, null, 0, 0, eachFolder);
    }

    private WalkTask(Path dir, @Nullable Queue<Problem> failures, boolean parallel, @Nullable List<Named> entries,
        int from, int to, @Nullable Consumer<Path> eachFolder) {
      this.dir = dir;
      this.failures = failures;
      this.parallel = parallel;
      this.entries = entries;
      this.from = from;
      this.to = to;
      this.eachFolder = eachFolder;
    }

    @Override
    protected List<Walked> compute() {
      List<Named> list = entries;
      if (list != null) {
        return visit(list, from, to);
      }
      if (eachFolder != null) {
        eachFolder.accept(dir);
      }
      list = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
        for (Path entry : stream) {
          // Each entry is this folder and its name: its text after the root's is its path below
          // the root, one string made where the name alone took a path object and two strings.
          String rel = relativeText(entry);
          int nameAt = rel.lastIndexOf('/') + 1;
          // Hidden folders (the state folder among them) are skipped; hidden files are no articles.
          if (!isHidden(rel, nameAt)) {
            list.add(Named.of(rel, entry, nameAt));
          }
        }
      } catch (NoSuchFileException | NotDirectoryException e) {
        return List.of(); // gone while we looked
      } catch (IOException e) {
        fail(dir, e);
        return List.of();
      }
      list.sort(null); // by name
      if (!parallel || list.size() <= SLICE) {
        return visit(list, 0, list.size());
      }
      List<WalkTask> slices = new ArrayList<>();
      for (int i = 0; i < list.size(); i += SLICE) {
        slices.add(new WalkTask(dir, failures, true, list, i, Math.min(list.size(), i + SLICE), eachFolder));
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
          a = Files.readAttributes(entry.path(), BasicFileAttributes.class, NO_FOLLOW);
        } catch (NoSuchFileException e) {
          continue;
        } catch (IOException e) {
          fail(entry.path(), e);
          continue;
        }
        String rel = entry.rel();
        if (a.isDirectory()) {
          WalkTask t = new WalkTask(entry.path(), failures, parallel, eachFolder);
          folders.add(t);
          parts.add(t);
        } else if (isArticleName(rel, rel.lastIndexOf('/') + 1)) {
          // Without following links a link (to a file or a folder) is neither a regular file
          // nor a folder, so nothing a link points to is ever read; a pipe is never opened.
          String id = idOf(rel);
          Problem skipped = a.isRegularFile() ? null
              : new Problem(source(entry.path()), 0, 0, null, notRegular(a), Severity.WARNING, "not-a-file");
          parts.add(new Walked(entry.path(), rel, id, ArticleIds.keyIfValid(id), a.size(),
              nanos(a.lastModifiedTime()), fileKey(a), skipped));
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
        failures.add(problem(p, null, "cannot read: " + describe(e)));
      }
    }
  }

  /**
   * Every article file under the root, walked in this thread, giving each folder it walks (the
   * root first, hidden ones never) to {@code eachFolder} before listing it: what is made in a folder after that call is either in
   * the listing or after it. A folder that cannot be listed, or an entry whose attributes
   * cannot be read, is reported to {@code failures}.
   */
  List<Walked> scan(@Nullable Consumer<Path> eachFolder, @Nullable Queue<Problem> failures) throws IOException {
    checkRoot();
    return new WalkTask(root, failures, false, eachFolder).compute();
  }

  boolean hiddenBelowRoot(Path file) {
    Path rel = root.relativize(file);
    for (int i = 0; i < rel.getNameCount(); i++) {
      if (isHidden(rel.getName(i).toString())) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ finding the file of an id

  /** Files and links found for an id key, and temporary files left in its folders. */
  record Found(List<Path> files, List<Path> links, List<Path> temporaries) {}

  /**
   * Every article file whose id has the key of {@code id}, found by listing the folders on the
   * way rather than by opening a path built from the id, so case and normalization variants and
   * symbolic links are all seen. Links are reported, never followed.
   */
  Found find(String id) throws IOException {
    String[] segments = id.split("/");
    List<Path> dirs = List.of(root);
    List<Path> files = new ArrayList<>();
    List<Path> links = new ArrayList<>();
    List<Path> temporaries = new ArrayList<>();
    for (int i = 0; i < segments.length && !dirs.isEmpty(); i++) {
      boolean last = i == segments.length - 1;
      String want = ArticleIds.key(segments[i]);
      List<Path> next = new ArrayList<>();
      for (Path dir : dirs) {
        Listing listing = listing(dir);
        if (listing == null) {
          continue; // gone while we looked
        }
        if (last) {
          for (String name : listing.temporaries) {
            temporaries.add(dir.resolve(name));
          }
        }
        for (String name : (last ? listing.files : listing.folders).getOrDefault(want, List.of())) {
          Path entry = dir.resolve(name);
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
      }
      dirs = next;
    }
    Collections.sort(files);
    return new Found(files, links, temporaries);
  }

  // ------------------------------------------------------------------ folders listed once

  /**
   * A folder's entries by key as {@link #find} matches them, and its temporary files, with the
   * folder's attributes read just before it was listed. A folder gains, loses or renames an
   * entry only by changing its change time (which, unlike its modification time, no one can set
   * back), so a listing is used again while those attributes are the same, and a write into a
   * folder of many thousand files does not list them all each time (copying 10,000 articles
   * into one folder listed 50 million entries). A writer of this store updates the listing of
   * the folder it wrote into, under the store's write lock, and every writer counts its writes
   * in the lock files, so a store forgets its listings when another wrote since (see {@code
   * FileWrites}). What a process that takes no lock (an editor, a copy) does to the folder right
   * after a write of this store, within one tick of the file system's clock, can go unseen until
   * the folder changes again, as a file it adds while the store lists the folder can: the next
   * load and the watcher see it, and two files that then share a key are reported as a
   * collision, both kept.
   */
  private static final class Listing {
    /** Null while a writer changes it: a reader then lists the folder itself. */
    volatile @Nullable Stamp stamp;
    final Map<String, List<String>> files = new ConcurrentHashMap<>();
    final Map<String, List<String>> folders = new ConcurrentHashMap<>();
    final List<String> temporaries = new ArrayList<>();
    /** The names it held when listed, for the bound on what is kept ({@link #LISTED_NAMES}). */
    int weight;

    Listing(@Nullable Stamp stamp) {
      this.stamp = stamp;
    }
  }

  /** What a folder's listing is kept against: its change and modification times and its identity. */
  private record Stamp(long ctime, long mtime, long ino, long dev) {}

  /**
   * The names the kept listings may hold in all (a file counts twice), about 100 bytes each: the
   * folders written or looked in most recently are kept, and a folder of more names than this
   * is listed each time, as every folder was before listings were kept.
   */
  static final int LISTED_NAMES = 250_000;

  private final Map<Path, Listing> listings;
  /** How many times a folder was listed to find an id, for tests. */
  private final java.util.concurrent.atomic.AtomicLong listed = new java.util.concurrent.atomic.AtomicLong();
  /** False once the system is found to have no change times to read: every find then lists. */
  private volatile boolean stamps = true;

  /** The folder's stamp; null when it is gone, is no folder, or the system keeps no change time. */
  private @Nullable Stamp stamp(Path dir) throws IOException {
    if (!stamps) {
      return null;
    }
    Map<String, Object> a;
    try {
      a = Files.readAttributes(dir, "unix:ctime,lastModifiedTime,ino,dev,isDirectory", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      stamps = false;
      return null;
    } catch (NoSuchFileException e) {
      return null;
    }
    if (!Boolean.TRUE.equals(a.get("isDirectory")) || !(a.get("ctime") instanceof FileTime c)
        || !(a.get("lastModifiedTime") instanceof FileTime m) || !(a.get("ino") instanceof Long ino)
        || !(a.get("dev") instanceof Long dev)) {
      return null;
    }
    return new Stamp(nanos(c), nanos(m), ino, dev);
  }

  /** What {@code dir} holds: listed again unless its stamp is the one of the listing kept. */
  private @Nullable Listing listing(Path dir) throws IOException {
    Stamp stamp = stamp(dir);
    Listing kept = listings.get(dir);
    if (stamp != null && kept != null && stamp.equals(kept.stamp)) {
      return kept;
    }
    Listing fresh = new Listing(stamp);
    listed.incrementAndGet();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (dev.broadsheet.fs.internal.AtomicFiles.isTemp(name)) {
          fresh.temporaries.add(name);
        } else {
          add(fresh, name);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      listings.remove(dir);
      return null;
    }
    fresh.weight = fresh.folders.size() + fresh.files.size() + fresh.temporaries.size() + 1;
    if (stamp != null) {
      listings.put(dir, fresh);
    }
    return fresh;
  }

  /** Forgets every listing kept: another store wrote into the folder (see {@code FileWrites}). */
  void forgetListings() {
    listings.clear();
  }

  /** How many times a folder was listed to find an id. */
  long folderListings() {
    return listed.get();
  }

  private void add(Listing l, String name) {
    if (isHidden(name)) {
      return;
    }
    l.folders.merge(ArticleIds.key(name), List.of(name), ContentFolder::plus);
    if (isArticleName(name)) {
      l.files.merge(ArticleIds.key(stem(name)), List.of(name), ContentFolder::plus);
    }
  }

  private void remove(Listing l, String name) {
    l.folders.computeIfPresent(ArticleIds.key(name), (k, names) -> minus(names, name));
    if (isArticleName(name)) {
      l.files.computeIfPresent(ArticleIds.key(stem(name)), (k, names) -> minus(names, name));
    }
  }

  private static List<String> plus(List<String> names, List<String> more) {
    List<String> out = new ArrayList<>(names);
    for (String n : more) {
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    return List.copyOf(out);
  }

  private static @Nullable List<String> minus(List<String> names, String name) {
    List<String> out = new ArrayList<>(names);
    out.remove(name);
    return out.isEmpty() ? null : List.copyOf(out);
  }

  /**
   * Tells the listing of {@code file}'s folder that this store just made or replaced ({@code
   * present}) or removed it. Under the store's write lock, after the change.
   */
  void changed(Path file, boolean present) throws IOException {
    Path dir = file.getParent();
    Listing kept = dir == null ? null : listings.get(dir);
    if (kept == null) {
      return;
    }
    if (!kept.temporaries.isEmpty()) {
      listings.remove(dir, kept); // some may have gone with the write: listed afresh next time
      return;
    }
    kept.stamp = null;
    String name = file.getFileName().toString();
    if (present) {
      add(kept, name);
    } else {
      remove(kept, name);
    }
    Stamp stamp = stamp(dir);
    if (stamp == null) {
      listings.remove(dir, kept);
    } else {
      kept.stamp = stamp;
    }
  }

  /**
   * The one file holding {@code id} in {@code found}, or null when there is none.
   *
   * @param spelledAs whether a file holding the id in another spelling (case, normalization)
   *     is refused (for writes) rather than treated as absent (for reads)
   * @throws InvalidIdException when the id leads through a symbolic link or two files hold it
   */
  @Nullable Path locate(String id, boolean spelledAs, Found found) {
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

  /** As {@link #locate(String, boolean, Found)}, finding first. */
  @Nullable Path locate(String id, boolean spelledAs) throws IOException {
    return locate(id, spelledAs, find(id));
  }

  /** Refuses an id that breaks the rules or whose file name no file system would hold. */
  void validateForWrite(String id) {
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

  /** Where a new article with {@code id} is written. */
  Path newFile(String id) {
    return root.resolve(id + "." + newExtension);
  }

  /**
   * Checks that no existing folder or file on the way from the root to {@code p} is a
   * symbolic link, so a write cannot land outside the root.
   */
  Path checkNoLinks(String id, Path p) {
    return checkNoLinks(id, p, 0);
  }

  /**
   * As {@link #checkNoLinks}, for the folders on the way only: for a read, which looks at the
   * file itself without following a link at its name and opens nothing but a regular file
   * ({@link #readOrNull}), so one more look at the name would only repeat that.
   */
  Path checkNoLinkedFolders(String id, Path p) {
    return checkNoLinks(id, p, 1);
  }

  private Path checkNoLinks(String id, Path p, int lastNamesLeft) {
    if (!p.normalize().startsWith(root)) {
      throw new InvalidIdException(id, "it leads outside the content root");
    }
    Path walk = root;
    Path rel = root.relativize(p);
    for (int i = 0; i < rel.getNameCount() - lastNamesLeft; i++) {
      walk = walk.resolve(rel.getName(i));
      if (Files.isSymbolicLink(walk)) {
        throw new InvalidIdException(id, "it leads through the symbolic link " + source(walk)
            + ", which could reach outside the content root; links are not followed");
      }
    }
    return p;
  }

  // ------------------------------------------------------------------ reading

  /** A file larger than the store reads. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long max) {
      super("the file is larger than " + max + " bytes (" + (max >> 20) + " MiB); it was not read");
    }
  }

  /** A file's bytes and the attributes read just before them. */
  record FileRead(byte[] bytes, BasicFileAttributes attrs) {}

  /** A file's bytes, or null when it is gone or is not a regular file. */
  byte @Nullable [] readOrNull(Path file) throws IOException {
    FileRead r = readFile(file);
    return r == null ? null : r.bytes();
  }

  /** As {@link #readOrNull(Path)}, with the attributes read before the bytes. */
  @Nullable FileRead readFile(Path file) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      byte[] bytes = read(file, a);
      return bytes == null ? null : new FileRead(bytes, a);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Reads a file whose attributes were just read; null if it is not a regular file or is gone.
   * The last name is opened without following a link, and nothing that is not a regular file
   * (a pipe, a device) is opened.
   */
  byte @Nullable [] read(Path file, BasicFileAttributes a) throws IOException {
    return a.isRegularFile() ? read(file, a.size()) : null;
  }

  /** As {@link #read(Path, BasicFileAttributes)}, for a regular file whose size was {@code size}. */
  byte @Nullable [] read(Path file, long size) throws IOException {
    try {
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        if (size <= maxFileBytes) {
          // The usual case: the size is known, so read into one array of that size.
          byte[] exact = new byte[(int) size];
          int n = in.readNBytes(exact, 0, exact.length);
          if (n < exact.length) {
            return Arrays.copyOf(exact, n);
          }
          int more = in.read();
          if (more < 0) {
            return exact;
          }
          // It grew since its size was read: read what is there now.
          byte[] rest = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes - exact.length));
          byte[] all = Arrays.copyOf(exact, exact.length + 1 + rest.length);
          all[exact.length] = (byte) more;
          System.arraycopy(rest, 0, all, exact.length + 1, rest.length);
          if (all.length > maxFileBytes) {
            throw new TooLargeException(maxFileBytes);
          }
          return all;
        }
        throw new TooLargeException(maxFileBytes);
      }
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** A file time in nanoseconds since the epoch, saturated far outside 1677..2262. */
  static long nanos(FileTime t) {
    return t.to(TimeUnit.NANOSECONDS);
  }
}
