package dev.broadsheet.markdown.lint;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.jspecify.annotations.Nullable;

/**
 * A {@code ##} heading with nothing under it: the next block is a heading of level 1 or 2, or
 * there is none. Headings inside quotes or lists do not open sections.
 */
final class EmptySectionRule implements Rule {
  @Override
  public String name() {
    return "empty-section";
  }

  @Override
  public void check(Subject subject, Findings out) {
    if (!subject.hasBody()) {
      return;
    }
    for (Node n = subject.markdown().getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Heading h && h.getLevel() == 2 && endsSection(h.getNext())) {
        int offset = h.getSourceSpans().isEmpty() ? 0 : h.getSourceSpans().get(0).getInputIndex();
        String title = text(h).strip();
        out.warn(subject.bodyPosition(offset), null,
            (title.isEmpty() ? "a section without a title" : "section '" + title + "'") + " is empty");
      }
    }
  }

  private static boolean endsSection(@Nullable Node next) {
    return next == null || (next instanceof Heading h && h.getLevel() <= 2);
  }

  private static String text(Node heading) {
    StringBuilder out = new StringBuilder();
    heading.accept(new AbstractVisitor() {
      @Override
      public void visit(Text text) {
        out.append(text.getLiteral());
      }

      @Override
      public void visit(Code code) {
        out.append(code.getLiteral());
      }
    });
    return out.toString();
  }
}
