package dev.broadsheet.markdown;

import dev.broadsheet.Problem;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What reading a file as a {@link FrontmatterDocument} gave: the document, unless the file
 * could not be read at all (invalid UTF-8, broken YAML, a limit exceeded), and every problem
 * found, in file order. A document may come with problems that YAML itself tolerates but
 * Broadsheet does not (a duplicate key, a tab in indentation).
 *
 * @since 0.1.0
 */
public record DocumentResult(@Nullable FrontmatterDocument document, List<Problem> problems) {
  public DocumentResult {
    problems = List.copyOf(problems);
  }

  /** Whether a document was read and no problem is an error. */
  public boolean isValid() {
    return document != null && problems.stream().noneMatch(Problem::isError);
  }
}
