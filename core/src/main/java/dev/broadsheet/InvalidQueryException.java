package dev.broadsheet;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Thrown when a query cannot be answered as asked: an option's value does not parse or is out
 * of range, an option is unknown where options are read by name, a cursor is malformed or was
 * made for another order, or the page asked for is larger than the repository allows. Carries
 * every problem found, each naming its option, so that a command line can say {@code --limit}
 * and an HTTP API can list {@code invalid-params}.
 *
 * <pre>{@code
 * try {
 *   page = repository.query(query);
 * } catch (InvalidQueryException e) {
 *   e.violations().forEach(v -> System.err.println(v.option() + ": " + v.reason()));
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public class InvalidQueryException extends BroadsheetException {
  private static final long serialVersionUID = 1L;

  /**
   * One problem of a query.
   *
   * @param option the option's name as {@link QueryOption#key()} spells it ({@code limit},
   *     {@code anyTag}), or the unknown name as given
   * @param reason what is wrong, without the option's name ("must be from 1 to 1000, was 5000")
   */
  public record Violation(String option, String reason) {
    public Violation {
      Objects.requireNonNull(option, "option");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final List<Violation> violations;

  public InvalidQueryException(List<Violation> violations) {
    super(message(violations));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an invalid query has at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  /** A query with one problem. */
  public InvalidQueryException(String option, String reason) {
    this(List.of(new Violation(option, reason)));
  }

  /** Every problem, in the order the options were given. */
  public List<Violation> violations() {
    return violations;
  }

  /** The option of the first problem. */
  public String option() {
    return violations.get(0).option();
  }

  private static String message(List<Violation> violations) {
    return violations.stream().map(v -> v.option() + " " + v.reason()).collect(Collectors.joining("; "));
  }
}
