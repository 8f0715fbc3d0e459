package dev.broadsheet.cli;

import dev.broadsheet.Problem;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.markdown.lint.ContentLint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
          + "insecure-cover-image, long-title.",
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

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Article files or content folders.")
  List<Path> paths;

  @Option(names = "--no-lint", description = "Report errors only: run no lint rule (except those --enable names).")
  boolean noLint;

  @Option(names = "--disable", paramLabel = "RULE", description = "Turn a lint rule off; repeatable.")
  List<String> disabled = new ArrayList<>();

  @Option(names = "--enable", paramLabel = "RULE", description = "Turn a lint rule on; repeatable.")
  List<String> enabled = new ArrayList<>();

  private final ArticleCodec codec = ArticleCodec.builder().build();

  @Override
  public Integer call() {
    ContentLint.Run lint = lint().newRun();
    PrintWriter out = spec.commandLine().getOut();
    int files = 0;
    int valid = 0;
    int warnings = 0;
    int skipped = 0;
    for (ContentFiles.Entry entry : ContentFiles.collect(paths)) {
      if (entry.skipped()) {
        // Named like an article but no regular file (a pipe, a link): never opened, said so.
        out.println(entry.problem() + " [" + entry.problem().rule() + "]");
        skipped++;
        continue;
      }
      files++;
      if (entry.problem() != null) {
        out.println(entry.problem());
        continue;
      }
      List<Problem> problems = check(entry, lint);
      boolean ok = true;
      for (Problem p : problems) {
        // The rule name is what --disable takes; errors keep the plain compiler form.
        out.println(p.isError() ? p.toString() : p + " [" + p.rule() + "]");
        ok &= !p.isError();
        warnings += p.isError() ? 0 : 1;
      }
      if (ok) {
        valid++;
      }
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

  private List<Problem> check(ContentFiles.Entry entry, ContentLint.Run lint) {
    byte[] bytes;
    try {
      bytes = ContentFiles.read(entry);
    } catch (IOException e) {
      return List.of(ContentFiles.fileProblem(entry.display(), "io", "cannot read file: " + e.getMessage()));
    }
    try {
      ArticleResult result = codec.read(entry.id(), entry.display(), bytes);
      if (result.article() == null && result.problems().stream().noneMatch(Problem::isError)) {
        return List.of(ContentFiles.fileProblem(entry.display(), "internal", "the file could not be read as an article"));
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
      return List.of(ContentFiles.fileProblem(entry.display(), "internal", "internal error reading this file: " + e));
    }
  }
}
