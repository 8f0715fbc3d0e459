package dev.broadsheet.cli;

import dev.broadsheet.AiInfo;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleValidator;
import dev.broadsheet.CoverImage;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.Problem;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
import dev.broadsheet.cli.internal.AtomicFiles;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.markdown.FrontmatterDocument;
import dev.broadsheet.markdown.Position;
import dev.broadsheet.markdown.YamlNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
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
      "Exit 0 when the file was changed or already held the values. Exit 1, leaving the file "
          + "untouched, when it cannot be read, is invalid, or the edit would make it invalid. "
          + "Exit 2 on a usage error, such as a value of the wrong type."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  broadsheet set content/2026/01/ferry.md stickyWeight=5",
      "  broadsheet set content/2026/01/ferry.md tags=TRANSPORT,CITY draft=false",
      "  broadsheet set content/2026/01/ferry.md description=    # remove the field"
    })
final class SetCommand implements Callable<Integer> {
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
    String display = file.toString();
    byte[] original;
    try {
      original = ContentFiles.read(file);
    } catch (IOException e) {
      out.println(ContentFiles.fileProblem(display, "io", "cannot read file: " + e.getMessage()));
      return BroadsheetCommand.FAILED;
    }
    String id = ContentFiles.stripExtension(String.valueOf(file.getFileName()));
    ArticleResult read = codec.read(id, display, original);
    Article before = read.article();
    FrontmatterDocument document = read.document();
    if (!read.isValid() || before == null || document == null) {
      read.problems().forEach(out::println);
      out.println("refused: " + display + " is invalid; fix it first. Nothing was changed.");
      return BroadsheetCommand.FAILED;
    }
    Article after = before;
    Set<String> fields = new LinkedHashSet<>();
    for (Change change : changes) {
      try {
        after = change.apply().apply(after);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), change.field() + ": " + e.getMessage());
      }
      fields.add(change.field());
    }
    List<Problem> problems = ArticleValidator.validate(after, display);
    if (problems.stream().anyMatch(Problem::isError)) {
      problems.forEach(p -> out.println(placed(p, document)));
      out.println("refused: the edit would make " + display + " invalid. Nothing was changed.");
      return BroadsheetCommand.FAILED;
    }
    byte[] updated;
    try {
      updated = codec.update(document, after);
    } catch (InvalidArticleException e) {
      e.problems().forEach(p -> out.println(placed(p.withSource(display), document)));
      out.println("refused: the edit would make " + display + " invalid. Nothing was changed.");
      return BroadsheetCommand.FAILED;
    }
    if (Arrays.equals(original, updated)) {
      out.println(display + ": unchanged");
      return 0;
    }
    try {
      // Refuse to overwrite a change someone else saved while this edit was being made.
      if (!Arrays.equals(original, ContentFiles.read(file))) {
        out.println(ContentFiles.fileProblem(display, "conflict",
            "the file changed while it was being edited; nothing was written, run the command again"));
        return BroadsheetCommand.FAILED;
      }
      AtomicFiles.write(file, updated);
    } catch (IOException e) {
      out.println(ContentFiles.fileProblem(display, "io", "cannot write file: " + ContentFiles.describe(e)));
      return BroadsheetCommand.FAILED;
    }
    out.println(display + ": set " + String.join(", ", fields));
    return 0;
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
    if (field != null && doc.root() instanceof YamlNode.Mapping root) {
      String top = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
      Optional<YamlNode.Entry> entry = root.entry(top);
      if (entry.isPresent()) {
        at = entry.get().key().start();
      }
    }
    return new Problem(p.source(), at.line(), at.column(), p.field(), p.message(), p.severity(), p.rule());
  }

  // ------------------------------------------------------------------ parsing values

  private Change parse(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw usage("expected FIELD=VALUE, was '" + assignment + "'");
    }
    String field = assignment.substring(0, eq);
    String value = assignment.substring(eq + 1);
    boolean remove = value.isEmpty();
    UnaryOperator<Article> apply = switch (field) {
      case "title" -> a -> a.withTitle(value);
      case "description" -> a -> a.toBuilder().description(text(value)).build();
      case "lang" -> a -> a.toBuilder().lang(text(value)).build();
      case "externalId" -> a -> a.toBuilder().externalId(text(value)).build();
      case "category" -> a -> a.toBuilder().category(text(value)).build();
      case "publishedAt" -> {
        Instant i = instant(field, value);
        yield a -> a.toBuilder().publishedAt(i).build();
      }
      case "updatedAt" -> {
        Instant i = instant(field, value);
        yield a -> a.toBuilder().updatedAt(i).build();
      }
      case "expiresAt" -> {
        Instant i = instant(field, value);
        yield a -> a.toBuilder().expiresAt(i).build();
      }
      case "tags" -> {
        List<String> tags = tags(value);
        yield a -> a.withTags(tags);
      }
      case "stickyWeight" -> {
        Integer w = wholeNumber(field, value);
        yield a -> a.withStickyWeight(w == null ? 0 : w);
      }
      case "score" -> {
        double s = remove ? 0 : number(field, value);
        yield a -> a.toBuilder().score(s).build();
      }
      case "draft" -> {
        Boolean d = bool(field, value);
        yield a -> a.withDraft(d != null && d);
      }
      case "sentiment" -> {
        Sentiment s = sentiment(value);
        yield a -> a.toBuilder().sentiment(s).build();
      }
      case "source" -> {
        whole(field, value, "source.name, source.key or source.type");
        yield a -> a.toBuilder().source(null).build();
      }
      case "source.name", "source.key", "source.type" -> {
        String v = text(value);
        yield a -> a.toBuilder().source(source(a.source(), field, v)).build();
      }
      case "coverImage" -> {
        whole(field, value, "coverImage.raw, .full, .regular, .small, .thumb or .small_s3");
        yield a -> a.toBuilder().coverImage(null).build();
      }
      case "coverImage.raw", "coverImage.full", "coverImage.regular", "coverImage.small",
          "coverImage.thumb", "coverImage.small_s3", "coverImage.smallS3" -> {
        String v = text(value);
        yield a -> a.toBuilder().coverImage(cover(a.coverImage(), field, v)).build();
      }
      case "ai" -> {
        whole(field, value, "ai.rewritten, ai.expandedAt or ai.version");
        yield a -> a.toBuilder().ai(null).build();
      }
      case "ai.rewritten" -> {
        Boolean r = bool(field, value);
        yield a -> a.toBuilder().ai(ai(r, current(a.ai()).expandedAt(), current(a.ai()).version())).build();
      }
      case "ai.expandedAt" -> {
        Instant i = instant(field, value);
        yield a -> a.toBuilder().ai(ai(current(a.ai()).rewritten(), i, current(a.ai()).version())).build();
      }
      case "ai.version" -> {
        Integer v = wholeNumber(field, value);
        yield a -> a.toBuilder().ai(ai(current(a.ai()).rewritten(), current(a.ai()).expandedAt(), v)).build();
      }
      default -> {
        String prefix = field.contains(".") ? field.substring(0, field.indexOf('.')) : "";
        if (prefix.equals("source") || prefix.equals("coverImage") || prefix.equals("ai")) {
          throw usage(prefix + " has no field '" + field.substring(prefix.length() + 1) + "'");
        }
        yield remove
            ? a -> a.toBuilder().removeExtra(field).build()
            : a -> a.toBuilder().putExtra(field, value).build();
      }
    };
    return new Change(field, apply);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static @Nullable String text(String value) {
    return value.isEmpty() ? null : value;
  }

  private void whole(String field, String value, String parts) {
    if (!value.isEmpty()) {
      throw usage(field + " is a group of fields: set " + parts + ", or " + field + "= to remove it all");
    }
  }

  private @Nullable Instant instant(String field, String value) {
    if (value.isEmpty()) {
      return null;
    }
    Instant instant = QueryOptions.parseInstant(value);
    if (instant == null) {
      throw usage(field + " must be an ISO-8601 timestamp such as 2026-02-01T09:00:00Z or 2026-02-01, was '" + value + "'");
    }
    return instant;
  }

  private List<String> tags(String value) {
    if (value.isEmpty()) {
      return List.of();
    }
    List<String> tags = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String tag = part.strip();
      if (tag.isEmpty()) {
        throw usage("tags must be a comma-separated list without empty items, was '" + value + "'");
      }
      tags.add(tag);
    }
    return tags;
  }

  private @Nullable Integer wholeNumber(String field, String value) {
    if (value.isEmpty()) {
      return null;
    }
    try {
      BigInteger n = new BigInteger(value.strip());
      if (n.signum() >= 0 && n.bitLength() <= 31) {
        return n.intValue();
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw usage(field + " must be a whole number >= 0, was '" + value + "'");
  }

  private double number(String field, String value) {
    String t = value.strip();
    // Plain decimal notation only: Java would also take NaN, Infinity, hex and a 'd' suffix.
    if (t.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?")) {
      double d = Double.parseDouble(t);
      if (Double.isFinite(d)) {
        return d;
      }
    }
    throw usage(field + " must be a finite number such as 0.5, was '" + value + "'");
  }

  private @Nullable Boolean bool(String field, String value) {
    return switch (value) {
      case "" -> null;
      case "true" -> true;
      case "false" -> false;
      default -> throw usage(field + " must be true or false, was '" + value + "'");
    };
  }

  private @Nullable Sentiment sentiment(String value) {
    if (value.isEmpty()) {
      return null;
    }
    return Sentiment.parse(value).orElseThrow(() -> usage(
        "sentiment must be one of " + Arrays.toString(Sentiment.values()).toLowerCase(Locale.ROOT)
            + ", was '" + value + "'"));
  }

  private static @Nullable Source source(@Nullable Source s, String field, @Nullable String v) {
    String name = s == null ? null : s.name();
    String key = s == null ? null : s.key();
    String type = s == null ? null : s.type();
    switch (field) {
      case "source.name" -> name = v;
      case "source.key" -> key = v;
      default -> type = v;
    }
    return name == null && key == null && type == null ? null : new Source(name, key, type);
  }

  private static @Nullable CoverImage cover(@Nullable CoverImage c, String field, @Nullable String v) {
    String[] f = c == null
        ? new String[6]
        : new String[] {c.raw(), c.full(), c.regular(), c.small(), c.thumb(), c.smallS3()};
    int i = switch (field) {
      case "coverImage.raw" -> 0;
      case "coverImage.full" -> 1;
      case "coverImage.regular" -> 2;
      case "coverImage.small" -> 3;
      case "coverImage.thumb" -> 4;
      default -> 5;
    };
    f[i] = v;
    for (String s : f) {
      if (s != null) {
        return new CoverImage(f[0], f[1], f[2], f[3], f[4], f[5]);
      }
    }
    return null;
  }

  private static AiInfo current(@Nullable AiInfo ai) {
    return ai == null ? new AiInfo(null, null, null) : ai;
  }

  private static @Nullable AiInfo ai(
      @Nullable Boolean rewritten, @Nullable Instant expandedAt, @Nullable Integer version) {
    return rewritten == null && expandedAt == null && version == null
        ? null
        : new AiInfo(rewritten, expandedAt, version);
  }
}
