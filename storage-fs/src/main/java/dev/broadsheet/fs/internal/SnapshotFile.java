package dev.broadsheet.fs.internal;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleField;
import dev.broadsheet.Revision;
import dev.broadsheet.Source;
import dev.broadsheet.Sentiment;
import dev.broadsheet.fs.ContentFolder;
import dev.broadsheet.internal.Revisions;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The binary snapshot of a content root's parsed metadata, so that a restart need not read
 * files that have not changed. Nothing in it is trusted: the reader checks every length against
 * the bytes left and every checksum, and answers {@link Rejected} for anything it cannot read;
 * the store checks every entry against the file's attributes.
 *
 * <pre>
 * header   magic "BSHSNAP1", version (int), fingerprint (32 bytes), createdAt (long),
 *          CRC32C of the preceding header bytes (int)
 * strings  payload length (int), string count (int), CRC32C of the payload (int), payload
 * blocks   payload length (int, &gt; 0), entry count (int), CRC32C of the payload (int), payload
 * end      0 (int), entry count (long), block count (int), CRC32C of the 12 header bytes of the
 *          strings and of every block, in order (int), "BSHSEND1"; then nothing
 * </pre>
 *
 * <p>Integers are big-endian in the frame and varints (zig-zag where signed) in payloads. An
 * entry is the file's path relative to the root (sharing a prefix with the entry before it in
 * the block), its size, modification time (nanoseconds), file key, the time its
 * attributes were taken, its revision (a content hash as its two halves, any other as text),
 * and the article as the store holds it in memory (the
 * partial article of {@code ArticleStore.partial}, though any field can be written) after its
 * length in bytes, so that a reader passes over it and decodes it when it is asked for; strings
 * are Latin-1 when every char fits, else UTF-16, so any Java string comes back as it was.
 * Values that repeat across articles (language, category, source, tags) are written once in the
 * string table and referred to by number, so they are read once and shared in memory.
 * Blocks are about a megabyte, so a reader holds little at once and decodes them in parallel
 * when it runs in a fork-join pool.
 */
public final class SnapshotFile {
  /** Changes whenever the layout or the meaning of any field changes. */
  public static final int VERSION = 6;
  public static final int FINGERPRINT_BYTES = 32;

  private static final byte[] MAGIC = "BSHSNAP1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "BSHSEND1".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER_BYTES = 8 + 4 + FINGERPRINT_BYTES + 8 + 4;
  private static final int BLOCK_HEADER_BYTES = 12;
  private static final int TRAILER_BYTES = 4 + 8 + 4 + 4 + 8;
  /** Blocks are flushed once they hold this much. */
  private static final int TARGET_BLOCK_BYTES = 1 << 20;
  /** The largest block a reader accepts, and so the largest entry a writer writes. */
  static final int MAX_BLOCK_BYTES = 64 << 20;
  /** The fewest bytes an entry can take; bounds an entry count against a block's length. */
  private static final int MIN_ENTRY_BYTES = 10;
  /** Deepest nesting of extra values written or read. */
  static final int MAX_DEPTH = 128;
  /** The most strings the table holds; rarer values are written where they stand. */
  private static final int MAX_TABLE_STRINGS = 1 << 20;

  /**
   * The fields an article entry may hold, by their presence bit: every top-level field of the
   * schema but the title, which is always written, in canonical order; extra values take the
   * bit after them.
   */
  private static final ArticleField[] PRESENCE =
      ArticleField.topLevel().stream().filter(f -> f != ArticleField.TITLE).toArray(ArticleField[]::new);
  private static final int EXTRA = 1 << PRESENCE.length;
  /** The fields whose values repeat across articles, written once in the string table. */
  private static final List<ArticleField> SHARED =
      java.util.Arrays.stream(ArticleField.values()).filter(ArticleField::shared).toList();

  private SnapshotFile() {}

  /**
   * One file as the snapshot knows it.
   *
   * @param path the file's path under the root, {@code /}-separated
   * @param modified the file's modification time, nanoseconds since the epoch
   * @param fileKey the file key as {@code ContentFolder.fileKey} gives it: its hash, or -1 where the system has none
   * @param checkedAt when the attributes were read, nanoseconds since the epoch; they were read
   *     before the bytes the article and revision come from
   * @param article the article as the store holds it in memory (partial); its id is the path
   *     without extension
   */
  public static final class Entry {
    private final String path;
    private final long size;
    private final long modified;
    private final long fileKey;
    private final long checkedAt;
    private final Revision revision;
    /** The article of an entry made whole, else null. */
    private final @Nullable Article article;
    /** Where a read entry's article is encoded; null for an entry made whole. */
    private final @Nullable EncodedArticle encoded;

    public Entry(String path, long size, long modified, long fileKey, long checkedAt, Revision revision,
        Article article) {
      this(path, size, modified, fileKey, checkedAt, revision, Objects.requireNonNull(article, "article"), null);
    }

    private Entry(String path, long size, long modified, long fileKey, long checkedAt, Revision revision,
        @Nullable Article article, @Nullable EncodedArticle encoded) {
      this.path = Objects.requireNonNull(path, "path");
      this.size = size;
      this.modified = modified;
      this.fileKey = fileKey;
      this.checkedAt = checkedAt;
      this.revision = Objects.requireNonNull(revision, "revision");
      this.article = article;
      this.encoded = encoded;
    }

    public String path() {
      return path;
    }

    public long size() {
      return size;
    }

    public long modified() {
      return modified;
    }

    public long fileKey() {
      return fileKey;
    }

