package dev.broadsheet.cli;

import dev.broadsheet.Problem;
import dev.broadsheet.markdown.DocumentResult;
import dev.broadsheet.markdown.FrontmatterDocument;
import dev.broadsheet.markdown.FrontmatterParser;
import dev.broadsheet.markdown.Position;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code broadsheet roundtrip PATH...}: reads every file as a document and writes it back in
 * memory, proving that reading and writing loses nothing.
 */
@Command(
    name = "roundtrip",
    mixinStandardHelpOptions = true,
    description = {
      "Proves that reading and writing back keeps every file byte for byte.",
      "",
      "Reads every file as a Markdown document with YAML frontmatter, writes it back in memory "
          + "and compares the bytes. Prints one line per file that differs or cannot be read, "
          + "then a summary.",
      "",
      "Exit 0 when every file is identical, 1 when any differs or cannot be read, 2 on a usage "
          + "error."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  broadsheet roundtrip content   # exit 0: every file comes back byte for byte"
    })
final class RoundtripCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or content folders.")
  List<Path> paths;

  private enum Outcome { IDENTICAL, DIFFERENT, UNREADABLE }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int[] counts = new int[Outcome.values().length];
    for (ContentFiles.Entry entry : ContentFiles.collect(paths)) {
      counts[roundtrip(entry, out).ordinal()]++;
    }
    int files = counts[0] + counts[1] + counts[2];
    out.println(files + " files, " + counts[Outcome.IDENTICAL.ordinal()] + " identical, "
        + counts[Outcome.DIFFERENT.ordinal()] + " different, "
        + counts[Outcome.UNREADABLE.ordinal()] + " unreadable");
    out.flush();
    return counts[Outcome.IDENTICAL.ordinal()] == files ? 0 : BroadsheetCommand.FAILED;
  }

  private Outcome roundtrip(ContentFiles.Entry entry, PrintWriter out) {
    if (entry.problem() != null && (entry.skipped() || entry.problem().rule().equals("io"))) {
      out.println(entry.problem());
      return Outcome.UNREADABLE;
    }
    byte[] bytes;
    try {
      bytes = ContentFiles.read(entry);
    } catch (IOException e) {
      out.println(ContentFiles.fileProblem(entry.display(), "io", "cannot read file: " + e.getMessage()));
      return Outcome.UNREADABLE;
    }
    try {
      DocumentResult result = FrontmatterParser.standard().parse(entry.display(), bytes);
      FrontmatterDocument doc = result.document();
      if (doc == null) {
        List<Problem> problems = result.problems();
        if (problems.isEmpty()) {
          out.println(ContentFiles.fileProblem(entry.display(), "internal", "the file could not be read"));
        }
        problems.forEach(out::println);
        return Outcome.UNREADABLE;
      }
      byte[] written = doc.toBytes();
      int at = Arrays.mismatch(bytes, written);
      if (at < 0) {
        return Outcome.IDENTICAL;
      }
      Position p = position(bytes, at);
      out.println(Problem.error(entry.display(), p.line(), p.column(), null, "roundtrip",
          "written back differently from byte " + at + " on (" + bytes.length + " bytes read, "
              + written.length + " written)"));
      return Outcome.DIFFERENT;
    } catch (RuntimeException e) {
      out.println(ContentFiles.fileProblem(entry.display(), "internal", "internal error reading this file: " + e));
      return Outcome.UNREADABLE;
    }
  }

  /** Line and column (in code points) of a byte offset, counting a BOM as no column. */
  private static Position position(byte[] bytes, int offset) {
    int from = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF && offset >= 3 ? 3 : 0;
    int line = 1;
    int lineStart = from;
    int end = Math.min(offset, bytes.length);
    for (int i = from; i < end; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    String prefix = new String(bytes, lineStart, end - lineStart, StandardCharsets.UTF_8);
    return new Position(line, prefix.codePointCount(0, prefix.length()) + 1, offset);
  }
}
