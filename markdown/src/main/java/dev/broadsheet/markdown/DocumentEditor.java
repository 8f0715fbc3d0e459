package dev.broadsheet.markdown;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Applies a change of frontmatter values to a document's text with the smallest edit: only
 * the lines of changed fields are rewritten, a one-line value is replaced in place (keeping
 * the key, spacing and any trailing comment), a removed field's lines go, a new field goes to
 * its canonical place. Everything else, comments and blank lines included, stays as it was.
 */
final class DocumentEditor {
  private final FrontmatterDocument doc;
  private final String text;
  private final String nl;
  private final List<Edit> edits = new ArrayList<>();
  private int sequence;

  private record Edit(int start, int end, String replacement, int order) {}

  private DocumentEditor(FrontmatterDocument doc) {
    this.doc = doc;
    this.text = doc.text();
    this.nl = doc.newline();
  }

  /**
   * The document's text with its frontmatter changed from {@code before} to {@code after} and
   * its body replaced, or null when the frontmatter is not a block mapping this editor can
   * change in place.
   */
  static @Nullable String edit(
      FrontmatterDocument doc,
      Map<String, @Nullable Object> before,
      Map<String, @Nullable Object> after,
      String body) {
    if (!doc.hasFrontmatter()) {
      return null;
    }
    YamlNode root = doc.root();
    if (root != null && !(root instanceof YamlNode.Mapping m && !m.flow())) {
      return null;
    }
    DocumentEditor editor = new DocumentEditor(doc);
    editor.mapping((YamlNode.Mapping) root, before, after, doc.yamlEnd());
    return editor.apply(body);
  }

  private void mapping(
      YamlNode.@Nullable Mapping m,
      Map<String, @Nullable Object> before,
      Map<String, @Nullable Object> after,
      int fallbackOffset) {
    List<String> order = new ArrayList<>(after.keySet());
    for (String key : before.keySet()) {
      if (!after.containsKey(key)) {
        order.add(key);
      }
    }
    List<String> afterKeys = new ArrayList<>(after.keySet());
    for (String key : order) {
      boolean inAfter = after.containsKey(key);
      Object newValue = after.get(key);
      YamlNode.Entry entry = m == null ? null : find(m, key);
      if (entry == null) {
        if (inAfter && !(before.containsKey(key) && Objects.equals(before.get(key), newValue))) {
          insert(m, key, newValue, afterKeys, fallbackOffset);
        }
        continue;
      }
      if (!inAfter) {
        remove(entry);
        continue;
      }
      Object oldValue = before.get(key);
      if (before.containsKey(key) && Objects.equals(oldValue, newValue)) {
        continue;
      }
      YamlNode value = entry.value();
      if (oldValue instanceof Map<?, ?> om && newValue instanceof Map<?, ?> nm && !nm.isEmpty()
          && value instanceof YamlNode.Mapping vm && !vm.flow() && !vm.entries().isEmpty()) {
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> o = (Map<String, @Nullable Object>) om;
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> n = (Map<String, @Nullable Object>) nm;
        mapping(vm, o, n, lineEnd(lastContent(vm)));
      } else {
        replace(entry, newValue);
      }
    }
  }

  private static YamlNode.@Nullable Entry find(YamlNode.Mapping m, String key) {
    for (YamlNode.Entry e : m.entries()) {
      if (ArticleSchema.deref(e.key()) instanceof YamlNode.Scalar s && s.value().equals(key)) {
        return e;
      }
    }
    return null;
  }

  private void replace(YamlNode.Entry entry, @Nullable Object value) {
    YamlNode old = entry.value();
    boolean oneLine = old.start().line() == old.end().line() || old instanceof YamlNode.Scalar s && isInline(s);
    boolean inlineOld =
        (old instanceof YamlNode.Scalar s && isInline(s) && !s.value().isEmpty() || old instanceof YamlNode.Alias
            || (old instanceof YamlNode.Sequence q && q.flow()) || (old instanceof YamlNode.Mapping mm && mm.flow()))
            && oneLine;
    boolean inlineNew = !YamlEmitter.isCollection(value) || isEmptyCollection(value)
        || old instanceof YamlNode.Sequence q2 && q2.flow() && value instanceof List<?>
        || old instanceof YamlNode.Mapping m2 && m2.flow() && value instanceof Map<?, ?>;
    if (inlineOld && inlineNew) {
      add(old.start().offset(), old.end().offset(), YamlEmitter.inline(value));
      return;
    }
    int indent = entry.key().start().column() - 1;
    int seqIndent = old instanceof YamlNode.Sequence q && !q.flow() ? q.start().column() - 1 : indent + 2;
    int mapIndent = old instanceof YamlNode.Mapping mm && !mm.flow() ? mm.start().column() - 1 : indent + 2;
    StringBuilder out = new StringBuilder();
    String key = text.substring(entry.key().start().offset(), entry.key().end().offset());
    YamlEmitter.entry(out, indent, seqIndent, mapIndent, key, value, nl);
    int start = lineStart(entry.key().start().offset());
    int end = lineEnd(Math.max(lastContent(old), entry.key().end().offset() - 1));
    add(start, end, out.toString());
  }

