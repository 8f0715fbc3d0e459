package dev.broadsheet.markdown.lint;

import dev.broadsheet.markdown.Position;
import dev.broadsheet.markdown.YamlNode;

/** An article without a description, or with a blank one: listings and link previews show it. */
final class MissingDescriptionRule implements Rule {
  private static final Position START = new Position(1, 1, 0);

  @Override
  public String name() {
    return "missing-description";
  }

  @Override
  public void check(Subject subject, Findings out) {
    String description = subject.article().description();
    if (description != null && !description.isBlank()) {
      return;
    }
    YamlNode node = subject.node("description");
    if (node == null) {
      out.warn(START, "description", "description is missing; listings and link previews show it");
    } else {
      out.warn(node.start(), "description", "description is blank; listings and link previews show it");
    }
  }
}
