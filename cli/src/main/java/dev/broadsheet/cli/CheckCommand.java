package dev.broadsheet.cli;

import dev.broadsheet.ArticleIds;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Problem;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.markdown.lint.ContentLint;
import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.LoadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code broadsheet check PATH...}: reads every article and prints what is wrong with it, and
 * what is probably a mistake (content lint warnings).
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Checks every article and prints one line per problem, then a summary.",
      "",
      "Folders are read as the file store reads them: .md, .markdown and .txt files, recursively; "
          + "hidden files and folders, backups and symbolic links are left out; a path that is no "
          + "valid id and two files with one id are errors. Something named like an article that is "
          + "not a regular file (a pipe) is never opened and is reported as skipped. Problems go to "
          + "standard output as path:line:col: error: message.",
      "",
      "Valid articles are also linted: warnings (path:line:col: warning: message [rule]) point "
          + "at probable mistakes and never make a file invalid. Rules: mojibake, empty-section, "
          + "missing-description, updated-before-published, duplicate-external-id, "
          + "duplicate-translation, lonely-translation-key, insecure-cover-image, long-title.",
      "",
      "A database is checked row by row as its store reads it: each row's file, named by its id.",
      "",
      "Exit 0 when every file is valid, 1 when any is not, 2 on a usage error."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  broadsheet check content                     # every article in content/",
      "  broadsheet check content/2026/01/ferry.md    # one file",
      "  broadsheet check --disable mojibake content  # one lint rule off"
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH",
      description = "Article files, content folders, or PostgreSQL databases as JDBC URLs "
          + "(jdbc:postgresql://host:5432/news?user=name; the password from BROADSHEET_DB_PASSWORD).")
  List<String> paths;

  @Option(names = "--no-lint", description = "Report errors only: run no lint rule (except those --enable names).")
  boolean noLint;

  @Option(names = "--disable", paramLabel = "RULE", description = "Turn a lint rule off; repeatable.")
  List<String> disabled = new ArrayList<>();

  @Option(names = "--enable", paramLabel = "RULE", description = "Turn a lint rule on; repeatable.")
  List<String> enabled = new ArrayList<>();


  @Override
  public Integer call() {
    ContentLint.Run lint = lint().newRun();
    PrintWriter out = spec.commandLine().getOut();
    int files = 0;
    int valid = 0;
    int warnings = 0;
    int skipped = 0;
    List<Path> local = new ArrayList<>();
    List<StoreLocation> databases = new ArrayList<>();
    for (String path : paths) {
      if (path.regionMatches(true, 0, "jdbc:", 0, 5)) {
        databases.add(StoreLocation.of(spec.commandLine(), "PATH", path));
      } else {
        local.add(Path.of(path));
      }
    }
    List<Checked> checked = new ArrayList<>();
    for (ContentFiles.Entry entry : ContentFiles.collect(local)) {
      if (entry.skipped()) {
        checked.add(new Checked(true, List.of(entry.problem())));
      } else if (entry.problem() != null) {
        checked.add(new Checked(false, List.of(entry.problem())));
      } else {
        checked.add(check(entry, lint));
      }
    }
    for (StoreLocation database : databases) {
      checked.addAll(checkStore(database, lint));
    }
    for (Checked c : checked) {
      if (c.skipped()) {
        // Named like an article but no regular file (a pipe, a link): never opened, said so.
        Problem p = c.problems().get(0);
        out.println(p + " [" + p.rule() + "]");
        skipped++;
        continue;
      }
      files++;
      boolean ok = true;
      for (Problem p : c.problems()) {
        // The rule name is what --disable takes; errors keep the plain compiler form.
        out.println(p.isError() ? p.toString() : p + " [" + p.rule() + "]");
        ok &= !p.isError();
        warnings += p.isError() ? 0 : 1;
      }
      if (ok) {
        valid++;
      }
    }
    for (Problem p : lint.finish()) {
      out.println(p + " [" + p.rule() + "]"); // what only the whole run tells: a translation key used once
      warnings++;
    }
    out.println(files + " files, " + valid + " valid, " + (files - valid) + " invalid"
        + (warnings > 0 ? ", " + warnings + " warnings" : "")
        + (skipped > 0 ? ", " + skipped + " skipped" : ""));
    out.flush();
    return valid == files ? 0 : BroadsheetCommand.FAILED;
  }

  private ContentLint lint() {
    ContentLint.Builder builder = ContentLint.builder();
    if (noLint) {
      builder.disableAll(); // then --enable can pick single rules
    }
    try {
      builder.enable(enabled.toArray(String[]::new)).disable(disabled.toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return builder.build();
  }

  /** What checking one file or row found; skipped: never opened. */
  private record Checked(boolean skipped, List<Problem> problems) {}

  private Checked check(ContentFiles.Entry entry, ContentLint.Run lint) {
    byte[] bytes;
    try {
      bytes = ContentFiles.read(entry);
    } catch (IOException e) {
      return new Checked(false, List.of(ContentFiles.fileProblem(entry.display(), "io", "cannot read file: " + e.getMessage())));
    }
    return new Checked(false, check(entry.id(), entry.display(), bytes, lint));
  }

  /**
   * Every row of a database, valid or not, checked from its file as a folder's files are: the ids
   * of what the store loads and of what it reports as broken.
   */
  private List<Checked> checkStore(StoreLocation location, ContentLint.Run lint) {
    List<Checked> out = new ArrayList<>();
    try (StoreLocation.Opened opened = location.open(StoreLocation.Use.READ, false);
        Progress p = Progress.start("reading " + location.shown())) {
      ArticleStore store = opened.store();
      LoadResult loaded = store.loadAll();
      Set<String> ids = new TreeSet<>();
      loaded.articles().forEach(a -> ids.add(a.id()));
      List<Problem> unplaced = new ArrayList<>();
      for (Problem problem : loaded.problems()) {
        if (!problem.isError()) {
          continue; // a valid article's warning: checking its file finds it again
        }
        try {
          ArticleIds.validate(problem.source());
          ids.add(problem.source());
        } catch (InvalidIdException e) {
          unplaced.add(problem); // a row whose id itself is broken: reported as the store did
        }
      }
      for (String id : ids) {
        Optional<byte[]> bytes = store.file(id);
        if (bytes.isPresent()) {
          out.add(new Checked(false, check(id, id, bytes.get(), lint)));
        }
      }
      unplaced.forEach(problem -> out.add(new Checked(false, List.of(problem))));
    } catch (IOException e) {
      out.add(new Checked(false, List.of(ContentFiles.fileProblem(location.shown(), "io",
          "cannot read the database: " + ContentFiles.describe(e)))));
    }
    return out;
  }

  private List<Problem> check(String id, String display, byte[] bytes, ContentLint.Run lint) {
    try {
      ArticleResult result = ContentFiles.codec().read(id, display, bytes);
      if (result.article() == null && result.problems().stream().noneMatch(Problem::isError)) {
        return List.of(ContentFiles.fileProblem(display, "internal", "the file could not be read as an article"));
      }
      if (!result.isValid()) {
        return result.problems();
      }
      List<Problem> problems = new ArrayList<>(result.problems());
      problems.addAll(lint.check(result));
      problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
      return problems;
    } catch (RuntimeException e) {
      // The codec reports bad input as problems; anything thrown is a defect, shown briefly
      // so that one file cannot end the check of all the others.
      return List.of(ContentFiles.fileProblem(display, "internal", "internal error reading this file: " + e));
    }
  }
}
