package dev.broadsheet.cli;

import dev.broadsheet.Problem;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code broadsheet check PATH...}: reads every article and prints what is wrong with it. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Checks every article and prints one line per problem, then a summary.",
      "",
      "Folders are searched recursively for .md, .markdown and .txt files; hidden files and "
          + "folders are skipped. Problems go to standard output as path:line:col: error: message.",
      "",
      "Exit 0 when every file is valid, 1 when any is not, 2 on a usage error."
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Article files or content folders.")
  List<Path> paths;

  private final ArticleCodec codec = ArticleCodec.builder().build();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int files = 0;
    int valid = 0;
    for (ContentFiles.Entry entry : ContentFiles.collect(paths)) {
      files++;
      if (entry.error() != null) {
        out.println(ContentFiles.fileProblem(entry.display(), "io", entry.error()));
        continue;
      }
      List<Problem> problems = check(entry);
      boolean ok = true;
      for (Problem p : problems) {
        out.println(p);
        ok &= !p.isError();
      }
      if (ok) {
        valid++;
      }
    }
    out.println(files + " files, " + valid + " valid, " + (files - valid) + " invalid");
    out.flush();
    return valid == files ? 0 : BroadsheetCommand.FAILED;
  }

  private List<Problem> check(ContentFiles.Entry entry) {
    byte[] bytes;
    try {
      bytes = ContentFiles.read(entry.path());
    } catch (IOException e) {
      return List.of(ContentFiles.fileProblem(entry.display(), "io", "cannot read file: " + e.getMessage()));
    }
    try {
      ArticleResult result = codec.read(entry.id(), entry.display(), bytes);
      if (result.article() == null && result.problems().stream().noneMatch(Problem::isError)) {
        return List.of(ContentFiles.fileProblem(entry.display(), "internal", "the file could not be read as an article"));
      }
      return result.problems();
    } catch (RuntimeException e) {
      // The codec reports bad input as problems; anything thrown is a defect, shown briefly
      // so that one file cannot end the check of all the others.
      return List.of(ContentFiles.fileProblem(entry.display(), "internal", "internal error reading this file: " + e));
    }
  }
}
