package dev.broadsheet.cli;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleField;
import dev.broadsheet.ArticleValidator;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Problem;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.markdown.FrontmatterDocument;
import dev.broadsheet.markdown.Position;
import dev.broadsheet.markdown.YamlNode;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
    footer = {
      "  broadsheet set content/2026/01/ferry.md stickyWeight=5",
      "  broadsheet set content/2026/01/ferry.md tags=TRANSPORT,CITY draft=false",
      "  broadsheet set content/2026/01/ferry.md description=    # remove the field"
    })
final class SetCommand implements Callable<Integer> {
  /** How often an edit is made again after another writer changed the file in between. */
  static final int ATTEMPTS = 50;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The article file to edit.")
  Path file;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FIELD=VALUE", description = "The fields to set.")
  List<String> assignments;

  private final ArticleCodec codec = ArticleCodec.builder().build();

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
    List<Change> changes = new ArrayList<>();
    for (String assignment : assignments) {
      changes.add(parse(assignment));
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
      return edit(out, store, path, id, display, changes);
    }
  }

  private int edit(PrintWriter out, FileArticleStore store, Path path, String id, String display,
      List<Change> changes) {
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
        return explainUnreadable(out, store, path, id, display);
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
        FrontmatterDocument document = document(store, path, id, display);
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
        FrontmatterDocument document = document(store, path, id, display);
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
  private int explainUnreadable(PrintWriter out, FileArticleStore store, Path path, String id, String display) {
    byte[] bytes;
    try {
      bytes = store.folder().read(path);
    } catch (IOException e) {
      out.println(ContentFiles.fileProblem(display, "io", "cannot read file: " + e.getMessage()));
      return BroadsheetCommand.FAILED;
    }
    ArticleResult read = codec.read(id, display, bytes);
    read.problems().forEach(out::println);
    out.println("refused: " + display + " is invalid; fix it first. Nothing was changed.");
    return BroadsheetCommand.FAILED;
  }

  /** The file's document, to place problems at their fields' lines; null when it cannot be read. */
  private FrontmatterDocument document(FileArticleStore store, Path path, String id, String display) {
    try {
      return codec.read(id, display, store.folder().read(path)).document();
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
