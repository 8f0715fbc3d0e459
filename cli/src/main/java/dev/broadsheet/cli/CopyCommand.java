package dev.broadsheet.cli;

import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.internal.Printable;
import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.LoadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code broadsheet copy FROM TO}: every article of one store into another, each file's bytes
 * unchanged and its id kept.
 */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    description = {
      "Copies every article from one store to another: folder to database, database to folder, or "
          + "folder to folder. Each article's file keeps its bytes and its id; in a folder it is "
          + "written as ID.md, or with the extension the source file had.",
      "",
      "A store is a content folder or a PostgreSQL database as a JDBC URL "
          + "(jdbc:postgresql://host:5432/news?user=name; the password from BROADSHEET_DB_PASSWORD). "
          + "A folder TO that does not exist is made.",
      "",
      "Articles that cannot be read are not copied: their problems are printed as check prints them. "
          + "A TO that holds articles is refused unless --replace is given.",
      "",
      "Exit 0 when every article was copied, 1 when any was not (its problems printed), 2 on a usage error."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  broadsheet copy content/ jdbc:postgresql://127.0.0.1:5432/news?user=broadsheet",
      "  broadsheet copy jdbc:postgresql://127.0.0.1:5432/news?user=broadsheet backup/"
    })
final class CopyCommand implements Callable<Integer> {
  /** Articles copied at once: a database's round trips overlap, a folder's writes too. */
  static final int THREADS = 4;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FROM", description = "The store to copy from.")
  String from;

  @Parameters(index = "1", paramLabel = "TO", description = "The store to copy into.")
  String to;

  @Option(names = "--replace",
      description = "Copy into a TO that holds articles: articles of the same id are overwritten, and "
          + "articles FROM does not hold are deleted, so that TO ends with FROM's articles. Files of "
          + "TO that are not valid articles are left alone.")
  boolean replace;

  @Override
  public Integer call() {
    StoreLocation source = StoreLocation.of(spec.commandLine(), "FROM", from);
    StoreLocation target = targetLocation();
    if (source.shown().equals(target.shown())
        || source instanceof StoreLocation.Folder a && target instanceof StoreLocation.Folder b && sameFolder(a, b)) {
      throw new ParameterException(spec.commandLine(), "FROM and TO are the same store: " + source.shown());
    }
    PrintWriter out = spec.commandLine().getOut();
    try (StoreLocation.Opened in = source.open(StoreLocation.Use.ONE_SHOT, false);
        StoreLocation.Opened into = target.open(StoreLocation.Use.ONE_SHOT, false)) {
      return copy(out, source, in.store(), target, into.store());
    } catch (IOException e) {
      out.println("broadsheet copy: " + ContentFiles.describe(e));
      return BroadsheetCommand.FAILED;
    } finally {
      out.flush();
    }
  }

