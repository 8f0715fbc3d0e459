package dev.broadsheet.internal;

import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.RoaringBitmap;

/**
 * A repository's query index kept in a file between runs: the columns of its {@link Segment},
 * the postings of every value and the dictionaries that number them, under a key of the
 * articles it was built from (their ids and revisions, in the order the store loaded them).
 * A load of the same articles reads it instead of building the index; any other load builds
 * the index and writes the file anew.
 *
 * <p>The file is a copy, never the only one: one that is missing, damaged (its checksum),
 * written by another format version or for other articles is not used, and is replaced. It is
 * written to a temporary file beside it and renamed into place, so processes sharing it read a
 * whole file or none; it is not synced to disk, since losing it costs one build.
 *
 * <p>Layout, little-endian: magic, version, the key (two longs), the number of documents; the
 * labels of the four dictionaries (categories, tags, languages, sources) in number order; per
 * document in NEWEST order its position in the load, publication second and nanosecond,
 * sticky weight, category, language and source numbers, sentiment, draft bit, and tag
 * numbers; the expiring documents with their expiry; the table of documents by id hash; the
 * postings of each field as Roaring bitmaps; a CRC-32C of everything before it. The key also
 * covers the code of this library ({@link CodeFingerprint}): another build's file is not used,
 * whatever its format.
 */
public final class IndexFile {
  private static final System.Logger LOG = System.getLogger(IndexFile.class.getName());
  /** "BSINDEX" and a zero byte. */
  private static final long MAGIC = 0x4253494e44455800L;
  private static final int VERSION = 1;
  private static final int SENTIMENTS = 3;
  private static final String TEMP_SUFFIX = ".tmp";
  /** A temporary file this old was left by a writer that died: writing takes well under a minute. */
  private static final long STALE_TEMP_MILLIS = 10 * 60 * 1000L;

  private IndexFile() {}

  /**
   * What tells revisions apart, as two longs each (for a content hash, its two halves): the
   * articles' part of the key an index is kept under.
   */
  public interface RevisionBits {
    long high(Revision r);

    long low(Revision r);
  }

