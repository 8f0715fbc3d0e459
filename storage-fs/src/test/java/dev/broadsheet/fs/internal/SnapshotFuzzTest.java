package dev.broadsheet.fs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Any bytes at all, read as a snapshot, give a rejected snapshot or a valid one, never an
 * exception and never an allocation larger than the bytes given.
 *
 * <p>A normal test run replays the saved inputs under {@code
 * src/test/resources/dev/broadsheet/fs/internal/SnapshotFuzzTestInputs/<method>/}. To fuzz one
 * target, run it alone with {@code JAZZER_FUZZ=1}, for example {@code JAZZER_FUZZ=1 mvn -o test
 * -pl storage-fs -am -Dtest=SnapshotFuzzTest#decodesAnyBlock
 * -Dsurefire.failIfNoSpecifiedTests=false}. Inputs it finds go to {@code .cifuzz-corpus/}, which
 * is not kept; a crashing input is written to the inputs folder above and replays from then on.
 */
class SnapshotFuzzTest {
  private static final byte[] FINGERPRINT = SnapshotFileTest.FINGERPRINT;

  /** The whole file fuzzed: mostly exercises the frame, whose checksums the fuzzer rarely gets right. */
  @FuzzTest(maxDuration = "2m")
  void readsAnyBytes(byte[] bytes) {
    SnapshotFile.Result r = SnapshotFile.read(Channels.newChannel(new ByteArrayInputStream(bytes)), bytes.length,
        FINGERPRINT);

    check(r, bytes.length);
  }

  /**
   * The bytes as the payload of one block inside a correct frame, with the checksums made to
   * match, so that the entry decoder sees every input; the first byte is the entry count.
   */
  @FuzzTest(maxDuration = "2m")
  void decodesAnyBlock(byte[] bytes) {
    if (bytes.length < 11) {
      return;
    }
    byte[] file = framed(bytes[0] & 0xFF, java.util.Arrays.copyOfRange(bytes, 1, bytes.length));

    SnapshotFile.Result r = SnapshotFile.read(Channels.newChannel(new ByteArrayInputStream(file)), file.length,
        FINGERPRINT);

    check(r, file.length);
  }

  private static void check(SnapshotFile.Result r, int length) {
    assertThat(r).isInstanceOfAny(SnapshotFile.Rejected.class, SnapshotFile.Valid.class);
    if (r instanceof SnapshotFile.Valid v) {
      assertThat(v.entries().size()).isLessThanOrEqualTo(length);
      for (SnapshotFile.Entry e : v.entries()) {
        assertThat(e.article().id()).isEqualTo(dev.broadsheet.fs.ContentFolder.idOf(e.path()));
        assertThat(e.article().body()).isEmpty();
      }
    }
  }

  /** The string table of {@link #framed}: entries may refer to "en" as 2, "BUSINESS" as 3, "markets" as 4. */
  private static final byte[] TABLE = {5, 'e', 'n', 17, 'B', 'U', 'S', 'I', 'N', 'E', 'S', 'S', 15, 'm', 'a', 'r', 'k',
      'e', 't', 's'};

  /** A snapshot file whose only block holds {@code payload}, with a small string table and every checksum right. */
  static byte[] framed(int count, byte[] payload) {
    ByteBuffer f = ByteBuffer.allocate(8 + 4 + 32 + 8 + 4 + 12 + TABLE.length + 12 + payload.length + 28);
    f.put("BSHSNAP1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(SnapshotFile.VERSION)
        .put(FINGERPRINT).putLong(1L);
    f.putInt(crc(f.array(), 0, f.position()));
    CRC32C chain = new CRC32C();
    int tableStart = f.position();
    f.putInt(TABLE.length).putInt(3).putInt(crc(TABLE, 0, TABLE.length)).put(TABLE);
    chain.update(f.array(), tableStart, 12);
    int blockStart = f.position();
    f.putInt(payload.length).putInt(count).putInt(crc(payload, 0, payload.length)).put(payload);
    chain.update(f.array(), blockStart, 12);
    f.putInt(0).putLong(count).putInt(1).putInt((int) chain.getValue());
    f.put("BSHSEND1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return f.array();
  }

  private static int crc(byte[] b, int from, int length) {
    CRC32C c = new CRC32C();
    c.update(b, from, length);
    return (int) c.getValue();
  }

  /**
   * Writes the seed inputs: a small valid snapshot for {@link #readsAnyBytes}, and the payload
   * of its block, prefixed by its entry count, for {@link #decodesAnyBlock}. Run with the test
   * class path and the inputs folder as argument.
   */
  public static void main(String[] args) throws IOException {
    Path inputs = Path.of(args[0]);
    List<SnapshotFile.Entry> entries = SnapshotFileTest.entries(3, 21);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotFile.write(out, FINGERPRINT, 1L, entries);
    byte[] file = out.toByteArray();
    Files.write(inputs.resolve("readsAnyBytes/three-entries"), file);
    // For the block seed, articles whose shared values make the writer's table a prefix of TABLE.
    List<SnapshotFile.Entry> plain = new java.util.ArrayList<>();
    for (SnapshotFile.Entry e : entries) {
      dev.broadsheet.Article a = e.article().toBuilder().lang("en").source(null).tags(List.of())
          .category(plain.isEmpty() ? "markets" : "BUSINESS").build();
      plain.add(new SnapshotFile.Entry(e.path(), e.size(), e.modified(), e.fileKey(), e.checkedAt(), e.revision(), a));
    }
    out.reset();
    SnapshotFile.write(out, FINGERPRINT, 1L, plain);
    file = out.toByteArray();
    int tableStart = 8 + 4 + 32 + 8 + 4;
    int blockStart = tableStart + 12 + ByteBuffer.wrap(file).getInt(tableStart);
    int length = ByteBuffer.wrap(file).getInt(blockStart);
    byte[] seed = new byte[1 + length];
    seed[0] = (byte) plain.size();
    System.arraycopy(file, blockStart + 12, seed, 1, length);
    Files.write(inputs.resolve("decodesAnyBlock/three-entries"), seed);
    byte[] again = framed(plain.size(), java.util.Arrays.copyOfRange(seed, 1, seed.length));
    SnapshotFile.Result r = SnapshotFile.read(Channels.newChannel(new ByteArrayInputStream(again)), again.length,
        FINGERPRINT);
    System.out.println("block seed reads as " + r.getClass().getSimpleName());
  }
}