    public long checkedAt() {
      return checkedAt;
    }

    public Revision revision() {
      return revision;
    }

    /**
     * The article; of an entry read from a snapshot, decoded anew from the snapshot's bytes at
     * each call (see {@link #encoded()}).
     *
     * @throws IllegalStateException when its bytes do not decode (their block's checksum matched,
     *     so only a writer or reader at fault gets there)
     */
    public Article article() {
      Article a = article;
      return a != null ? a : Objects.requireNonNull(encoded).decode(ContentFolder.idOf(path));
    }

    /** The article's bytes of an entry read from a snapshot; null for an entry made whole. */
    public @Nullable EncodedArticle encoded() {
      return encoded;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Entry e && path.equals(e.path) && size == e.size && modified == e.modified
          && fileKey == e.fileKey && checkedAt == e.checkedAt && revision.equals(e.revision)
          && article().equals(e.article());
    }

    @Override
    public int hashCode() {
      return Objects.hash(path, size, modified, fileKey, checkedAt, revision, article());
    }

    @Override
    public String toString() {
      return "Entry[path=" + path + ", size=" + size + ", modified=" + modified + ", fileKey=" + fileKey
          + ", checkedAt=" + checkedAt + ", revision=" + revision + ", article=" + article() + "]";
    }
  }

  /**
   * An article as a snapshot holds it: its bytes in a block read from the file (kept, shared by
   * the block's entries) and the snapshot's string table. A reader passes over them, so that a
   * restart makes no article until one is asked for.
   */
  public static final class EncodedArticle {
    private final byte[] block;
    private final int at;
    private final int length;
    private final Shared shared;

    private EncodedArticle(byte[] block, int at, int length, Shared shared) {
      this.block = block;
      this.at = at;
      this.length = length;
      this.shared = shared;
    }

    /** The block's bytes the article is in (for tests, which find it in the file). */
    byte[] block() {
      return block;
    }

    /** Where in {@link #block()} the article starts. */
    int at() {
      return at;
    }

    int length() {
      return length;
    }

    /**
     * The article, with {@code id} (the entry's path without extension) as its id object.
     *
     * @throws IllegalStateException when the bytes do not decode into an article
     */
    public Article decode(String id) {
      Decoder d = new Decoder(block, shared.table, shared.sources);
      d.pos = at;
      try {
        Article a = d.article(id);
        if (d.pos != at + length) {
          throw new Corrupt("the article is " + (d.pos - at) + " bytes, not " + length);
        }
        return a;
      } catch (Corrupt | RuntimeException e) {
        throw new IllegalStateException("the snapshot's article " + id + " does not decode: " + e.getMessage(), e);
      }
    }
  }

  /**
   * What the articles of one snapshot share as they are decoded: its string table, and one
   * {@link Source} object for each source, as a few are named by many articles.
   */
  private record Shared(String[] table, Map<Source, Source> sources) {}

  /** What reading a snapshot gave. */
  public sealed interface Result permits Missing, Rejected, Valid {}

  /** There is no snapshot file. */
  public record Missing() implements Result {}

  /** The file cannot be used: damaged, truncated, of another version or for other settings. */
  public record Rejected(String reason) implements Result {}

  /** A whole, checked snapshot. */
  public record Valid(long createdAt, List<Entry> entries) implements Result {
    public Valid {
      entries = List.copyOf(entries);
    }
  }

  // ------------------------------------------------------------------ writing

  /**
   * Writes a snapshot of {@code entries} to {@code out}. An entry that cannot be written (extra
   * values nested deeper than the format allows, an entry larger than a block) is left out:
   * its file is read at the next start.
   *
   * @return the number of entries written
   */
  public static long write(OutputStream out, byte[] fingerprint, long createdAt, List<Entry> entries)
      throws IOException {
    return write(out, fingerprint, createdAt, entries, null);
  }