  /**
   * A snapshot over {@code articles}, numbered with {@code dicts} (which must be empty): read
   * from {@code file} when it holds the index of exactly these articles (the same ids and
   * revisions, in this order); otherwise built, and written to {@code file} for the next load.
   */
  public static Snapshot load(Path file, List<StoredArticle> articles, Dicts dicts, RevisionBits bits) {
    long[] key = null;
    if (dicts.categories.size() == 0 && dicts.tags.size() == 0 && dicts.langs.size() == 0
        && dicts.sources.size() == 0) {
      Stored stored = read(file, articles.size());
      if (stored != null) {
        Restored r = restore(stored, articles, bits);
        key = r.key;
        if (r.columns != null) {
          dicts.restore(stored.labels);
          return Snapshot.over(new Segment(r.columns, dicts, stored.postings), dicts);
        }
        LOG.log(System.Logger.Level.DEBUG, "index file " + Printable.of(file.toString())
            + " not used: made for other articles");
      }
    }
    if (key == null) {
      key = key(articles, bits, null, null);
    }
    Segment.Columns columns = Segment.columns(articles.toArray(new StoredArticle[0]), dicts);
    Segment built = new Segment(columns, dicts, null);
    try {
      write(file, key, columns, built, dicts);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "index not kept in " + Printable.of(file.toString()) + ": " + e);
    }
    return Snapshot.over(built, dicts);
  }

  // ------------------------------------------------------------------ reading

  /** Why a file is not used; never seen by callers. */
  private static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String message) {
      super(message, null, false, false);
    }
  }

  /** What a file holds, checked: every number in range. */
  private static final class Stored {
    long keyA;
    long keyB;
    String[][] labels;
    int[] perm;
    long[] pubSec;
    int[] pubNano;
    int[] sticky;
    int[] category;
    int[] lang;
    int[] source;
    byte[] sentiment;
    long[] draftBits;
    int[] tagStart;
    int[] tagData;
    @Nullable Instant[] expiresAt;
    int[] idTable;
    RoaringBitmap[][] postings;
  }

  /** A file's columns with the load's articles in document order, or none when the key differs; the key either way. */
  private record Restored(long[] key, Segment.@Nullable Columns columns) {}

  /** The file's index of {@code n} documents; null when there is none, or it cannot be used. */
  private static @Nullable Stored read(Path file, int n) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new Unusable("too large");
      }
      // Mapped, not read: the columns are copied once, from the page cache into their arrays.
      ByteBuffer b = channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
      return decode(b, n);
    } catch (NoSuchFileException e) {
      return null;
    } catch (Unusable e) {
      LOG.log(System.Logger.Level.DEBUG, "index file " + Printable.of(file.toString()) + " not used: "
          + e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "index file " + Printable.of(file.toString()) + " not used: " + e);
    }
    return null;
  }

  private static Stored decode(ByteBuffer b, int n) throws Unusable, IOException {
    int length = b.capacity();
    if (length < 36) {
      throw new Unusable("too short");
    }
    CRC32C crc = new CRC32C();
    crc.update(b.duplicate().limit(length - 4));
    if (b.getInt(length - 4) != (int) crc.getValue()) {
      throw new Unusable("damaged (checksum)");
    }
    b.limit(length - 4);
    if (b.getLong() != MAGIC || b.getInt() != VERSION) {
      throw new Unusable("not an index file of this version");
    }
    Stored s = new Stored();
    s.keyA = b.getLong();
    s.keyB = b.getLong();
    if (b.getInt() != n) {
      throw new Unusable("made for another number of articles");
    }
    s.labels = new String[4][];
    for (int f = 0; f < s.labels.length; f++) {
      s.labels[f] = labels(b);
    }
    s.perm = ints(b, n);
    s.pubSec = longs(b, n);
    s.pubNano = ints(b, n);
    s.sticky = ints(b, n);
    s.category = ints(b, n);
    s.lang = ints(b, n);
    s.source = ints(b, n);
    s.sentiment = new byte[n];
    b.get(s.sentiment);
    s.draftBits = longs(b, (n + 63) >>> 6);
    s.tagStart = ints(b, n + 1);
    s.tagData = ints(b, s.tagStart[n]);
    int expiring = count(b, 16);
    int[] expDocs = ints(b, expiring);
    long[] expSec = longs(b, expiring);
    int[] expNano = ints(b, expiring);
    s.idTable = ints(b, Segment.idTableSize(n));
    int[] sizes = {s.labels[1].length, s.labels[0].length, s.labels[2].length, s.labels[3].length, SENTIMENTS};
    s.postings = new RoaringBitmap[Segment.POSTINGS][];
    for (int f = 0; f < s.postings.length; f++) {
      if (b.getInt() != sizes[f]) {
        throw new Unusable("postings of another size than their dictionary");
      }
      s.postings[f] = new RoaringBitmap[sizes[f]];
      for (int v = 0; v < sizes[f]; v++) {
        int bytes = count(b, 1);
        if (bytes > 0) {
          ByteBuffer slice = b.slice().order(ByteOrder.LITTLE_ENDIAN);
          slice.limit(bytes);
          RoaringBitmap r = new RoaringBitmap();
          r.deserialize(slice);
          if (r.isEmpty() || Integer.compareUnsigned(r.last(), n) >= 0) {
            throw new Unusable("postings out of range");
          }
          s.postings[f][v] = r;
          b.position(b.position() + bytes);
        }
      }
    }
    if (b.hasRemaining()) {
      throw new Unusable("bytes after the postings");
    }

    // Every number in range, so that a file that passed its checksum by chance cannot break a
    // query; the positions are checked to be a permutation when the articles are put in order.
    for (int d = 0; d < n; d++) {
      if (s.category[d] < -1 || s.category[d] >= s.labels[0].length || s.lang[d] < -1
          || s.lang[d] >= s.labels[2].length || s.source[d] < -1 || s.source[d] >= s.labels[3].length
          || s.sentiment[d] < -1 || s.sentiment[d] >= SENTIMENTS || s.pubNano[d] < 0 || s.pubNano[d] > 999_999_999
          || s.tagStart[d] < 0 || s.tagStart[d] > s.tagStart[d + 1]) {
        throw new Unusable("a document's fields out of range");
      }
    }
    if (s.tagStart[0] != 0) {
      throw new Unusable("tags out of range");
    }
    for (int tag : s.tagData) {
      if (tag < 0 || tag >= s.labels[1].length) {
        throw new Unusable("a tag out of range");
      }
    }
    for (int slot : s.idTable) {
      if (slot < -1 || slot >= n) {
        throw new Unusable("an id slot out of range");
      }
    }
    s.expiresAt = new Instant[n];
    for (int i = 0; i < expiring; i++) {
      if (expDocs[i] < 0 || expDocs[i] >= n || expNano[i] < 0 || expNano[i] > 999_999_999) {
        throw new Unusable("an expiry out of range");
      }
      s.expiresAt[expDocs[i]] = Instant.ofEpochSecond(expSec[i], expNano[i]);
    }
    Dicts check = new Dicts();
    check.restore(s.labels);
    if (check.categories.size() != s.labels[0].length || check.tags.size() != s.labels[1].length
        || check.langs.size() != s.labels[2].length || check.sources.size() != s.labels[3].length) {
      throw new Unusable("two labels of one value");
    }
    return s;
  }

  /**
   * The key of {@code articles}, and when it is the file's, the file's columns with the
   * articles in document order: one pass over the articles for both.
   */
  private static Restored restore(Stored s, List<StoredArticle> articles, RevisionBits bits) {
    int n = articles.size();
    int[] position = new int[n];
    Arrays.fill(position, -1);
    boolean permutation = true;
    for (int d = 0; d < n; d++) {
      int o = s.perm[d];
      if (o < 0 || o >= n || position[o] >= 0) {
        permutation = false;
        break;
      }
      position[o] = d;
    }
    if (!permutation) {
      return new Restored(key(articles, bits, null, null), null);
    }
    StoredArticle[] byDoc = new StoredArticle[n];
    long[] key = key(articles, bits, position, byDoc);
    if (key[0] != s.keyA || key[1] != s.keyB) {
      return new Restored(key, null);
    }
    boolean[] draftAt = new boolean[n];
    for (int d = 0; d < n; d++) {
      draftAt[d] = (s.draftBits[d >>> 6] & (1L << d)) != 0;
    }
    return new Restored(key, new Segment.Columns(s.perm, byDoc, s.pubSec, s.pubNano, s.sticky,
        s.category, s.lang, s.source, s.sentiment, s.tagStart, s.tagData, draftAt, s.expiresAt, null, s.idTable));
  }

  /** Articles a task of {@link #key} reads in order. */
  private static final int CHUNK = 1 << 14;

  /**
   * What identifies {@code articles}, in their order: their ids and revisions, mixed into 128
   * bits, range by range on every core, then the ranges in order. With {@code position}, each
   * stored article is put at its document's place in {@code byDoc} in the same pass.
   */
  static long[] key(List<StoredArticle> articles, RevisionBits bits, int @Nullable [] position,
      StoredArticle @Nullable [] byDoc) {
    int n = articles.size();
    int chunks = (n + CHUNK - 1) / CHUNK;
    long[] parts = new long[2 * chunks];
    long code = codeHash();
    java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
      long a = 0x9E3779B97F4A7C15L ^ code;
      long b = 0xC2B2AE3D27D4EB4FL + code;
      int to = Math.min(n, (c + 1) * CHUNK);
      for (int i = c * CHUNK; i < to; i++) {
        StoredArticle stored = articles.get(i);
        Revision r = stored.revision();
        String id = stored.id(); // the article itself is not needed, nor decoded
        a = mix64(a ^ bits.high(r)) + id.hashCode();
        b = mix64(b + bits.low(r)) ^ id.length();
        if (position != null) {
          byDoc[position[i]] = stored;
        }
      }
      parts[2 * c] = a;
      parts[2 * c + 1] = b;
    });
    long a = n;
    long b = ~(long) n;
    for (int c = 0; c < chunks; c++) {
      a = mix64(a ^ parts[2 * c]);
      b = mix64(b + parts[2 * c + 1]);
    }
    return new long[] {a, mix64(b ^ a)};
  }

  private static volatile long codeHash;

  /** A hash of what identifies this library's code, the same for every article of a key. */
  private static long codeHash() {
    long h = codeHash;
    if (h == 0) {
      String code = CodeFingerprint.of(IndexFile.class);
      h = 1;
      for (int i = 0; i < code.length(); i++) {
        h = mix64(h + code.charAt(i));
      }
      codeHash = h;
    }
    return h;
  }

  /** SplitMix64's finalizer: every bit of {@code z} moves every bit of the result. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static String[] labels(ByteBuffer b) throws Unusable {
    int count = count(b, 4);
    String[] labels = new String[count];
    for (int i = 0; i < count; i++) {
      byte[] bytes = new byte[count(b, 1)];
      b.get(bytes);
      labels[i] = new String(bytes, StandardCharsets.UTF_8);
    }
    return labels;
  }

  /** A count of things of at least {@code each} bytes: never more than the bytes left. */
  private static int count(ByteBuffer b, int each) throws Unusable {
    int count = b.getInt();
    if (count < 0 || count > b.remaining() / each) {
      throw new Unusable("a count runs past the file");
    }
    return count;
  }

  private static int[] ints(ByteBuffer b, int n) throws Unusable {
    fits(b, n, 4);
    int[] out = new int[n];
    b.asIntBuffer().get(out);
    b.position(b.position() + 4 * n);
    return out;
  }

  private static long[] longs(ByteBuffer b, int n) throws Unusable {
    fits(b, n, 8);
    long[] out = new long[n];
    b.asLongBuffer().get(out);
    b.position(b.position() + 8 * n);
    return out;
  }

  /** Fails unless {@code n} values of {@code each} bytes are left in {@code b}. */
  private static void fits(ByteBuffer b, int n, int each) throws Unusable {
    if (n < 0 || n > b.remaining() / each) {
      throw new Unusable("an array runs past the file");
    }
  }

  // ------------------------------------------------------------------ writing

  private static void write(Path file, long[] key, Segment.Columns c, Segment s, Dicts dicts) throws IOException {
    int n = c.stored().length;
    Dict[] dict = {dicts.categories, dicts.tags, dicts.langs, dicts.sources};
    List<byte[]> labelBytes = new ArrayList<>();
    long size = 8 + 4 + 16 + 4;
    for (Dict d : dict) {
      size += 4;
      for (int v = 0; v < d.size(); v++) {
        byte[] l = d.label(v).getBytes(StandardCharsets.UTF_8);
        labelBytes.add(l);
        size += 4 + l.length;
      }
    }
    int expiring = 0;
    for (Instant x : c.expiresAt()) {
      expiring += x == null ? 0 : 1;
    }
    int[] idTable = s.idTable();
    size += 4L * n + 8L * n + 4L * n * 5 + n + 8L * ((n + 63) >>> 6) + 4L * (n + 1) + 4L * c.tagData().length
        + 4 + 16L * expiring + 4L * idTable.length;
    RoaringBitmap[][] postings = s.postings();
    for (RoaringBitmap[] field : postings) {
      size += 4;
      for (RoaringBitmap r : field) {
        size += 4 + (r == null ? 0 : r.serializedSizeInBytes());
      }
    }
    size += 4;
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("an index of " + size + " bytes is too large to keep");
    }
    ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(MAGIC).putInt(VERSION).putLong(key[0]).putLong(key[1]).putInt(n);
    int at = 0;
    for (Dict d : dict) {
      b.putInt(d.size());
      for (int v = 0; v < d.size(); v++) {
        byte[] l = labelBytes.get(at++);
        b.putInt(l.length).put(l);
      }
    }
    putInts(b, c.perm());
    putLongs(b, c.pubSec());
    putInts(b, c.pubNano());
    putInts(b, c.sticky());
    putInts(b, c.category());
    putInts(b, c.lang());
    putInts(b, c.source());
    b.put(c.sentiment());
    long[] draftBits = new long[(n + 63) >>> 6];
    for (int d = 0; d < n; d++) {
      if (c.draftAt()[d]) {
        draftBits[d >>> 6] |= 1L << d;
      }
    }
    putLongs(b, draftBits);
    putInts(b, c.tagStart());
    putInts(b, c.tagData());
    b.putInt(expiring);
    int[] expDocs = new int[expiring];
    long[] expSec = new long[expiring];
    int[] expNano = new int[expiring];
    int e = 0;
    for (int d = 0; d < n; d++) {
      Instant x = c.expiresAt()[d];
      if (x != null) {
        expDocs[e] = d;
        expSec[e] = x.getEpochSecond();
        expNano[e] = x.getNano();
        e++;
      }
    }
    putInts(b, expDocs);
    putLongs(b, expSec);
    putInts(b, expNano);
    putInts(b, idTable);
    for (RoaringBitmap[] field : postings) {
      b.putInt(field.length);
      for (RoaringBitmap r : field) {
        if (r == null) {
          b.putInt(0);
        } else {
          b.putInt(r.serializedSizeInBytes());
          r.serialize(b);
        }
      }
    }
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    if (b.hasRemaining()) {
      throw new IllegalStateException("index file size miscounted");
    }
    Path folder = file.toAbsolutePath().getParent();
    if (folder != null) {
      Files.createDirectories(folder);
      removeStaleTemps(folder, file.getFileName().toString());
    }
    Path temp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
    try {
      Files.write(temp, b.array());
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Deletes the temporary files of {@code name} in {@code folder} that a writer killed before
   * its rename left behind: those older than any write takes, so that no live writer's is.
   */
  private static void removeStaleTemps(Path folder, String name) {
    long before = System.currentTimeMillis() - STALE_TEMP_MILLIS;
    // Matched by name, not by a glob, which a name's own brackets or braces would change.
    DirectoryStream.Filter<Path> ours = p -> {
      String n = p.getFileName().toString();
      return n.length() > name.length() + 1 + TEMP_SUFFIX.length() && n.startsWith(name + ".")
          && n.endsWith(TEMP_SUFFIX);
    };
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, ours)) {
      for (Path temp : temps) {
        try {
          if (Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS).toMillis() < before) {
            Files.deleteIfExists(temp);
          }
        } catch (IOException e) {
          // gone meanwhile, or not ours to delete: the next write tries again
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "temporary index files not cleaned in " + Printable.of(folder.toString())
          + ": " + e);
    }
  }

  private static void putLongs(ByteBuffer b, long[] values) {
    b.asLongBuffer().put(values);
    b.position(b.position() + 8 * values.length);
  }

  private static void putInts(ByteBuffer b, int[] values) {
    b.asIntBuffer().put(values);
    b.position(b.position() + 4 * values.length);
  }
}