  private int copy(PrintWriter out, StoreLocation source, ArticleStore in, StoreLocation target, ArticleStore into)
      throws IOException {
    LoadResult read;
    try (Progress p = Progress.start("reading " + source.shown())) {
      read = in.loadAll();
    }
    LoadResult there;
    try (Progress p = Progress.start("reading " + target.shown())) {
      there = into.loadAll();
    }
    if (!replace && (!there.articles().isEmpty() || !there.problems().isEmpty())) {
      out.println("refused: " + target.shown() + " is not empty (" + there.articles().size() + " articles, "
          + there.problems().size() + " problems); copy into an empty store, or add --replace. Nothing was copied.");
      return BroadsheetCommand.FAILED;
    }
    List<Problem> problems = Collections.synchronizedList(new ArrayList<>(read.problems()));
    AtomicInteger copied = new AtomicInteger();
    int total = read.articles().size();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "broadsheet-copy");
      t.setDaemon(true);
      return t;
    });
    try (Progress p = Progress.start(() -> "copying " + String.format(Locale.ROOT, "%,d of %,d", copied.get(), total))) {
      List<Future<?>> work = new ArrayList<>();
      for (StoredArticle a : read.articles()) {
        work.add(pool.submit(() -> {
          Problem problem = copyOne(source, in, into, a.id());
          if (problem == null) {
            copied.incrementAndGet();
          } else {
            problems.add(problem);
          }
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BroadsheetException("interrupted while copying", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new BroadsheetException("cannot copy: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    int deleted = replace ? deleteOthers(read, there, into, problems) : 0;
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparing(Problem::source).thenComparingInt(Problem::line));
    sorted.forEach(out::println);
    int notCopied = total - copied.get()
        + (int) read.problems().stream().filter(Problem::isError).map(Problem::source).distinct().count();
    out.println("copied " + copied.get() + (copied.get() == 1 ? " article" : " articles") + " from " + source.shown()
        + " to " + target.shown() + (deleted > 0 ? ", deleted " + deleted : "")
        + (notCopied > 0 ? ", " + notCopied + " not copied" : ""));
    return sorted.stream().anyMatch(Problem::isError) ? BroadsheetCommand.FAILED : 0;
  }

  /** Copies one article's file; its problem when it could not. */
  private @Nullable Problem copyOne(StoreLocation source, ArticleStore in, ArticleStore into, String id) {
    try {
      Optional<byte[]> bytes = in.file(id);
      if (bytes.isEmpty()) {
        return Problem.error(id, 0, 0, "id", "copy", "the article was deleted while it was being copied");
      }
      Revision expected = replace ? null : Revision.NONE;
      String extension = source instanceof StoreLocation.Folder f ? extensionOf(f, in, id) : null;
      if (into instanceof FileArticleStore files && extension != null) {
        files.putFile(id, extension, bytes.get(), expected);
      } else {
        into.putFile(id, bytes.get(), expected);
      }
      return null;
    } catch (ArticleConflictException e) {
      return Problem.error(id, 0, 0, "id", "copy", "the target got an article of this id while copying; not overwritten");
    } catch (InvalidArticleException e) {
      return e.problems().get(0);
    } catch (InvalidIdException e) {
      return Problem.error(id, 0, 0, "id", "id", Printable.of(e.getMessage()));
    } catch (IOException e) {
      return Problem.error(id, 0, 0, "id", "io", "cannot copy: " + ContentFiles.describe(e));
    }
  }

  /** The extension of the source file of {@code id}, when it is not the default one. */
  private static @Nullable String extensionOf(StoreLocation.Folder folder, ArticleStore in, String id) throws IOException {
    if (!(in instanceof FileArticleStore files)) {
      return null;
    }
    Optional<Path> file = files.folder().fileOf(id);
    if (file.isEmpty()) {
      return null;
    }
    String name = file.get().getFileName().toString();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** With --replace: deletes the target's valid articles that the source does not hold. */
  private static int deleteOthers(LoadResult read, LoadResult there, ArticleStore into, List<Problem> problems) {
    Set<String> keep = new HashSet<>();
    read.articles().forEach(a -> keep.add(ArticleIds.key(a.id())));
    int deleted = 0;
    for (StoredArticle a : there.articles()) {
      if (keep.contains(ArticleIds.key(a.id()))) {
        continue;
      }
      try {
        if (into.delete(a.id(), a.revision())) {
          deleted++;
        }
      } catch (ArticleConflictException e) {
        problems.add(Problem.error(a.id(), 0, 0, "id", "copy", "changed in the target while copying; not deleted"));
      } catch (IOException e) {
        problems.add(Problem.error(a.id(), 0, 0, "id", "io", "cannot delete: " + ContentFiles.describe(e)));
      }
    }
    return deleted;
  }

  /** TO, made when it is a folder that does not exist yet (its parent must). */
  private StoreLocation targetLocation() {
    if (!to.regionMatches(true, 0, "jdbc:", 0, 5)) {
      Path dir = Path.of(to);
      if (!Files.exists(dir) && dir.toAbsolutePath().getParent() != null && Files.isDirectory(dir.toAbsolutePath().getParent())) {
        try {
          Files.createDirectory(dir);
        } catch (IOException e) {
          throw new ParameterException(spec.commandLine(), "Invalid value for TO: cannot make the folder "
              + Printable.of(to) + ": " + ContentFiles.describe(e));
        }
      }
    }
    return StoreLocation.of(spec.commandLine(), "TO", to);
  }

  private static boolean sameFolder(StoreLocation.Folder a, StoreLocation.Folder b) {
    try {
      return Files.isSameFile(a.path(), b.path());
    } catch (IOException e) {
      return false;
    }
  }
}
