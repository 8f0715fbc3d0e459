package dev.broadsheet;

import dev.broadsheet.internal.Validation;
import java.util.List;

/**
 * The content rules every stored article must meet, beyond the structural ones {@link
 * Article} enforces itself: a non-blank title, a {@code publishedAt} unless the article is a
 * draft, instants within the years 0001 to 9999 ({@link ArticleField#inRange}), and text that a
 * file can hold (no control characters other than tab and newline, no unpaired surrogates).
 *
 * <pre>{@code
 * List<Problem> problems = ArticleValidator.validate(article, "content/a.md");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ArticleValidator {
  private ArticleValidator() {}

  /**
   * Every rule {@code article} breaks, as errors without a position.
   *
   * @param source the name problems carry, such as the file path or the id
   */
  public static List<Problem> validate(Article article, String source) {
    return Validation.validate(article, source, true);
  }
}