  /**
   * As {@link #write(OutputStream, byte[], long, List)}; with a {@code pool}, the strings are
   * counted and the entries encoded on its threads, a few pieces ahead of the calling thread,
   * which writes each piece as it is done. The bytes are the same either way: entries are
   * encoded in pieces of a fixed count, and a block never spans two pieces.
   */
  public static long write(OutputStream out, byte[] fingerprint, long createdAt, List<Entry> entries,
      @Nullable ForkJoinPool pool) throws IOException {
    if (fingerprint.length != FINGERPRINT_BYTES) {
      throw new IllegalArgumentException("a fingerprint has " + FINGERPRINT_BYTES + " bytes, not " + fingerprint.length);
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.put(MAGIC).putInt(VERSION).put(fingerprint).putLong(createdAt);
    header.putInt(crc(header.array(), 0, header.position()));
    out.write(header.array());
    CRC32C chain = new CRC32C();
    int pieces = (entries.size() + PIECE_ENTRIES - 1) / PIECE_ENTRIES;
    @Nullable ForkJoinPool threads = pieces > 1 ? pool : null;
    Map<String, Integer> table = table(entries, pieces, threads);
    Encoder strings = new Encoder(1024, Map.of());
    try {
      for (String value : table.keySet()) {
        strings.chars(value, 0);
      }
    } catch (NotStorable e) {
      throw new IllegalStateException("table strings are short", e);
    }
    frame(out, strings.buf, strings.pos, table.size(), crc(strings.buf, 0, strings.pos), chain);
    long total = 0;
    int blocks = 0;
    // Pieces encoded ahead of the one being written: enough to keep every thread busy, few
    // enough that a million entries are never all in memory as bytes at once.
    int ahead = threads == null ? 1 : 2 * threads.getParallelism();
    ArrayDeque<ForkJoinTask<List<Encoded>>> queue = new ArrayDeque<>();
    int next = 0;
    while (next < pieces || !queue.isEmpty()) {
      while (next < pieces && queue.size() < ahead) {
        List<Entry> piece = piece(entries, next++);
        queue.add(threads == null ? ForkJoinTask.adapt(() -> encode(piece, table))
            : threads.submit(() -> encode(piece, table)));
      }
      ForkJoinTask<List<Encoded>> first = queue.poll();
      if (threads == null) {
        first.invoke();
      }
      for (Encoded b : first.join()) {
        frame(out, b.bytes(), b.length(), b.count(), b.crc(), chain);
        total += b.count();
        blocks++;
      }
    }
    ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
    trailer.putInt(0).putLong(total).putInt(blocks).putInt((int) chain.getValue()).put(END);
    out.write(trailer.array());
    return total;
  }

  /** Entries encoded as one piece of work; blocks end where a piece ends, if not before. */
  private static final int PIECE_ENTRIES = 4096;

  /** Piece {@code i} of {@code entries}: {@link #PIECE_ENTRIES} of them, fewer in the last. */
  private static List<Entry> piece(List<Entry> entries, int i) {
    return entries.subList(i * PIECE_ENTRIES, Math.min(entries.size(), (i + 1) * PIECE_ENTRIES));
  }

  /** One block's payload: the first {@code length} of {@code bytes}. */
  private record Encoded(byte[] bytes, int length, int count, int crc) {}

  /** The blocks of one piece of entries, each cut once it holds about {@link #TARGET_BLOCK_BYTES}. */
  private static List<Encoded> encode(List<Entry> piece, Map<String, Integer> table) {
    List<Encoded> out = new ArrayList<>(1);
    Encoder block = new Encoder(64 << 10, table);
    int inBlock = 0;
    for (Entry e : piece) {
      int mark = block.pos;
      String previous = block.previousPath;
      try {
        block.entry(e);
      } catch (NotStorable x) {
        block.pos = mark;
        block.previousPath = previous;
        continue;
      }
      if (block.pos > MAX_BLOCK_BYTES) {
        block.pos = mark;
        block.previousPath = previous;
        continue;
      }
      inBlock++;
      if (block.pos >= TARGET_BLOCK_BYTES) {
        out.add(new Encoded(Arrays.copyOf(block.buf, block.pos), block.pos, inBlock, crc(block.buf, 0, block.pos)));
        block.pos = 0;
        block.previousPath = null;
        inBlock = 0;
      }
    }
    if (inBlock > 0) {
      out.add(new Encoded(block.buf, block.pos, inBlock, crc(block.buf, 0, block.pos)));
    }
    return out;
  }

  /**
   * The values of the table: those of the shared fields that occur more than once, the most
   * frequent first so that they take the fewest bytes to refer to; in order of index. With
   * {@code pool}, each piece's values are counted on its threads and the counts added up.
   */
  private static Map<String, Integer> table(List<Entry> entries, int pieces, @Nullable ForkJoinPool pool) {
    Map<String, int[]> counts;
    if (pool == null) {
      counts = counts(entries);
    } else {
      List<ForkJoinTask<Map<String, int[]>>> parts = new ArrayList<>(pieces);
      for (int i = 0; i < pieces; i++) {
        List<Entry> piece = piece(entries, i);
        parts.add(pool.submit(() -> counts(piece)));
      }
      counts = parts.get(0).join();
      for (int i = 1; i < pieces; i++) {
        parts.get(i).join().forEach((value, n) -> counts.computeIfAbsent(value, k -> new int[1])[0] += n[0]);
      }
    }
    List<Map.Entry<String, int[]>> frequent = new ArrayList<>();
    long bytes = 0;
    for (Map.Entry<String, int[]> c : counts.entrySet()) {
      if (c.getValue()[0] > 1 && c.getKey().length() <= 1024) {
        frequent.add(c);
      }
    }
    frequent.sort((x, y) -> x.getValue()[0] != y.getValue()[0] ? Integer.compare(y.getValue()[0], x.getValue()[0])
        : x.getKey().compareTo(y.getKey()));
    Map<String, Integer> table = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> c : frequent) {
      bytes += 2L * c.getKey().length() + 5;
      if (table.size() == MAX_TABLE_STRINGS || bytes > MAX_BLOCK_BYTES / 2) {
        break;
      }
      table.put(c.getKey(), table.size());
    }
    return table;
  }

  /** How often each value of a shared field occurs in {@code entries}. */
  private static Map<String, int[]> counts(List<Entry> entries) {
    Map<String, int[]> counts = new HashMap<>();
    for (Entry e : entries) {
      Article a = e.article();
      for (ArticleField f : SHARED) {
        Object v = f.get(a);
        if (v instanceof String str) {
          count(counts, str);
        } else if (v instanceof List<?> list) {
          for (Object item : list) {
            count(counts, (String) item);
          }
        }
      }
    }
    return counts;
  }

  private static void count(Map<String, int[]> counts, @Nullable String value) {
    if (value != null) {
      counts.computeIfAbsent(value, k -> new int[1])[0]++;
    }
  }

  /** A payload in its frame: length, count, CRC32C, then the bytes; the header goes into {@code chain}. */
  private static void frame(OutputStream out, byte[] payload, int length, int count, int crc, CRC32C chain)
      throws IOException {
    ByteBuffer h = ByteBuffer.allocate(BLOCK_HEADER_BYTES);
    h.putInt(length).putInt(count).putInt(crc);
    chain.update(h.array(), 0, BLOCK_HEADER_BYTES);
    out.write(h.array());
    out.write(payload, 0, length);
  }