  private static boolean isInline(YamlNode.Scalar s) {
    return s.style() == YamlNode.Style.PLAIN || s.style() == YamlNode.Style.SINGLE_QUOTED
        || s.style() == YamlNode.Style.DOUBLE_QUOTED;
  }

  private static boolean isEmptyCollection(@Nullable Object v) {
    return v instanceof List<?> l && l.isEmpty() || v instanceof Map<?, ?> m && m.isEmpty();
  }

  private void remove(YamlNode.Entry entry) {
    int start = lineStart(entry.key().start().offset());
    int end = lineEnd(Math.max(lastContent(entry.value()), entry.key().end().offset() - 1));
    add(start, end, "");
  }

  private void insert(
      YamlNode.@Nullable Mapping m, String key, @Nullable Object value, List<String> order, int fallbackOffset) {
    int indent = 0;
    int at = fallbackOffset;
    if (m != null && !m.entries().isEmpty()) {
      indent = m.entries().get(0).key().start().column() - 1;
      at = lineEnd(lastContent(m));
      int idx = order.indexOf(key);
      boolean placed = false;
      for (int i = idx - 1; i >= 0 && !placed; i--) {
        YamlNode.Entry prev = find(m, order.get(i));
        if (prev != null) {
          at = lineEnd(Math.max(lastContent(prev.value()), prev.key().end().offset() - 1));
          placed = true;
        }
      }
      for (int i = idx + 1; i < order.size() && !placed; i++) {
        YamlNode.Entry next = find(m, order.get(i));
        if (next != null) {
          at = lineStart(next.key().start().offset());
          placed = true;
        }
      }
    }
    StringBuilder out = new StringBuilder();
    YamlEmitter.entry(out, indent, Scalars.string(key), value, nl);
    add(at, at, out.toString());
  }

  private void add(int start, int end, String replacement) {
    edits.add(new Edit(start, end, replacement, sequence++));
  }

  private String apply(String body) {
    // At one offset, insertions go before the replacement of the entry that starts there.
    edits.sort(Comparator.comparingInt(Edit::start)
        .thenComparingInt(e -> e.end() > e.start() ? 1 : 0)
        .thenComparingInt(Edit::order));
    StringBuilder out = new StringBuilder(text.length() + 64);
    int pos = 0;
    for (Edit e : edits) {
      out.append(text, pos, e.start()).append(e.replacement());
      pos = Math.max(pos, e.end());
    }
    out.append(text, pos, doc.bodyStart());
    if (!body.isEmpty() && doc.bodyStart() == text.length() && !text.endsWith("\n")) {
      // The closing delimiter was the last line and had no line break: the body needs one
      // after it, or the delimiter line would run into the body's first line.
      out.append(nl);
    }
    return out.append(body).toString();
  }

  /** Offset of the last character that belongs to a node (trailing breaks excluded). */
  private int lastContent(YamlNode node) {
    if (node instanceof YamlNode.Mapping m && !m.flow() && !m.entries().isEmpty()) {
      YamlNode.Entry last = m.entries().get(m.entries().size() - 1);
      return Math.max(lastContent(last.value()), last.key().end().offset() - 1);
    }
    if (node instanceof YamlNode.Sequence q && !q.flow() && !q.items().isEmpty()) {
      return lastContent(q.items().get(q.items().size() - 1));
    }
    int o = node.end().offset() - 1;
    while (o > node.start().offset() && Character.isWhitespace(text.charAt(o))) {
      o--;
    }
    return Math.max(o, node.start().offset());
  }

  private int lineStart(int offset) {
    return text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The offset just past the line break of the line holding {@code offset}. */
  private int lineEnd(int offset) {
    int nlAt = text.indexOf('\n', offset);
    return nlAt < 0 ? text.length() : nlAt + 1;
  }
}
