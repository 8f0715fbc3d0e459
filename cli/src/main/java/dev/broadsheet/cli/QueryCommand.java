package dev.broadsheet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.Page;
import dev.broadsheet.QueryOption;
import dev.broadsheet.SearchHit;
import dev.broadsheet.json.BroadsheetModule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code broadsheet query DIR}: lists the articles of a content folder that match filters. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Lists the articles of a content folder that match the filters, one page at a time.",
      "",
      "Repeating an option means any of its values, except --tag, which means all of them. "
          + "Drafts, scheduled and expired articles are left out unless asked for. Files that "
          + "cannot be read or are invalid are skipped and reported on standard error as "
          + "path:line:col: error: message.",
      "",
      "With --format table (the default), a last line gives the number of matches and, when "
          + "there are more, the cursor for the next page. With --format ids, standard output "
          + "holds the ids only, one a line; the next cursor goes to standard error. With "
          + "--format json, standard output holds one JSON object: items (each article's id and "
          + "frontmatter fields, without its body), total and nextCursor (null on the last page).",
      "",
      "With --text, articles matching the words, best first: words (all required), \"a phrase\", "
          + "-excluded, prefix*. The table then has a score column; the JSON items carry score and "
          + "snippet (the best passage, HTML with matches in <mark>).",
      "",
      "Exit 0 when the query ran (even if files were skipped), 2 on a usage error."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  broadsheet query content --category SPORTS --sort newest --limit 5",
      "  broadsheet query content --tag TRANSPORT --tag CITY --format ids",
      "  broadsheet query content --drafts only --as-of 2027-06-01T00:00:00Z",
      "  broadsheet query content --limit 5 --cursor <next cursor of the previous page>",
      "  broadsheet query content --lang de --format json",
      "  broadsheet query content --text \"harbour ferry\" --category LOCAL"
    })
class QueryCommand implements Callable<Integer> {
  /** The largest page one query may ask for. */
  static final int MAX_LIMIT = ContentRepository.MAX_PAGE_SIZE;

  private static final int TITLE_WIDTH = 60;

