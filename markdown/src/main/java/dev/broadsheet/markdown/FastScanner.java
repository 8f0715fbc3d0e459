package dev.broadsheet.markdown;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A scanner for the YAML that frontmatter usually holds: block mappings nested a few levels,
 * block sequences of scalars, plain, single- and double-quoted scalars on one line, flow
 * sequences of scalars, comments and blank lines. It produces exactly the tree the full parser
 * produces, positions included, and declines everything else (anchors, aliases, tags, block
 * scalars, multi-line scalars, escapes, flow mappings, tabs, control characters, duplicate
 * keys, anything unusual) so that the full parser handles it. Correctness first: when in
 * doubt, it declines.
 */
final class FastScanner {
  /** Thrown to decline; carries no stack trace. */
  private static final class Decline extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Decline INSTANCE = new Decline();

    private Decline() {
      super(null, null, false, false);
    }
  }

  /** What the scan gave: the root node, or null for a frontmatter of only comments and blank lines. */
  record Result(YamlNode.@Nullable Mapping root) {}

  private final String t;
  private final int[] lineStarts;
  private final int yamlStart;
  private final int yamlEnd;
  private final int maxNodes;
  private final int maxDepth;
  private final int lastLine;
  private int line;
  private int nodes;
  /** No character beyond the BMP: columns are char counts. */
  private final boolean bmp;

  private FastScanner(String t, int[] lineStarts, int yamlStart, int yamlEnd, int maxNodes, int maxDepth) {
    this.t = t;
    this.lineStarts = lineStarts;
    this.yamlStart = yamlStart;
    this.yamlEnd = yamlEnd;
    this.maxNodes = maxNodes;
    this.maxDepth = maxDepth;
    this.lastLine = lineIndex(yamlEnd);
    this.line = lineIndex(yamlStart);
    boolean b = true;
    for (int i = yamlStart; i < yamlEnd && b; i++) {
      b = !Character.isSurrogate(t.charAt(i));
    }
    this.bmp = b;
  }

  /** The tree of the YAML in {@code t[yamlStart, yamlEnd)}, or null to decline. */
  static @Nullable Result scan(String t, int[] lineStarts, int yamlStart, int yamlEnd, int maxNodes, int maxDepth) {
    if (!plainText(t, yamlStart, yamlEnd)) {
      return null;
    }
    try {
      return new FastScanner(t, lineStarts, yamlStart, yamlEnd, maxNodes, maxDepth).document();
    } catch (Decline | IndexOutOfBoundsException e) {
      return null;
    }
  }

  /** No tab, no control or separator character, no lone CR: then lines and columns are simple. */
  private static boolean plainText(String t, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < 0x20) {
        if (c == '\n') {
          continue;
        }
        if (c == '\r' && i + 1 < to && t.charAt(i + 1) == '\n') {
          continue;
        }
        return false;
      }
      if ((c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF || c == 0xFFFE || c == 0xFFFF) {
        return false;
      }
    }
    return true;
  }

  private Result document() {
    skipToContent();
    if (line >= lastLine) {
      return new Result(null);
    }
    YamlNode.Mapping root = mapping(indent(line), 1);
    if (line < lastLine) {
      throw Decline.INSTANCE;
    }
    return new Result(root);
  }

  // ------------------------------------------------------------------ structure

  private YamlNode.Mapping mapping(int indent, int depth) {
    if (depth > maxDepth) {
      throw Decline.INSTANCE;
    }
    List<YamlNode.Entry> entries = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    Position start = null;
    while (line < lastLine) {
      int ind = indent(line);
      if (ind < indent) {
        break;
      }
      if (ind > indent) {
        throw Decline.INSTANCE;
      }
      int ls = lineStarts[line];
      int end = contentEnd(line);
      int k = ls + indent;
      int colon = keyEnd(k, end);
      String key = t.substring(k, colon);
      if (!keys.add(key)) {
        throw Decline.INSTANCE; // the full parser reports duplicates
      }
      YamlNode.Scalar keyNode = new YamlNode.Scalar(key, YamlNode.Style.PLAIN, null, null, pos(k), pos(colon));
      count();
      if (start == null) {
        start = keyNode.start();
      }
      int v = colon + 1;
      while (v < end && t.charAt(v) == ' ') {
        v++;
      }
      YamlNode value;
      if (v >= end) {
        int here = line;
        line++;
        skipToContent();
        if (line < lastLine && indent(line) > indent) {
          int nested = indent(line);
          value = isDash(line, nested) ? sequence(nested, depth + 1) : mapping(nested, depth + 1);
        } else if (line < lastLine && indent(line) == indent && isDash(line, indent)) {
          value = sequence(indent, depth + 1);
        } else {
          if (colon + 1 != lineEnd(here)) {
            throw Decline.INSTANCE; // spaces after the colon: the empty value's position differs
          }
          Position p = pos(colon + 1, here);
          value = new YamlNode.Scalar("", YamlNode.Style.PLAIN, null, null, p, p);
          count();
        }
      } else {
        value = inline(v, end, depth + 1);
        line++;
        skipToContent();
      }
      entries.add(new YamlNode.Entry(keyNode, value));
    }
    count(); // the full parser counts collections as values too
    return new YamlNode.Mapping(entries, false, null, null, start, nextToken());
  }

  private YamlNode.Sequence sequence(int indent, int depth) {
    if (depth > maxDepth) {
      throw Decline.INSTANCE;
    }
    List<YamlNode> items = new ArrayList<>();
    Position start = null;
    while (line < lastLine && indent(line) == indent && isDash(line, indent)) {
      int dash = lineStarts[line] + indent;
      if (start == null) {
        start = pos(dash);
      }
      int end = contentEnd(line);
      int v = dash + 1;
      while (v < end && t.charAt(v) == ' ') {
        v++;
      }
      if (v >= end || t.charAt(v) == '[') {
        throw Decline.INSTANCE;
      }
      YamlNode item = scalar(v, end, false);
      items.add(item);
      line++;
      skipToContent();
      if (line < lastLine && indent(line) > indent) {
        throw Decline.INSTANCE;
      }
    }
    count();
    return new YamlNode.Sequence(items, false, null, null, start, nextToken());
  }

  /** A value that starts on the key's line: a scalar or a flow sequence of scalars. */
  private YamlNode inline(int v, int end, int depth) {
    if (t.charAt(v) == '[') {
      if (depth > maxDepth) {
        throw Decline.INSTANCE;
      }
      return flowSequence(v, end);
    }
    return scalar(v, end, false);
  }

  private YamlNode.Sequence flowSequence(int open, int end) {
    List<YamlNode> items = new ArrayList<>();
    int p = open + 1;
    p = skipSpaces(p, end);
    if (p < end && t.charAt(p) == ']') {
      p++;
    } else {
      while (true) {
        if (p >= end) {
          throw Decline.INSTANCE;
        }
        char c = t.charAt(p);
        if (c == '[' || c == '{' || c == ',' || c == ']') {
          throw Decline.INSTANCE;
        }
        YamlNode.Scalar item = scalar(p, end, true);
        items.add(item);
        p = skipSpaces(item.end().offset(), end);
        if (p >= end) {
          throw Decline.INSTANCE;
        }
        if (t.charAt(p) == ']') {
          p++;
          break;
        }
        if (t.charAt(p) != ',') {
          throw Decline.INSTANCE;
        }
        p = skipSpaces(p + 1, end);
      }
    }
    onlyCommentAfter(p, end);
    count();
    return new YamlNode.Sequence(items, true, null, null, pos(open), pos(p));
  }

  /**
   * A scalar on one line from {@code p}; {@code end} is where the line's content ends (before
   * a comment and trailing spaces). In a flow sequence, a plain scalar stops at {@code ,} or
   * {@code ]} and the caller checks what follows.
   */
  private YamlNode.Scalar scalar(int p, int end, boolean flow) {
    char c = t.charAt(p);
    count();
    if (c == '\'') {
      StringBuilder b = new StringBuilder();
      int i = p + 1;
      while (true) {
        if (i >= end) {
          throw Decline.INSTANCE;
        }
        char x = t.charAt(i);
        if (x == '\'') {
          if (i + 1 < end && t.charAt(i + 1) == '\'') {
            b.append('\'');
            i += 2;
            continue;
          }
          break;
        }
        b.append(x);
        i++;
      }
      int close = i + 1;
      if (!flow) {
        onlyCommentAfter(close, end);
      }
      return new YamlNode.Scalar(b.toString(), YamlNode.Style.SINGLE_QUOTED, null, null, pos(p), pos(close));
    }
    if (c == '"') {
      int i = p + 1;
      while (i < end && t.charAt(i) != '"') {
        if (t.charAt(i) == '\\') {
          throw Decline.INSTANCE;
        }
        i++;
      }
      if (i >= end) {
        throw Decline.INSTANCE;
      }
      int close = i + 1;
      if (!flow) {
        onlyCommentAfter(close, end);
      }
      return new YamlNode.Scalar(t.substring(p + 1, i), YamlNode.Style.DOUBLE_QUOTED, null, null, pos(p), pos(close));
    }
    // In a flow collection the full parser reads a leading ':' as a value indicator, whatever follows.
    if ("{[]},&*!|>%@`#".indexOf(c) >= 0 || (flow && c == ':') || ((c == '-' || c == '?' || c == ':') && (p + 1 >= end
        || t.charAt(p + 1) == ' ' || (flow && ",[]{}".indexOf(t.charAt(p + 1)) >= 0)))) {
      throw Decline.INSTANCE;
    }
    int i = p;
    int last = p;
    while (i < end) {
      char x = t.charAt(i);
      if (flow && (x == ',' || x == ']' || x == '[' || x == '{' || x == '}')) {
        break;
      }
      if (x == ':' && (i + 1 >= end || t.charAt(i + 1) == ' ' || (flow && ",[]{}".indexOf(t.charAt(i + 1)) >= 0))) {
        throw Decline.INSTANCE;
      }
      if (flow && x == '?') {
        throw Decline.INSTANCE;
      }
      if (x == '#' && t.charAt(i - 1) == ' ') {
        if (flow) {
          throw Decline.INSTANCE;
        }
        break; // a comment
      }
      if (x != ' ') {
        last = i + 1;
      }
      i++;
    }
    return new YamlNode.Scalar(t.substring(p, last), YamlNode.Style.PLAIN, null, null, pos(p), pos(last));
  }

  // ------------------------------------------------------------------ lines

  /** The end of a plain key at {@code k}: the offset of its ':', which is followed by a space or the line's end. */
  private int keyEnd(int k, int end) {
    char first = t.charAt(k);
    if (!(Character.isLetterOrDigit(first) || first == '_')) {
      throw Decline.INSTANCE;
    }
    for (int i = k; i < end; i++) {
      char c = t.charAt(i);
      if (c == ':') {
        if (i + 1 < end && t.charAt(i + 1) != ' ') {
          throw Decline.INSTANCE;
        }
        if (t.charAt(i - 1) == ' ') {
          throw Decline.INSTANCE;
        }
        return i;
      }
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == ' ')) {
        throw Decline.INSTANCE;
      }
    }
    throw Decline.INSTANCE;
  }

  private boolean isDash(int ln, int indent) {
    int p = lineStarts[ln] + indent;
    return t.charAt(p) == '-' && p + 1 < lineEnd(ln) && t.charAt(p + 1) == ' ';
  }

  /** The offset where a line's text ends, before its line break. */
  private int lineEnd(int ln) {
    int next = ln + 1 < lineStarts.length ? lineStarts[ln + 1] - 1 : t.length();
    if (next > lineStarts[ln] && next - 1 < t.length() && next - 1 >= 0 && t.charAt(next - 1) == '\r') {
      next--;
    }
    return Math.min(next, t.length());
  }

  /** Where a line's text ends, trailing spaces left out. */
  private int contentEnd(int ln) {
    int ls = lineStarts[ln];
    int end = lineEnd(ln);
    while (end > ls && t.charAt(end - 1) == ' ') {
      end--;
    }
    return end;
  }

  /** After a complete value at {@code p}: only spaces, or spaces and a comment, may follow. */
  private void onlyCommentAfter(int p, int end) {
    int q = skipSpaces(p, end);
    if (q == end) {
      return;
    }
    if (q > p && t.charAt(q) == '#') {
      return;
    }
    throw Decline.INSTANCE;
  }

  private int indent(int ln) {
    int ls = lineStarts[ln];
    int i = ls;
    while (i < t.length() && t.charAt(i) == ' ') {
      i++;
    }
    return i - ls;
  }

  /** Moves past blank and comment-only lines. */
  private void skipToContent() {
    while (line < lastLine) {
      int ls = lineStarts[line];
      int i = ls + indent(line);
      int le = lineEnd(line);
      if (i < le && t.charAt(i) != '#') {
        return;
      }
      line++;
    }
  }

  private int skipSpaces(int p, int end) {
    while (p < end && t.charAt(p) == ' ') {
      p++;
    }
    return p;
  }

  /** Where the next token starts: the first character of the next content line, or the end. */
  private Position nextToken() {
    if (line >= lastLine) {
      return FrontmatterDocument.position(t, lineStarts, yamlEnd);
    }
    return pos(lineStarts[line] + indent(line), line);
  }

  private int lineIndex(int offset) {
    int idx = java.util.Arrays.binarySearch(lineStarts, offset);
    return idx >= 0 ? idx : -idx - 2;
  }

  private Position pos(int offset) {
    return pos(offset, line);
  }

  private Position pos(int offset, int ln) {
    int ls = lineStarts[ln];
    return new Position(ln + 1, (bmp ? offset - ls : t.codePointCount(ls, offset)) + 1, offset);
  }

  private void count() {
    if (++nodes > maxNodes) {
      throw Decline.INSTANCE;
    }
  }
}
