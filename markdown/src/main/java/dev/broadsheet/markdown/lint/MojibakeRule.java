package dev.broadsheet.markdown.lint;

import dev.broadsheet.markdown.Position;
import dev.broadsheet.markdown.YamlNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.jspecify.annotations.Nullable;

/**
 * Garbled text ({@link Mojibake}) in any frontmatter value, known field or not, and in the body
 * outside code: one warning per field and one for the body, at the first garbled run.
 */
final class MojibakeRule implements Rule {
  /** Characters of a run shown in a message; a longer run is cut short. */
  private static final int SHOWN = 24;

  @Override
  public String name() {
    return "mojibake";
  }

  @Override
  public void check(Subject subject, Findings out) {
    if (Subject.deref(subject.document().root()) instanceof YamlNode.Mapping root) {
      Set<String> reported = new HashSet<>();
      for (YamlNode.Entry e : root.entries()) {
        if (e.key() instanceof YamlNode.Scalar key) {
          frontmatter(subject, e.value(), key.value(), reported, out);
        }
      }
    }
    if (subject.hasBody()) {
      body(subject, out);
    }
  }

  private static void frontmatter(
      Subject subject, YamlNode node, String field, Set<String> reported, Findings out) {
    if (node instanceof YamlNode.Scalar s) {
      if (reported.contains(field)) {
        return;
      }
      Mojibake.Match m = Mojibake.find(s.value(), 0, s.value().length());
      if (m != null) {
        reported.add(field);
        out.warn(locate(subject, s, m), field, field + " has mojibake: " + describe(m));
      }
    } else if (node instanceof YamlNode.Mapping m) {
      for (YamlNode.Entry e : m.entries()) {
        if (e.key() instanceof YamlNode.Scalar key) {
          frontmatter(subject, e.value(), field + "." + key.value(), reported, out);
        }
      }
    } else if (node instanceof YamlNode.Sequence seq) {
      for (YamlNode item : seq.items()) {
        frontmatter(subject, item, field, reported, out);
      }
    }
    // An alias is checked where its anchored value stands.
  }

  /**
   * Where the garbled run stands in the file: found in the scalar's own text, which is the value
   * unless quoting or escapes changed it; else the start of the value.
   */
  private static Position locate(Subject subject, YamlNode.Scalar s, Mojibake.Match m) {
    String text = subject.document().text();
    int from = s.start().offset();
    int to = Math.min(s.end().offset(), text.length());
    int at = from <= to ? text.substring(from, to).indexOf(m.garbled()) : -1;
    return at < 0 ? s.start() : subject.document().position(from + at);
  }

  private static void body(Subject subject, Findings out) {
    String body = subject.bodyText();
    Mojibake.@Nullable Match first = null;
    int places = 0;
    int from = 0;
    for (int[] code : codeRanges(subject.markdown())) {
      for (Mojibake.Match m; from < code[0] && (m = Mojibake.find(body, from, code[0])) != null; from = m.end()) {
        first = first == null ? m : first;
        places++;
      }
      from = Math.max(from, code[1]);
    }
    for (Mojibake.Match m; (m = Mojibake.find(body, from, body.length())) != null; from = m.end()) {
      first = first == null ? m : first;
      places++;
    }
    if (first != null) {
      out.warn(subject.bodyPosition(first.start()), null,
          "body has mojibake: " + describe(first) + (places > 1 ? " (" + places + " places)" : ""));
    }
  }

  /** The offsets of code blocks and code spans in the body, in order: code may quote anything. */
  private static List<int[]> codeRanges(Node markdown) {
    List<int[]> ranges = new ArrayList<>();
    markdown.accept(new AbstractVisitor() {
      @Override
      public void visit(FencedCodeBlock node) {
        add(node);
      }

      @Override
      public void visit(IndentedCodeBlock node) {
        add(node);
      }

      @Override
      public void visit(Code node) {
        add(node);
      }

      private void add(Node node) {
        for (SourceSpan span : node.getSourceSpans()) {
          ranges.add(new int[] {span.getInputIndex(), span.getInputIndex() + span.getLength()});
        }
      }
    });
    ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
    return ranges;
  }

  private static String describe(Mojibake.Match m) {
    return "'" + visible(m.garbled()) + "' looks like '" + visible(m.repaired())
        + "' read with the wrong encoding";
  }

  /** The text with invisible characters (no-break space, soft hyphen, controls) written as escapes. */
  private static String visible(String text) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < text.length(); ) {
      if (shown++ == SHOWN) {
        return out.append('…').toString();
      }
      int cp = text.codePointAt(i);
      int type = Character.getType(cp);
      if (Character.isISOControl(cp) || type == Character.SPACE_SEPARATOR || type == Character.FORMAT) {
        out.append(String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }
}
