package dev.broadsheet.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.ChangePage;
import dev.broadsheet.Facets;
import dev.broadsheet.Page;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.SyncToken;
import dev.broadsheet.Visibility;
import dev.broadsheet.internal.FacetCounter;
import dev.broadsheet.internal.Instants;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Writes what the public sees of a repository as static JSON files, for hosting on a CDN or any
 * static file server: the same content the HTTP server answers, without a server.
 *
 * <pre>{@code
 * StaticExport export = StaticExport.builder().pageSize(20).build();
 * StaticExport.Result r = export.write(repository, Path.of("public/api"));
 * // r.articles() == 1234, r.files() == 1890; public/api/index.json lists everything
 * }</pre>
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * index.json                      every article (id, revision, dates, path), the feeds, the facets
 * facets.json                     counts of every category, tag, sentiment, language and source
 * articles/{id}.json              one article with its body and revision (ids hold slashes:
 *                                 articles/2026/01/harbour-pier.json)
 * feed/page-1.json ...            every article, in the default order (sticky first, then newest)
 * category/{key}/page-1.json ...  the articles of one category, same order
 * tag/{key}/page-1.json ...       the articles carrying one tag, same order
 * </pre>
 *
 * <p>A page is {@code {"items": [...], "total": 42, "page": 1, "pages": 3, "next":
 * "feed/page-2.json", "previous": null}}: items without their bodies, as in {@link
 * BroadsheetModule.Bodies#OMIT}; {@code next} and {@code previous} are paths relative to the
 * export's root, {@code null} at either end. A feed always has a first page, empty when nothing
 * matches. Category and tag {@code key}s are the values' query keys made safe as folder names
 * (lower case; bytes other than {@code a-z 0-9 - _} as {@code ~} and two hex digits: {@code
 * c~2b~2b} for "C++"); index.json gives each key with its value, so clients need not compute
 * them. Values that differ only in case share one feed. Clients percent-encode each segment of
 * an article's path as they would any URL path.
 *
 * <p>{@code facets.json} is {@link Facets} as {@link BroadsheetModule} writes it, with every tag
 * rather than the top ones; where articles spell a value differently (BUSINESS, Business), the
 * most frequent spelling labels it, ties going to the first in code-point order.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Drafts, scheduled and expired articles are left out, as of the {@linkplain
 *       Builder#clock clock}'s instant: exported files hold nothing the public may not see.
 *   <li>The same visible content gives the same bytes: fields in a fixed order, lists in a
 *       fixed order (feeds in query order, everything else by id or key), no time of the run.
 *   <li>The export is written to a hidden temporary folder beside {@code out} and renamed into
 *       place: a reader sees the old export or the new one, never half of one. An existing
 *       export is first renamed aside, then deleted; between the two renames, a matter of
 *       microseconds, {@code out} does not exist. A folder that is neither empty nor an earlier
 *       export (it has no {@code index.json}) is never replaced. Temporary folders a killed run
 *       left are deleted by the next run; run one export to one folder at a time.
 *   <li>Files are not synced to disk one by one: after a power loss, export again.
 * </ul>
 *
 * <p>Immutable and thread-safe. For an export of one consistent state, export a repository
 * nobody edits meanwhile (a store that does not watch its folder, say).
 *
 * @since 0.1.0
 */
public final class StaticExport {
  /** The largest page size: the default maximum page of an {@link ArticleRepository}. */
  public static final int MAX_PAGE_SIZE = 1000;

  private static final JsonFactory JSON = new JsonFactory();
  private static final String TEMP_INFIX = ".export-";
  private static final String OLD_INFIX = ".replaced-";

  private final int pageSize;
  private final Clock clock;

  private StaticExport(Builder b) {
    this.pageSize = b.pageSize;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The folder name of a category or tag value in the export's layout ({@code category/{key}/}):
   * {@code "C++"} is {@code c~2b~2b}. Other outputs beside an export (feeds) use the same keys.
   *
   * @since 0.1.0
   */
  public static String key(String value) {
    return ExportSlugs.slug(Objects.requireNonNull(value, "value"));
  }

  /**
   * The query key of the values a folder name stands for ({@code c~2b~2b} is {@code "c++"}),
   * which matches them ignoring case; empty for a name {@link #key} gives no value, and for a
   * name it cut to length, whose value only a walk over the values finds.
   *
   * @since 0.1.0
   */
  public static Optional<String> valueKey(String key) {
    return Optional.ofNullable(ExportSlugs.key(Objects.requireNonNull(key, "key")));
  }

  /**
   * What an export wrote.
   *
   * @param articles the articles exported, one file each
   * @param files every file written, the articles' included
   */
  public record Result(int articles, int files) {}

  /**
   * What an {@linkplain #update update} did.
   *
   * @param articles the articles exported, one file each
   * @param files every file of the export
   * @param written the files written anew: every file in a full export; in an incremental one
   *     the changed articles' files and the feeds, facets and index whose bytes changed (the others
   *     are the earlier export's files, hard-linked, with their modification times)
   * @param removed the files of the earlier export the new one no longer holds
   * @param token the position in the repository's change feed to pass to the next update
   */
  public record Update(int articles, int files, int written, int removed, SyncToken token) {
    public Update {
      Objects.requireNonNull(token, "token");
    }
  }

  /**
   * Exports what the public sees of {@code repository} now into {@code out}, replacing an
   * earlier export there.
   *
   * @throws BroadsheetException when {@code out} exists and is not an earlier export (nor an
   *     empty folder), or when the files cannot be written; {@code out} is then left as it was
   */
  public Result write(ArticleRepository repository, Path out) {
    Update u = run(repository, out, null, null);
    return new Result(u.articles(), u.files());
  }

  /**
   * Brings the export in {@code out} up to date with what changed in {@code repository} since
   * {@code since}, a token an earlier update returned; with a null {@code since}, exports in full
   * as {@link #write} does. Either way the answer holds the token for the next update.
   *
   * <p>An incremental update writes the files of the articles the change feed names (changed,
   * published) and of public articles the earlier export lacks, and computes the feeds, facets
   * and index anew but writes only those whose bytes changed; every other file is the earlier
   * export's, hard-linked into the new one (copied where links are not supported) with its
   * modification time, so that a sync to a CDN by size and time uploads only what changed. Files
   * of articles no longer public (deleted, unpublished, expired) and feed pages no longer needed
   * are left out. The new export replaces the old one as {@link #write} does, in one rename.
   *
   * <p>Visibility is decided by this export's clock and the change feed by the repository's:
   * give both the same clock. Tokens outlive the process only when the store keeps a durable
   * change log; otherwise a token of another process is refused.
   *
   * @throws dev.broadsheet.InvalidSyncTokenException when {@code since} is not the repository's
   *     (export in full, without a token)
   * @throws dev.broadsheet.SyncTokenExpiredException when {@code since} is older than the changes
   *     the store keeps (export in full)
   * @throws BroadsheetException when {@code since} is given but {@code out} holds no earlier
   *     export, or as {@link #write} does
   */
  public Update update(ArticleRepository repository, Path out, @Nullable SyncToken since) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(out, "out");
    if (since == null) {
      return run(repository, out, null, null);
    }
    if (!Files.isRegularFile(out.resolve("index.json"), LinkOption.NOFOLLOW_LINKS)) {
      throw new BroadsheetException("cannot update " + out + ": it holds no earlier export; export in full, "
          + "without a token");
    }
    Set<String> changed = new HashSet<>();
    SyncToken token = since;
    while (true) {
      ChangePage page = repository.changes(token, pageSize);
      page.items().forEach(c -> changed.add(c.id()));
      token = page.next();
      if (!page.hasMore()) {
        break;
      }
    }
    return run(repository, out, changed, token);
  }

  /** A full export ({@code changed} null), or an incremental one over the earlier export in {@code out}. */
  private Update run(ArticleRepository repository, Path out, @Nullable Set<String> changed, @Nullable SyncToken after) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(out, "out");
    // Taken before the content is read: what changes meanwhile comes again next time.
    SyncToken token = after != null ? after : repository.changesHead();
    Path target = out.toAbsolutePath().normalize();
    Path parent = target.getParent();
    if (parent == null || target.getFileName() == null) {
      throw new BroadsheetException("cannot export into the root of a file system: " + out);
    }
    String name = target.getFileName().toString();
    try {
      checkReplaceable(target, out);
      Files.createDirectories(parent);
      removeLeftovers(parent, name);
      Path temp = Files.createTempDirectory(parent, "." + name + TEMP_INFIX);
      Update result;
      try {
        Sink sink = new Sink(temp, changed == null ? null : target);
        Result r = writeAll(repository, sink, changed == null ? Set.of() : changed);
        int removed = changed == null ? 0 : removed(target, temp);
        swap(temp, target, parent, name);
        result = new Update(r.articles(), r.files(), sink.written(), removed, token);
      } catch (IOException | RuntimeException e) {
        deleteTree(temp);
        throw e;
      }
      return result;
    } catch (IOException e) {
      throw new BroadsheetException("cannot export to " + out + ": " + e, e);
    } catch (UncheckedIOException e) {
      throw new BroadsheetException("cannot export to " + out + ": " + e.getCause(), e.getCause());
    }
  }

  // ------------------------------------------------------------------ content

  /**
   * How many batches of articles may wait to be written while the next are read: the reading
   * thread holds their bodies until then.
   */
  private static final int BATCHES_IN_FLIGHT = 32;

  private Result writeAll(ArticleRepository repository, Sink root, Set<String> changed) throws IOException {
    Instant now = clock.instant();
    // Each exported article as the feeds list it (without its body), with its revision, and
    // its bytes in a feed page, made once for every feed it appears in.
    List<StoredArticle> entries = new ArrayList<>();
    List<byte[][]> listed = new ArrayList<>();
    Map<String, String> keys = new HashMap<>();
    ArticleQuery query = ArticleQuery.builder().asOf(now).limit(pageSize).build();
    // Reading goes on in this thread while the articles already read are written on another:
    // the two take about the same time, and the file system's work overlaps both.
    ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "broadsheet-export-writer");
      t.setDaemon(true);
      return t;
    });
    Semaphore inFlight = new Semaphore(BATCHES_IN_FLIGHT);
    List<Future<?>> written = new ArrayList<>();
    try {
      while (true) {
        Page<Article> page = repository.query(query);
        List<StoredArticle> batch = new ArrayList<>(page.items().size());
        List<StoredArticle> batchEntries = new ArrayList<>(page.items().size());
        for (Article a : page.items()) {
          Optional<StoredArticle> found = repository.find(a.id());
          if (found.isEmpty() || !isPublic(found.get().article(), now)) {
            continue; // deleted or hidden since the page was read: not exported
          }
          StoredArticle stored = found.get();
          String id = ArticleIds.validate(stored.id());
          String previous = keys.putIfAbsent(ArticleIds.key(id), id);
          if (previous != null) {
            throw new BroadsheetException("articles '" + previous + "' and '" + id
                + "' would be one file on a case-insensitive file system; rename one");
          }
          batch.add(stored);
          batchEntries.add(new StoredArticle(stored.article().withBody(""), stored.revision()));
        }
        entries.addAll(batchEntries);
        byte[][] items = new byte[batch.size()][];
        listed.add(items);
        inFlight.acquireUninterruptibly();
        written.add(writer.submit(() -> {
          try {
            for (int i = 0; i < items.length; i++) {
              StoredArticle stored = batch.get(i);
              String path = articlePath(stored.id());
              if (changed.contains(stored.id()) || !root.keep(path)) {
                root.write(path, g -> ArticleWriter.write(g, stored.article(), stored.revision(),
                    BroadsheetModule.Bodies.INCLUDE), false);
              }
              Article listing = batchEntries.get(i).article();
              items[i] = json(g -> ArticleWriter.write(g, listing, null, BroadsheetModule.Bodies.OMIT));
            }
            return null;
          } finally {
            inFlight.release();
          }
        }));
        Optional<String> next = page.nextCursor();
        if (next.isEmpty()) {
          break;
        }
        query = query.withCursor(next.get());
      }
      for (Future<?> f : written) {
        await(f);
      }
    } finally {
      stop(writer);
    }
    int files = entries.size();
    Map<StoredArticle, byte[]> itemBytes = new IdentityHashMap<>(entries.size() * 2);
    int at = 0;
    for (byte[][] items : listed) {
      for (byte[] item : items) {
        itemBytes.put(entries.get(at++), item);
      }
    }

    Facets facets = FacetCounter.count(entries);
    Map<String, Group> categories = groups(entries, a -> a.category() == null ? List.of() : List.of(a.category()),
        facets.categories());
    Map<String, Group> tags = groups(entries, Article::tags, facets.tags());
    List<Feed> feeds = new ArrayList<>();
    feeds.add(new Feed("feed", entries));
    categories.values().forEach(g -> feeds.add(new Feed("category/" + g.slug, g.entries)));
    tags.values().forEach(g -> feeds.add(new Feed("tag/" + g.slug, g.entries)));
    List<FeedPage> pages = new ArrayList<>();
    for (Feed f : feeds) {
      int count = Math.max(1, (f.entries.size() + pageSize - 1) / pageSize);
      for (int p = 1; p <= count; p++) {
        pages.add(new FeedPage(f, p, count));
      }
    }
    // The pages on every processor, in slices: on threads of the export's own, as writing files
    // blocks, and a host's common pool is not the export's to block.
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), pages.size() / 64));
    ExecutorService pageWriters = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "broadsheet-export-pages");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> slices = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        slices.add(pageWriters.submit(() -> {
          for (int i = first; i < pages.size(); i += threads) {
            FeedPage p = pages.get(i);
            root.write(pagePath(p.feed.name, p.number), feedPage(p, itemBytes), true);
          }
          return null;
        }));
      }
      for (Future<?> f : slices) {
        await(f);
      }
    } finally {
      stop(pageWriters);
    }
    files += pages.size();
    root.write("facets.json", g -> FACETS.serialize(facets, g, null), true);
    files++;
    root.write("index.json", g -> index(g, entries, categories, tags), true);
    files++;
    return new Result(entries.size(), files);
  }

  /** Stops {@code pool} and waits for what it runs to end, so that nothing writes into a folder being deleted. */
  private static void stop(ExecutorService pool) throws IOException {
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        throw new IOException("the export's writers did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the export's writers", e);
    }
  }

  private static void await(Future<?> f) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the export", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(cause);
    }
  }

  /** One feed: its folder and its articles in feed order. */
  private record Feed(String name, List<StoredArticle> entries) {}

  /** Page {@code number} of {@code pages} of a feed. */
  private record FeedPage(Feed feed, int number, int pages) {}

  /**
   * A feed page's bytes, as a JSON generator writes the page, with each item's bytes written
   * once for every feed: {@code {"items":[...],"total":N,"page":P,"pages":Q,"next":...,
   * "previous":...}} and a line break.
   */
  private byte[] feedPage(FeedPage p, Map<StoredArticle, byte[]> itemBytes) {
    List<StoredArticle> all = p.feed.entries;
    int total = all.size();
    List<StoredArticle> items = all.subList(Math.min(total, (p.number - 1) * pageSize), Math.min(total, p.number * pageSize));
    byte[] tail = json(g -> {
      g.writeStartObject();
      g.writeNumberField("total", total);
      g.writeNumberField("page", p.number);
      g.writeNumberField("pages", p.pages);
      nullable(g, "next", p.number < p.pages ? pagePath(p.feed.name, p.number + 1) : null);
      nullable(g, "previous", p.number > 1 ? pagePath(p.feed.name, p.number - 1) : null);
      g.writeEndObject();
    });
    // {"items":[ a , b ] , <tail without its opening brace> \n
    int size = ITEMS_OPEN.length + 2 + tail.length;
    for (StoredArticle e : items) {
      size += itemBytes.get(e).length + 1;
    }
    byte[] out = new byte[size - (items.isEmpty() ? 0 : 1)];
    int at = 0;
    System.arraycopy(ITEMS_OPEN, 0, out, at, ITEMS_OPEN.length);
    at += ITEMS_OPEN.length;
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      byte[] b = itemBytes.get(items.get(i));
      System.arraycopy(b, 0, out, at, b.length);
      at += b.length;
    }
    out[at++] = ']';
    out[at++] = ',';
    System.arraycopy(tail, 1, out, at, tail.length - 1);
    at += tail.length - 1;
    out[at] = '\n';
    return out;
  }

  private static final byte[] ITEMS_OPEN = "{\"items\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** What {@code body} writes, compact, without a line break. */
  private static byte[] json(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
    try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // written to memory
    }
    return bytes.toByteArray();
  }

  private static final FacetsSerializer FACETS = new FacetsSerializer();

  static boolean isPublic(Article a, Instant now) {
    return Visibility.of(a, now).isPublic();
  }

  static String articlePath(String id) {
    return "articles/" + id + ".json";
  }

  static String pagePath(String feed, int page) {
    return feed + "/page-" + page + ".json";
  }

  /** The articles sharing one category or tag key, in feed order, and the value that labels them. */
  private static final class Group {
    final String slug;
    final String value;
    final List<StoredArticle> entries = new ArrayList<>();

    Group(String slug, String value) {
      this.slug = slug;
      this.value = value;
    }
  }

  /**
   * Groups by query key, keys in order; an article counts once per key however often it spells
   * it. Each group takes the label of its value in {@code facet}, the facet counted over the
   * same articles, so index.json and facets.json name a value alike.
   */
  private static Map<String, Group> groups(List<StoredArticle> entries, Function<Article, List<String>> values,
      Map<String, Integer> facet) {
    Map<String, String> labels = new HashMap<>();
    facet.keySet().forEach(label -> labels.put(ArticleQuery.key(label), label));
    Map<String, Group> groups = new TreeMap<>();
    for (StoredArticle e : entries) {
      Set<String> seen = new HashSet<>();
      for (String v : values.apply(e.article())) {
        String key = ArticleQuery.key(v);
        if (seen.add(key)) {
          groups.computeIfAbsent(key, k -> new Group(ExportSlugs.slug(k), labels.get(k))).entries.add(e);
        }
      }
    }
    return groups;
  }

  private void index(JsonGenerator g, List<StoredArticle> entries, Map<String, Group> categories,
      Map<String, Group> tags)
      throws IOException {
    g.writeStartObject();
    g.writeNumberField("total", entries.size());
    g.writeNumberField("pageSize", pageSize);
    g.writeStringField("feed", pagePath("feed", 1));
    g.writeStringField("facets", "facets.json");
    groupsField(g, "categories", "category/", categories);
    groupsField(g, "tags", "tag/", tags);
    g.writeArrayFieldStart("articles");
    List<StoredArticle> byId = new ArrayList<>(entries);
    byId.sort(Comparator.comparing(StoredArticle::id));
    for (StoredArticle e : byId) {
      Article a = e.article();
      g.writeStartObject();
      g.writeStringField("id", a.id());
      g.writeStringField("revision", e.revision().value());
      if (a.publishedAt() != null) {
        g.writeStringField("publishedAt", Instants.iso(a.publishedAt()));
      }
      if (a.updatedAt() != null) {
        g.writeStringField("updatedAt", Instants.iso(a.updatedAt()));
      }
      g.writeStringField("path", articlePath(a.id()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void groupsField(JsonGenerator g, String field, String folder, Map<String, Group> groups)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (Group group : groups.values()) {
      g.writeStartObject();
      g.writeStringField("key", group.slug);
      g.writeStringField("value", group.value);
      g.writeNumberField("count", group.entries.size());
      g.writeStringField("feed", pagePath(folder + group.slug, 1));
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void nullable(JsonGenerator g, String field, @Nullable String value) throws IOException {
    if (value == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, value);
    }
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * Where an export's files go: a new folder, and for an incremental export the earlier one,
   * whose unchanged files are linked into the new one instead of written.
   */
  private static final class Sink {
    private final Path root;
    private final @Nullable Path previous;
    /** The folders made so far: each is made once, not looked up again for every file in it. */
    private final Set<Path> folders = ConcurrentHashMap.newKeySet();
    private final AtomicInteger written = new AtomicInteger();

    Sink(Path root, @Nullable Path previous) {
      this.root = root;
      this.previous = previous;
    }

    /** Links the earlier export's file at {@code relative} into the new one; false when there is none. */
    boolean keep(String relative) throws IOException {
      if (previous == null) {
        return false;
      }
      Path old = previous.resolve(relative).normalize();
      if (!old.startsWith(previous) || !Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      link(old, file(relative));
      return true;
    }

    /**
     * One compact JSON document and a final line break at {@code relative}; with {@code
     * compare}, the earlier export's file instead when it holds the same bytes.
     */
    void write(String relative, Body body, boolean compare) throws IOException {
      byte[] json = json(body);
      byte[] content = Arrays.copyOf(json, json.length + 1);
      content[json.length] = '\n';
      write(relative, content, compare);
    }

    /** {@code content} at {@code relative}; with {@code compare}, as above. Thread-safe. */
    void write(String relative, byte[] content, boolean compare) throws IOException {
      Path file = file(relative);
      if (previous != null) {
        if (compare) {
          Path old = previous.resolve(relative).normalize();
          if (Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS) && Files.size(old) == content.length
              && Arrays.equals(Files.readAllBytes(old), content)) {
            link(old, file);
            return;
          }
        }
        Files.deleteIfExists(file); // never write through a link into the earlier export
      }
      // A new file in a new folder: one write, not the 8 KB pieces of Files.write.
      try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(content);
        while (b.hasRemaining()) {
          out.write(b);
        }
      }
      written.incrementAndGet();
    }

    int written() {
      return written.get();
    }

    private Path file(String relative) throws IOException {
      Path file = root.resolve(relative).normalize();
      if (!file.startsWith(root)) {
        throw new IllegalStateException("export path outside the export: " + relative);
      }
      Path folder = file.getParent();
      if (!folders.contains(folder)) {
        Files.createDirectories(folder);
        folders.add(folder);
      }
      return file;
    }

    private static void link(Path old, Path file) throws IOException {
      Files.deleteIfExists(file);
      try {
        Files.createLink(file, old);
      } catch (UnsupportedOperationException | IOException e) {
        Files.copy(old, file, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  /** The files of {@code old} that {@code now} does not hold. */
  private static int removed(Path old, Path now) throws IOException {
    int[] count = {0};
    Files.walkFileTree(old, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (!Files.exists(now.resolve(old.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS)) {
          count[0]++;
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return count[0];
  }

  // ------------------------------------------------------------------ folders

  /** Refuses to replace anything but an earlier export or an empty folder. */
  private static void checkReplaceable(Path target, Path given) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isSymbolicLink(target)) {
      throw new BroadsheetException("will not replace " + given + ": it is a symbolic link");
    }
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new BroadsheetException("will not replace " + given + ": it is not a folder");
    }
    if (Files.isRegularFile(target.resolve("index.json"), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(target)) {
      if (children.iterator().hasNext()) {
        throw new BroadsheetException("will not replace " + given
            + ": it is not empty and holds no index.json, so it is not an earlier export");
      }
    }
  }

  /** Puts the new export in place: the old one aside, the new one in, the old one deleted. */
  private static void swap(Path temp, Path target, Path parent, String name) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path old = Files.createTempDirectory(parent, "." + name + OLD_INFIX);
    Files.delete(old); // only the unique name is wanted: the move creates it
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the old export back
      throw e;
    }
    deleteTree(old);
  }

  /** Deletes what a killed earlier run left beside the export: its temporary and replaced folders. */
  private static void removeLeftovers(Path parent, String name) throws IOException {
    // A filter rather than a glob: the folder's name may hold glob characters.
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, p -> {
      String n = p.getFileName().toString();
      return n.startsWith("." + name + TEMP_INFIX) || n.startsWith("." + name + OLD_INFIX);
    })) {
      for (Path p : siblings) {
        deleteTree(p);
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Options of a {@link StaticExport}. Not thread-safe; {@link #build()} copies its state. */
  public static final class Builder {
    private int pageSize = ArticleQuery.DEFAULT_LIMIT;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Articles per feed page, 1 to {@value StaticExport#MAX_PAGE_SIZE}; default 20. */
    public Builder pageSize(int value) {
      if (value < 1 || value > MAX_PAGE_SIZE) {
        throw new IllegalArgumentException("pageSize must be from 1 to " + MAX_PAGE_SIZE + ", was " + value);
      }
      this.pageSize = value;
      return this;
    }

    /**
     * The clock whose instant decides what is published, scheduled or expired; default {@link
     * Clock#systemUTC()}. A fixed clock exports the content as the public will see it then.
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public StaticExport build() {
      return new StaticExport(this);
    }
  }
}
