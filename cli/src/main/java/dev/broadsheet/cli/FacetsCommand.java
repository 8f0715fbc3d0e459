package dev.broadsheet.cli;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Facets;
import dev.broadsheet.QueryOption;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code broadsheet facets DIR}: how the matching articles of a content folder spread over
 * categories, tags, sentiments, languages and sources.
 */
@Command(
    name = "facets",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Counts the articles that match the filters by category, tag, sentiment, language and source.",
      "",
      "Takes the filters of query. Prints the number of matches, then one section per facet, "
          + "most frequent first. Files that cannot be read or are invalid are skipped and "
          + "reported on standard error as path:line:col: error: message.",
      "",
      "With --format json, standard output holds one JSON object: total, then categories, tags, "
          + "sentiments, langs and sources, each an array of {value, count} objects, most "
          + "frequent first.",
      "",
      "Exit 0 when the counts were printed (even if files were skipped), 2 on a usage error."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  broadsheet facets content",
      "  broadsheet facets content --category BUSINESS --top-tags 5 --format json"
    })
final class FacetsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The content folder, or a PostgreSQL database as a JDBC URL (jdbc:postgresql://host:5432/news?user=name; the password from BROADSHEET_DB_PASSWORD).")
  String dir;

  @Option(names = "--query-pushdown",
      description = "With a database: answer the query in SQL instead of loading an index first.")
  boolean queryPushdown;

  /** The grammar's options this command takes: filters, visibility and topTags. */
  static final Set<QueryOption> OPTIONS = Set.copyOf(EnumSet.complementOf(EnumSet.of(
      QueryOption.SORT, QueryOption.LIMIT, QueryOption.OFFSET, QueryOption.CURSOR)));

  @Option(names = "--format", paramLabel = "table|json", converter = QueryCommand.FormatConverter.class,
      defaultValue = "table", description = "table (default) or json.")
  QueryCommand.Format format = QueryCommand.Format.TABLE;

  @Override
  public Integer call() {
    if (format == QueryCommand.Format.IDS) {
      throw usage("Invalid value for option '--format': facets print a table or json; ids is not applicable");
    }
    ArticleQuery query = QueryOptions.read(spec, ArticleQuery.builder()).build();
    // Closed once the output is out: closing writes the metadata snapshot if it is behind.
    try (ContentRepository.Opened opened = ContentRepository.open(location(), StoreLocation.Use.READ, queryPushdown)) {
      PrintWriter err = spec.commandLine().getErr();
      opened.problems().forEach(err::println);
      err.flush();
      Facets facets = opened.repository().facets(query);
      print(spec.commandLine().getOut(), facets);
      return 0;
    }
  }

  private void print(PrintWriter out, Facets facets) {
    if (format == QueryCommand.Format.JSON) {
      QueryCommand.printJson(out, facets);
      return;
    }
    out.println("total: " + facets.total());
    section(out, "categories", facets.categories());
    section(out, "tags", facets.tags());
    Map<String, Integer> sentiments = new LinkedHashMap<>();
    facets.sentiments().forEach((s, n) -> sentiments.put(s.name(), n));
    section(out, "sentiments", sentiments);
    section(out, "langs", facets.langs());
    section(out, "sources", facets.sources());
    out.flush();
  }

  /** A blank line, the name, then one indented line per value with its count right-aligned. */
  private static void section(PrintWriter out, String name, Map<String, Integer> counts) {
    out.println();
    out.println(name + ":");
    if (counts.isEmpty()) {
      out.println("  (none)");
      return;
    }
    int valueWidth = 0;
    int countWidth = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      valueWidth = Math.max(valueWidth, QueryCommand.oneLine(e.getKey()).length());
      countWidth = Math.max(countWidth, e.getValue().toString().length());
    }
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      String value = QueryCommand.oneLine(e.getKey());
      String count = e.getValue().toString();
      out.println("  " + value + " ".repeat(valueWidth - value.length() + 2 + countWidth - count.length()) + count);
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private StoreLocation location() {
    StoreLocation location = StoreLocation.of(spec.commandLine(), "DIR", dir);
    location.checkPushdown(spec.commandLine(), queryPushdown);
    return location;
  }
}
