package dev.broadsheet.markdown.lint;

import java.time.Instant;

/** An {@code updatedAt} earlier than the {@code publishedAt} it updates. */
final class UpdatedBeforePublishedRule implements Rule {
  @Override
  public String name() {
    return "updated-before-published";
  }

  @Override
  public void check(Subject subject, Findings out) {
    Instant published = subject.article().publishedAt();
    Instant updated = subject.article().updatedAt();
    if (published != null && updated != null && updated.isBefore(published)) {
      out.warn(subject.position("updatedAt"), "updatedAt",
          "updatedAt " + updated + " is earlier than publishedAt " + published);
    }
  }
}