  enum Format { TABLE, IDS, JSON }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The content folder, or a PostgreSQL database as a JDBC URL (jdbc:postgresql://host:5432/news?user=name; the password from BROADSHEET_DB_PASSWORD).")
  String dir;

  @Option(names = "--query-pushdown",
      description = "With a database: answer the query in SQL instead of loading an index first.")
  boolean queryPushdown;

  /** The grammar's options this command takes: every filter, visibility, order and paging one. */
  static final Set<QueryOption> OPTIONS = Set.copyOf(EnumSet.complementOf(EnumSet.of(QueryOption.TOP_TAGS)));

  @Option(names = "--format", paramLabel = "table|ids|json", converter = FormatConverter.class,
      defaultValue = "table",
      description = "table (default), ids (one id a line and nothing else) or json (a page object).")
  Format format = Format.TABLE;

  @Override
  public Integer call() {
    ArticleQuery query = QueryOptions.read(spec, ArticleQuery.builder(), arguments()).build();
    // Closed once the output is out: closing writes the metadata snapshot if it is behind.
    try (ContentRepository.Opened opened = ContentRepository.open(location(), StoreLocation.Use.READ, queryPushdown)) {
      PrintWriter err = spec.commandLine().getErr();
      opened.problems().forEach(err::println);
      err.flush();
      Page<Article> page;
      Page<SearchHit> hits = null;
      try {
        if (query.text() != null) {
          hits = opened.repository().search(query);
          page = new Page<>(hits.items().stream().map(SearchHit::article).toList(), hits.nextCursor().orElse(null),
              hits::total);
        } else {
          page = opened.repository().query(query);
        }
      } catch (InvalidQueryException e) {
        throw QueryOptions.usage(spec.commandLine(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      switch (format) {
        case IDS -> {
          page.items().forEach(a -> out.println(a.id()));
          out.flush();
          page.nextCursor().ifPresent(c -> err.println("next cursor: " + c));
          err.flush();
        }
        case JSON -> printJson(out, hits == null ? page : withScores(page, hits));
        case TABLE -> printTable(out, page, hits);
      }
      return 0;
    }
  }

  /** Query options given as arguments, read with the options: none here. */
  Map<String, List<String>> arguments() {
    return Map.of();
  }

  /**
   * Listings leave bodies out: a page of full texts would bury the fields a script looks for,
   * and {@code set} or the files themselves give the text. Made when first printed: the
   * command line builds every command object to read its arguments, and a mapper costs tens
   * of milliseconds of start-up that a table or a list of ids does not need.
   */
  private static final class Json {
    static final BroadsheetModule LISTING = BroadsheetModule.builder().bodies(BroadsheetModule.Bodies.OMIT).build();
    static final ObjectWriter WRITER = jsonWriter(LISTING);
    static final JsonMapper TREES = JsonMapper.builder().addModule(LISTING).build();
  }

  /** The page as JSON, each item with its hit's score and snippet. */
  private static JsonNode withScores(Page<Article> page, Page<SearchHit> hits) {
    JsonNode tree = Json.TREES.valueToTree(page);
    JsonNode items = tree.get("items");
    for (int i = 0; i < items.size(); i++) {
      SearchHit hit = hits.items().get(i);
      ((ObjectNode) items.get(i)).put("score", hit.score()).put("snippet", hit.snippetHtml());
    }
    return tree;
  }

  /**
   * The JSON the commands print: {@code module}'s mapping, indented, a space after each colon,
   * empty objects and arrays on one line.
   */
  static ObjectWriter jsonWriter(BroadsheetModule module) {
    return JsonMapper.builder()
        .addModule(module)
        .build()
        .writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));
  }

  /** {@code value} as indented JSON by {@link BroadsheetModule}, then a line break. */
  static void printJson(PrintWriter out, Object value) {
    try {
      out.println(Json.WRITER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      // Every value printed is one the module writes; failing here is a bug, not bad input.
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
    out.flush();
  }

  private void printTable(PrintWriter out, Page<Article> page, @Nullable Page<SearchHit> hits) {
    List<String[]> rows = new ArrayList<>();
    rows.add(hits == null ? new String[] {"id", "publishedAt", "category", "sentiment", "sticky", "title"}
        : new String[] {"score", "id", "publishedAt", "category", "sentiment", "sticky", "title"});
    for (int i = 0; i < page.items().size(); i++) {
      Article a = page.items().get(i);
      String[] row = new String[] {
        oneLine(a.id()),
        a.publishedAt() == null ? "-" : a.publishedAt().toString(),
        a.category() == null ? "-" : oneLine(a.category()),
        a.sentiment() == null ? "-" : a.sentiment().name(),
        Integer.toString(a.stickyWeight()),
        truncate(oneLine(a.title()), TITLE_WIDTH)
      };
      if (hits != null) {
        String[] scored = new String[row.length + 1];
        scored[0] = String.format(Locale.ROOT, "%.3f", hits.items().get(i).score());
        System.arraycopy(row, 0, scored, 1, row.length);
        row = scored;
      }
      rows.add(row);
    }
    Table.print(out, rows);
    StringBuilder footer = new StringBuilder()
        .append("total: ").append(page.total())
        .append(", shown: ").append(page.items().size());
    page.nextCursor().ifPresent(c -> footer.append(", next cursor: ").append(c));
    out.println(footer);
    out.flush();
  }

  /** Text on one table line: line breaks and tabs in a value would break the columns. */
  static String oneLine(String value) {
    return value.replaceAll("\\p{Cntrl}", " ");
  }

  static String truncate(String value, int width) {
    if (value.codePointCount(0, value.length()) <= width) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, width - 3)) + "...";
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return QueryOptions.choice(Format.values(), value);
    }
  }

  private StoreLocation location() {
    StoreLocation location = StoreLocation.of(spec.commandLine(), "DIR", dir);
    location.checkPushdown(spec.commandLine(), queryPushdown);
    return location;
  }
}
