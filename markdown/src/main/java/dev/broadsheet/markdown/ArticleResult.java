package dev.broadsheet.markdown;

import dev.broadsheet.Article;
import dev.broadsheet.Problem;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What reading a file as an article gave: the article when the file is valid, the document
 * when it could be read at all (so a caller can still write it back unchanged), and every
 * problem found, in file order.
 *
 * @since 0.1.0
 */
public record ArticleResult(
    @Nullable Article article, @Nullable FrontmatterDocument document, List<Problem> problems) {
  public ArticleResult {
    problems = List.copyOf(problems);
  }

  /** Whether there is an article and no problem is an error. */
  public boolean isValid() {
    return article != null && problems.stream().noneMatch(Problem::isError);
  }
}
