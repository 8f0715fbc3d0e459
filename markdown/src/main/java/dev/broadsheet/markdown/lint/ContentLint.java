package dev.broadsheet.markdown.lint;

import dev.broadsheet.Article;
import dev.broadsheet.Problem;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.markdown.FrontmatterDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks valid articles for things that are probably mistakes, and reports each as a {@link
 * Problem} with {@link dev.broadsheet.Severity#WARNING}: a warning never makes an article
 * invalid. Each warning carries the file, line, column, field where one applies, and the name
 * of the rule that found it.
 *
 * <pre>{@code
 * ContentLint lint = ContentLint.builder().disable("long-title").build();
 * ContentLint.Run run = lint.newRun();            // one per pass over a content folder
 * for (Path file : files) {
 *   ArticleResult read = codec.read(id(file), file.toString(), Files.readAllBytes(file));
 *   for (Problem p : run.check(read)) {
 *     System.out.println(p);  // content/a.md:3:98: warning: description has mojibake: ...
 *   }
 * }
 * }</pre>
 *
 * <p>The rules, by name ({@link #ruleNames()}):
 *
 * <ul>
 *   <li>{@code mojibake}: text in the frontmatter or body that looks like UTF-8 read as
 *       Windows-1252 or Latin-1, such as {@code â€¦} for {@code …} or {@code Ã©} for {@code é};
 *       code blocks and code spans in the body are not checked.
 *   <li>{@code empty-section}: a {@code ##} heading followed by nothing before the next heading
 *       of level 1 or 2, or the end.
 *   <li>{@code updated-before-published}: {@code updatedAt} earlier than {@code publishedAt}.
 *   <li>{@code duplicate-external-id}: an {@code externalId} that an earlier article of the
 *       same {@link Run} already has.
 *   <li>{@code duplicate-translation}: a {@code translationKey} and {@code lang} that an earlier
 *       article of the same {@link Run} already has: two versions of one story in one language.
 *   <li>{@code lonely-translation-key}: a {@code translationKey} no other article of the run has;
 *       reported by {@link Run#finish()}, once the run has seen every article.
 *   <li>{@code insecure-cover-image}: a {@code coverImage} URL with a scheme other than {@code
 *       https}.
 *   <li>{@code long-title}: a title of more than 200 characters (code points).
 *   <li>{@code missing-description}: no description, or a blank one. Off unless {@linkplain
 *       Builder#enable enabled}: the article schema makes a description optional, and only
 *       some sites need one on every article.
 * </ul>
 *
 * <p>A {@code ContentLint} is immutable and safe to share between threads; a {@link Run} is
 * not.
 *
 * @since 0.1.0
 */
public final class ContentLint {
  private static final List<Rule> ALL =
      List.of(
          new MojibakeRule(),
          new MissingDescriptionRule(),
          new EmptySectionRule(),
          new UpdatedBeforePublishedRule(),
          new DuplicateExternalIdRule(),
          new DuplicateTranslationRule(),
          new LonelyTranslationKeyRule(),
          new InsecureCoverImageRule(),
          new LongTitleRule());

  private static final List<String> NAMES = ALL.stream().map(Rule::name).toList();

  private final List<Rule> rules;

  private ContentLint(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** A builder starting from the rules that are on by default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The rules that are on by default: every rule but {@code missing-description}. */
  public static ContentLint standard() {
    return builder().build();
  }

  /** The name of every rule, enabled or not, in a fixed order. */
  public static List<String> ruleNames() {
    return NAMES;
  }

  /** The names of the rules this lint runs, in the order of {@link #ruleNames()}. */
  public Set<String> enabledRules() {
    Set<String> names = new LinkedHashSet<>();
    for (Rule r : rules) {
      names.add(r.name());
    }
    return names;
  }

  /**
   * A new pass over a set of articles, which remembers what it has seen for the rules that
   * compare articles ({@code duplicate-external-id}).
   */
  public Run newRun() {
    return new Run(this);
  }

  /**
   * The warnings for one article on its own, without the rules that compare articles. Same as
   * {@code newRun().check(result)}.
   *
   * @return the warnings in file order; empty when the result has no article (the file has
   *     errors) or no document
   */
  public List<Problem> check(ArticleResult result) {
    return newRun().check(result);
  }

  /**
   * One pass over a set of articles, such as the files of a content folder: each article is
   * also compared with those checked before it in the same run. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Run {
    private final ContentLint lint;
    private final Map<String, String> externalIds = new HashMap<>();
    private final Map<String, String> translations = new HashMap<>();
    /** The first article of each translation key, its warning if no other has the key, and the keys shared. */
    private final Map<String, String> keySources = new HashMap<>();
    private final Map<String, Problem> lonelyKeys = new LinkedHashMap<>();
    private final Set<String> sharedKeys = new HashSet<>();

    private Run(ContentLint lint) {
      this.lint = lint;
    }

    /**
     * The warnings for {@code result}'s article, which this run then remembers. Problems carry
     * the document's {@link FrontmatterDocument#source() source}.
     *
     * @return the warnings in file order; empty when the result has no article (the file has
     *     errors) or no document
     */
    public List<Problem> check(ArticleResult result) {
      Objects.requireNonNull(result, "result");
      Article article = result.article();
      FrontmatterDocument document = result.document();
      if (article == null || document == null) {
        return List.of();
      }
      return check(document, article);
    }

    /**
     * The warnings for {@code article}, read from {@code document}, which this run then
     * remembers. Problems carry the document's {@link FrontmatterDocument#source() source}.
     *
     * @return the warnings in file order
     */
    public List<Problem> check(FrontmatterDocument document, Article article) {
      Objects.requireNonNull(document, "document");
      Objects.requireNonNull(article, "article");
      Subject subject = new Subject(document, article, externalIds, translations);
      List<Problem> problems = new ArrayList<>();
      for (Rule rule : lint.rules) {
        rule.check(subject, new Findings(rule.name(), document.source(), problems));
      }
      String externalId = article.externalId();
      if (externalId != null && !externalId.isBlank()) {
        externalIds.putIfAbsent(externalId, document.source());
      }
      String key = article.translationKey();
      if (key != null && !key.isBlank()) {
        if (article.lang() != null && !article.lang().isBlank()) {
          translations.putIfAbsent(Subject.translation(key, article.lang()), document.source());
        }
        String first = keySources.putIfAbsent(key, document.source());
        if (first != null && !first.equals(document.source())) {
          sharedKeys.add(key);
        } else if (first == null && lint.enabledRules().contains(LonelyTranslationKeyRule.NAME)) {
          List<Problem> one = new ArrayList<>(1);
          new Findings(LonelyTranslationKeyRule.NAME, document.source(), one).warn(subject.position("translationKey"),
              "translationKey", "translationKey '" + key + "' is used by no other article");
          lonelyKeys.put(key, one.get(0));
        }
      }
      problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
      return List.copyOf(problems);
    }

    /**
     * The warnings only the whole run tells ({@code lonely-translation-key}), once every
     * article has been checked, in the order the articles were.
     *
     * @since 0.1.0
     */
    public List<Problem> finish() {
      List<Problem> out = new ArrayList<>();
      lonelyKeys.forEach((key, problem) -> {
        if (!sharedKeys.contains(key)) {
          out.add(problem);
        }
      });
      return List.copyOf(out);
    }
  }

  /**
   * Chooses the rules; starts with those on by default. Not thread-safe; {@link #build()}
   * copies its state.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Set<String> enabled = new LinkedHashSet<>();

    private Builder() {
      for (Rule r : ALL) {
        if (r.onByDefault()) {
          enabled.add(r.name());
        }
      }
    }

    /**
     * Turns rules on.
     *
     * @throws IllegalArgumentException when a name is not one of {@link #ruleNames()}
     */
    public Builder enable(String... ruleNames) {
      for (String name : ruleNames) {
        enabled.add(known(name));
      }
      return this;
    }

    /**
     * Turns rules off.
     *
     * @throws IllegalArgumentException when a name is not one of {@link #ruleNames()}
     */
    public Builder disable(String... ruleNames) {
      for (String name : ruleNames) {
        enabled.remove(known(name));
      }
      return this;
    }

    /** Turns every rule off, for a caller that then enables the few it wants. */
    public Builder disableAll() {
      enabled.clear();
      return this;
    }

    public ContentLint build() {
      return new ContentLint(ALL.stream().filter(r -> enabled.contains(r.name())).toList());
    }

    private static String known(String name) {
      Objects.requireNonNull(name, "rule name");
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "unknown lint rule '" + name + "'; the rules are " + String.join(", ", NAMES));
      }
      return name;
    }
  }
}
