package dev.broadsheet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the command in this JVM with captured output, as a shell would. */
final class Cli {
  record Run(int exitCode, String out, String err) {
    List<String> outLines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n", -1)).subList(0, out.split("\n", -1).length - 1);
    }
  }

  private Cli() {}

  static Run run(Object... args) {
    List<String> strings = new ArrayList<>();
    for (Object arg : args) {
      strings.add(arg instanceof Path p ? p.toString() : String.valueOf(arg));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] argv = strings.toArray(String[]::new);
    CommandLine cmd = BroadsheetCommand.commandLine(argv);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(argv);
    return new Run(code, out.toString().replace(System.lineSeparator(), "\n"),
        err.toString().replace(System.lineSeparator(), "\n"));
  }
}
