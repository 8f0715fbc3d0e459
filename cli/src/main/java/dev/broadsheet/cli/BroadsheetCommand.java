package dev.broadsheet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code broadsheet} command line tool.
 *
 * <pre>{@code
 * broadsheet check content/              # exit 0 when every article is valid
 * broadsheet roundtrip content/          # exit 0 when every file is written back byte for byte
 * broadsheet set content/a.md stickyWeight=5 tags=AI,ETF
 * }</pre>
 *
 * <p>Exit codes: 0 success, 1 a file is invalid, differs, cannot be read or an edit was
 * refused, 2 a usage error (unknown option, missing argument, a value of the wrong type).
 * Problems are printed to standard output, one a line, as {@code path:line:col: error:
 * message}; standard error carries usage errors only.
 */
@Command(
    name = "broadsheet",
    mixinStandardHelpOptions = true,
    versionProvider = BroadsheetCommand.Version.class,
    description = "Checks, round-trips and edits Markdown articles with YAML frontmatter.",
    subcommands = {CheckCommand.class, RoundtripCommand.class, SetCommand.class},
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
    System.exit(new CommandLine(new BroadsheetCommand()).execute(args));
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = BroadsheetCommand.class.getPackage().getImplementationVersion();
      return new String[] {"broadsheet " + (v == null ? "(development build)" : v)};
    }
  }
}
