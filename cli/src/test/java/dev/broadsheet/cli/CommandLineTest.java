package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as {@code main} builds it: one subcommand when the arguments name it, all otherwise. */
class CommandLineTest {

  @Test
  void argumentsNamingACommandGetThatCommandAlone() {
    assertThat(BroadsheetCommand.commandLine("query", "content/").getSubcommands()).containsOnlyKeys("query");
    assertThat(BroadsheetCommand.commandLine("serve").getSubcommands()).containsOnlyKeys("serve");
  }

  @Test
  void anythingElseGetsEveryCommand() {
    CommandLine all = BroadsheetCommand.commandLine();
    assertThat(all.getSubcommands()).containsOnlyKeys("check", "roundtrip", "set", "new", "query", "facets",
        "search", "show", "serve", "export", "copy");
    for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"quary"}, {"Query"}}) {
      assertThat(BroadsheetCommand.commandLine(args).getSubcommands().keySet()).as(String.join(" ", args))
          .isEqualTo(all.getSubcommands().keySet());
    }
  }

  @Test
  void eachCommandAloneHasTheHelpAndOptionsItHasAmongAll() {
    CommandLine all = BroadsheetCommand.commandLine();
    for (String name : all.getSubcommands().keySet()) {
      CommandLine among = all.getSubcommands().get(name);
      CommandLine alone = BroadsheetCommand.commandLine(name).getSubcommands().get(name);
      assertThat(alone.getUsageMessage()).as(name).isEqualTo(among.getUsageMessage());
      assertThat(alone.getCommandSpec().qualifiedName()).isEqualTo("broadsheet " + name);
      assertThat(alone.getCommandSpec().options()).as(name).hasSameSizeAs(among.getCommandSpec().options());
    }
  }

  @Test
  void aUsageErrorOfACommandBuiltAloneReadsAsAmongAll() {
    for (String[] args : new String[][] {{"query", "--bogus"}, {"search"}, {"set", "x", "y", "--no-such"}}) {
      assertThat(run(BroadsheetCommand.commandLine(args), args)).as(String.join(" ", args))
          .isEqualTo(run(BroadsheetCommand.commandLine(), args));
    }
  }

  @Test
  void aMisspeltCommandIsAnsweredWithSuggestions() {
    String err = run(BroadsheetCommand.commandLine("quary", "x"), "quary", "x");
    assertThat(err).contains("Did you mean: broadsheet query").contains("Try 'broadsheet --help'");
  }

  private static String run(CommandLine cl, String... args) {
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return code + "\n" + err;
  }
}
