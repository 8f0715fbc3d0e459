package dev.broadsheet.markdown;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleField;
import dev.broadsheet.Sentiment;
import dev.broadsheet.internal.Validation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the frontmatter of an everyday, valid article straight from the file's bytes into an
 * {@link Article}, for listings: no node tree, no positions, and only the values decoded.
 *
 * <p>It takes a subset of what {@link FastScanner} takes (which agrees with the full parser),
 * reads each field as {@link ArticleSchema.Reader} does, and declines, by returning null,
 * whenever the file would have any problem at all: problems need positions, and the usual
 * read reports them. So what it returns is exactly the article the usual read gives, with
 * no problems. Keys are ASCII; values may hold any text; anything unusual declines.
 */
final class ArticleScanner {
  /** Thrown to decline; carries no stack trace. */
  private static final class Decline extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Decline INSTANCE = new Decline();

    private Decline() {
      super(null, null, false, false);
    }
  }

  private static final Decline DECLINE = Decline.INSTANCE;

  /** The schema's top-level fields, by their bit in a mask of fields seen, and their keys. */
  private static final ArticleField[] TOP = ArticleField.topLevel().toArray(ArticleField[]::new);
  private static final byte[][] FIELDS = names(ArticleField.topLevel());
  /** The keys of each group's fields, by the group's index in {@link #TOP}. */
  private static final byte[][][] GROUP_FIELDS = new byte[TOP.length][][];

  static {
    for (int i = 0; i < TOP.length; i++) {
      GROUP_FIELDS[i] = names(TOP[i].children());
    }
  }

  private static final byte[][] SENTIMENTS = names("POSITIVE", "NEUTRAL", "NEGATIVE");

  /** Eight bytes at a time, to skip runs of ordinary text. */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;


  // What a value turned out to be, once value() has looked at it.
  private static final int EMPTY = 0;
  private static final int SCALAR = 1;
  private static final int LIST = 2;
  private static final int MAPPING = 3;

  private final byte[] b;
  /** Where the YAML starts, where the closing delimiter line starts, and where the body starts after it. */
  private int yamlStart;
  private int yamlEnd;
  private int bodyStart;
  /** The offsets of the YAML's line feeds, in order; the last ends the last YAML line. */
  private int[] newlines = new int[48];
  private int lineCount;
  /** The index of the current line. */
  private int li;
  private final int maxNodes;
  private final int maxDepth;
  private final ZoneId zone;
  private final StringCache cache;

  // The current line: its start, the end of its text (before CR LF or LF), where its content
  // ends (trailing spaces left out), and its indentation.
  private int ls;
  private int le;
  private int ce;
  private int ind;
  private int nodes;

  // The last scalar read: its text's range and how it was written.
  private int sFrom;
  private int sTo;
  private boolean sPlain;
  private boolean sDoubledQuotes;
  /** Whether the last scalar is a YAML null: plain, and empty, {@code ~} or {@code null} as YAML spells it. */
  private boolean sNull;

  // The items of the last list read (block or flow), all scalars.
  private int items;
  private int[] itemFrom = new int[8];
  private int[] itemTo = new int[8];
  private boolean[] itemPlain = new boolean[8];
  private boolean[] itemDoubledQuotes = new boolean[8];
  private boolean[] itemNull = new boolean[8];

  // A nested mapping's indentation and depth, once value() found one, and where its current
  // key starts.
  private int mapIndent;
  private int mapDepth;
  private int keyStart;

  private ArticleScanner(byte[] b, int maxNodes, int maxDepth, ZoneId zone, StringCache cache) {
    this.b = b;
    this.maxNodes = maxNodes;
    this.maxDepth = maxDepth;
    this.zone = zone;
    this.cache = cache;
  }

  /**
   * The article in {@code bytes}, frontmatter only, when it is one the usual read finds valid
   * and without any problem; null to leave the file to the usual read.
   */
  static @Nullable Article read(String id, String source, byte[] bytes, int maxFrontmatterBytes, int maxNodes,
      int maxDepth, ZoneId zone, StringCache cache) {
    return read(id, source, bytes, maxFrontmatterBytes, maxNodes, maxDepth, zone, cache, false);
  }

  /** As {@link #read}, with the body: the article the usual whole read finds, or null. */
  static @Nullable Article readWhole(String id, String source, byte[] bytes, int maxFrontmatterBytes, int maxNodes,
      int maxDepth, ZoneId zone, StringCache cache) {
    return read(id, source, bytes, maxFrontmatterBytes, maxNodes, maxDepth, zone, cache, true);
  }

  private static @Nullable Article read(String id, String source, byte[] bytes, int maxFrontmatterBytes,
      int maxNodes, int maxDepth, ZoneId zone, StringCache cache, boolean withBody) {
    int from = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
        ? 3 : 0;
    int open = indexOfNewline(bytes, from);
    if (open < 0 || !FrontmatterParser.isDelimiterLine(bytes, from, open, false)) {
      return null;
    }
    int yamlStart = open + 1;
    ArticleScanner s = new ArticleScanner(bytes, maxNodes, maxDepth, zone, cache);
    if (!s.scanYaml(yamlStart) || s.yamlEnd - yamlStart > maxFrontmatterBytes
        || FrontmatterParser.invalidUtf8(bytes, s.bodyStart, bytes.length) >= 0) {
      return null;
    }
    Article article;
    try {
      s.line(0);
      // The body starts after the closing delimiter's line break, so on a character boundary, and
      // was checked to be valid UTF-8 above: decoding it alone gives what decoding the file gives.
      article = s.article(id, withBody
          ? new String(bytes, s.bodyStart, bytes.length - s.bodyStart, StandardCharsets.UTF_8) : "");
    } catch (Decline | IndexOutOfBoundsException e) {
      return null;
    }
    // Any content rule broken means problems, which need positions: the usual read reports them.
    return Validation.validate(article, source, false).isEmpty() ? article : null;
  }

  // ------------------------------------------------------------------ the bytes

  private static int indexOfNewline(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Finds the closing delimiter line after the YAML starting at {@code start}, noting where
   * each YAML line ends; false when the frontmatter is not closed or the YAML holds anything
   * {@link FastScanner} declines before looking at its structure: invalid UTF-8, a tab, a
   * control or separator character, a lone CR, a BOM or a noncharacter.
   */
  private boolean scanYaml(int start) {
    yamlStart = start;
    byte[] b = this.b;
    int n = b.length;
    int i = start;
    while (i < n) {
      // A line starts at i.
      byte first = b[i];
      if ((first == '-' || first == '.') && i + 2 < n && b[i + 1] == first && b[i + 2] == first) {
        int j = i + 3;
        while (j < n && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r')) {
          j++;
        }
        if (j == n || b[j] == '\n') {
          yamlEnd = i;
          bodyStart = j == n ? n : j + 1;
          return true;
        }
      }
      while (true) {
        // Skip words of bytes from 0x20 to 0x7E, eight at a time.
        while (i + 8 <= n) {
          long x = (long) LONGS.get(b, i);
          if ((((x - 0x2020202020202020L) | x | (x + ONES)) & HIGHS) != 0) {
            break;
          }
          i += 8;
        }
        if (i >= n) {
          return false;
        }
        int c = b[i];
        if (c >= 0x20 && c != 0x7F) {
          i++;
          continue;
        }
        if (c == '\n') {
          if (lineCount == newlines.length) {
            newlines = Arrays.copyOf(newlines, lineCount * 2);
          }
          newlines[lineCount++] = i;
          i++;
          break;
        }
        if (c == '\r' && i + 1 < n && b[i + 1] == '\n') {
          i++;
          continue;
        }
        if (c >= 0) {
          return false; // a control character, a tab or a lone CR
        }
        i = multiByte(b, i, n);
        if (i < 0) {
          return false;
        }
      }
    }
    return false;
  }

  /**
   * Past the valid UTF-8 sequence at {@code i}, or -1 when it is invalid or encodes a character
   * frontmatter may not hold as it is: a C1 control, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF.
   */
  private static int multiByte(byte[] b, int i, int n) {
    int c = b[i] & 0xFF;
    if (c >= 0xC2 && c <= 0xDF) {
      if (i + 1 >= n || (b[i + 1] & 0xC0) != 0x80 || (c == 0xC2 && (b[i + 1] & 0xFF) < 0xA0)) {
        return -1;
      }
      return i + 2;
    }
    if (c >= 0xE0 && c <= 0xEF) {
      if (i + 2 >= n) {
        return -1;
      }
      int c2 = b[i + 1] & 0xFF;
      int c3 = b[i + 2] & 0xFF;
      if ((c2 & 0xC0) != 0x80 || (c3 & 0xC0) != 0x80 || (c == 0xE0 && c2 < 0xA0) || (c == 0xED && c2 > 0x9F)) {
        return -1;
      }
      int cp = ((c & 0x0F) << 12) | ((c2 & 0x3F) << 6) | (c3 & 0x3F);
      if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF) {
        return -1;
      }
      return i + 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      if (i + 3 >= n) {
        return -1;
      }
      int c2 = b[i + 1] & 0xFF;
      if ((c2 & 0xC0) != 0x80 || (b[i + 2] & 0xC0) != 0x80 || (b[i + 3] & 0xC0) != 0x80
          || (c == 0xF0 && c2 < 0x90) || (c == 0xF4 && c2 > 0x8F)) {
        return -1;
      }
      return i + 4;
    }
    return -1;
  }

  // ------------------------------------------------------------------ lines

  /** Makes line {@code index} of the YAML the current one. */
  private void line(int index) {
    li = index;
    if (index >= lineCount) {
      ls = yamlEnd;
      return;
    }
    int start = index == 0 ? yamlStart : newlines[index - 1] + 1;
    ls = start;
    int i = start;
    while (b[i] == ' ') {
      i++;
    }
    ind = i - start;
    int nl = newlines[index];
    le = nl > start && b[nl - 1] == '\r' ? nl - 1 : nl;
    int e = le;
    while (e > start && b[e - 1] == ' ') {
      e--;
    }
    ce = e;
  }

  private void nextLine() {
    line(li + 1);
  }

  /** Moves past blank and comment-only lines. */
  private void skipToContent() {
    while (ls < yamlEnd) {
      int i = ls + ind;
      if (i < le && b[i] != '#') {
        return;
      }
      nextLine();
    }
  }

  private boolean atEnd() {
    return ls >= yamlEnd;
  }

  private boolean isDash(int indent) {
    int p = ls + indent;
    return b[p] == '-' && p + 1 < le && b[p + 1] == ' ';
  }

  private void count() {
    if (++nodes > maxNodes) {
      throw DECLINE;
    }
  }

  // ------------------------------------------------------------------ structure

  private Article article(String id, String body) {
    skipToContent();
    if (atEnd()) {
      throw DECLINE; // no fields: the title is missing
    }
    int indent = ind;
    count(); // the root mapping
    Article.Builder a = Article.builder(id);
    Map<String, @Nullable Object> extra = null;
    int seen = 0;
    int next = 0;
    while (!atEnd()) {
      if (ind != indent) {
        throw DECLINE;
      }
      int k = ls + indent;
      int colon = keyEnd(k);
      count();
      int field = find(FIELDS, k, colon, next);
      String key = null;
      if (field >= 0) {
        if ((seen & (1 << field)) != 0) {
          throw DECLINE; // a duplicate key: a problem
        }
        seen |= 1 << field;
        next = field + 1 < FIELDS.length ? field + 1 : 0;
      } else {
        key = new String(b, k, colon - k, StandardCharsets.UTF_8);
        if (extra == null) {
          extra = new LinkedHashMap<>();
        } else if (extra.containsKey(key)) {
          throw DECLINE;
        }
      }
      int kind = value(colon, indent, 1);
      if (field >= 0) {
        TOP[field].set(a, fieldValue(field, kind));
      } else {
        extra.put(key, generic(kind));
      }
    }
    a.body(body);
    if (extra != null) {
      a.extra(extra);
    }
    return a.build();
  }

  /** The value of the top-level field at {@code index} in {@link #TOP}, by its type. */
  private @Nullable Object fieldValue(int index, int kind) {
    ArticleField f = TOP[index];
    return f.type() == ArticleField.Type.GROUP ? group(f, GROUP_FIELDS[index], kind) : value(f, kind);
  }

  /** A value of a field that is no group, by its type. */
  private @Nullable Object value(ArticleField f, int kind) {
    return switch (f.type()) {
      case TEXT -> text(kind, f.shared());
      case TEXT_LIST -> tags(kind);
      case INSTANT -> instant(kind);
      case WHOLE_NUMBER -> integer(kind);
      case NUMBER -> score(kind);
      case BOOLEAN -> bool(kind);
      case SENTIMENT -> sentiment(kind);
      case GROUP -> throw DECLINE; // groups hold no groups
    };
  }

  /** The end of a plain ASCII key at {@code k}: the offset of its ':', followed by a space or the line's end. */
  private int keyEnd(int k) {
    if (!isKeyStart(b[k])) {
      throw DECLINE;
    }
    for (int i = k + 1; i < ce; i++) {
      byte c = b[i];
      if (c == ':') {
        if ((i + 1 < ce && b[i + 1] != ' ') || b[i - 1] == ' ') {
          throw DECLINE;
        }
        return i;
      }
      if (!isKeyPart(c)) {
        throw DECLINE;
      }
    }
    throw DECLINE;
  }

  private static boolean isKeyStart(byte c) {
    return c >= 0 && KEY_START[c];
  }

  private static boolean isKeyPart(byte c) {
    return c >= 0 && KEY_PART[c];
  }

  private static final boolean[] KEY_START = new boolean[128];
  private static final boolean[] KEY_PART = new boolean[128];

  static {
    for (int c = 0; c < 128; c++) {
      KEY_START[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      KEY_PART[c] = KEY_START[c] || c == '-' || c == '.' || c == '/' || c == ' ';
    }
  }

  /**
   * Looks at the value of the key whose ':' is at {@code colon}, in a mapping at {@code indent}
   * and {@code depth}: a scalar ({@link #sFrom} ...) or a list ({@link #items} ...), read and
   * left behind; or a nested mapping, whose first line is then the current one.
   *
   * <p>The lists are read here rather than in methods of their own so that this method is too
   * large to inline: compiled once, it keeps the callers' compiled code small, which matters
   * when a process starts by reading many files.
   */
  private int value(int colon, int indent, int depth) {
    int v = skipSpaces(colon + 1, ce);
    if (v < ce && b[v] != '[') {
      int close = scalar(v, ce, false);
      if (!sPlain) {
        onlyCommentAfter(close);
      }
      nextLine();
      skipToContent();
      return SCALAR;
    }
    if (v < ce) {
      // A flow list: scalars between '[' and ']', separated by ',', all on this line.
      if (depth + 1 > maxDepth) {
        throw DECLINE;
      }
      items = 0;
      int end = ce;
      int p = skipSpaces(v + 1, end);
      if (p < end && b[p] == ']') {
        p++;
      } else {
        while (true) {
          if (p >= end) {
            throw DECLINE;
          }
          byte c = b[p];
          if (c == '[' || c == '{' || c == ',' || c == ']') {
            throw DECLINE;
          }
          p = skipSpaces(scalar(p, end, true), end);
          addItem();
          if (p >= end) {
            throw DECLINE;
          }
          if (b[p] == ']') {
            p++;
            break;
          }
          if (b[p] != ',') {
            throw DECLINE;
          }
          p = skipSpaces(p + 1, end);
        }
      }
      onlyCommentAfter(p);
      count();
      nextLine();
      skipToContent();
      return LIST;
    }
    int lineEnd = le;
    nextLine();
    skipToContent();
    int listIndent;
    if (!atEnd() && ind > indent) {
      if (depth + 1 > maxDepth) {
        throw DECLINE;
      }
      if (!isDash(ind)) {
        mapIndent = ind;
        mapDepth = depth + 1;
        count(); // the nested mapping
        return MAPPING;
      }
      listIndent = ind;
    } else if (!atEnd() && ind == indent && isDash(indent)) {
      if (depth + 1 > maxDepth) {
        throw DECLINE;
      }
      listIndent = indent;
    } else {
      if (colon + 1 != lineEnd) {
        throw DECLINE; // spaces after the colon: the fast scanner leaves that to the full parser
      }
      count();
      return EMPTY;
    }
    // A block list: one "- " and a scalar on each line, all at listIndent.
    items = 0;
    while (!atEnd() && ind == listIndent && isDash(listIndent)) {
      int item = skipSpaces(ls + listIndent + 1, ce);
      if (item >= ce || b[item] == '[') {
        throw DECLINE;
      }
      int close = scalar(item, ce, false);
      if (!sPlain) {
        onlyCommentAfter(close);
      }
      addItem();
      nextLine();
      skipToContent();
      if (!atEnd() && ind > listIndent) {
        throw DECLINE;
      }
    }
    count();
    return LIST;
  }

  /** The next key of the nested mapping at {@code indent}: its ':' (its start in {@link #keyStart}), or -1 at its end. */
  private int nextKey(int indent) {
    if (atEnd() || ind < indent) {
      return -1;
    }
    if (ind > indent) {
      throw DECLINE;
    }
    keyStart = ls + indent;
    int colon = keyEnd(keyStart);
    count();
    return colon;
  }

  private void addItem() {
    if (items == itemFrom.length) {
      int n = items * 2;
      itemFrom = Arrays.copyOf(itemFrom, n);
      itemTo = Arrays.copyOf(itemTo, n);
      itemPlain = Arrays.copyOf(itemPlain, n);
      itemDoubledQuotes = Arrays.copyOf(itemDoubledQuotes, n);
      itemNull = Arrays.copyOf(itemNull, n);
    }
    itemFrom[items] = sFrom;
    itemTo[items] = sTo;
    itemPlain[items] = sPlain;
    itemDoubledQuotes[items] = sDoubledQuotes;
    itemNull[items] = sNull;
    items++;
  }

  /**
   * A scalar on one line from {@code p}, exactly as {@link FastScanner} reads it; {@code end}
   * is where the line's content ends. Returns the offset just past it (past the closing quote,
   * or the plain scalar's end, where a comment or, in a flow list, {@code ,} or {@code ]} may
   * follow).
   */
  private int scalar(int p, int end, boolean flow) {
    byte c = b[p];
    count();
    sDoubledQuotes = false;
    sNull = false;
    if (c == '\'') {
      int i = p + 1;
      while (true) {
        i = indexOf(QUOTES, i, end);
        if (i >= end) {
          throw DECLINE;
        }
        if (i + 1 < end && b[i + 1] == '\'') {
          sDoubledQuotes = true;
          i += 2;
          continue;
        }
        break;
      }
      sFrom = p + 1;
      sTo = i;
      sPlain = false;
      return i + 1;
    }
    if (c == '"') {
      int i = p + 1;
      while (i < end && b[i] != '"') {
        if (b[i] == '\\') {
          throw DECLINE;
        }
        i++;
      }
      if (i >= end) {
        throw DECLINE;
      }
      sFrom = p + 1;
      sTo = i;
      sPlain = false;
      return i + 1;
    }
    if (isIndicator(c) || (flow && c == ':') || ((c == '-' || c == '?' || c == ':')
        && (p + 1 >= end || b[p + 1] == ' ' || (flow && isFlowIndicator(b[p + 1]))))) {
      throw DECLINE;
    }
    if (!flow) {
      return plainBlockScalar(p, end);
    }
    int i = p;
    int last = p;
    while (i < end) {
      byte x = b[i];
      if (flow && (x == ',' || x == ']' || x == '[' || x == '{' || x == '}')) {
        break;
      }
      if (x == ':' && (i + 1 >= end || b[i + 1] == ' ' || (flow && isFlowIndicator(b[i + 1])))) {
        throw DECLINE;
      }
      if (flow && x == '?') {
        throw DECLINE;
      }
      if (x == '#' && b[i - 1] == ' ') {
        if (flow) {
          throw DECLINE;
        }
        break; // a comment
      }
      if (x != ' ') {
        last = i + 1;
      }
      i++;
    }
    plain(p, last);
    return last;
  }

  /**
   * The rest of a plain scalar outside flow lists, as the loop above reads it, but skipping
   * eight bytes at a time to the next {@code :} or {@code #}: only those can end it early.
   */
  private int plainBlockScalar(int p, int end) {
    int i = p;
    while (true) {
      i = indexOfEither(COLONS, HASHES, i, end);
      if (i >= end) {
        // The content's end is never a space: the scalar runs to it.
        plain(p, end);
        return end;
      }
      if (b[i] == ':') {
        if (i + 1 >= end || b[i + 1] == ' ') {
          throw DECLINE;
        }
      } else if (b[i - 1] == ' ') {
        int last = i - 1;
        while (b[last - 1] == ' ') {
          last--;
        }
        plain(p, last);
        return last; // a comment follows
      }
      i++;
    }
  }

  private static final long QUOTES = ONES * '\'';
  private static final long COLONS = ONES * ':';
  private static final long HASHES = ONES * '#';

  /** Notes a plain scalar at {@code [from, to)} as the last one read. */
  private void plain(int from, int to) {
    sFrom = from;
    sTo = to;
    sPlain = true;
    sNull = isNull(b, from, to);
  }

  /** Whether a word holds a zero byte (exact as a yes or no). */
  private static boolean hasZeroByte(long x) {
    return ((x - ONES) & ~x & HIGHS) != 0;
  }

  /** The first offset from {@code i} below {@code end} holding the byte repeated in {@code pattern}, else {@code end}. */
  private int indexOf(long pattern, int i, int end) {
    byte c = (byte) pattern;
    while (i + 8 <= end && !hasZeroByte((long) LONGS.get(b, i) ^ pattern)) {
      i += 8;
    }
    while (i < end && b[i] != c) {
      i++;
    }
    return i;
  }

  /** As {@link #indexOf}, for either of two bytes. */
  private int indexOfEither(long first, long second, int i, int end) {
    byte c = (byte) first;
    byte d = (byte) second;
    while (i + 8 <= end) {
      long x = (long) LONGS.get(b, i);
      if (hasZeroByte(x ^ first) || hasZeroByte(x ^ second)) {
        break;
      }
      i += 8;
    }
    while (i < end && b[i] != c && b[i] != d) {
      i++;
    }
    return i;
  }

  private static boolean isIndicator(byte c) {
    return switch (c) {
      case '{', '[', ']', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`', '#' -> true;
      default -> false;
    };
  }

  private static boolean isFlowIndicator(byte c) {
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
  }

  /** After a complete quoted value or list at {@code p}: only spaces, or spaces and a comment, may follow. */
  private void onlyCommentAfter(int p) {
    int q = skipSpaces(p, ce);
    if (q != ce && !(q > p && b[q] == '#')) {
      throw DECLINE;
    }
  }

  private int skipSpaces(int p, int end) {
    while (p < end && b[p] == ' ') {
      p++;
    }
    return p;
  }

  // ------------------------------------------------------------------ values

  /** Whether the plain scalar {@code [from, to)} is a YAML null. */
  private static boolean isNull(byte[] b, int from, int to) {
    return switch (to - from) {
      case 0 -> true;
      case 1 -> b[from] == '~';
      case 4 -> (b[from] == 'n' && b[from + 1] == 'u' && b[from + 2] == 'l' && b[from + 3] == 'l')
          || (b[from] == 'N' && ((b[from + 1] == 'u' && b[from + 2] == 'l' && b[from + 3] == 'l')
              || (b[from + 1] == 'U' && b[from + 2] == 'L' && b[from + 3] == 'L')));
      default -> false;
    };
  }

  private boolean scalarIsNull(int kind) {
    return kind == EMPTY || (kind == SCALAR && sNull);
  }

  /** The text of a scalar; kept small, since every field reads through it. */
  private String string(int from, int to, boolean doubledQuotes, boolean shared) {
    if (doubledQuotes) {
      return unquoted(from, to);
    }
    return shared ? cache.get(b, from, to) : new String(b, from, to - from, StandardCharsets.UTF_8);
  }

  /** The text of a single-quoted scalar whose quotes inside are doubled. */
  private String unquoted(int from, int to) {
    byte[] out = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      out[n++] = b[i];
      if (b[i] == '\'') {
        i++;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  /** A text field: null when the value is null; {@code shared} for values many articles repeat. */
  private @Nullable String text(int kind, boolean shared) {
    if (scalarIsNull(kind)) {
      return null;
    }
    if (kind != SCALAR) {
      throw DECLINE;
    }
    return string(sFrom, sTo, sDoubledQuotes, shared);
  }

  private List<String> tags(int kind) {
    if (scalarIsNull(kind)) {
      return List.of();
    }
    if (kind != LIST) {
      throw DECLINE;
    }
    String[] out = new String[items];
    for (int i = 0; i < items; i++) {
      if (itemNull[i]) {
        throw DECLINE;
      }
      out[i] = string(itemFrom[i], itemTo[i], itemDoubledQuotes[i], true);
    }
    return List.of(out);
  }

  private @Nullable Instant instant(int kind) {
    String t = text(kind, false);
    if (t == null) {
      return null;
    }
    try {
      Instant i = Scalars.instant(t, zone);
      if (!ArticleField.inRange(i)) {
        throw DECLINE;
      }
      return i;
    } catch (DateTimeException e) {
      throw DECLINE;
    }
  }

  /** A whole number >= 0 that fits an int, written plain; null when the value is null. */
  private @Nullable Integer integer(int kind) {
    if (scalarIsNull(kind)) {
      return null;
    }
    if (kind != SCALAR || !sPlain) {
      throw DECLINE;
    }
    long v = digits(9);
    if (v >= 0) {
      return (int) v;
    }
    BigInteger n = Scalars.integer(string(sFrom, sTo, false, false));
    if (n == null || n.signum() < 0 || n.bitLength() > 31) {
      throw DECLINE;
    }
    return n.intValue();
  }

  /**
   * The current plain scalar as a number when it is 1 to {@code maxDigits} ASCII digits and
   * nothing else, or -1: the common case, read without making a string.
   */
  private long digits(int maxDigits) {
    int len = sTo - sFrom;
    if (len == 0 || len > maxDigits) {
      return -1;
    }
    long v = 0;
    for (int i = sFrom; i < sTo; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private double score(int kind) {
    if (scalarIsNull(kind)) {
      return 0;
    }
    if (kind != SCALAR || !sPlain) {
      throw DECLINE;
    }
    long v = digits(15);
    if (v >= 0) {
      return v;
    }
    Double d = Scalars.floating(string(sFrom, sTo, false, false));
    if (d == null || !Double.isFinite(d)) {
      throw DECLINE;
    }
    return d;
  }

  private @Nullable Boolean bool(int kind) {
    if (scalarIsNull(kind)) {
      return null;
    }
    if (kind != SCALAR || !sPlain) {
      throw DECLINE;
    }
    int len = sTo - sFrom;
    if (len == 4 || len == 5) {
      String t = string(sFrom, sTo, false, false);
      if (Scalars.isBooleanText(t)) {
        return Scalars.booleanValue(t);
      }
    }
    throw DECLINE;
  }

  private @Nullable Sentiment sentiment(int kind) {
    if (scalarIsNull(kind)) {
      return null;
    }
    if (kind != SCALAR) {
      throw DECLINE;
    }
    if (!sDoubledQuotes) {
      int s = find(SENTIMENTS, sFrom, sTo);
      if (s >= 0) {
        return Sentiment.values()[s];
      }
    }
    return Sentiment.parse(string(sFrom, sTo, sDoubledQuotes, false)).orElseThrow(() -> DECLINE);
  }

  /** A group's nested mapping, its keys all among {@code names}; null when the value is null. */
  private @Nullable Object group(ArticleField group, byte[][] names, int kind) {
    if (scalarIsNull(kind)) {
      return null;
    }
    if (kind != MAPPING) {
      throw DECLINE;
    }
    int indent = mapIndent;
    int depth = mapDepth;
    Object[] out = new Object[names.length];
    int seen = 0;
    int next = 0;
    for (int colon; (colon = nextKey(indent)) >= 0; ) {
      int f = find(names, keyStart, colon, next);
      if (f < 0 || (seen & (1 << f)) != 0) {
        throw DECLINE;
      }
      seen |= 1 << f;
      next = f + 1 < names.length ? f + 1 : 0;
      out[f] = value(group.children().get(f), value(colon, indent, depth));
    }
    return group.group(out);
  }

  /** An unknown key's value, as {@link ArticleSchema.Reader} reads it by the YAML 1.2 core schema. */
  private @Nullable Object generic(int kind) {
    switch (kind) {
      case EMPTY:
        return null;
      case SCALAR:
        return scalarValue(sFrom, sTo, sPlain, sDoubledQuotes);
      case LIST: {
        List<@Nullable Object> list = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
          list.add(scalarValue(itemFrom[i], itemTo[i], itemPlain[i], itemDoubledQuotes[i]));
        }
        return list;
      }
      default: {
        int indent = mapIndent;
        int depth = mapDepth;
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        Set<String> keys = new HashSet<>();
        for (int colon; (colon = nextKey(indent)) >= 0; ) {
          String key = new String(b, keyStart, colon - keyStart, StandardCharsets.UTF_8);
          if (!keys.add(key)) {
            throw DECLINE;
          }
          map.put(key, generic(value(colon, indent, depth)));
        }
        return map;
      }
    }
  }

  private @Nullable Object scalarValue(int from, int to, boolean plain, boolean doubledQuotes) {
    String text = string(from, to, doubledQuotes, false);
    return plain ? ArticleSchema.Reader.implicit(text) : text;
  }

  // ------------------------------------------------------------------ names

  private static byte[][] names(String... names) {
    byte[][] out = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      out[i] = names[i].getBytes(StandardCharsets.US_ASCII);
    }
    return out;
  }

  private static byte[][] names(List<ArticleField> fields) {
    return names(fields.stream().map(ArticleField::key).toArray(String[]::new));
  }

  /** Which of {@code names} the bytes {@code [from, to)} spell, or -1. */
  private int find(byte[][] names, int from, int to) {
    return find(names, from, to, 0);
  }

  /**
   * As {@link #find(byte[][], int, int)}, trying {@code names[hint]} first and going round from
   * there: files usually list their fields in the canonical order.
   */
  private int find(byte[][] names, int from, int to, int hint) {
    int len = to - from;
    int count = names.length;
    for (int k = 0; k < count; k++) {
      int i = hint + k < count ? hint + k : hint + k - count;
      byte[] n = names[i];
      if (n.length == len) {
        int j = 0;
        while (j < len && n[j] == b[from + j]) {
          j++;
        }
        if (j == len) {
          return i;
        }
      }
    }
    return -1;
  }
}
