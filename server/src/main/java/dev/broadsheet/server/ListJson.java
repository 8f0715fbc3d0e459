package dev.broadsheet.server;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.broadsheet.Article;
import dev.broadsheet.Page;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A page of articles in JSON, as the listing writer writes it, made from the bytes of each
 * article written once and kept for as long as the article object lives, and sent in parts,
 * never copied into one array: a list's time goes
 * almost all to escaping the same titles and descriptions again, and articles are immutable,
 * so the same object always writes the same bytes. Keys are held weakly and compared by
 * identity; a changed article is another object. When the writer would not write a page the
 * same way from its items' bytes (indented, say), which is checked once when made, pages are
 * written whole.
 */
final class ListJson {
  private static final byte[] OPEN = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TOTAL = "],\"total\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NEXT = ",\"nextCursor\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = "null}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] COMMA = {','};
  private static final byte[] CLOSE = {'}'};
  private static final byte[] EMPTY = {};

  private final ObjectWriter writer;
  private final Cache<Article, byte[]> items;
  private final boolean assembled;

  ListJson(ObjectWriter writer, long maxBytes) {
    this(writer, maxBytes, false);
  }

  /** {@code trusted}: assembles pages without checking first (the check itself uses one). */
  private ListJson(ObjectWriter writer, long maxBytes, boolean trusted) {
    this.writer = writer;
    this.items = Caffeine.newBuilder().weakKeys().maximumWeight(maxBytes)
        .weigher((Article a, byte[] b) -> b.length).build();
    this.assembled = trusted || sameBytes();
  }

  /** The page's JSON, byte for byte what the writer writes for it. */
  Body page(Page<Article> page) {
    if (!assembled) {
      return Body.of(Reads.json(writer, page));
    }
    List<Article> list = page.items();
    // OPEN, each item after a comma (none before the first), TOTAL, the total, NEXT, the cursor.
    byte[][] parts = new byte[(list.isEmpty() ? 1 : 2 * list.size()) + 5][];
    int at = 0;
    parts[at++] = OPEN;
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        parts[at++] = COMMA;
      }
      parts[at++] = items.get(list.get(i), a -> Reads.json(writer, a));
    }
    String next = page.nextCursor().orElse(null);
    parts[at++] = TOTAL;
    parts[at++] = Integer.toString(page.total()).getBytes(StandardCharsets.US_ASCII);
    parts[at++] = NEXT;
    parts[at++] = next == null ? NULL : Reads.json(writer, next);
    parts[at++] = next == null ? EMPTY : CLOSE;
    return Body.of(parts);
  }

  /** Whether pages are made from their items' bytes (else written whole). */
  boolean assembled() {
    return assembled;
  }

  /** Whether pages made from their items' bytes are what the writer writes, on a sample. */
  private boolean sameBytes() {
    Article a = Article.builder("2026/01/sample").title("A \"sample\" <title> — ✓").description("Line\nbreak")
        .publishedAt(Instant.parse("2026-01-01T00:00:00Z")).category("LOCAL").tags(List.of("A", "B")).body("x").build();
    Article b = Article.builder("2026/01/other").title("Other").build();
    ListJson trusted = new ListJson(writer, 1 << 16, true);
    for (Page<Article> p : List.of(new Page<>(List.of(a, b), "c~ursor", () -> 7), new Page<>(List.of(a), null, () -> 1),
        new Page<Article>(List.of(), null, () -> 0))) {
      byte[] whole = Reads.json(writer, p);
      byte[] made = trusted.page(p).bytes();
      if (!java.util.Arrays.equals(whole, made)) {
        return false;
      }
    }
    return true;
  }
}
