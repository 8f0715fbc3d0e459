package dev.broadsheet.markdown;

import dev.broadsheet.Problem;
import dev.broadsheet.internal.Texts;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads any Markdown file with YAML frontmatter into a {@link FrontmatterDocument}, strictly
 * and safely: nothing is ever instantiated from a YAML tag, and hostile input (alias bombs,
 * deep nesting, huge frontmatter) is refused with a problem in milliseconds.
 *
 * <pre>{@code
 * FrontmatterParser parser = FrontmatterParser.builder().maxFrontmatterBytes(64 * 1024).build();
 * DocumentResult result = parser.parse("content/post.md", Files.readAllBytes(path));
 * result.problems().forEach(System.err::println);
 * }</pre>
 *
 * <p>A file is an optional UTF-8 BOM, a line {@code ---}, YAML, a closing line {@code ---}
 * (or {@code ...}), then the body; LF or CRLF. A file that does not start with a {@code ---}
 * line has no frontmatter and is all body. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class FrontmatterParser {
  private static final FrontmatterParser STANDARD = builder().build();
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final int maxFrontmatterBytes;
  private final int maxNestingDepth;
  private final int maxAliases;
  private final int maxNodes;

  private FrontmatterParser(Builder b) {
    this.maxFrontmatterBytes = b.maxFrontmatterBytes;
    this.maxNestingDepth = b.maxNestingDepth;
    this.maxAliases = b.maxAliases;
    this.maxNodes = b.maxNodes;
  }

  int maxFrontmatterBytes() {
    return maxFrontmatterBytes;
  }

  int maxNestingDepth() {
    return maxNestingDepth;
  }

  int maxNodes() {
    return maxNodes;
  }

  /** A parser with the default limits. */
  public static FrontmatterParser standard() {
    return STANDARD;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code bytes} as a document. Never throws for bad input: every problem is in the
   * result.
   *
   * @param source the name problems carry, usually the file path
   */
  public DocumentResult parse(String source, byte[] bytes) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(bytes, "bytes");
    return parse(source, bytes, bytes.length, true, new ArrayList<>(), true);
  }

  /** As {@link #parse}, always through snakeyaml: the reference the fast scanner must agree with. */
  DocumentResult parseWithFullParser(String source, byte[] bytes) {
    return parse(source, bytes, bytes.length, true, new ArrayList<>(), false);
  }

  /**
   * Reads only what a listing needs: the frontmatter, up to its closing delimiter line. The
   * body is not decoded, only checked to be valid UTF-8, so loading many files costs little
   * more than their frontmatter. The document {@linkplain FrontmatterDocument#isComplete() is
   * not complete}: its body is empty and it cannot be written back.
   */
  public DocumentResult parseFrontmatter(String source, byte[] bytes) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(bytes, "bytes");
    int from = hasBom(bytes) ? 3 : 0;
    int end = frontmatterEnd(bytes, from);
    if (end < 0) {
      return parse(source, bytes);
    }
    List<Problem> problems = new ArrayList<>();
    int bad = invalidUtf8(bytes, end, bytes.length);
    // A bad byte in the frontmatter comes first: decoding it below reports that one.
    if (bad >= 0 && invalidUtf8(bytes, from, end) < 0) {
      problems.add(encodingProblem(source, bytes, from, bad));
      return new DocumentResult(null, problems);
    }
    return parse(source, bytes, end, false, problems, true);
  }

  private static boolean hasBom(byte[] bytes) {
    return bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
  }

  /** The byte just past the closing delimiter line, or -1 when the file has no closed frontmatter. */
  private static int frontmatterEnd(byte[] b, int from) {
    int lineEnd = indexOf(b, from, (byte) '\n');
    if (lineEnd < 0 || !isDelimiterLine(b, from, lineEnd, false)) {
      return -1;
    }
    int start = lineEnd + 1;
    while (start < b.length) {
      int end = indexOf(b, start, (byte) '\n');
      int stop = end < 0 ? b.length : end;
      if (isDelimiterLine(b, start, stop, true)) {
        return end < 0 ? b.length : end + 1;
      }
      if (end < 0) {
        return -1;
      }
      start = end + 1;
    }
    return -1;
  }

  private static int indexOf(byte[] b, int from, byte value) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }

  static boolean isDelimiterLine(byte[] b, int from, int end, boolean closing) {
    if (end - from < 3) {
      return false;
    }
    boolean dashes = b[from] == '-' && b[from + 1] == '-' && b[from + 2] == '-';
    boolean dots = closing && b[from] == '.' && b[from + 1] == '.' && b[from + 2] == '.';
    if (!dashes && !dots) {
      return false;
    }
    for (int i = from + 3; i < end; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  /** The index of the first byte that is not valid UTF-8 in {@code b[from, to)}, or -1. */
  static int invalidUtf8(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      // Runs of ASCII, 32 and then 8 bytes at a time.
      while (i + 32 <= to && (((long) LONGS.get(b, i) | (long) LONGS.get(b, i + 8) | (long) LONGS.get(b, i + 16)
          | (long) LONGS.get(b, i + 24)) & 0x8080808080808080L) == 0) {
        i += 32;
      }
      while (i + 8 <= to && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
        i += 8;
      }
      if (i >= to) {
        break;
      }
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int need;
      int min2 = 0x80;
      int max2 = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0) {
          min2 = 0xA0;
        } else if (c == 0xED) {
          max2 = 0x9F;
        }
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0) {
          min2 = 0x90;
        } else if (c == 0xF4) {
          max2 = 0x8F;
        }
      } else {
        return i;
      }
      if (i + need >= to) {
        return i;
      }
      int c2 = b[i + 1] & 0xFF;
      if (c2 < min2 || c2 > max2) {
        return i;
      }
      for (int k = 2; k <= need; k++) {
        if ((b[i + k] & 0xC0) != 0x80) {
          return i;
        }
      }
      i += need + 1;
    }
    return -1;
  }

  private DocumentResult parse(String source, byte[] bytes, int length, boolean complete, List<Problem> problems,
      boolean useFastScanner) {
    boolean bom = hasBom(bytes);
    int from = bom ? 3 : 0;
    String text = decode(source, bytes, from, length, problems);
    if (text == null) {
      return new DocumentResult(null, problems);
    }
    int[] lineStarts = FrontmatterDocument.lineStarts(text);
    int firstLineEnd = lineEnd(text, 0);
    if (!isDelimiter(text, 0, firstLineEnd, false) || firstLineEnd == text.length()) {
      if (isDelimiter(text, 0, firstLineEnd, false)) {
        problems.add(
            Problem.error(source, 1, 1, null, "frontmatter-unclosed",
                "frontmatter opened at line 1 is never closed (no closing '---' line)"));
        return new DocumentResult(null, problems);
      }
      return new DocumentResult(
          new FrontmatterDocument(source, bom, text, false, 0, 0, 0, null, newlineOf(text, firstLineEnd), lineStarts,
              complete),
          problems);
    }
    String newline = newlineOf(text, firstLineEnd);
    int yamlStart = firstLineEnd + 1;
    int lineStart = yamlStart;
    int yamlEnd = -1;
    int bodyStart = -1;
    // Counted line by line as the scan goes: measuring from yamlStart on every line would
    // make a huge frontmatter of short lines take quadratic time before it is refused.
    long yamlBytes = 0;
    boolean small = length - from <= maxFrontmatterBytes; // then no frontmatter can be too large
    while (lineStart < text.length()) {
      int end = lineEnd(text, lineStart);
      if (isDelimiter(text, lineStart, end, true)) {
        yamlEnd = lineStart;
        bodyStart = Math.min(end + 1, text.length());
        break;
      }
      if (!small) {
        yamlBytes += utf8Length(text, lineStart, Math.min(end + 1, text.length()));
      }
      if (yamlBytes > maxFrontmatterBytes) {
        problems.add(
            Problem.error(source, 2, 1, null, "limit",
                "frontmatter is larger than " + maxFrontmatterBytes + " bytes, " + limit("maxFrontmatterBytes")));
        return new DocumentResult(null, problems);
      }
      lineStart = end + 1;
    }
    if (yamlEnd < 0) {
      problems.add(
          Problem.error(source, 1, 1, null, "frontmatter-unclosed",
              "frontmatter opened at line 1 is never closed (no closing '---' line)"));
      return new DocumentResult(null, problems);
    }
    FastScanner.Result fast = useFastScanner
        ? FastScanner.scan(text, lineStarts, yamlStart, yamlEnd, maxNodes, maxNestingDepth) : null;
    if (fast != null) {
      return new DocumentResult(
          new FrontmatterDocument(source, bom, text, true, yamlStart, yamlEnd, bodyStart, fast.root(), newline,
              lineStarts, complete),
          problems);
    }
    TreeBuilder builder = new TreeBuilder(source, text, lineStarts, yamlStart, yamlEnd, problems);
    YamlNode root = builder.build();
    if (builder.fatal) {
      return new DocumentResult(null, problems);
    }
    builder.checkTabs();
    problems.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column()));
    return new DocumentResult(
        new FrontmatterDocument(source, bom, text, true, yamlStart, yamlEnd, bodyStart, root, newline, lineStarts,
            complete),
        problems);
  }

  // ------------------------------------------------------------------ splitting

  private static int lineEnd(String text, int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl;
  }

  /** A line that is {@code ---} (or, closing, {@code ...}), with optional trailing blanks. */
  private static boolean isDelimiter(String text, int from, int lineEnd, boolean closing) {
    if (lineEnd - from < 3) {
      return false;
    }
    boolean dashes = text.startsWith("---", from);
    boolean dots = closing && text.startsWith("...", from);
    if (!dashes && !dots) {
      return false;
    }
    for (int i = from + 3; i < lineEnd; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  private static String newlineOf(String text, int lineEnd) {
    return lineEnd > 0 && lineEnd < text.length() && text.charAt(lineEnd - 1) == '\r' ? "\r\n" : "\n";
  }

  private static int utf8Length(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
  }

  private static @Nullable String decode(String source, byte[] bytes, int from, int length, List<Problem> problems) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, length - from);
    CharBuffer out = CharBuffer.allocate(length - from);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      problems.add(encodingProblem(source, bytes, from, in.position()));
      return null;
    }
    out.flip();
    return out.toString();
  }

  private static Problem encodingProblem(String source, byte[] bytes, int from, int bad) {
    {
      int line = 1;
      int lineStart = from;
      for (int i = from; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      int column = 1;
      for (int i = lineStart; i < bad; i++) {
        if ((bytes[i] & 0xC0) != 0x80) {
          column++;
        }
      }
      return Problem.error(source, line, column, null, "encoding",
          String.format("invalid UTF-8 (byte 0x%02X at offset %d); files must be UTF-8", bytes[bad] & 0xFF, bad));
    }
  }

  // ------------------------------------------------------------------ tree building

  /** Builds the node tree from snakeyaml's event stream, without recursion and within limits. */
  private final class TreeBuilder {
    private final String source;
    private final String text;
    private final int[] lineStarts;
    private final int yamlStart;
    private final int yamlEnd;
    private final List<Problem> problems;
    private final int @Nullable [] codePointToChar;
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private final Map<YamlNode, Integer> sizes = new IdentityHashMap<>();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final BitSet continuationLines = new BitSet();
    private @Nullable YamlNode root;
    private long totalNodes;
    /** How many of {@link #totalNodes} aliases stand for. */
    private long expandedByAliases;
    private int aliases;
    boolean fatal;

    TreeBuilder(String source, String text, int[] lineStarts, int yamlStart, int yamlEnd, List<Problem> problems) {
      this.source = source;
      this.text = text;
      this.lineStarts = lineStarts;
      this.yamlStart = yamlStart;
      this.yamlEnd = yamlEnd;
      this.problems = problems;
      this.codePointToChar = codePointMap(text, yamlStart, yamlEnd);
      this.firstLine = FrontmatterDocument.position(text, lineStarts, yamlStart).line();
      this.marksExact = codePointToChar == null && !hasLoneCarriageReturn(text, yamlStart, yamlEnd);
    }

    /**
     * Whether snakeyaml's own line and column of a mark are the file's: true unless the YAML
     * holds characters beyond the BMP (columns in code points, offsets in chars) or a lone CR
     * (a line break to YAML, not to the file's line count).
     */
    private final boolean marksExact;
    private final int firstLine;

    private static boolean hasLoneCarriageReturn(String text, int from, int to) {
      for (int i = text.indexOf('\r', from); i >= 0 && i < to; i = text.indexOf('\r', i + 1)) {
        if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
          return true;
        }
      }
      return false;
    }

    private Position position(Mark mark) {
      int offset = yamlStart + mark.getIndex();
      if (marksExact && offset <= yamlEnd) {
        return new Position(firstLine + mark.getLine(), mark.getColumn() + 1, offset);
      }
      return position(mark.getIndex());
    }

    @Nullable YamlNode build() {
      if (!checkLineSeparators()) {
        return null;
      }
      String yaml = text.substring(yamlStart, yamlEnd);
      LoaderOptions options = new LoaderOptions();
      options.setProcessComments(false);
      options.setCodePointLimit(Math.max(maxFrontmatterBytes, 1) + 16);
      ParserImpl parser = new ParserImpl(new StreamReader(yaml), options);
      int documents = 0;
      try {
        while (!fatal) {
          Event event = parser.getEvent();
          switch (event.getEventId()) {
            case StreamStart, StreamEnd, DocumentEnd, Comment -> { }
            case DocumentStart -> {
              documents++;
              if (documents > 1) {
                fail(event.getStartMark(), "yaml-syntax", "frontmatter holds more than one YAML document");
              }
            }
            case Scalar -> scalar((ScalarEvent) event);
            case Alias -> alias((AliasEvent) event);
            case SequenceStart, MappingStart -> open((CollectionStartEvent) event);
            case SequenceEnd, MappingEnd -> close(event);
          }
          if (event.getEventId() == Event.ID.StreamEnd) {
            break;
          }
        }
      } catch (ReaderException e) {
        Position p = position(e.getPosition());
        problems.add(
            Problem.error(source, p.line(), p.column(), null, "control-character",
                String.format("control character U+%04X is not allowed in frontmatter", e.getCodePoint())));
        fatal = true;
      } catch (MarkedYAMLException e) {
        syntaxError(e);
        fatal = true;
      } catch (YAMLException e) {
        problems.add(Problem.error(source, 2, 1, null, "yaml-syntax", "invalid YAML: " + e.getMessage()));
        fatal = true;
      }
      return root;
    }

    /**
     * Refuses NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR. YAML 1.1 readers (snakeyaml among
     * them) take them for line breaks and YAML 1.2 readers for text, so a value holding one
     * silently loses it or breaks the file, and editors disagree on the line numbers.
     */
    private boolean checkLineSeparators() {
      for (int i = yamlStart; i < yamlEnd; i++) {
        char c = text.charAt(i);
        if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
          Position p = FrontmatterDocument.position(text, lineStarts, i);
          problems.add(Problem.error(source, p.line(), p.column(), null, "control-character",
              String.format("character U+%04X is not allowed in frontmatter: YAML readers disagree on"
                  + " whether it breaks the line", (int) c)));
          fatal = true;
          return false;
        }
      }
      return true;
    }

    private void syntaxError(MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      Position p = mark == null ? position(0) : position(mark);
      int tab = tabInIndentation(p.line());
      if (tab >= 0) {
        Position t = FrontmatterDocument.position(text, lineStarts, tab);
        problems.add(Problem.error(source, t.line(), t.column(), null, "tab-indentation",
            "tab in indentation; YAML indents with spaces"));
        return;
      }
      StringBuilder message = new StringBuilder("invalid YAML: ");
      message.append(e.getProblem() == null ? "syntax error" : printable(e.getProblem()));
      if (e.getContext() != null && e.getContextMark() != null && e.getContextMark() != mark) {
        Position c = position(e.getContextMark());
        message.append(" (").append(e.getContext()).append(" at line ").append(c.line()).append(')');
      }
      problems.add(Problem.error(source, p.line(), p.column(), null, "yaml-syntax", message.toString()));
    }

    private void scalar(ScalarEvent e) {
      YamlNode.Style style = switch (e.getScalarStyle()) {
        case SINGLE_QUOTED -> YamlNode.Style.SINGLE_QUOTED;
        case DOUBLE_QUOTED -> YamlNode.Style.DOUBLE_QUOTED;
        case LITERAL -> YamlNode.Style.LITERAL;
        case FOLDED -> YamlNode.Style.FOLDED;
        default -> YamlNode.Style.PLAIN;
      };
      Position start = position(e.getStartMark());
      Position end = position(e.getEndMark());
      // The non-specific tag '!' makes a scalar text ("! 12" is "12"), as YAML 1.2 says.
      String tag = "!".equals(e.getTag()) ? Scalars.STR
          : explicitTag(e.getTag(), e.getImplicit().canOmitTagInPlainScalar() || e.getImplicit().canOmitTagInNonPlainScalar());
      String value = e.getValue();
      boolean plain = style == YamlNode.Style.PLAIN && e.getTag() == null && e.getAnchor() == null;
      // An empty plain scalar right after a '?' is the empty key of "{ ?: x }", where YAML 1.2 agrees.
      if ((!plain || !value.isEmpty()) && inFlow() && questionMarkRightBefore(start.offset())) {
        // Inside [...] and {...} snakeyaml, a YAML 1.1 reader, takes any '?' for the explicit key
        // indicator; in YAML 1.2 a '?' followed by a non-space starts a plain scalar, so
        // "{ ?foo: bar }" has the key "?foo". The '?' is on the scalar's line, one char before it.
        if (!plain) {
          problems.add(Problem.error(source, start.line(), start.column() - 1, null, "yaml-syntax",
              "a '?' right before a quoted value, an anchor or a tag inside [...] or {...} starts an unquoted value,"
                  + " which this YAML reader cannot read; quote the whole value or put a space after the '?'"));
          fatal = true;
          return;
        }
        value = "?" + value;
        start = new Position(start.line(), start.column() - 1, start.offset() - 1);
      }
      checkAnchorName(e.getAnchor(), start);
      if (fatal) {
        return;
      }
      YamlNode.Scalar node = new YamlNode.Scalar(value, style, tag, e.getAnchor(), start, end);
      int bad = Texts.forbiddenCharacter(e.getValue());
      if (bad >= 0) {
        problems.add(
            Problem.error(source, start.line(), start.column(), null, "control-character",
                String.format("control character U+%04X in a value; frontmatter text may hold tabs and line breaks only",
                    (int) e.getValue().charAt(bad))));
      }
      if (end.line() > start.line()) {
        continuationLines.set(start.line() + 1, end.line() + 1);
      }
      complete(node, 1, 1);
    }

    private void alias(AliasEvent e) {
      Position start = position(e.getStartMark());
      Position end = position(e.getEndMark());
      String name = e.getAnchor();
      checkAnchorName(name, start);
      if (fatal) {
        return;
      }
      for (Frame f : stack) {
        if (name.equals(f.anchor)) {
          fail(e.getStartMark(), "alias-recursive", "the value anchored as &" + name + " contains itself through the alias *" + name);
          return;
        }
      }
      YamlNode target = anchors.get(name);
      if (target == null) {
        fail(e.getStartMark(), "alias-unknown", "alias *" + name + " names no anchor defined before it");
        return;
      }
      if (!(target instanceof YamlNode.Scalar) && ++aliases > maxAliases) {
        fail(e.getStartMark(), "limit",
            "frontmatter uses more than " + maxAliases + " aliases to collections, " + limit("maxAliases"));
        return;
      }
      int expanded = sizes.getOrDefault(target, 1);
      expandedByAliases += expanded;
      complete(new YamlNode.Alias(name, target, start, end), expanded, expanded);
    }

    private void open(CollectionStartEvent e) {
      if (stack.size() >= maxNestingDepth) {
        fail(e.getStartMark(), "limit",
            "frontmatter is nested deeper than " + maxNestingDepth + " levels, " + limit("maxNestingDepth"));
        return;
      }
      Position start = position(e.getStartMark());
      checkAnchorName(e.getAnchor(), start);
      stack.push(new Frame(e, e.getEventId() == Event.ID.MappingStart, start));
    }

    private boolean inFlow() {
      Frame f = stack.peek();
      return f != null && f.event.isFlow();
    }

    /**
     * Refuses an anchor or alias name that snakeyaml cut short. YAML 1.2 names run to a blank or
     * a flow indicator; snakeyaml also ends them at ':', and then reads the rest as a value of its
     * own: "key: &an:chor value" would silently be ":chor value" under the anchor "an".
     * {@code at} is the node's first property; a tag may come before the anchor.
     */
    private void checkAnchorName(@Nullable String name, Position at) {
      if (name == null || fatal) {
        return;
      }
      int i = at.offset();
      for (int properties = 0; properties < 2 && i < yamlEnd; properties++) {
        char c = text.charAt(i);
        if (c == '&' || c == '*') {
          int after = i + 1 + name.length();
          if (text.startsWith(name, i + 1) && after < yamlEnd && !endsName(text.charAt(after))) {
            int stop = after;
            while (stop < yamlEnd && !endsName(text.charAt(stop))) {
              stop++;
            }
            Position p = FrontmatterDocument.position(text, lineStarts, i);
            problems.add(Problem.error(source, p.line(), p.column(), null, "yaml-syntax",
                "the " + (c == '&' ? "anchor" : "alias") + " name in '" + text.substring(i, stop) + "' holds '"
                    + text.charAt(after) + "', which this YAML reader takes for the end of the name;"
                    + " name anchors with letters, digits, '-' and '_'"));
            fatal = true;
          }
          return;
        }
        if (c != '!') {
          return;
        }
        while (i < yamlEnd && !endsName(text.charAt(i))) {
          i++;
        }
        while (i < yamlEnd && Character.isWhitespace(text.charAt(i))) {
          i++;
        }
      }
    }

    /** Whether a '?' stands right before {@code offset}, after a blank, a line break or a flow indicator. */
    private boolean questionMarkRightBefore(int offset) {
      int q = offset - 1;
      if (q < yamlStart || text.charAt(q) != '?') {
        return false;
      }
      return q == yamlStart || " \t\r\n,[{".indexOf(text.charAt(q - 1)) >= 0;
    }

    private void close(Event e) {
      Frame f = stack.pop();
      YamlNode.Scalar questionMarkScalar = questionMarkScalar(f);
      if (questionMarkScalar != null) {
        // The pair's empty value was counted; the pair itself is no node at all.
        totalNodes--;
        complete(questionMarkScalar, 1, 0);
        return;
      }
      Position end = position(e.getEndMark());
      boolean flow = f.event.isFlow();
      String tag = explicitTag(f.event.getTag(), f.event.getImplicit());
      YamlNode node;
      if (f.mapping) {
        node = new YamlNode.Mapping(f.entries, flow, tag, f.anchor, f.start, end);
      } else {
        node = new YamlNode.Sequence(f.items, flow, tag, f.anchor, f.start, end);
      }
      // The children were counted as they came; the collection adds only itself.
      complete(node, f.size, 1);
    }

    /**
     * In a flow sequence, "[?x]" is the text "?x" to YAML 1.2, but a pair with the key "x" and
     * no value to snakeyaml, which takes '?' for the explicit key indicator: the pair's key was
     * already given back its '?' (see {@link #scalar}). Returns that key when {@code f} is such a
     * pair, with no ':' after its key; null otherwise.
     */
    private YamlNode.@Nullable Scalar questionMarkScalar(Frame f) {
      Frame parent = stack.peek();
      if (!f.mapping || !f.event.isFlow() || f.entries.size() != 1 || f.anchor != null
          || text.charAt(f.start.offset()) != '?' || parent == null || parent.mapping) {
        return null;
      }
      YamlNode.Entry pair = f.entries.get(0);
      if (!(pair.key() instanceof YamlNode.Scalar key) || key.start().offset() != f.start.offset()
          || !(pair.value() instanceof YamlNode.Scalar value) || !value.value().isEmpty()
          || value.style() != YamlNode.Style.PLAIN || value.tag() != null || value.anchor() != null) {
        return null;
      }
      // An empty value after a ':' makes a pair in YAML 1.2 too.
      int v = value.start().offset();
      return v > yamlStart && text.charAt(v - 1) == ':' ? null : key;
    }

    /**
     * Attaches a finished node to its parent. {@code size} is how many values the node stands
     * for, aliases expanded (what an anchor to it would cost); {@code added} is how many of
     * those were not counted yet.
     */
    private void complete(YamlNode node, long size, long added) {
      if (fatal) {
        return;
      }
      totalNodes += added;
      if (totalNodes > maxNodes) {
        Position p = node.start();
        // Only when the nodes written out are within the limit did aliases take the count past it.
        String what = totalNodes - expandedByAliases > maxNodes
            ? "frontmatter holds more than " + maxNodes + " YAML nodes (keys, values and collections), "
            : "frontmatter expands through its aliases to more than " + maxNodes + " YAML nodes (an alias bomb?), ";
        problems.add(Problem.error(source, p.line(), p.column(), null, "limit", what + limit("maxNodes")));
        fatal = true;
        return;
      }
      if (node.anchor() != null) {
        anchors.put(node.anchor(), node);
        sizes.put(node, (int) Math.min(size, Integer.MAX_VALUE));
      }
      Frame parent = stack.peek();
      if (parent == null) {
        root = node;
        return;
      }
      parent.size += size;
      if (!parent.mapping) {
        parent.items.add(node);
      } else if (parent.pendingKey == null) {
        parent.pendingKey = node;
        YamlNode key = node instanceof YamlNode.Alias a ? a.target() : node;
        if (key instanceof YamlNode.Scalar s) {
          Position first = parent.keys.putIfAbsent(s.value(), node.start());
          if (first != null) {
            problems.add(Problem.error(source, node.start().line(), node.start().column(), s.value(), "duplicate-key",
                "duplicate key '" + s.value() + "' (first at line " + first.line() + ")"));
          }
        }
      } else {
        parent.entries.add(new YamlNode.Entry(parent.pendingKey, node));
        parent.pendingKey = null;
      }
    }

    private void fail(Mark mark, String rule, String message) {
      Position p = position(mark);
      problems.add(Problem.error(source, p.line(), p.column(), null, rule, message));
      fatal = true;
    }

    /** Lines whose leading whitespace holds a tab, other than lines inside multi-line scalars. */
    void checkTabs() {
      Position first = FrontmatterDocument.position(text, lineStarts, yamlStart);
      Position last = FrontmatterDocument.position(text, lineStarts, yamlEnd);
      for (int line = first.line(); line < last.line(); line++) {
        if (continuationLines.get(line)) {
          continue;
        }
        int tab = tabInIndentation(line);
        if (tab >= 0) {
          Position p = FrontmatterDocument.position(text, lineStarts, tab);
          problems.add(Problem.error(source, p.line(), p.column(), null, "tab-indentation",
              "tab in indentation; YAML indents with spaces"));
        }
      }
    }

    /** Offset of a tab in the leading whitespace of a 1-based line with content, or -1. */
    private int tabInIndentation(int line) {
      if (line < 1 || line > lineStarts.length) {
        return -1;
      }
      int tab = -1;
      for (int i = lineStarts[line - 1]; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\t') {
          if (tab < 0) {
            tab = i;
          }
        } else if (c != ' ') {
          return c == '\n' || c == '\r' || c == '#' ? -1 : tab;
        }
      }
      return -1;
    }

    private Position position(int codePointIndex) {
      int offset = yamlStart + (codePointToChar == null ? codePointIndex
          : codePointToChar[Math.min(codePointIndex, codePointToChar.length - 1)]);
      return FrontmatterDocument.position(text, lineStarts, Math.min(offset, yamlEnd));
    }

  }

  /** Which builder option sets the limit a problem reports, so that whoever hits it knows what to raise. */
  private static String limit(String option) {
    return "the " + option + " limit (raise it with FrontmatterParser.builder()." + option + "(...))";
  }

  private static @Nullable String explicitTag(@Nullable String tag, boolean implicit) {
    if (tag == null || tag.equals("!") || implicit && tag.isEmpty()) {
      return null;
    }
    return tag;
  }

  /**
   * snakeyaml quotes the character it stopped at as it is; a tab or a line break in a problem's
   * message would break the one-line {@code path:line:col: error: message} form.
   */
  private static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** Whether {@code c} ends an anchor name or a tag in YAML 1.2: a blank, a line break or a flow indicator. */
  private static boolean endsName(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
  }

  private static int @Nullable [] codePointMap(String text, int from, int to) {
    boolean surrogates = false;
    for (int i = from; i < to; i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        surrogates = true;
        break;
      }
    }
    if (!surrogates) {
      return null;
    }
    int count = text.codePointCount(from, to);
    int[] map = new int[count + 1];
    int cp = 0;
    for (int i = from; i < to; i = text.offsetByCodePoints(i, 1)) {
      map[cp++] = i - from;
    }
    map[count] = to - from;
    return map;
  }

  private static final class Frame {
    final CollectionStartEvent event;
    final boolean mapping;
    final Position start;
    final @Nullable String anchor;
    final List<YamlNode> items = new ArrayList<>();
    final List<YamlNode.Entry> entries = new ArrayList<>();
    final Map<String, Position> keys = new HashMap<>();
    @Nullable YamlNode pendingKey;
    long size = 1;

    Frame(CollectionStartEvent event, boolean mapping, Position start) {
      this.event = event;
      this.mapping = mapping;
      this.start = start;
      this.anchor = ((NodeEvent) event).getAnchor();
    }
  }

  /** Limits on hostile input, with safe defaults. */
  public static final class Builder {
    private int maxFrontmatterBytes = 256 * 1024;
    private int maxNestingDepth = 32;
    private int maxAliases = 50;
    private int maxNodes = 10_000;

    private Builder() {}

    /** Largest frontmatter accepted, in bytes; default 256 KiB. */
    public Builder maxFrontmatterBytes(int bytes) {
      this.maxFrontmatterBytes = positive("maxFrontmatterBytes", bytes);
      return this;
    }

    /** Deepest nesting of sequences and mappings accepted; default 32. */
    public Builder maxNestingDepth(int depth) {
      this.maxNestingDepth = positive("maxNestingDepth", depth);
      return this;
    }

    /** Most aliases to collections accepted; default 50. */
    public Builder maxAliases(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("maxAliases must be >= 0, was " + count);
      }
      this.maxAliases = count;
      return this;
    }

    /**
     * Most YAML nodes (keys, values and collections) the frontmatter may hold, each alias counted
     * as the nodes it stands for; default 10,000. A list of 20,000 tags needs more.
     */
    public Builder maxNodes(int count) {
      this.maxNodes = positive("maxNodes", count);
      return this;
    }

    public FrontmatterParser build() {
      return new FrontmatterParser(this);
    }

    private static int positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
