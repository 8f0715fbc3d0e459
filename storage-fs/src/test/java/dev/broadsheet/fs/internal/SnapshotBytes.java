package dev.broadsheet.fs.internal;

import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A snapshot file's bytes as tests change them: where each entry's article is, and the
 * checksums made anew after a change, so that a reader gets past them to what was changed.
 */
public final class SnapshotBytes {
  private static final int HEADER = 8 + 4 + SnapshotFile.FINGERPRINT_BYTES + 8 + 4;

  private SnapshotBytes() {}

  /** Where each block's payload starts in {@code file}, in order. */
  private static List<Integer> blocks(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file);
    int at = HEADER;
    at += 12 + b.getInt(at); // the string table
    List<Integer> out = new ArrayList<>();
    while (b.getInt(at) != 0) {
      out.add(at + 12);
      at += 12 + b.getInt(at);
    }
    return out;
  }

  /** {@code file} with every block's checksum and the trailer's chain of them made anew. */
  public static byte[] reseal(byte[] file) {
    byte[] out = file.clone();
    ByteBuffer b = ByteBuffer.wrap(out);
    CRC32C chain = new CRC32C();
    int tableAt = HEADER;
    chain.update(out, tableAt, 12);
    int at = tableAt + 12 + b.getInt(tableAt);
    while (b.getInt(at) != 0) {
      int length = b.getInt(at);
      CRC32C crc = new CRC32C();
      crc.update(out, at + 12, length);
      b.putInt(at + 8, (int) crc.getValue());
      chain.update(out, at, 12);
      at += 12 + length;
    }
    b.putInt(at + 4 + 8 + 4, (int) chain.getValue());
    return out;
  }

  /** The offset in {@code file} and length of each entry's article, in the entries' order. */
  public static List<int[]> articles(byte[] file, byte[] fingerprint) {
    SnapshotFile.Result r = SnapshotFile.read(Channels.newChannel(new java.io.ByteArrayInputStream(file)), file.length,
        fingerprint);
    if (!(r instanceof SnapshotFile.Valid v)) {
      throw new IllegalArgumentException("not a valid snapshot: " + r);
    }
    List<Integer> starts = blocks(file);
    Map<byte[], Integer> blockOf = new IdentityHashMap<>();
    List<int[]> out = new ArrayList<>();
    for (SnapshotFile.Entry e : v.entries()) {
      SnapshotFile.EncodedArticle a = e.encoded();
      Integer start = blockOf.computeIfAbsent(a.block(), k -> starts.get(blockOf.size()));
      out.add(new int[] {start + a.at(), a.length()});
    }
    return out;
  }
}
