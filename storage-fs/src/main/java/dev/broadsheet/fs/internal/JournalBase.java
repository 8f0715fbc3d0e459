package dev.broadsheet.fs.internal;

import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.spi.LoggedChange.Timing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * What a change journal starts from: the revision and timing of every article as of one of its
 * numbers, so that the journal's entries after that number tell the state of every article (an
 * article no entry names is as the base holds it). Written when a journal is started over a
 * folder that already holds articles, and before each compaction drops entries; replaced
 * atomically, so it is either the old one or the new one.
 *
 * <pre>
 * magic "BSHJBASE", version (int), journal id (16 bytes), seq (long), count (int),
 * count x (id (UTF), revision (UTF), timing flags (byte), publishedAt, expiresAt (seconds long, nanos int)),
 * CRC32C of all preceding bytes (int)
 * </pre>
 */
public final class JournalBase {
  private static final byte[] MAGIC = "BSHJBASE".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

  /**
   * The state an article is in: its revision and its timing. The timing is kept as it is, or
   * (for an article as a load found it) as the stored article it comes from, which the store
   * keeps anyway and may decode only when asked: a timing object for each of a million articles
   * would hold 24 MB.
   */
  public static final class Last {
    private final Revision revision;
    private final Object timing;

    public Last(Revision revision, Timing timing) {
      this.revision = Objects.requireNonNull(revision, "revision");
      this.timing = Objects.requireNonNull(timing, "timing");
    }

    private Last(StoredArticle loaded) {
      this.revision = loaded.revision();
      this.timing = loaded;
    }

    /** The state of an article as it was loaded; its timing is read from it when asked for. */
    public static Last of(StoredArticle loaded) {
      return new Last(loaded);
    }

    public Revision revision() {
      return revision;
    }

    public Timing timing() {
      return timing instanceof Timing t ? t : Timing.of(((StoredArticle) timing).article());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Last l && l.revision.equals(revision) && l.timing().equals(timing());
    }

    @Override
    public int hashCode() {
      return revision.hashCode() * 31 + timing().hashCode();
    }

    @Override
    public String toString() {
      return "Last[revision=" + revision + ", timing=" + timing() + "]";
    }
  }

  /**
   * A base: the journal it belongs to, the number of the last change it includes, and every
   * article as of then.
   */
  public record Base(String journalId, long seq, Map<String, Last> articles) {}

  private JournalBase() {}

  /** The base at {@code file}; null when there is none or it is damaged (never throws on damage). */
  public static @Nullable Base read(Path file) throws IOException {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (all.length < MAGIC.length + 4 + 16 + 8 + 4 + 4
        || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
        || ByteBuffer.wrap(all, all.length - 4, 4).getInt() != crc(all, all.length - 4)) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, MAGIC.length, all.length - 4))) {
      if (in.readInt() != VERSION) {
        return null;
      }
      byte[] raw = new byte[16];
      in.readFully(raw);
      long seq = in.readLong();
      int count = in.readInt();
      if (count < 0) {
        return null;
      }
      Map<String, Last> articles = new HashMap<>(Math.min(count, 1 << 20) * 4 / 3 + 16);
      for (int i = 0; i < count; i++) {
        String id = in.readUTF();
        Revision revision = Revision.of(in.readUTF());
        int flags = in.readByte();
        Instant p = (flags & 4) != 0 ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
        Instant e = (flags & 8) != 0 ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
        articles.put(id, new Last(revision, new Timing((flags & 2) != 0, p, e)));
      }
      return new Base(HexFormat.of().formatHex(raw), seq, articles);
    } catch (IOException | RuntimeException e) {
      return null; // checks but does not decode: as good as none
    }
  }

  /** Writes a base atomically and durably. */
  public static void write(Path file, Base base) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + base.articles().size() * 80);
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.write(HexFormat.of().parseHex(base.journalId()));
    out.writeLong(base.seq());
    out.writeInt(base.articles().size());
    for (Map.Entry<String, Last> e : base.articles().entrySet()) {
      Timing t = e.getValue().timing();
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue().revision().value());
      out.writeByte(1 | (t.draft() ? 2 : 0) | (t.publishedAt() != null ? 4 : 0) | (t.expiresAt() != null ? 8 : 0));
      for (Instant i : new Instant[] {t.publishedAt(), t.expiresAt()}) {
        if (i != null) {
          out.writeLong(i.getEpochSecond());
          out.writeInt(i.getNano());
        }
      }
    }
    out.flush();
    byte[] body = bytes.toByteArray();
    byte[] all = Arrays.copyOf(body, body.length + 4);
    ByteBuffer.wrap(all, body.length, 4).putInt(crc(body, body.length));
    AtomicFiles.write(file, all);
  }

  private static int crc(byte[] b, int length) {
    CRC32C c = new CRC32C();
    c.update(b, 0, length);
    return (int) c.getValue();
  }
}
