package dev.broadsheet.cli;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleField;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.ArticleValidator;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Problem;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.internal.Printable;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.markdown.FrontmatterDocument;
import dev.broadsheet.markdown.Position;
import dev.broadsheet.markdown.YamlNode;
import dev.broadsheet.spi.ArticleStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code broadsheet set FILE field=value...}: changes fields of one article with the smallest
 * edit of its file, written atomically.
 */
@Command(
    name = "set",
    mixinStandardHelpOptions = true,
    description = {
      "Sets fields of one article with the smallest edit of its file.",
      "",
      "Only the lines of changed fields are rewritten; the rest of the file keeps its bytes. "
          + "The file is replaced atomically. An empty value removes the field. Values are read "
          + "by the field's type:",
      "",
      "  stickyWeight=5, ai.version=2: whole numbers >= 0",
      "  score=0.5: a number",
      "  draft=true, ai.rewritten=false: true or false",
      "  publishedAt=2026-02-01T09:00:00Z: ISO-8601; also updatedAt, expiresAt, ai.expandedAt",
      "  sentiment=negative: positive, neutral or negative",
      "  tags=AI,ETF: comma-separated; tags= is the empty list",
      "  source.key=decrypt, coverImage.thumb=URL: one field of a group",
      "  title, description, lang, category, externalId: text",
      "Any other name sets that frontmatter key to the text given.",
      "",
      "The edit goes through the file store's write path: it takes the write lock that every "
          + "process writing the content folder takes (the outermost folder above the file with a "
          + "state folder .broadsheet, or the file's own folder), and replaces the file only if "
          + "nobody changed it since it was read; if somebody did, the edit is made again on what "
          + "is there now. The file's name must be a valid article id, as the store requires.",
      "",
      "Exit 0 when the file was changed or already held the values. Exit 1, leaving the file "
          + "untouched, when it cannot be read, is invalid, is not a regular file, or the edit would "
          + "make it invalid. Exit 2 on a usage error, such as a value of the wrong type."
    },
    footerHeading = "%nExamples:%n",
    customSynopsis = {
      "broadsheet set FILE FIELD=VALUE...",
      "broadsheet set --store LOCATION --id ID FIELD=VALUE..."
    },
    footer = {
      "  broadsheet set content/2026/01/ferry.md stickyWeight=5",
      "  broadsheet set --store jdbc:postgresql://db/news?user=editor --id 2026/01/ferry stickyWeight=5",
      "  broadsheet set content/2026/01/ferry.md tags=TRANSPORT,CITY draft=false",
      "  broadsheet set content/2026/01/ferry.md description=    # remove the field"
    })
