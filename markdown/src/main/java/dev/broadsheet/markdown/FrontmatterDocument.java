package dev.broadsheet.markdown;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A Markdown file with optional YAML frontmatter, as read: the text split into its parts, the
 * frontmatter as a {@link YamlNode} tree with the position of every node, and the body.
 *
 * <pre>{@code
 * DocumentResult result = FrontmatterParser.standard().parse("post.md", bytes);
 * FrontmatterDocument doc = result.document();
 * YamlNode root = doc.root();       // the frontmatter mapping, or null
 * String body = doc.body();         // everything after the closing delimiter line
 * byte[] same = doc.toBytes();      // exactly the bytes that were read
 * }</pre>
 *
 * <p>A document is immutable and safe to share between threads.
 *
 * @since 0.1.0
 */
public final class FrontmatterDocument {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  /** The line starts of an empty text; never changed. */
  private static final int[] FIRST_LINE_ONLY = {0};

  private final String source;
  private final boolean bom;
  private final String text;
  private final boolean hasFrontmatter;
  private final int yamlStart;
  private final int yamlEnd;
  private final int bodyStart;
  private final @Nullable YamlNode root;
  private final String newline;
  private final int[] lineStarts;
  private final boolean complete;
  /** For a document read on first use: how to read it; null for a document read already. */
  private final @Nullable Supplier<FrontmatterDocument> deferred;
  private volatile @Nullable FrontmatterDocument resolved;

  FrontmatterDocument(
      String source,
      boolean bom,
      String text,
      boolean hasFrontmatter,
      int yamlStart,
      int yamlEnd,
      int bodyStart,
      @Nullable YamlNode root,
      String newline,
      int[] lineStarts,
      boolean complete) {
    this.complete = complete;
    this.source = Objects.requireNonNull(source, "source");
    this.bom = bom;
    this.text = text;
    this.hasFrontmatter = hasFrontmatter;
    this.yamlStart = yamlStart;
    this.yamlEnd = yamlEnd;
    this.bodyStart = bodyStart;
    this.root = root;
    this.newline = newline;
    this.lineStarts = lineStarts;
    this.deferred = null;
  }

  private FrontmatterDocument(String source, boolean complete, Supplier<FrontmatterDocument> read) {
    this.source = Objects.requireNonNull(source, "source");
    this.deferred = read;
    this.complete = complete;
    this.bom = false;
    this.text = "";
    this.hasFrontmatter = false;
    this.yamlStart = 0;
    this.yamlEnd = 0;
    this.bodyStart = 0;
    this.root = null;
    this.newline = "\n";
    this.lineStarts = FIRST_LINE_ONLY;
  }

  /**
   * A document read only when something beyond its source and completeness is first asked for,
   * so that a reader that keeps only the article never builds the node tree. {@code read} must
   * give a document of the same source, complete or not as {@code complete} says.
   */
  static FrontmatterDocument deferred(String source, boolean complete, Supplier<FrontmatterDocument> read) {
    return new FrontmatterDocument(source, complete, read);
  }

  /** This document, or for a deferred one the document as read (racing readers may both read it). */
  private FrontmatterDocument read() {
    Supplier<FrontmatterDocument> read = deferred;
    if (read == null) {
      return this;
    }
    FrontmatterDocument d = resolved;
    if (d == null) {
      d = read.get();
      resolved = d;
    }
    return d;
  }

  /** The name the document was read under, used in every problem it reports. */
  public String source() {
    return source;
  }

  /** Whether the file starts with a UTF-8 byte order mark. */
  public boolean hasBom() {
    return read().bom;
  }

  /** The whole file as text, without its BOM. */
  public String text() {
    return read().text;
  }

  /** Whether the file opens with a {@code ---} line and has a closing delimiter line. */
  public boolean hasFrontmatter() {
    return read().hasFrontmatter;
  }

  /** The frontmatter's YAML text, between the delimiter lines; empty when there is none. */
  public String yaml() {
    FrontmatterDocument d = read();
    return d.text.substring(d.yamlStart, d.yamlEnd);
  }

  /** Offset in {@link #text()} where the YAML starts. */
  public int yamlStart() {
    return read().yamlStart;
  }

  /** Offset in {@link #text()} just past the YAML, where the closing delimiter line starts. */
  public int yamlEnd() {
    return read().yamlEnd;
  }

  /** Offset in {@link #text()} where the body starts. */
  public int bodyStart() {
    return read().bodyStart;
  }

  /** Everything after the closing delimiter line, or the whole text without frontmatter. */
  public String body() {
    FrontmatterDocument d = read();
    return d.text.substring(d.bodyStart);
  }

  /** The frontmatter's root node (usually a mapping), or null when it is empty or absent. */
  public @Nullable YamlNode root() {
    return read().root;
  }

  /** The line break the file uses: {@code "\r\n"} or {@code "\n"}. */
  public String newline() {
    return read().newline;
  }

  /**
   * Whether the whole file was read; false for {@link FrontmatterParser#parseFrontmatter},
   * which stops after the frontmatter.
   */
  public boolean isComplete() {
    return complete;
  }

  /**
   * The file's bytes: exactly those it was read from.
   *
   * @throws IllegalStateException when only the frontmatter was read
   */
  public byte[] toBytes() {
    if (!complete) {
      throw new IllegalStateException("only the frontmatter of " + source + " was read; read the whole file to write it");
    }
    FrontmatterDocument d = read();
    return encode(d.bom, d.text);
  }

  /** The position of a character offset in {@link #text()}. */
  public Position position(int offset) {
    FrontmatterDocument d = read();
    return position(d.text, d.lineStarts, offset);
  }

  static byte[] encode(boolean bom, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (!bom) {
      return utf8;
    }
    byte[] out = Arrays.copyOf(BOM, BOM.length + utf8.length);
    System.arraycopy(utf8, 0, out, BOM.length, utf8.length);
    return out;
  }

  static Position position(String text, int[] lineStarts, int offset) {
    int idx = Arrays.binarySearch(lineStarts, offset);
    int line = idx >= 0 ? idx : -idx - 2;
    int column = text.codePointCount(lineStarts[line], Math.min(offset, text.length())) + 1;
    return new Position(line + 1, column, offset);
  }

  static int[] lineStarts(String text) {
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    int[] starts = new int[count];
    int n = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts[n++] = i + 1;
      }
    }
    return starts;
  }

  int[] lineStarts() {
    return read().lineStarts;
  }

  @Override
  public String toString() {
    return "FrontmatterDocument[" + source + "]";
  }
}