  private static int crc(byte[] b, int from, int length) {
    CRC32C c = new CRC32C();
    c.update(b, from, length);
    return (int) c.getValue();
  }

  /** An entry that the format cannot hold. */
  private static final class NotStorable extends Exception {
    private static final long serialVersionUID = 1L;

    NotStorable() {
      super(null, null, false, false);
    }
  }

  private static final class Encoder {
    private final Map<String, Integer> table;
    byte[] buf;
    int pos;
    @Nullable String previousPath;

    Encoder(int capacity, Map<String, Integer> table) {
      this.table = table;
      buf = new byte[capacity];
    }

    /** A value of a shared field: null as 0, 1 and the string, or its index in the table plus 2. */
    void shared(@Nullable String s) throws NotStorable {
      if (s == null) {
        varint(0);
        return;
      }
      Integer index = table.get(s);
      if (index != null) {
        varint(index + 2);
      } else {
        varint(1);
        chars(s, 0);
      }
    }

    private void ensure(int more) {
      if (pos + more > buf.length) {
        long want = Math.max((long) pos + more, (long) buf.length * 2);
        buf = Arrays.copyOf(buf, (int) Math.min(want, Integer.MAX_VALUE - 8));
      }
    }

    void entry(Entry e) throws NotStorable {
      delta(e.path(), previousPath);
      previousPath = e.path();
      varlong(e.size());
      varlong(zigzag(e.modified()));
      varlong(e.fileKey() + 1); // -1 (none) as 0
      varlong(zigzag(e.checkedAt()));
      revision(e.revision());
      // The article after its length, so that a reader can pass over it and decode it when it
      // is asked for. The length goes before bytes already written: moved up by its size.
      int start = pos;
      article(e.article());
      int length = pos - start;
      int lengthBytes = varintBytes(length);
      ensure(lengthBytes);
      System.arraycopy(buf, start, buf, start + lengthBytes, length);
      pos = start;
      varint(length);
      pos = start + lengthBytes + length;
    }

    /** A content revision as its two halves, any other as text after a tag. */
    private void revision(Revision r) throws NotStorable {
      Revisions.Parts parts = Revisions.parts();
      String text = parts.text(r);
      if (text == null) {
        varint(0);
        fixed64(parts.high(r));
        fixed64(parts.low(r));
      } else {
        varint(1);
        string(text);
      }
    }

    private static int varintBytes(int v) {
      int n = 1;
      while ((v & ~0x7F) != 0) {
        v >>>= 7;
        n++;
      }
      return n;
    }

    void article(Article a) throws NotStorable {
      int bits = 0;
      for (int i = 0; i < PRESENCE.length; i++) {
        if (PRESENCE[i].isSet(a)) {
          bits |= 1 << i;
        }
      }
      if (!a.extra().isEmpty()) {
        bits |= EXTRA;
      }
      varint(bits);
      string(a.title());
      for (int i = 0; i < PRESENCE.length; i++) {
        if ((bits & (1 << i)) != 0) {
          field(PRESENCE[i], PRESENCE[i].get(a), null);
        }
      }
      if (!a.extra().isEmpty()) {
        map(a.extra(), 1);
      }
    }

