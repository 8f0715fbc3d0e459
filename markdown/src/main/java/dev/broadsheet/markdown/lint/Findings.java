package dev.broadsheet.markdown.lint;

import dev.broadsheet.Problem;
import dev.broadsheet.Severity;
import dev.broadsheet.markdown.Position;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Where one rule puts its warnings for one article. */
final class Findings {
  private final String rule;
  private final String source;
  private final List<Problem> problems;

  Findings(String rule, String source, List<Problem> problems) {
    this.rule = rule;
    this.source = source;
    this.problems = problems;
  }

  void warn(Position at, @Nullable String field, String message) {
    problems.add(new Problem(source, at.line(), at.column(), field, message, Severity.WARNING, rule));
  }
}
