package dev.broadsheet.markdown;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleValidator;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.Problem;
import dev.broadsheet.internal.Validation;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes articles as Markdown files with YAML frontmatter.
 *
 * <pre>{@code
 * ArticleCodec codec = ArticleCodec.builder().build();
 * ArticleResult read = codec.read("2026/01/openai", "content/2026/01/openai.md", bytes);
 * if (read.isValid()) {
 *   Article edited = read.article().withStickyWeight(5);
 *   byte[] out = codec.update(read.document(), edited); // only the stickyWeight line differs
 * } else {
 *   read.problems().forEach(System.err::println);   // path:line:col: error: ...
 * }
 * byte[] fresh = codec.write(article);                // canonical form for a new file
 * }</pre>
 *
 * <p>Fields are read by the article schema, never by YAML's implicit typing: {@code lang: no}
 * is the text {@code no}, {@code externalId: 0123} is {@code "0123"}, timestamps are read from
 * their text whatever the JVM's time zone, and booleans are {@code true} and {@code false}
 * only. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ArticleCodec {
  private final FrontmatterParser parser;
  private final ZoneId zone;
  /** Shares the values many articles repeat; a lossy memo, safe between threads. */
  private final StringCache strings = new StringCache();

  private ArticleCodec(Builder b) {
    this.parser = b.parser;
    this.zone = b.zone;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The parser this codec reads documents with. */
  public FrontmatterParser parser() {
    return parser;
  }

  /**
   * Reads a file as an article. Never throws for bad input: every problem is in the result.
   *
   * <p>For a valid file the result's document may be read from {@code bytes} only when it is
   * first asked for: do not change the array afterwards.
   *
   * @param id the article's id, from where it is stored
   * @param source the name problems carry, usually the file path
   */
  public ArticleResult read(String id, String source, byte[] bytes) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(bytes, "bytes");
    // As in readFrontmatter: everyday valid files go straight to the article, the document is
    // read only if asked for (by update, say).
    Article direct = ArticleScanner.readWhole(id, source, bytes, parser.maxFrontmatterBytes(), parser.maxNodes(),
        parser.maxNestingDepth(), zone, strings);
    if (direct != null) {
      return new ArticleResult(direct, FrontmatterDocument.deferred(source, true, () -> document(source, bytes)), List.of());
    }
    return readUsually(id, source, bytes);
  }

  /** {@link #read} without the direct path: the reference it must agree with. */
  ArticleResult readUsually(String id, String source, byte[] bytes) {
    DocumentResult parsed = parser.parse(source, bytes);
    FrontmatterDocument doc = parsed.document();
    if (doc == null) {
      return new ArticleResult(null, null, parsed.problems());
    }
    return toArticle(id, doc, parsed.problems());
  }

  /**
   * Reads only the frontmatter of a file, for listings: the article's body is empty and the
   * body is not decoded, only checked to be valid UTF-8. Use {@link #read} before {@link
   * #update}. Values that many articles repeat (categories, tags, languages, source names) may
   * be shared between the articles this codec reads.
   *
   * <p>For a valid file the result's document may be read from {@code bytes} only when it is
   * first asked for, so a listing that keeps only articles never builds it: do not change the
   * array afterwards.
   */
  public ArticleResult readFrontmatter(String id, String source, byte[] bytes) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(bytes, "bytes");
    // Everyday valid files go straight from bytes to the article; the document is read only
    // if asked for. Anything else, and every file with a problem, takes the usual way.
    Article direct = ArticleScanner.read(id, source, bytes, parser.maxFrontmatterBytes(), parser.maxNodes(),
        parser.maxNestingDepth(), zone, strings);
    if (direct != null) {
      return new ArticleResult(direct, FrontmatterDocument.deferred(source, false, () -> frontmatterDocument(source, bytes)),
          List.of());
    }
    return readFrontmatterUsually(id, source, bytes);
  }

  /** {@link #readFrontmatter} without the direct path: the reference it must agree with. */
  ArticleResult readFrontmatterUsually(String id, String source, byte[] bytes) {
    DocumentResult parsed = parser.parseFrontmatter(source, bytes);
    FrontmatterDocument doc = parsed.document();
    if (doc == null) {
      return new ArticleResult(null, null, parsed.problems());
    }
    return toArticle(id, doc, parsed.problems());
  }

  /** As {@link #read}, always through snakeyaml: the reference every faster path must agree with. */
  ArticleResult readWithFullParser(String id, String source, byte[] bytes) {
    DocumentResult parsed = parser.parseWithFullParser(source, bytes);
    FrontmatterDocument doc = parsed.document();
    if (doc == null) {
      return new ArticleResult(null, null, parsed.problems());
    }
    return toArticle(id, doc, parsed.problems());
  }

  private FrontmatterDocument document(String source, byte[] bytes) {
    FrontmatterDocument doc = parser.parse(source, bytes).document();
    if (doc == null) {
      throw new IllegalStateException(source + " was read as an article but not as a document");
    }
    return doc;
  }

  private FrontmatterDocument frontmatterDocument(String source, byte[] bytes) {
    FrontmatterDocument doc = parser.parseFrontmatter(source, bytes).document();
    if (doc == null) {
      throw new IllegalStateException("the frontmatter of " + source + " was read as an article but not as a document");
    }
    return doc;
  }

  /** Maps a document that has already been read to an article. */
  public ArticleResult toArticle(String id, FrontmatterDocument doc) {
    return toArticle(id, doc, List.of());
  }

  private ArticleResult toArticle(String id, FrontmatterDocument doc, List<Problem> documentProblems) {
    List<Problem> problems = new ArrayList<>(documentProblems);
    Article article = new ArticleSchema.Reader(doc.source(), zone, problems).read(id, doc);
    if (article != null) {
      if (!doc.body().equals(article.body())) {
        article = article.withBody(doc.body());
      }
      Set<String> reported = new HashSet<>();
      for (Problem p : problems) {
        if (p.field() != null) {
          reported.add(p.field());
        }
      }
      // Text values were checked for control characters where they stand, by the parser.
      for (Problem p : Validation.validate(article, doc.source(), false)) {
        // Control characters were reported where they stand by the parser, and a field that
        // could not be read has already said why; the content rules add what is left.
        boolean draftUnknown = "publishedAt".equals(p.field()) && reported.contains("draft");
        if (!p.rule().equals("control-character") && !reported.contains(p.field()) && !draftUnknown) {
          Position at = p.line() == 0 ? positionOf(doc, p.field()) : null;
          problems.add(at == null ? p
              : new Problem(p.source(), at.line(), at.column(), p.field(), p.message(), p.severity(), p.rule()));
        }
      }
    }
    problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    boolean errors = problems.stream().anyMatch(Problem::isError);
    return new ArticleResult(errors ? null : article, doc, problems);
  }

  /**
   * Where a rule broken by a field's value points: the value's first character when the field
   * is in the file ({@code source.key} walks into {@code source}), else line 1, column 1.
   */
  private static Position positionOf(FrontmatterDocument doc, @Nullable String field) {
    Position fallback = new Position(1, 1, 0);
    YamlNode node = doc.root();
    if (field == null || node == null) {
      return fallback;
    }
    for (String part : field.split("\\.", -1)) {
      if (!(ArticleSchema.deref(node) instanceof YamlNode.Mapping m)) {
        return fallback;
      }
      YamlNode.Entry entry = m.entry(part).orElse(null);
      if (entry == null) {
        return fallback;
      }
      node = entry.value();
    }
    return node.start();
  }

  /**
   * A new file for {@code article} in the canonical style: the field order of the reference
   * format, two-space indentation, timestamps as single-quoted ISO-8601 with milliseconds,
   * quotes only where YAML could misread a value, LF line breaks.
   *
   * @throws InvalidArticleException when the article breaks a content rule
   */
  public byte[] write(Article article) {
    validate(article);
    return canonical(article, "\n", false);
  }

  /**
   * {@code original} changed to hold {@code article}, with the smallest edit: an unchanged
   * article gives exactly the original bytes; a changed field rewrites only its lines;
   * comments, quoting, key order, blank lines, line breaks and BOM stay as they were.
   *
   * @throws InvalidArticleException when the article breaks a content rule
   */
  public byte[] update(FrontmatterDocument original, Article article) {
    Objects.requireNonNull(original, "original");
    if (!original.isComplete()) {
      throw new IllegalArgumentException("only the frontmatter of " + original.source()
          + " was read; read the whole file before updating it");
    }
    validate(article);
    ArticleResult before = toArticle(article.id(), original);
    if (article.equals(before.article())) {
      // Nothing changed: the file as it was, even where the editor could not have edited it.
      return original.toBytes();
    }
    if (before.article() != null) {
      String text = DocumentEditor.edit(
          original, ArticleSchema.values(before.article()), ArticleSchema.values(article), article.body());
      if (text != null && readsBackAs(original, text, article)) {
        return FrontmatterDocument.encode(original.hasBom(), text);
      }
    }
    // The frontmatter cannot be edited in place (not a block mapping, or invalid): write it
    // canonically, keeping the file's line breaks and BOM.
    return canonical(article, original.newline(), original.hasBom());
  }

  private boolean readsBackAs(FrontmatterDocument original, String text, Article article) {
    ArticleResult check =
        read(article.id(), original.source(), text.getBytes(StandardCharsets.UTF_8));
    return check.isValid() && article.equals(check.article());
  }

  private byte[] canonical(Article article, String nl, boolean bom) {
    StringBuilder out = new StringBuilder(512 + article.body().length());
    out.append("---").append(nl);
    for (Map.Entry<String, @Nullable Object> e : ArticleSchema.values(article).entrySet()) {
      YamlEmitter.entry(out, 0, Scalars.string(e.getKey()), e.getValue(), nl);
    }
    out.append("---").append(nl).append(article.body());
    return FrontmatterDocument.encode(bom, out.toString());
  }

  private static void validate(Article article) {
    List<Problem> problems = ArticleValidator.validate(article, article.id());
    if (problems.stream().anyMatch(Problem::isError)) {
      throw new InvalidArticleException(problems);
    }
  }

  /** Options for reading; immutable once built. */
  public static final class Builder {
    private FrontmatterParser parser = FrontmatterParser.standard();
    private ZoneId zone = ZoneOffset.UTC;

    private Builder() {}

    /** The parser, with its limits on hostile input; default {@link FrontmatterParser#standard()}. */
    public Builder parser(FrontmatterParser value) {
      this.parser = Objects.requireNonNull(value, "parser");
      return this;
    }

    /** The zone a date without a time, or a time without an offset, is read in; default UTC. */
    public Builder zone(ZoneId value) {
      this.zone = Objects.requireNonNull(value, "zone");
      return this;
    }

    public ArticleCodec build() {
      return new ArticleCodec(this);
    }
  }
}