    /**
     * A present value of {@code f}, by its type. Within a group, text that does not repeat
     * across articles (image addresses) is written as a delta of the group's text before it.
     */
    private void field(ArticleField f, @Nullable Object v, @Nullable String previousText) throws NotStorable {
      switch (f.type()) {
        case TEXT -> {
          if (f.shared()) {
            shared((String) v);
          } else if (f.parent() != null) {
            delta((String) v, previousText);
          } else {
            string((String) v);
          }
        }
        case INSTANT -> instant((Instant) v);
        case WHOLE_NUMBER -> varlong(zigzag((Integer) v)); // any int: a group's may be negative

        case NUMBER -> fixed64(Double.doubleToRawLongBits((Double) v));
        case BOOLEAN -> {
          if (f.parent() != null) {
            varint((Boolean) v ? 1 : 0); // at the top level the presence bit says true
          }
        }
        case SENTIMENT -> varint(((Sentiment) v).ordinal());
        case TEXT_LIST -> {
          List<?> items = (List<?>) v;
          varint(items.size());
          for (Object item : items) {
            shared((String) item);
          }
        }
        case GROUP -> {
          List<ArticleField> children = f.children();
          Object[] values = new Object[children.size()];
          int present = 0;
          for (int i = 0; i < values.length; i++) {
            values[i] = children.get(i).valueIn(v);
            if (values[i] != null) {
              present |= 1 << i;
            }
          }
          varint(present);
          String previous = null;
          for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
              field(children.get(i), values[i], previous);
              if (values[i] instanceof String text) {
                previous = text;
              }
            }
          }
        }
      }
    }

    void map(Map<?, ?> m, int depth) throws NotStorable {
      varint(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new NotStorable();
        }
        string(key);
        value(e.getValue(), depth);
      }
    }

    void value(@Nullable Object v, int depth) throws NotStorable {
      if (depth > MAX_DEPTH) {
        throw new NotStorable();
      }
      if (v == null) {
        ensure(1);
        buf[pos++] = 0;
      } else if (v instanceof String s) {
        ensure(1);
        buf[pos++] = 1;
        string(s);
      } else if (v instanceof Boolean b) {
        ensure(1);
        buf[pos++] = (byte) (b ? 2 : 3);
      } else if (v instanceof Long l) {
        ensure(1);
        buf[pos++] = 4;
        varlong(zigzag(l));
      } else if (v instanceof BigInteger big) {
        byte[] bytes = big.toByteArray();
        ensure(1);
        buf[pos++] = 5;
        varint(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
      } else if (v instanceof Double d) {
        ensure(1);
        buf[pos++] = 6;
        fixed64(Double.doubleToRawLongBits(d));
      } else if (v instanceof List<?> list) {
        ensure(1);
        buf[pos++] = 7;
        varint(list.size());
        for (Object item : list) {
          value(item, depth + 1);
        }
      } else if (v instanceof Map<?, ?> m) {
        ensure(1);
        buf[pos++] = 8;
        map(m, depth + 1);
      } else {
        throw new NotStorable();
      }
    }

    void instant(Instant t) {
      varlong(zigzag(t.getEpochSecond()));
      varint(t.getNano());
    }

    /** Null as 0; else (length &lt;&lt; 1 | utf16) + 1, then the chars. */
    void string(@Nullable String s) throws NotStorable {
      if (s == null) {
        varint(0);
        return;
      }
      chars(s, 0);
    }

    /** As {@link #string}, then the number of leading chars shared with {@code previous}, then the rest. */
    void delta(@Nullable String s, @Nullable String previous) throws NotStorable {
      if (s == null) {
        varint(0);
        return;
      }
      if (s.length() > MAX_BLOCK_BYTES / 2) {
        throw new NotStorable();
      }
      int shared = 0;
      if (previous != null) {
        int max = Math.min(s.length(), previous.length());
        while (shared < max && s.charAt(shared) == previous.charAt(shared)) {
          shared++;
        }
      }
      boolean wide = wide(s, 0); // of the whole string, so a reader can copy a Latin-1 prefix as bytes
      int n = s.length() - shared;
      varint(((n << 1) | (wide ? 1 : 0)) + 1);
      varint(shared);
      raw(s, shared, wide);
    }

    void chars(String s, int from) throws NotStorable {
      if (s.length() > MAX_BLOCK_BYTES / 2) {
        throw new NotStorable();
      }
      boolean wide = wide(s, from);
      int n = s.length() - from;
      varint(((n << 1) | (wide ? 1 : 0)) + 1);
      raw(s, from, wide);
    }

    private static boolean wide(String s, int from) {
      for (int i = from; i < s.length(); i++) {
        if (s.charAt(i) > 0xFF) {
          return true;
        }
      }
      return false;
    }

    private void raw(String s, int from, boolean wide) {
      int n = s.length() - from;
      if (wide) {
        ensure(2 * n);
        for (int i = from; i < s.length(); i++) {
          char c = s.charAt(i);
          buf[pos++] = (byte) (c >>> 8);
          buf[pos++] = (byte) c;
        }
      } else {
        ensure(n);
        for (int i = from; i < s.length(); i++) {
          buf[pos++] = (byte) s.charAt(i);
        }
      }
    }

    void varint(int v) {
      varlong(v & 0xFFFFFFFFL);
    }

    void varlong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[pos++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[pos++] = (byte) v;
    }

    void fixed64(long v) {
      ensure(8);
      for (int i = 7; i >= 0; i--) {
        buf[pos++] = (byte) (v >>> (8 * i));
      }
    }
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  // ------------------------------------------------------------------ reading

  /**
   * Reads the snapshot at {@code file}. Never throws: a missing file is {@link Missing}, and
   * anything else that is not a whole snapshot made with {@code fingerprint} is {@link
   * Rejected}. Run in a fork-join pool, it decodes blocks in parallel.
   */
  public static Result read(Path file, byte[] fingerprint) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(ch, ch.size(), fingerprint);
    } catch (NoSuchFileException e) {
      return new Missing();
    } catch (IOException | RuntimeException e) {
      return new Rejected("cannot read: " + e);
    }
  }

  /**
   * Reads a snapshot of {@code size} bytes from {@code in}. Never throws; allocates no more
   * than the bytes that are left to read, whatever a length field says.
   */
  public static Result read(ReadableByteChannel in, long size, byte[] fingerprint) {
    try {
      return readChecked(in, size, fingerprint);
    } catch (Corrupt e) {
      return new Rejected(e.getMessage());
    } catch (IOException | RuntimeException e) {
      return new Rejected("cannot read: " + e);
    }
  }

  private static final class Corrupt extends Exception {
    private static final long serialVersionUID = 1L;

    Corrupt(String message) {
      super(message, null, false, false);
    }
  }

  private static final class Frame {
    final ReadableByteChannel in;
    final long size;
    long consumed;

    Frame(ReadableByteChannel in, long size) {
      this.in = in;
      this.size = size;
    }

    ByteBuffer take(int n, String what) throws IOException, Corrupt {
      if (n < 0 || n > size - consumed) {
        throw new Corrupt(what + " runs past the end of the file");
      }
      ByteBuffer b = ByteBuffer.allocate(n);
      while (b.hasRemaining()) {
        if (in.read(b) < 0) {
          throw new Corrupt("the file ends in " + what);
        }
      }
      consumed += n;
      return b.flip();
    }
  }

  private static Result readChecked(ReadableByteChannel in, long size, byte[] fingerprint)
      throws IOException, Corrupt {
    Frame f = new Frame(in, size);
    if (size < HEADER_BYTES + TRAILER_BYTES) {
      throw new Corrupt("too short for a snapshot: " + size + " bytes");
    }
    ByteBuffer h = f.take(HEADER_BYTES, "the header");
    byte[] magic = new byte[MAGIC.length];
    h.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new Corrupt("not a snapshot");
    }
    int version = h.getInt();
    if (version != VERSION) {
      throw new Corrupt("snapshot version " + version + ", this reader knows " + VERSION);
    }
    byte[] fp = new byte[FINGERPRINT_BYTES];
    h.get(fp);
    long createdAt = h.getLong();
    int headerCrc = h.getInt();
    if (headerCrc != crc(h.array(), 0, HEADER_BYTES - 4)) {
      throw new Corrupt("the header's checksum does not match");
    }
    if (!Arrays.equals(fp, fingerprint)) {
      throw new Corrupt("made for another root, extensions, codec or version");
    }
    CRC32C chain = new CRC32C();
    Shared shared = new Shared(table(f, size, chain), new java.util.concurrent.ConcurrentHashMap<>());
    List<Block> blocks = new ArrayList<>();
    long total = 0;
    boolean fork = ForkJoinTask.inForkJoinPool();
    try {
      while (true) {
        ByteBuffer bh = f.take(4, "a block header");
        int length = bh.getInt();
        if (length == 0) {
          break;
        }
        ByteBuffer rest = f.take(BLOCK_HEADER_BYTES - 4, "a block header");
        int count = rest.getInt();
        int crc = rest.getInt();
        if (length < 0 || length > MAX_BLOCK_BYTES || length > size - f.consumed - TRAILER_BYTES) {
          throw new Corrupt("a block of " + length + " bytes does not fit");
        }
        if (count <= 0 || count > length / MIN_ENTRY_BYTES) {
          throw new Corrupt("a block of " + length + " bytes cannot hold " + count + " entries");
        }
        chain.update(bh.array(), 0, 4);
        chain.update(rest.array(), 0, 8);
        byte[] payload = f.take(length, "a block").array();
        if (crc(payload, 0, length) != crc) {
          throw new Corrupt("a block's checksum does not match");
        }
        total += count;
        Block b = new Block(payload, count, shared);
        if (fork) {
          b.fork();
        }
        blocks.add(b);
      }
      ByteBuffer t = f.take(TRAILER_BYTES - 4, "the trailer");
      long entries = t.getLong();
      int blockCount = t.getInt();
      int chainCrc = t.getInt();
      byte[] end = new byte[END.length];
      t.get(end);
      if (!Arrays.equals(end, END) || entries != total || blockCount != blocks.size()
          || chainCrc != (int) chain.getValue()) {
        throw new Corrupt("the trailer does not match the blocks");
      }
      if (f.consumed != size) {
        throw new Corrupt("bytes follow the trailer");
      }
      List<Entry> all = new ArrayList<>((int) Math.min(total, Integer.MAX_VALUE - 8));
      for (Block b : blocks) {
        List<Entry> decoded = fork ? b.join() : b.invoke();
        if (decoded == null) {
          throw new Corrupt(b.problem);
        }
        all.addAll(decoded);
      }
      return new Valid(createdAt, all);
    } finally {
      if (fork) {
        for (Block b : blocks) {
          b.cancel(false);
        }
      }
    }
  }

  /** Reads and checks the string table that follows the header. */
  private static String[] table(Frame f, long size, CRC32C chain) throws IOException, Corrupt {
    ByteBuffer h = f.take(BLOCK_HEADER_BYTES, "the string table's header");
    int length = h.getInt();
    int count = h.getInt();
    int crc = h.getInt();
    if (length < 0 || length > MAX_BLOCK_BYTES || length > size - f.consumed - TRAILER_BYTES) {
      throw new Corrupt("a string table of " + length + " bytes does not fit");
    }
    if (count < 0 || count > length) {
      throw new Corrupt("a string table of " + length + " bytes cannot hold " + count + " strings");
    }
    chain.update(h.array(), 0, BLOCK_HEADER_BYTES);
    byte[] payload = f.take(length, "the string table").array();
    if (crc(payload, 0, length) != crc) {
      throw new Corrupt("the string table's checksum does not match");
    }
    Decoder d = new Decoder(payload, new String[0]);
    String[] table = new String[count];
    for (int i = 0; i < count; i++) {
      table[i] = Decoder.required(d.string(), "table string");
    }
    if (d.pos != length) {
      throw new Corrupt("the string table holds more than its strings");
    }
    return table;
  }

  /** Decodes one block; null with {@link #problem} set when it is not a valid block. */
  private static final class Block extends RecursiveTask<@Nullable List<Entry>> {
    private static final long serialVersionUID = 1L;
    /** Dropped once decoded: the blocks read ahead would otherwise all stay live until the end. */
    private transient byte @Nullable [] payload;
    private final int count;
    private final transient Shared shared;
    volatile String problem = "";

    Block(byte[] payload, int count, Shared shared) {
      this.payload = payload;
      this.count = count;
      this.shared = shared;
    }

    @Override
    protected @Nullable List<Entry> compute() {
      byte[] bytes = payload;
      payload = null;
      if (bytes == null) {
        problem = "a block decoded twice";
        return null;
      }
      try {
        Decoder d = new Decoder(bytes, shared);
        List<Entry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          out.add(d.entry());
        }
        if (d.pos != bytes.length) {
          throw new Corrupt("a block holds more than its entries");
        }
        return out;
      } catch (Corrupt e) {
        problem = e.getMessage();
        return null;
      } catch (RuntimeException e) {
        // A value the model refuses (an empty id, a negative weight, a time out of range).
        problem = "an entry holds what an article cannot: " + e.getMessage();
        return null;
      }
    }
  }

  private static final class Decoder {
    private final byte[] b;
    private final String[] table;
    /** Sources decoded so far, shared: null where none are decoded (the table, entries). */
    private final @Nullable Map<Source, Source> sources;
    /** Where a block's articles are kept to be decoded when asked for; null for the table. */
    private final @Nullable Shared kept;
    int pos;
    private @Nullable String previousPath;
    /** Made when first needed: an article is decoded by a decoder of its own. */
    private byte @Nullable [] scratch;

    Decoder(byte[] b, String[] table) {
      this(b, table, null, null);
    }

    Decoder(byte[] b, Shared kept) {
      this(b, kept.table(), null, kept);
    }

    Decoder(byte[] b, String[] table, Map<Source, Source> sources) {
      this(b, table, sources, null);
    }

    private Decoder(byte[] b, String[] table, @Nullable Map<Source, Source> sources, @Nullable Shared kept) {
      this.b = b;
      this.table = table;
      this.sources = sources;
      this.kept = kept;
    }

    private @Nullable String shared() throws Corrupt {
      int h = varint();
      if (h == 0) {
        return null;
      }
      if (h == 1) {
        return required(string(), "string");
      }
      int index = h - 2;
      if (index < 0 || index >= table.length) {
        throw new Corrupt("no string " + index + " in the table");
      }
      return table[index];
    }

    Entry entry() throws Corrupt {
      String path = required(delta(previousPath), "path");
      previousPath = path;
      long size = varlong();
      long modified = unzigzag(varlong());
      long fileKey = varlong() - 1;
      long checkedAt = unzigzag(varlong());
      Revision revision = revision();
      if (size < 0) {
        throw new Corrupt("an entry's attributes are out of range");
      }
      // Passed over: decoded when the entry's article is first asked for.
      int length = count();
      int at = pos;
      pos += length;
      return new Entry(path, size, modified, fileKey, checkedAt, revision, null,
          new EncodedArticle(b, at, length, Objects.requireNonNull(kept, "a decoder of entries")));
    }

    private Revision revision() throws Corrupt {
      int tag = varint();
      if (tag == 0) {
        return Revisions.parts().ofHash(fixed64(), fixed64());
      }
      if (tag != 1) {
        throw new Corrupt("unknown revision type " + tag);
      }
      String text = required(string(), "revision");
      if (text.isEmpty()) {
        throw new Corrupt("an empty revision");
      }
      return Revision.of(text);
    }

    Article article(String id) throws Corrupt {
      int bits = varint();
      if ((bits & ~(EXTRA | (EXTRA - 1))) != 0) {
        throw new Corrupt("unknown article fields");
      }
      Article.Builder a = Article.builder(id).title(required(string(), "title"));
      for (int i = 0; i < PRESENCE.length; i++) {
        ArticleField f = PRESENCE[i];
        if ((bits & (1 << i)) != 0) {
          f.set(a, f.type() == ArticleField.Type.BOOLEAN ? Boolean.TRUE : field(f, null));
        }
      }
      if ((bits & EXTRA) != 0) {
        a.extra(map(1));
      }
      return a.build();
    }

    /** A present value of {@code f}, as the encoder's {@code field} wrote it. */
    private Object field(ArticleField f, @Nullable String previousText) throws Corrupt {
      return f.type() == ArticleField.Type.GROUP ? group(f) : leaf(f, previousText);
    }

    /**
     * A present value of a field that is no group. Apart from groups so that neither calls
     * itself: the optimizing compiler would otherwise compile the whole decoding twice over into
     * one method, a fifth of a second of compiling at every start under JVM defaults.
     */
    private Object leaf(ArticleField f, @Nullable String previousText) throws Corrupt {
      switch (f.type()) {
        case TEXT:
          return required(f.shared() ? shared() : f.parent() != null ? delta(previousText) : string(), f.path());
        case INSTANT:
          return instant();
        case WHOLE_NUMBER: {
          long v = unzigzag(varlong());
          if (v != (int) v) {
            throw new Corrupt(f.path() + " out of range");
          }
          return (int) v;
        }
        case NUMBER:
          return Double.longBitsToDouble(fixed64());
        case BOOLEAN: {
          int v = varint();
          if (v != 0 && v != 1) {
            throw new Corrupt(f.path() + " is no boolean");
          }
          return v == 1;
        }
        case SENTIMENT: {
          int s = varint();
          Sentiment[] all = Sentiment.values();
          if (s < 0 || s >= all.length) {
            throw new Corrupt("no sentiment " + s);
          }
          return all[s];
        }
        case TEXT_LIST: {
          int n = count();
          String[] t = new String[n];
          for (int i = 0; i < n; i++) {
            t[i] = required(shared(), f.path());
          }
          return List.of(t);
        }
        default:
          throw new IllegalStateException("no decoding for " + f.type());
      }
    }

    /** A present group: its children are no groups (the schema nests one level). */
    private Object group(ArticleField f) throws Corrupt {
      List<ArticleField> children = f.children();
      int present = varint();
      if ((present >>> children.size()) != 0) {
        throw new Corrupt("unknown " + f.path() + " fields");
      }
      Object[] values = new Object[children.size()];
      String previous = null;
      for (int i = 0; i < values.length; i++) {
        if ((present & (1 << i)) != 0) {
          values[i] = leaf(children.get(i), previous);
          if (values[i] instanceof String text) {
            previous = text;
          }
        }
      }
      Object group = f.group(values);
      Map<Source, Source> known = sources;
      if (known != null && group instanceof Source source) {
        // A few sources are named by many articles: one object for each, not one per article.
        Source same = known.putIfAbsent(source, source);
        return same == null ? source : same;
      }
      return group;
    }

    private Map<String, @Nullable Object> map(int depth) throws Corrupt {
      int n = count();
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String key = required(string(), "key");
        m.put(key, value(depth));
      }
      if (m.size() != n) {
        throw new Corrupt("a map repeats a key");
      }
      return m;
    }

    private @Nullable Object value(int depth) throws Corrupt {
      if (depth > MAX_DEPTH) {
        throw new Corrupt("values nested too deep");
      }
      int tag = byteAt();
      switch (tag) {
        case 0:
          return null;
        case 1:
          return required(string(), "string value");
        case 2:
          return Boolean.TRUE;
        case 3:
          return Boolean.FALSE;
        case 4:
          return unzigzag(varlong());
        case 5: {
          int n = count();
          if (n == 0) {
            throw new Corrupt("an empty big integer");
          }
          BigInteger big = new BigInteger(b, pos, n);
          pos += n;
          return big;
        }
        case 6:
          return Double.longBitsToDouble(fixed64());
        case 7: {
          int n = count();
          List<@Nullable Object> list = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            list.add(value(depth + 1));
          }
          return list;
        }
        case 8:
          return map(depth + 1);
        default:
          throw new Corrupt("unknown value type " + tag);
      }
    }

    static <T> T required(@Nullable T value, String what) throws Corrupt {
      if (value == null) {
        throw new Corrupt("a " + what + " is missing");
      }
      return value;
    }

    private Instant instant() throws Corrupt {
      long seconds = unzigzag(varlong());
      int nanos = varint();
      if (nanos < 0 || nanos > 999_999_999 || seconds < Instant.MIN.getEpochSecond()
          || seconds > Instant.MAX.getEpochSecond()) {
        throw new Corrupt("a time out of range");
      }
      return Instant.ofEpochSecond(seconds, nanos);
    }

    /** A count of things that each take at least one byte: never more than the bytes left. */
    private int count() throws Corrupt {
      int n = varint();
      if (n < 0 || n > b.length - pos) {
        throw new Corrupt("a count of " + n + " runs past the block");
      }
      return n;
    }

    @Nullable String string() throws Corrupt {
      int h = varint();
      if (h == 0) {
        return null;
      }
      return chars(h - 1, null, 0);
    }

    private @Nullable String delta(@Nullable String previous) throws Corrupt {
      int h = varint();
      if (h == 0) {
        return null;
      }
      int shared = varint();
      if (shared < 0 || shared > (previous == null ? 0 : previous.length())) {
        throw new Corrupt("a shared prefix longer than the string before");
      }
      return chars(h - 1, previous, shared);
    }

    private String chars(int header, @Nullable String previous, int shared) throws Corrupt {
      if (header < 0) {
        throw new Corrupt("a string longer than a block");
      }
      int n = header >>> 1;
      boolean wide = (header & 1) != 0;
      long bytes = wide ? 2L * n : n;
      if (bytes > b.length - pos) {
        throw new Corrupt("a string of " + n + " chars runs past the block");
      }
      if (wide) {
        char[] c = new char[shared + n];
        if (shared > 0 && previous != null) {
          previous.getChars(0, shared, c, 0);
        }
        for (int i = shared; i < c.length; i++) {
          c[i] = (char) (((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF));
          pos += 2;
        }
        return new String(c);
      }
      if (shared == 0 || previous == null) {
        String s = new String(b, pos, n, StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
      }
      // A Latin-1 string (the writer says so of the whole string): prefix and suffix joined in a
      // scratch buffer, one string made.
      byte[] joined = scratch;
      if (joined == null || joined.length < shared + n) {
        joined = new byte[Math.max(shared + n, joined == null ? 128 : 2 * joined.length)];
        scratch = joined;
      }
      latin1Bytes(previous, shared, joined);
      System.arraycopy(b, pos, joined, shared, n);
      pos += n;
      return new String(joined, 0, shared + n, StandardCharsets.ISO_8859_1);
    }

    /** The first {@code length} chars of a Latin-1 string as bytes (of any other, their low bytes). */
    @SuppressWarnings("deprecation")
    private static void latin1Bytes(String s, int length, byte[] into) {
      s.getBytes(0, length, into, 0);
    }

    private int byteAt() throws Corrupt {
      if (pos >= b.length) {
        throw new Corrupt("an entry runs past the block");
      }
      return b[pos++] & 0xFF;
    }

    private int varint() throws Corrupt {
      if (pos < b.length && b[pos] >= 0) {
        return b[pos++]; // most numbers here are lengths and counts below 128: one byte
      }
      long v = varlong();
      if ((v & ~0xFFFFFFFFL) != 0) {
        throw new Corrupt("a number out of range");
      }
      return (int) v;
    }

    private long varlong() throws Corrupt {
      if (pos < b.length && b[pos] >= 0) {
        return b[pos++];
      }
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int x = byteAt();
        v |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          return v;
        }
      }
      throw new Corrupt("a number of more than ten bytes");
    }

    private long fixed64() throws Corrupt {
      if (b.length - pos < 8) {
        throw new Corrupt("an entry runs past the block");
      }
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (b[pos++] & 0xFF);
      }
      return v;
    }
  }
}
