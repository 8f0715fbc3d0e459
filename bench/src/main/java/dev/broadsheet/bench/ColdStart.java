package dev.broadsheet.bench;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Page;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One cold start, as a whole process: {@code java -cp benchmarks.jar dev.broadsheet.bench.ColdStart MODE DIR}.
 * Time the process from outside (the README uses {@code /usr/bin/time}); the program also
 * prints its own figures to stderr, and with {@code -Dheap=true} the heap after a full
 * collection.
 *
 * <ul>
 *   <li>{@code broadsheet}: the filesystem store and repository with no snapshot (any is deleted
 *       first), to the first query answered (only what the index reads kept in memory);
 *   <li>{@code restart}: the same with the snapshot {@code snapshot} wrote, to the first query;
 *   <li>{@code full}: every file read with the codec, bodies kept, into an in-memory store and
 *       repository, to the first query answered;
 *   <li>{@code snakeyaml}: the plain approach, snakeyaml loading every frontmatter, in parallel;
 *   <li>{@code floor}: reading every file's bytes in parallel, nothing else;
 *   <li>{@code stat}: the JVM's own stat floor: every folder listed and every entry's attributes
 *       read (no link followed, hidden entries skipped), a task per folder on every core, nothing
 *       kept: what a restart of any Java program that checks each file costs before it does
 *       anything with what it finds;
 *   <li>{@code snapshot} (preparation, not a measurement): loads the store and closes it, which
 *       writes the snapshot;
 *   <li>{@code edit} (preparation): rewrites one file in a hundred with an edit (a line added to
 *       its body, or taken away again), so a following {@code restart} finds 1% changed.
 * </ul>
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) throws IOException {
    String mode = args[0];
    Path dir = Path.of(args[1]);
    long t0 = System.nanoTime();
    String result = switch (mode) {
      case "broadsheet" -> broadsheet(dir);
      case "full" -> full(dir);
      case "snakeyaml" -> snakeyaml(dir);
      case "floor" -> floor(dir);
      case "stat" -> stat(dir);
      case "restart" -> restart(dir);
      case "snapshot" -> snapshot(dir);
      case "edit" -> edit(dir);
      default -> throw new IllegalArgumentException(
          "mode is broadsheet, restart, full, snakeyaml, floor, stat, snapshot or edit");
    };
    long ms = (System.nanoTime() - t0) / 1_000_000;
    long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    System.err.printf(Locale.ROOT, "%s: %s in %d ms (%d ms since JVM start)%n", mode, result, ms, sinceStart);
    if (Boolean.getBoolean("heap")) {
      // Only on request: collecting a large heap before exit would lengthen the timed process.
      System.gc();
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      System.err.printf(Locale.ROOT, "heap after GC %.1f MB%n", heap / 1e6);
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p)).toList();
    }
  }

  private static Path snapshotFile(Path dir) {
    return dir.resolve(FileArticleStore.STATE_FOLDER).resolve("metadata.snapshot");
  }

  private static String broadsheet(Path dir) throws IOException {
    Files.deleteIfExists(snapshotFile(dir));
    return query(dir);
  }

  private static String restart(Path dir) throws IOException {
    if (!Files.exists(snapshotFile(dir))) {
      throw new IllegalStateException("no snapshot in " + dir + ": run the snapshot mode first");
    }
    return query(dir);
  }

  private static String snapshot(Path dir) throws IOException {
    FileArticleStore store = FileArticleStore.builder(dir).watching(Watching.OFF).build();
    int size;
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      size = repo.size();
    }
    return String.format(Locale.ROOT, "%d articles, snapshot of %.1f MB written", size,
        Files.size(snapshotFile(dir)) / 1e6);
  }

  private static final String EDIT = "\nEdited for the restart benchmark.\n";

  private static String edit(Path dir) throws IOException {
    List<Path> all = new ArrayList<>(files(dir));
    Collections.sort(all);
    int edited = 0;
    for (int i = 0; i < all.size(); i += 100) {
      Path p = all.get(i);
      String text = Files.readString(p, StandardCharsets.UTF_8);
      text = text.endsWith(EDIT) ? text.substring(0, text.length() - EDIT.length()) : text + EDIT;
      Files.writeString(p, text, StandardCharsets.UTF_8);
      edited++;
    }
    return edited + " of " + all.size() + " files edited";
  }

  private static String query(Path dir) throws IOException {
    FileArticleStore store = FileArticleStore.builder(dir).watching(Watching.OFF).build();
    ArticleRepository repo = ArticleRepository.builder().store(store).build();
    Page<Article> page = repo.query(ArticleQuery.builder().categories("BUSINESS").build());
    String out = repo.size() + " articles, " + repo.problems().size() + " problems, first page "
        + page.items().size();
    keep = repo;
    return out;
  }

  private static String full(Path dir) throws IOException {
    ArticleCodec codec = ArticleCodec.builder().build();
    Path root = dir.toRealPath();
    List<Article> articles = files(root).parallelStream().map(p -> {
      try {
        String rel = root.relativize(p).toString();
        ArticleResult r = codec.read(rel.substring(0, rel.length() - 3), p.toString(), Files.readAllBytes(p));
        return r.article();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).filter(Objects::nonNull).toList();
    ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore(articles)).build();
    Page<Article> page = repo.query(ArticleQuery.builder().categories("BUSINESS").build());
    keep = repo;
    return repo.size() + " articles with bodies, first page " + page.items().size();
  }

  private static String snakeyaml(Path dir) throws IOException {
    AtomicLong keys = new AtomicLong();
    long n = files(dir).parallelStream().mapToLong(p -> {
      try {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        int end = text.indexOf("\n---", 4);
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<?, ?> m = yaml.load(text.substring(4, end));
        keys.addAndGet(m.size());
        return 1;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).sum();
    return n + " frontmatters, " + keys.get() + " keys";
  }

  private static String floor(Path dir) throws IOException {
    long bytes = files(dir).parallelStream().mapToLong(p -> {
      try {
        return Files.readAllBytes(p).length;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).sum();
    return String.format(Locale.ROOT, "%.1f MB read", bytes / 1e6);
  }

  private static String stat(Path dir) {
    long[] counts = ForkJoinPool.commonPool().invoke(new StatTask(dir));
    return String.format(Locale.ROOT, "%d files in %d folders looked at", counts[0], counts[1]);
  }

  /** One folder listed, each entry's attributes read; sub-folders forked. Counts files and folders. */
  private static final class StatTask extends RecursiveTask<long[]> {
    private static final long serialVersionUID = 1L;
    private final transient Path dir;

    StatTask(Path dir) {
      this.dir = dir;
    }

    @Override
    protected long[] compute() {
      List<StatTask> below = new ArrayList<>();
      long files = 0;
      try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
        for (Path p : s) {
          if (p.getFileName().toString().startsWith(".")) {
            continue;
          }
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (a.isDirectory()) {
            below.add(new StatTask(p));
          } else {
            // What a restart compares of each file, asked for as it would be; counted so it is used.
            files += a.size() >= 0 && a.lastModifiedTime() != null && a.fileKey() != null ? 1 : 0;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      invokeAll(below);
      long folders = 1;
      for (StatTask t : below) {
        long[] c = t.join();
        files += c[0];
        folders += c[1];
      }
      return new long[] {files, folders};
    }
  }

  @SuppressWarnings("unused")
  private static Object keep;
}
