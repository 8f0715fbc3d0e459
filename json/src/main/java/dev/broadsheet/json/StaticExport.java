package dev.broadsheet.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.Facets;
import dev.broadsheet.Page;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.Visibility;
import dev.broadsheet.internal.FacetCounter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
   * What an export wrote.
   *
   * @param articles the articles exported, one file each
   * @param files every file written, the articles' included
   */
  public record Result(int articles, int files) {}

  /**
   * Exports what the public sees of {@code repository} now into {@code out}, replacing an
   * earlier export there.
   *
   * @throws BroadsheetException when {@code out} exists and is not an earlier export (nor an
   *     empty folder), or when the files cannot be written; {@code out} is then left as it was
   */
  public Result write(ArticleRepository repository, Path out) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(out, "out");
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
      Result result;
      try {
        result = writeAll(repository, temp);
        swap(temp, target, parent, name);
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

  private Result writeAll(ArticleRepository repository, Path root) throws IOException {
    Instant now = clock.instant();
    // Each exported article as the feeds list it (without its body), with its revision.
    List<StoredArticle> entries = new ArrayList<>();
    Map<String, String> keys = new HashMap<>();
    int files = 0;
    ArticleQuery query = ArticleQuery.builder().asOf(now).limit(pageSize).build();
    while (true) {
      Page<Article> page = repository.query(query);
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
        write(root, articlePath(id), g -> ArticleWriter.write(g, stored.article(), stored.revision(),
            BroadsheetModule.Bodies.INCLUDE));
        files++;
        entries.add(new StoredArticle(stored.article().withBody(""), stored.revision()));
      }
      Optional<String> next = page.nextCursor();
      if (next.isEmpty()) {
        break;
      }
      query = query.withCursor(next.get());
    }

    files += feed(root, "feed", entries);
    Facets facets = FacetCounter.count(entries);
    Map<String, Group> categories = groups(entries, a -> a.category() == null ? List.of() : List.of(a.category()),
        facets.categories());
    Map<String, Group> tags = groups(entries, Article::tags, facets.tags());
    for (Group g : categories.values()) {
      files += feed(root, "category/" + g.slug, g.entries);
    }
    for (Group g : tags.values()) {
      files += feed(root, "tag/" + g.slug, g.entries);
    }
    write(root, "facets.json", g -> FACETS.serialize(facets, g, null));
    files++;
    write(root, "index.json", g -> index(g, entries, categories, tags));
    files++;
    return new Result(entries.size(), files);
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

  /** Writes a feed's pages; returns how many. */
  private int feed(Path root, String feed, List<StoredArticle> entries) throws IOException {
    int total = entries.size();
    int pages = Math.max(1, (total + pageSize - 1) / pageSize);
    for (int p = 1; p <= pages; p++) {
      List<StoredArticle> items = entries.subList(Math.min(total, (p - 1) * pageSize), Math.min(total, p * pageSize));
      int number = p;
      write(root, pagePath(feed, p), g -> {
        g.writeStartObject();
        g.writeArrayFieldStart("items");
        for (StoredArticle e : items) {
          ArticleWriter.write(g, e.article(), null, BroadsheetModule.Bodies.OMIT);
        }
        g.writeEndArray();
        g.writeNumberField("total", total);
        g.writeNumberField("page", number);
        g.writeNumberField("pages", pages);
        nullable(g, "next", number < pages ? pagePath(feed, number + 1) : null);
        nullable(g, "previous", number > 1 ? pagePath(feed, number - 1) : null);
        g.writeEndObject();
      });
    }
    return pages;
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
        g.writeStringField("publishedAt", a.publishedAt().toString());
      }
      if (a.updatedAt() != null) {
        g.writeStringField("updatedAt", a.updatedAt().toString());
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

  /** One compact JSON document and a final line break, at {@code relative} below {@code root}. */
  private static void write(Path root, String relative, Body body) throws IOException {
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalStateException("export path outside the export: " + relative);
    }
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file);
        JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      body.write(g);
      g.writeRaw('\n');
    }
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
