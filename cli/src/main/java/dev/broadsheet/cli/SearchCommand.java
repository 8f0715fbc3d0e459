package dev.broadsheet.cli;

import dev.broadsheet.QueryOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code broadsheet search DIR TEXT}: {@code query DIR --text TEXT}, for short. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Lists the articles of a content folder that match the words, best first: words (all "
          + "required), \"a phrase\", -excluded, prefix*. The same as query DIR --text TEXT, with "
          + "every filter of query.",
      "",
      "Exit 0 when the search ran (even if files were skipped), 2 on a usage error."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  broadsheet search content \"harbour ferry\"",
      "  broadsheet search content 'comet -Stonehaven' --lang en --format json"
    })
final class SearchCommand extends QueryCommand {
  /** The options of query except the text, which is an argument here. */
  static final Set<QueryOption> OPTIONS = Set.copyOf(EnumSet.complementOf(EnumSet.of(QueryOption.TOP_TAGS,
      QueryOption.TEXT)));

  @Parameters(index = "1", paramLabel = "TEXT", description = "The words to search for.")
  String text;

  @Override
  Map<String, List<String>> arguments() {
    return Map.of(QueryOption.TEXT.key(), List.of(text));
  }
}
