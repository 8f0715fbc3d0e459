package dev.broadsheet.cli;

import dev.broadsheet.internal.Printable;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a file is invalid, differs or cannot be read, or an edit was refused",
      "2:usage error"
    })
public final class BroadsheetCommand {

  /** Exit code when a file is invalid, differs, cannot be read, or an edit was refused. */
  static final int FAILED = 1;

  /** The subcommands by name, in the order help lists them. */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("check", CheckCommand::new);
    m.put("roundtrip", RoundtripCommand::new);
    m.put("set", SetCommand::new);
    m.put("new", NewCommand::new);
    m.put("query", QueryCommand::new);
    m.put("facets", FacetsCommand::new);
    m.put("search", SearchCommand::new);
    m.put("show", ShowCommand::new);
    m.put("serve", ServeCommand::new);
    m.put("export", ExportCommand::new);
    m.put("copy", CopyCommand::new);
    return Collections.unmodifiableMap(m);
  }

  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }

  /** The command with every subcommand: what help and unknown commands are answered from. */
  static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command as {@link #main} runs {@code args}: when they name a subcommand, with that one
   * alone. picocli reads every option of every subcommand it is given, which took a tenth of a
   * restart; a command's parsing, help and errors need only its own. Anything else (no
   * arguments, {@code --help}, a misspelt command) gets every subcommand, so help lists them and
   * a typo is answered with suggestions.
   */
  static CommandLine commandLine(String... args) {
    CommandLine cl = new CommandLine(new BroadsheetCommand());
    Supplier<Object> only = args.length == 0 ? null : SUBCOMMANDS.get(args[0]);
    if (only != null) {
      cl.addSubcommand(args[0], only.get());
    } else {
      SUBCOMMANDS.forEach((name, made) -> cl.addSubcommand(name, made.get()));
    }
    // The query options come from the one query grammar, which the HTTP API reads too.
    addQueryOptions(cl, "query", QueryCommand.OPTIONS);
    addQueryOptions(cl, "facets", FacetsCommand.OPTIONS);
    addQueryOptions(cl, "search", SearchCommand.OPTIONS);
    // After the subcommands: picocli gives a handler to the commands there are when it is set.
    return cl.setParameterExceptionHandler(BroadsheetCommand::usageError);
  }

  private static void addQueryOptions(CommandLine cl, String name, java.util.Set<dev.broadsheet.QueryOption> options) {
    CommandLine sub = cl.getSubcommands().get(name);
    if (sub != null) {
      QueryOptions.addTo(sub.getCommandSpec(), options);
    }
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
