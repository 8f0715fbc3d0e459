package dev.broadsheet.markdown.lint;

import dev.broadsheet.Article;
import dev.broadsheet.markdown.FrontmatterDocument;
import dev.broadsheet.markdown.Position;
import dev.broadsheet.markdown.YamlNode;
import java.util.Map;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.jspecify.annotations.Nullable;

/**
 * The article a rule looks at: the typed article, the document it was read from (for
 * positions), what the run has seen before it, and its body parsed as Markdown once, when a
 * rule first asks.
 */
final class Subject {
  /** Source spans give each block and inline its offsets in the body. */
  private static final Parser MARKDOWN =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

  private static final Position START = new Position(1, 1, 0);

  private final FrontmatterDocument document;
  private final Article article;
  private final Map<String, String> earlierExternalIds;
  private final Map<String, String> earlierTranslations;
  private @Nullable Node body;

  Subject(FrontmatterDocument document, Article article, Map<String, String> earlierExternalIds,
      Map<String, String> earlierTranslations) {
    this.document = document;
    this.article = article;
    this.earlierExternalIds = earlierExternalIds;
    this.earlierTranslations = earlierTranslations;
  }

  /** The key of a story's version in one language: its translationKey and its language's query key. */
  static String translation(String translationKey, String lang) {
    return translationKey + "\n" + dev.broadsheet.ArticleQuery.key(lang);
  }

  /** The source of the first article of the run with this translation key and language, or null. */
  @Nullable String earlierSourceOfTranslation(String translationKey, String lang) {
    return earlierTranslations.get(translation(translationKey, lang));
  }

  FrontmatterDocument document() {
    return document;
  }

  Article article() {
    return article;
  }

  String source() {
    return document.source();
  }

  /** The source of the first article of the run with this external id, or null. */
  @Nullable String earlierSourceOf(String externalId) {
    return earlierExternalIds.get(externalId);
  }

  /** Whether the body was read: a document read for its frontmatter only has none to check. */
  boolean hasBody() {
    return document.isComplete();
  }

  /** The body as a Markdown tree whose source spans are offsets into {@link #bodyText()}. */
  Node markdown() {
    if (body == null) {
      body = MARKDOWN.parse(bodyText());
    }
    return body;
  }

  String bodyText() {
    return document.body();
  }

  /** The position in the file of an offset in the body. */
  Position bodyPosition(int offsetInBody) {
    return document.position(document.bodyStart() + offsetInBody);
  }

  /**
   * The node of a frontmatter field ({@code source.key} walks into {@code source}), aliases
   * followed in mappings on the way, or null when the file does not have it.
   */
  @Nullable YamlNode node(String field) {
    YamlNode node = document.root();
    for (String part : field.split("\\.", -1)) {
      if (!(deref(node) instanceof YamlNode.Mapping m)) {
        return null;
      }
      YamlNode.Entry entry = m.entry(part).orElse(null);
      if (entry == null) {
        return null;
      }
      node = entry.value();
    }
    return node;
  }

  /** Where a field's value starts, or the start of the file when the field is not in it. */
  Position position(String field) {
    YamlNode node = node(field);
    return node == null ? START : node.start();
  }

  static @Nullable YamlNode deref(@Nullable YamlNode node) {
    return node instanceof YamlNode.Alias a ? a.target() : node;
  }
}
