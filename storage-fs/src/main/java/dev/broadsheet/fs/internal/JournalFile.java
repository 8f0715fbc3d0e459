package dev.broadsheet.fs.internal;

import dev.broadsheet.Revision;
import dev.broadsheet.spi.LoggedChange;
import dev.broadsheet.spi.LoggedChange.Timing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The change journal of a content folder as a file: a header naming the journal, then one
 * checksummed record per change, appended and never rewritten in place. A record a writer was
 * killed in the middle of fails its length or checksum: reading stops before it, and a writer
 * holding the folder's write lock cuts it off before appending, so no acknowledged record (one
 * whose append returned) is ever lost and no half record is ever read.
 *
 * <pre>
 * header  magic "BSHJRNL1", version (int), journal id (16 bytes), CRC32C of the preceding bytes (int)
 * record  payload length (int), CRC32C of the payload (int), payload
 * payload seq (varlong), at: seconds (zig-zag varlong) and nanos (varint), kind (byte: 0 upsert,
 *         1 delete), id (varint length, UTF-8), revision (varint length + 1, 0 for none, UTF-8),
 *         timing before, timing after
 * timing  flags (byte: 1 present, 2 draft, 4 publishedAt, 8 expiresAt), then each instant as at
 * </pre>
 *
 * <p>Not thread-safe: the store guards it. Several processes share the file: each reads what the
 * others appended ({@link #refresh}) and appends only under the folder's write lock.
 */
public final class JournalFile implements AutoCloseable {
  private static final byte[] MAGIC = "BSHJRNL1".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_BYTES = 8 + 4 + 16 + 4;
  /** More than any record holds: a length above it is a damaged record, not a long one. */
  private static final int MAX_RECORD = 1 << 20;

  private final Path file;
  private FileChannel channel;
  private @Nullable Object fileKey;
  private String id;
  private final List<LoggedChange> entries = new ArrayList<>();
  /** Where the last whole record ends; a damaged or unfinished tail may follow. */
  private long end;
  /** Why a journal file was found unusable and started anew, or null. */
  private @Nullable String replaced;

  private JournalFile(Path file) {
    this.file = file;
  }

  /**
   * Opens the journal at {@code file}, creating it when there is none. A file whose header is
   * damaged or of another version is replaced by a new, empty journal with a new id (see {@link
   * #replaced()}): positions in the old one mean nothing in the new.
   */
  public static JournalFile open(Path file) throws IOException {
    JournalFile j = new JournalFile(file);
    j.openChannel();
    return j;
  }

  private void openChannel() throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    fileKey = key();
    entries.clear();
    end = HEADER_BYTES;
    String header = readHeader();
    if (header == null) {
      if (channel.size() > 0) {
        replaced = "the journal " + file + " was damaged or of another version; a new one was started";
      }
      startNew();
    } else {
      id = header;
      scan();
    }
  }

  /** The journal's id, from its header, or null when the header is missing or damaged. */
  private @Nullable String readHeader() throws IOException {
    if (channel.size() < HEADER_BYTES) {
      return null;
    }
    ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
    readFully(h, 0);
    byte[] b = h.array();
    for (int i = 0; i < MAGIC.length; i++) {
      if (b[i] != MAGIC[i]) {
        return null;
      }
    }
    if (h.getInt(8) != VERSION || h.getInt(HEADER_BYTES - 4) != crc(b, 0, HEADER_BYTES - 4)) {
      return null;
    }
    byte[] raw = new byte[16];
    System.arraycopy(b, 12, raw, 0, 16);
    return HexFormat.of().formatHex(raw);
  }

  private void startNew() throws IOException {
    byte[] raw = new byte[16];
    new SecureRandom().nextBytes(raw);
    ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
    h.put(MAGIC).putInt(VERSION).put(raw);
    h.putInt(crc(h.array(), 0, HEADER_BYTES - 4));
    h.flip();
    channel.truncate(0);
    while (h.hasRemaining()) {
      channel.write(h, h.position());
    }
    channel.force(true);
    AtomicFiles.syncDirectory(file.toAbsolutePath().getParent());
    id = HexFormat.of().formatHex(raw);
    end = HEADER_BYTES;
  }

  /** Reads the records from {@link #end} on, stopping before the first one that is not whole. */
  private void scan() throws IOException {
    long size = channel.size();
    ByteBuffer head = ByteBuffer.allocate(8);
    while (end + 8 <= size) {
      head.clear();
      readFully(head, end);
      int length = head.getInt(0);
      int sum = head.getInt(4);
      if (length <= 0 || length > MAX_RECORD || end + 8 + length > size) {
        return;
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      readFully(payload, end + 8);
      if (crc(payload.array(), 0, length) != sum) {
        return;
      }
      LoggedChange c;
      try {
        c = decode(payload.array());
      } catch (RuntimeException e) {
        return; // a record that checks but does not decode: treated as the damaged tail
      }
      if (!entries.isEmpty() && c.seq() <= entries.get(entries.size() - 1).seq()) {
        return;
      }
      entries.add(c);
      end += 8 + length;
    }
  }

  private void readFully(ByteBuffer b, long at) throws IOException {
    long pos = at;
    while (b.hasRemaining()) {
      int n = channel.read(b, pos);
      if (n < 0) {
        throw new IOException("the journal " + file + " ended early");
      }
      pos += n;
    }
  }

  private @Nullable Object key() throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** The journal's id: random, made when the journal was. */
  public String id() {
    return id;
  }

  /** Why the file found was started anew (damaged, of another version), or null. */
  public @Nullable String replaced() {
    return replaced;
  }

  /** The changes held, oldest first. */
  public List<LoggedChange> entries() {
    return entries;
  }

  /** The number of the newest change, 0 when there is none. */
  public long head() {
    return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
  }

  /**
   * Takes what other processes appended since this one last looked, and follows a journal that
   * another process compacted (replaced by a shorter file).
   */
  public void refresh() throws IOException {
    if (!Objects.equals(key(), fileKey)) {
      channel.close();
      openChannel();
      return;
    }
    scan();
  }

  /**
   * Cuts off a damaged or unfinished last record, which a writer that died in the middle of an
   * append left. Only under the folder's write lock, when no writer can be appending.
   */
  public void cutDamagedTail() throws IOException {
    refresh();
    if (channel.size() > end) {
      channel.truncate(end);
      channel.force(true);
    }
  }

  /**
   * Appends a change, under the folder's write lock after {@link #cutDamagedTail}; with {@code
   * durable}, returns only once it is on disk.
   *
   * @throws IllegalArgumentException when its number does not follow the newest
   */
  public void append(LoggedChange c, boolean durable) throws IOException {
    if (c.seq() != head() + 1) {
      throw new IllegalArgumentException("change " + c.seq() + " does not follow " + head());
    }
    byte[] payload = encode(c);
    ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
    b.putInt(payload.length).putInt(crc(payload, 0, payload.length)).put(payload).flip();
    long at = end;
    while (b.hasRemaining()) {
      at += channel.write(b, at);
    }
    if (durable) {
      channel.force(false);
    }
    end = at;
    entries.add(c);
  }

  /** Returns once every change appended so far is on disk. */
  public void force() throws IOException {
    channel.force(false);
  }

  /**
   * Keeps only the newest {@code keep} changes: writes them to a new file with the same id and
   * puts it in place of this one atomically. Under the folder's write lock.
   */
  public void compact(int keep) throws IOException {
    if (entries.size() <= keep) {
      return;
    }
    List<LoggedChange> kept = new ArrayList<>(entries.subList(entries.size() - keep, entries.size()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
    h.put(MAGIC).putInt(VERSION).put(HexFormat.of().parseHex(id));
    h.putInt(crc(h.array(), 0, HEADER_BYTES - 4));
    out.write(h.array());
    for (LoggedChange c : kept) {
      byte[] payload = encode(c);
      out.write(ByteBuffer.allocate(8).putInt(payload.length).putInt(crc(payload, 0, payload.length)).array());
      out.write(payload);
    }
    AtomicFiles.write(file, out.toByteArray());
    channel.close();
    openChannel();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  // ------------------------------------------------------------------ records

  static byte[] encode(LoggedChange c) {
    Writer w = new Writer();
    w.varlong(c.seq());
    w.instant(c.at());
    w.out.write(c.kind() == LoggedChange.Kind.UPSERT ? 0 : 1);
    w.text(c.id());
    Revision r = c.revision();
    if (r == null) {
      w.varlong(0);
    } else {
      byte[] v = r.value().getBytes(StandardCharsets.UTF_8);
      w.varlong(v.length + 1L);
      w.out.write(v, 0, v.length);
    }
    w.timing(c.before());
    w.timing(c.after());
    return w.out.toByteArray();
  }

  static LoggedChange decode(byte[] b) {
    Reader r = new Reader(b);
    long seq = r.varlong();
    Instant at = r.instant();
    int kind = r.b[r.pos++];
    String id = r.text();
    long rl = r.varlong();
    Revision revision = rl == 0 ? null : Revision.of(r.utf8((int) (rl - 1)));
    Timing before = r.timing();
    Timing after = r.timing();
    if (r.pos != b.length || (kind != 0 && kind != 1)) {
      throw new IllegalArgumentException("not a journal record");
    }
    return new LoggedChange(seq, id, kind == 0 ? LoggedChange.Kind.UPSERT : LoggedChange.Kind.DELETE, revision, at,
        before, after);
  }

  private static final class Writer {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(96);

    void varlong(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }

    void instant(Instant t) {
      long s = t.getEpochSecond();
      varlong((s << 1) ^ (s >> 63));
      varlong(t.getNano());
    }

    void text(String s) {
      byte[] v = s.getBytes(StandardCharsets.UTF_8);
      varlong(v.length);
      out.write(v, 0, v.length);
    }

    void timing(@Nullable Timing t) {
      if (t == null) {
        out.write(0);
        return;
      }
      out.write(1 | (t.draft() ? 2 : 0) | (t.publishedAt() != null ? 4 : 0) | (t.expiresAt() != null ? 8 : 0));
      if (t.publishedAt() != null) {
        instant(t.publishedAt());
      }
      if (t.expiresAt() != null) {
        instant(t.expiresAt());
      }
    }
  }

  private static final class Reader {
    final byte[] b;
    int pos;

    Reader(byte[] b) {
      this.b = b;
    }

    long varlong() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int x = b[pos++] & 0xFF;
        v |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          return v;
        }
      }
      throw new IllegalArgumentException("a number of more than ten bytes");
    }

    Instant instant() {
      long z = varlong();
      long s = (z >>> 1) ^ -(z & 1);
      long n = varlong();
      if (n < 0 || n > 999_999_999) {
        throw new IllegalArgumentException("nanoseconds out of range");
      }
      return Instant.ofEpochSecond(s, n);
    }

    String utf8(int n) {
      if (n < 0 || n > b.length - pos) {
        throw new IllegalArgumentException("a string runs past the record");
      }
      String s = new String(b, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    String text() {
      return utf8((int) varlong());
    }

    @Nullable Timing timing() {
      int flags = b[pos++] & 0xFF;
      if (flags == 0) {
        return null;
      }
      if ((flags & 1) == 0 || (flags & ~0xF) != 0) {
        throw new IllegalArgumentException("unknown timing flags");
      }
      Instant p = (flags & 4) != 0 ? instant() : null;
      Instant e = (flags & 8) != 0 ? instant() : null;
      return new Timing((flags & 2) != 0, p, e);
    }
  }

  private static int crc(byte[] b, int from, int length) {
    CRC32C c = new CRC32C();
    c.update(b, from, length);
    return (int) c.getValue();
  }
}
