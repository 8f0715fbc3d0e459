package dev.broadsheet;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when an article or a file is refused because it has problems; every problem is
 * available as data from {@link #problems()}.
 *
 * @since 0.1.0
 */
public class InvalidArticleException extends BroadsheetException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public InvalidArticleException(List<Problem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** All problems found, in file order; never empty. */
  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid article has at least one problem");
    }
    return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }
}