final class SetCommand implements Callable<Integer> {
  /** How often an edit is made again after another writer changed the file in between. */
  static final int ATTEMPTS = 50;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "[FILE] FIELD=VALUE",
      description = "The article file to edit (unless --store and --id name the article), then the fields to set.")
  List<String> arguments;

  @Option(names = "--store", paramLabel = "LOCATION",
      description = "Edit an article of this store instead of a file: a content folder, or a PostgreSQL "
          + "database as a JDBC URL (the password from BROADSHEET_DB_PASSWORD). Needs --id.")
  @Nullable String storeLocation;

  @Option(names = "--id", paramLabel = "ID", description = "The article to edit in --store.")
  @Nullable String storeId;

  private @Nullable Path file;
  private List<String> assignments = List.of();


  private record Change(String field, UnaryOperator<Article> apply) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      return run(out);
    } finally {
      out.flush();
    }
  }

  private int run(PrintWriter out) {
    if ((storeLocation == null) != (storeId == null)) {
      throw usage("--store and --id go together: --store names the store, --id the article in it");
    }
    if (storeLocation == null) {
      if (arguments.size() < 2) {
        throw usage("Missing required parameter: FIELD=VALUE (after FILE)");
      }
      file = Path.of(arguments.get(0));
      assignments = arguments.subList(1, arguments.size());
    } else {
      assignments = arguments;
    }
    List<Change> changes = new ArrayList<>();
    for (String assignment : assignments) {
      changes.add(parse(assignment));
    }
    if (storeLocation != null) {
      return runInStore(out, changes);
    }
    String display = ContentFiles.shown(file);
    FileArticleStore store;
    Path path;
    String id;
    try {
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new NoSuchFileException(file.toString());
      }
      store = FileArticleStore.builder(FileArticleStore.rootOf(file)).watching(Watching.OFF).build();
      // The folder's links resolved as the store resolves its root; the file's own name as it is,
      // so that a link there is seen (and refused) by the store.
      path = file.toAbsolutePath().normalize().getParent().toRealPath().resolve(file.getFileName());
      if (!store.folder().isArticleName(path.getFileName().toString())) {
        out.println(ContentFiles.fileProblem(display, "file",
            "not an article file: the store reads names ending in .md, .markdown or .txt that are not hidden"));
        return BroadsheetCommand.FAILED;
      }
      id = store.folder().idOf(path);
    } catch (IOException e) {
      out.println(ContentFiles.fileProblem(display, "io", "cannot read file: " + ContentFiles.describe(e)));
      return BroadsheetCommand.FAILED;
    }
    try (store) {
      return edit(out, store, id, display, changes);
    }
  }

  /** {@code set --store LOCATION --id ID}: the same edit, of an article in any store. */
  private int runInStore(PrintWriter out, List<Change> changes) {
    String id = storeId;
    try {
      ArticleIds.validate(id);
    } catch (InvalidIdException e) {
      throw usage("Invalid value for option '--id': " + e.getMessage());
    }
    StoreLocation location = StoreLocation.of(spec.commandLine(), "option '--store'", storeLocation);
    String display = location instanceof StoreLocation.Folder ? id : location.shown() + " " + id;
    try (StoreLocation.Opened opened = location.open(StoreLocation.Use.ONE_SHOT, false)) {
      return edit(out, opened.store(), id, Printable.of(display), changes);
    } catch (IOException e) {
      out.println(display + ": error: cannot open the store: " + ContentFiles.describe(e));
      return BroadsheetCommand.FAILED;
    }
  }

  private int edit(PrintWriter out, ArticleStore store, String id, String display, List<Change> changes) {
    for (int attempt = 1; ; attempt++) {
      Optional<StoredArticle> current;
      try {
        current = store.get(id);
      } catch (InvalidIdException e) {
        out.println(ContentFiles.fileProblem(display, "id", e.getMessage()));
        out.println("refused: " + display + " cannot be read as the store reads it. Nothing was changed.");
        return BroadsheetCommand.FAILED;
      } catch (IOException e) {
        out.println(ContentFiles.fileProblem(display, "io", "cannot read file: " + ContentFiles.describe(e)));
        return BroadsheetCommand.FAILED;
      }
      if (current.isEmpty()) {
        return explainUnreadable(out, store, id, display);
      }
      Article before = current.get().article();
      Article after = before;
      Set<String> fields = new LinkedHashSet<>();
      for (Change change : changes) {
        try {
          after = change.apply().apply(after);
        } catch (IllegalArgumentException e) {
          throw usage(e.getMessage());
        }
        fields.add(change.field());
      }
      List<Problem> problems = ArticleValidator.validate(after, display);
      if (problems.stream().anyMatch(Problem::isError)) {
        FrontmatterDocument document = document(store, id, display);
        problems.forEach(p -> out.println(placed(p, document)));
        out.println("refused: the edit would make " + display + " invalid. Nothing was changed.");
        return BroadsheetCommand.FAILED;
      }
      if (after.equals(before)) {
        out.println(display + ": unchanged");
        return 0;
      }
      try {
        // Conditional on the revision read: under the store's write lock, the file is replaced
        // only if nobody changed it since.
        store.put(after, current.get().revision());
        out.println(display + ": set " + String.join(", ", fields));
        return 0;
      } catch (ArticleConflictException e) {
        if (attempt == ATTEMPTS) {
          out.println(ContentFiles.fileProblem(display, "conflict", "the file changed " + ATTEMPTS
              + " times while it was being edited; nothing was written, run the command again"));
          return BroadsheetCommand.FAILED;
        }
        // Someone else saved in between: make the edit again on what is there now, after a
        // short random pause that grows, so that a busy writer next to us lets us through.
        backOff(attempt);
      } catch (InvalidArticleException e) {
        FrontmatterDocument document = document(store, id, display);
        e.problems().forEach(p -> out.println(placed(p.withSource(display), document)));
        out.println("refused: the edit would make " + display + " invalid. Nothing was changed.");
        return BroadsheetCommand.FAILED;
      } catch (InvalidIdException e) {
        out.println(ContentFiles.fileProblem(display, "id", e.getMessage()));
        out.println("refused: " + display + " cannot be written as the store writes it. Nothing was changed.");
        return BroadsheetCommand.FAILED;
      } catch (IOException e) {
        out.println(ContentFiles.fileProblem(display, "io", "cannot write file: " + ContentFiles.describe(e)));
        return BroadsheetCommand.FAILED;
      }
    }
  }

  private static void backOff(int attempt) {
    long bound = Math.min(200, 1L << Math.min(attempt, 8));
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Why the store has no article for a file that is there: its problems, as a check would print them. */
  private int explainUnreadable(PrintWriter out, ArticleStore store, String id, String display) {
    Optional<byte[]> bytes;
    try {
      bytes = store.file(id);
    } catch (IOException e) {
      out.println(ContentFiles.fileProblem(display, "io", "cannot read file: " + ContentFiles.describe(e)));
      return BroadsheetCommand.FAILED;
    }
    if (bytes.isEmpty()) {
      out.println(ContentFiles.fileProblem(display, "id", "no article with this id"));
      out.println("refused: nothing to edit. Nothing was changed.");
      return BroadsheetCommand.FAILED;
    }
    ArticleResult read = ContentFiles.codec().read(id, display, bytes.get());
    read.problems().forEach(out::println);
    out.println("refused: " + display + " is invalid; fix it first. Nothing was changed.");
    return BroadsheetCommand.FAILED;
  }

  /** The article's document, to place problems at their fields' lines; null when it cannot be read. */
  private @Nullable FrontmatterDocument document(ArticleStore store, String id, String display) {
    try {
      return store.file(id).map(bytes -> ContentFiles.codec().read(id, display, bytes).document()).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * A problem of the edited article placed at the line of its field in the file, or at 1:1
   * when the file does not have the field, as problems of whole files are.
   */
  private static Problem placed(Problem p, FrontmatterDocument doc) {
    if (p.line() > 0) {
      return p;
    }
    Position at = new Position(1, 1, 0);
    String field = p.field();
    if (field != null && doc != null && doc.root() instanceof YamlNode.Mapping root) {
      String top = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
      Optional<YamlNode.Entry> entry = root.entry(top);
      if (entry.isPresent()) {
        at = entry.get().key().start();
      }
    }
    return new Problem(p.source(), at.line(), at.column(), p.field(), p.message(), p.severity(), p.rule());
  }

  // ------------------------------------------------------------------ parsing values

  /**
   * One {@code FIELD=VALUE}: a field of the schema ({@link ArticleField}, read by its type; a
   * group's field by its path, such as {@code source.key}), or any other frontmatter key, set to
   * the text given. An empty value removes the field.
   */
  private Change parse(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw usage("expected FIELD=VALUE, was '" + assignment + "'");
    }
    String name = assignment.substring(0, eq);
    String value = assignment.substring(eq + 1);
    Optional<ArticleField> field = ArticleField.byPath(name);
    if (field.isPresent()) {
      ArticleField f = field.get();
      Object parsed;
      try {
        parsed = f.parse(value);
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
      return new Change(f.path(), a -> f.with(a, parsed));
    }
    int dot = name.indexOf('.');
    if (dot > 0) {
      ArticleField group = ArticleField.topLevel(name.substring(0, dot));
      if (group != null) {
        throw usage(group.path() + " has no field '" + name.substring(dot + 1) + "' (it has "
            + String.join(", ", group.children().stream().map(ArticleField::key).toList()) + ")");
      }
    }
    return value.isEmpty()
        ? new Change(name, a -> a.toBuilder().removeExtra(name).build())
        : new Change(name, a -> a.toBuilder().putExtra(name, value).build());
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
