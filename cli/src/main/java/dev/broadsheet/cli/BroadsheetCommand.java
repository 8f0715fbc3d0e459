package dev.broadsheet.cli;

import dev.broadsheet.internal.Printable;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code broadsheet} command line tool.
 *
 * <pre>{@code
 * broadsheet check content/              # exit 0 when every article is valid
 * broadsheet roundtrip content/          # exit 0 when every file is written back byte for byte
 * broadsheet set content/a.md stickyWeight=5 tags=AI,ETF
 * broadsheet query content/ --category BUSINESS --sort newest --format ids
 * broadsheet facets content/ --lang en
 * broadsheet search content/ "harbour ferry"   # query --text, best first
 * broadsheet new content/ --title "Harbour Ferries to Run Through the Night" --category LOCAL
 * broadsheet show content/ 2026/01/harbour-ferry --format html
 * broadsheet serve content/ --port 8080     # the JSON API, and a preview page at /
 * broadsheet export content/ public/        # the same content as static JSON files
 * broadsheet copy content/ jdbc:postgresql://127.0.0.1:5432/news?user=broadsheet
 * broadsheet query jdbc:postgresql://127.0.0.1:5432/news?user=broadsheet --query-pushdown --category LOCAL
 * }</pre>
 *
 * <p>Exit codes: 0 success, 1 a file is invalid, differs, cannot be read or an edit was
 * refused, 2 a usage error (unknown option, missing argument, a value of the wrong type).
 * {@code check}, {@code roundtrip} and {@code set} print problems to standard output, one a
 * line, as {@code path:line:col: error: message}, and use standard error for usage errors
 * only. {@code query} and {@code facets} keep standard output for results and report the
 * files they skip on standard error.
 */
@Command(
    name = "broadsheet",
    mixinStandardHelpOptions = true,
    versionProvider = BroadsheetCommand.Version.class,
    description = "Checks, edits, queries, serves and exports Markdown articles with YAML frontmatter.",
    subcommands = {
      CheckCommand.class, RoundtripCommand.class, SetCommand.class, NewCommand.class, QueryCommand.class,
      FacetsCommand.class, SearchCommand.class, ShowCommand.class, ServeCommand.class, ExportCommand.class, CopyCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a file is invalid, differs or cannot be read, or an edit was refused",
      "2:usage error"
    })
public final class BroadsheetCommand {

  /** Exit code when a file is invalid, differs, cannot be read, or an edit was refused. */
  static final int FAILED = 1;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command as {@link #main} runs it. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new BroadsheetCommand()).setParameterExceptionHandler(BroadsheetCommand::usageError);
    // The query options come from the one query grammar, which the HTTP API reads too.
    QueryOptions.addTo(cl.getSubcommands().get("query").getCommandSpec(), QueryCommand.OPTIONS);
    QueryOptions.addTo(cl.getSubcommands().get("facets").getCommandSpec(), FacetsCommand.OPTIONS);
    QueryOptions.addTo(cl.getSubcommands().get("search").getCommandSpec(), SearchCommand.OPTIONS);
    return cl;
  }

  /**
   * Prints the message of a usage error and where to find help, without the full usage: with
   * the many options of query, the one line that matters would scroll out of sight.
   */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    // Each line of the message with control characters escaped: a value given on the command
    // line (a file name with a line break) must not forge a line of output.
    for (String line : String.valueOf(e.getMessage()).split("\\R")) {
      err.println(Printable.of(line));
    }
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = BroadsheetCommand.class.getPackage().getImplementationVersion();
      return new String[] {"broadsheet " + (v == null ? "(development build)" : v)};
    }
  }
}
