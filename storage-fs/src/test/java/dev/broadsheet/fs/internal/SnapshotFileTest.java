package dev.broadsheet.fs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.AiInfo;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleGenerator;
import dev.broadsheet.CoverImage;
import dev.broadsheet.Revision;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {
  static final byte[] FINGERPRINT = fingerprint(7);

  @TempDir Path dir;

  static byte[] fingerprint(int seed) {
    byte[] f = new byte[SnapshotFile.FINGERPRINT_BYTES];
    new Random(seed).nextBytes(f);
    return f;
  }

  /** Generated articles dressed with every optional field, some of them, and odd values. */
  static List<SnapshotFile.Entry> entries(int count, long seed) {
    Random random = new Random(seed);
    List<Article> articles = new ArticleGenerator(seed).articles(count);
    List<SnapshotFile.Entry> out = new ArrayList<>();
    for (int i = 0; i < articles.size(); i++) {
      Article a = articles.get(i);
      String path = a.id() + (i % 3 == 0 ? ".md" : i % 3 == 1 ? ".markdown" : ".txt");
      Article.Builder b = a.toBuilder().body("");
      if (random.nextBoolean()) {
        String base = "https://images.example.org/photo-" + random.nextInt(1_000_000) + "?fm=jpg";
        b.coverImage(new CoverImage(base, base + "&q=85", random.nextBoolean() ? null : base + "&w=1080",
            base + "&w=400", base + "&w=200", "https://cdn.example.org/small/" + i));
      }
      if (random.nextBoolean()) {
        b.ai(new AiInfo(random.nextBoolean() ? null : random.nextBoolean(),
            random.nextBoolean() ? null : Instant.ofEpochSecond(1_700_000_000L + random.nextInt(), random.nextInt(1_000_000_000)),
            random.nextBoolean() ? null : random.nextInt() - 5));
      }
      if (random.nextInt(4) == 0) {
        b.updatedAt(Instant.ofEpochSecond(-random.nextInt(1_000_000), 999_999_999));
      }
      if (random.nextInt(3) == 0) {
        b.extra(extra(random, 0));
      }
      if (random.nextInt(10) == 0) {
        b.title("Überschrift — 東京 " + i + " \uD83D\uDCF0 lone \uD800 surrogate");
        b.source(new Source(null, "k" + i, null));
      }
      if (random.nextInt(10) == 0) {
        b.score(-0.5).stickyWeight(Integer.MAX_VALUE).sentiment(Sentiment.NEGATIVE);
      }
      long modified = 1_700_000_000_000_000_000L + random.nextInt(Integer.MAX_VALUE);
      out.add(new SnapshotFile.Entry(path, random.nextInt(100_000), i == 0 ? -5 : modified,
          random.nextBoolean() ? -1 : random.nextInt() & 0xFFFF_FFFFL,
          modified + 10_000_000_000L, random.nextBoolean() ? Revision.ofContent(path.getBytes(StandardCharsets.UTF_8))
              : Revision.of(Long.toHexString(random.nextLong()) + "0123456789abcdef"), b.build()));
    }
    return out;
  }

  private static Map<String, @Nullable Object> extra(Random random, int depth) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      m.put("key" + i + (depth == 0 ? "" : "-" + depth), value(random, depth));
    }
    return m;
  }

  private static @Nullable Object value(Random random, int depth) {
    switch (random.nextInt(depth > 3 ? 7 : 9)) {
      case 0:
        return null;
      case 1:
        return "text " + random.nextInt() + (random.nextBoolean() ? " 日本" : "");
      case 2:
        return random.nextBoolean();
      case 3:
        return random.nextLong();
      case 4:
        return new BigInteger(70 + random.nextInt(60), random).negate();
      case 5:
        return random.nextBoolean() ? random.nextGaussian() : -0.0;
      case 6:
        return "";
      case 7: {
        List<@Nullable Object> list = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          list.add(value(random, depth + 1));
        }
        return list;
      }
      default:
        return extra(random, depth + 1);
    }
  }

  static byte[] bytesOf(List<SnapshotFile.Entry> entries, byte[] fingerprint) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotFile.write(out, fingerprint, 42L, entries);
    return out.toByteArray();
  }

  static SnapshotFile.Result read(byte[] bytes, byte[] fingerprint) {
    return SnapshotFile.read(Channels.newChannel(new java.io.ByteArrayInputStream(bytes)), bytes.length, fingerprint);
  }

  @Test
  void everyFieldOfEveryArticleComesBackEqual() throws IOException {
    List<SnapshotFile.Entry> entries = entries(600, 3);
    Path file = dir.resolve("s.snapshot");
    AtomicFiles.replace(file, out -> SnapshotFile.write(out, FINGERPRINT, 42L, entries));

    SnapshotFile.Result r = SnapshotFile.read(file, FINGERPRINT);

    assertThat(r).isInstanceOf(SnapshotFile.Valid.class);
    SnapshotFile.Valid v = (SnapshotFile.Valid) r;
    assertThat(v.createdAt()).isEqualTo(42L);
    assertThat(v.entries()).hasSize(600);
    for (int i = 0; i < entries.size(); i++) {
      SnapshotFile.Entry want = entries.get(i);
      SnapshotFile.Entry got = v.entries().get(i);
      assertThat(got).as("entry %d", i).isEqualTo(want);
      assertThat(got.article().id()).isEqualTo(dev.broadsheet.fs.ContentFolder.idOf(want.path()));
    }
  }

  @Test
  void everyFieldOfTheSchemaComesBack() throws IOException {
    List<SnapshotFile.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Article a = dev.broadsheet.SchemaSamples.everyField("2026/01/every-" + i, i).withBody("");
      entries.add(new SnapshotFile.Entry(a.id() + ".md", 100 + i, 1_700_000_000_000_000_000L + i, -1,
          1_700_000_010_000_000_000L, Revision.of("abcdef" + i), a));
    }

    SnapshotFile.Result r = read(bytesOf(entries, FINGERPRINT), FINGERPRINT);

    assertThat(r).isInstanceOf(SnapshotFile.Valid.class);
    assertThat(((SnapshotFile.Valid) r).entries()).isEqualTo(entries);
  }

  @Test
  void manyBlocksDecodedInAPoolGiveTheEntriesInOrder() throws Exception {
    List<SnapshotFile.Entry> entries = entries(6000, 5);
    byte[] bytes = bytesOf(entries, FINGERPRINT);
    assertThat(bytes.length).as("more than one block").isGreaterThan(1 << 20);
    Path file = dir.resolve("s.snapshot");
    Files.write(file, bytes);
    ForkJoinPool pool = new ForkJoinPool(3);
    try {
      SnapshotFile.Result r = pool.submit(() -> SnapshotFile.read(file, FINGERPRINT)).get();
      assertThat(((SnapshotFile.Valid) r).entries()).isEqualTo(entries);
    } finally {
      pool.shutdown();
    }
  }

  /** An article whose extra values nest deeper than a snapshot writes. */
  private static Article tooDeep() {
    Object deep = "bottom";
    for (int i = 0; i < SnapshotFile.MAX_DEPTH + 5; i++) {
      deep = List.of(deep);
    }
    return Article.builder("deep").title("Deep").putExtra("nested", deep).build();
  }

  @Test
  void encodedOnSeveralThreadsTheBytesAreThoseOfOneThread() throws Exception {
    Article tooDeep = tooDeep();
    List<SnapshotFile.Entry> kept = entries(9_500, 13);
    List<SnapshotFile.Entry> entries = new ArrayList<>(kept);
    // Left out at the first entry, at a piece's last and next entries, and at the very end.
    for (int at : new int[] {9_500, 8_192, 4_096, 4_095, 0}) {
      entries.add(at, new SnapshotFile.Entry("deep-" + at + ".md", 1, 2, -1, 3, Revision.of("rev"), tooDeep));
    }
    byte[] oneThread = bytesOf(entries, FINGERPRINT);

    for (int threads : new int[] {1, 2, 3, 8}) {
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = SnapshotFile.write(out, FINGERPRINT, 42L, entries, pool);

        assertThat(written).isEqualTo(kept.size());
        assertThat(out.toByteArray()).as("%d threads", threads).isEqualTo(oneThread);
      } finally {
        pool.shutdown();
      }
    }
    SnapshotFile.Result r = read(oneThread, FINGERPRINT);
    assertThat(((SnapshotFile.Valid) r).entries()).isEqualTo(kept);
  }

  @Test
  void anEntryTooDeepToWriteIsLeftOutAndTheOthersKept() throws IOException {
    Article tooDeep = tooDeep();
    List<SnapshotFile.Entry> entries = new ArrayList<>(entries(3, 1));
    entries.add(1, new SnapshotFile.Entry("deep.md", 1, 2, -1, 3, Revision.of("rev"), tooDeep));

    SnapshotFile.Result r = read(bytesOf(entries, FINGERPRINT), FINGERPRINT);

    assertThat(((SnapshotFile.Valid) r).entries()).extracting(SnapshotFile.Entry::path)
        .doesNotContain("deep.md").hasSize(3);
  }

  @Test
  void aSnapshotCutAtAnyByteIsRejected() throws IOException {
    byte[] bytes = bytesOf(entries(4, 11), FINGERPRINT);
    assertThat(read(bytes, FINGERPRINT)).isInstanceOf(SnapshotFile.Valid.class);
    for (int n = 0; n < bytes.length; n++) {
      assertThat(read(Arrays.copyOf(bytes, n), FINGERPRINT)).as("cut at %d of %d", n, bytes.length)
          .isInstanceOf(SnapshotFile.Rejected.class);
    }
  }

  @Test
  void aSnapshotWithAnyByteChangedIsRejected() throws IOException {
    byte[] bytes = bytesOf(entries(3, 13), FINGERPRINT);
    for (int i = 0; i < bytes.length; i++) {
      byte[] bad = bytes.clone();
      bad[i] ^= (byte) (1 << (i % 8));
      assertThat(read(bad, FINGERPRINT)).as("byte %d flipped", i).isInstanceOf(SnapshotFile.Rejected.class);
    }
  }

  @Test
  void anArticleIsDecodedWhenAskedForAndOneWhoseBytesDoNotDecodeFailsAloneThen() throws IOException {
    List<SnapshotFile.Entry> written = entries(6, 17);
    byte[] bytes = bytesOf(written, FINGERPRINT);
    int[] third = SnapshotBytes.articles(bytes, FINGERPRINT).get(2);
    Arrays.fill(bytes, third[0], third[0] + third[1], (byte) 0xFF);
    byte[] resealed = SnapshotBytes.reseal(bytes);
    assertThat(read(bytes, FINGERPRINT)).as("checksums not made anew").isInstanceOf(SnapshotFile.Rejected.class);

    // The entries are read, their articles passed over: the damage shows when the article is asked for.
    SnapshotFile.Valid v = (SnapshotFile.Valid) read(resealed, FINGERPRINT);
    assertThat(v.entries()).hasSize(6);
    for (int i = 0; i < 6; i++) {
      SnapshotFile.Entry e = v.entries().get(i);
      assertThat(e.path()).isEqualTo(written.get(i).path());
      assertThat(e.revision()).isEqualTo(written.get(i).revision());
      if (i == 2) {
        assertThatThrownBy(e::article).isInstanceOf(IllegalStateException.class).hasMessageContaining(
            dev.broadsheet.fs.ContentFolder.idOf(e.path())).hasMessageContaining("does not decode");
      } else {
        assertThat(e.article()).isEqualTo(written.get(i).article());
      }
    }
  }

  @Test
  void anyByteOfAnArticleChangedBehindItsChecksumDecodesOrFailsAsDamageNeverOtherwise() throws IOException {
    List<SnapshotFile.Entry> written = entries(3, 13);
    byte[] bytes = bytesOf(written, FINGERPRINT);
    int failed = 0;
    int decoded = 0;
    for (int[] article : SnapshotBytes.articles(bytes, FINGERPRINT)) {
      for (int i = article[0]; i < article[0] + article[1]; i++) {
        for (int bit : new int[] {0, 7}) {
          byte[] bad = bytes.clone();
          bad[i] ^= (byte) (1 << bit);
          SnapshotFile.Valid v = (SnapshotFile.Valid) read(SnapshotBytes.reseal(bad), FINGERPRINT);
          for (SnapshotFile.Entry e : v.entries()) {
            try {
              e.article();
              decoded++;
            } catch (IllegalStateException damage) {
              assertThat(damage).hasMessageContaining("does not decode");
              failed++;
            }
          }
        }
      }
    }
    assertThat(failed).isPositive();
    assertThat(decoded).isPositive();
  }

  @Test
  void bytesAfterTheTrailerAreRejected() throws IOException {
    byte[] bytes = bytesOf(entries(2, 1), FINGERPRINT);
    assertThat(read(Arrays.copyOf(bytes, bytes.length + 1), FINGERPRINT))
        .isEqualTo(new SnapshotFile.Rejected("bytes follow the trailer"));
  }

  @Test
  void anotherVersionIsRejected() throws IOException {
    byte[] bytes = bytesOf(entries(2, 1), FINGERPRINT);
    ByteBuffer.wrap(bytes).putInt(8, SnapshotFile.VERSION + 1);

    assertThat(read(bytes, FINGERPRINT)).isEqualTo(
        new SnapshotFile.Rejected("snapshot version " + (SnapshotFile.VERSION + 1) + ", this reader knows "
            + SnapshotFile.VERSION));
  }

  @Test
  void aSnapshotMadeWithOtherSettingsIsRejected() throws IOException {
    byte[] bytes = bytesOf(entries(2, 1), fingerprint(8));

    assertThat(read(bytes, FINGERPRINT))
        .isEqualTo(new SnapshotFile.Rejected("made for another root, extensions, codec or version"));
  }

  @Test
  void aBlockLengthLargerThanTheFileIsRejectedWithoutReadingIt() throws IOException {
    byte[] bytes = bytesOf(entries(2, 1), FINGERPRINT);
    int firstBlock = 8 + 4 + SnapshotFile.FINGERPRINT_BYTES + 8 + 4;
    ByteBuffer.wrap(bytes).putInt(firstBlock, Integer.MAX_VALUE);

    SnapshotFile.Result r = read(bytes, FINGERPRINT);

    assertThat(r).isInstanceOf(SnapshotFile.Rejected.class);
    assertThat(((SnapshotFile.Rejected) r).reason()).contains("does not fit");
  }

  @Test
  void aMissingFileIsMissingAndAnUnreadableOneRejected() throws IOException {
    assertThat(SnapshotFile.read(dir.resolve("none"), FINGERPRINT)).isInstanceOf(SnapshotFile.Missing.class);
    Files.createDirectory(dir.resolve("folder"));
    assertThat(SnapshotFile.read(dir.resolve("folder"), FINGERPRINT)).isInstanceOf(SnapshotFile.Rejected.class);
  }

  @Test
  void anEmptySnapshotIsValid() throws IOException {
    assertThat(read(bytesOf(List.of(), FINGERPRINT), FINGERPRINT))
        .isEqualTo(new SnapshotFile.Valid(42L, List.of()));
  }

  @Test
  void idsAreThePathWithoutItsExtension() {
    assertThat(dev.broadsheet.fs.ContentFolder.idOf("2026/01/story.md")).isEqualTo("2026/01/story");
    assertThat(dev.broadsheet.fs.ContentFolder.idOf("a.b/c.d.md")).isEqualTo("a.b/c.d");
    assertThat(dev.broadsheet.fs.ContentFolder.idOf("notes")).isEqualTo("notes");
    assertThat(dev.broadsheet.fs.ContentFolder.idOf("v1.2/readme")).isEqualTo("v1.2/readme");
    assertThat(dev.broadsheet.fs.ContentFolder.idOf(".md")).isEqualTo(".md");
    assertThat(dev.broadsheet.fs.ContentFolder.idOf("a/.md")).isEqualTo("a/.md");
    assertThat(dev.broadsheet.fs.ContentFolder.idOf("a/b.")).isEqualTo("a/b");
    // Against the rule spelled out (the last dot of the last name, not its first character),
    // over seeded paths of dots, slashes and letters.
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder p = new StringBuilder();
      for (int k = random.nextInt(8); k > 0; k--) {
        p.append("./ab".charAt(random.nextInt(4)));
      }
      String rel = p.toString();
      String name = rel.substring(rel.lastIndexOf('/') + 1);
      int dot = name.lastIndexOf('.');
      String expected = dot > 0 ? rel.substring(0, rel.length() - name.length() + dot) : rel;
      assertThat(dev.broadsheet.fs.ContentFolder.idOf(rel)).as(rel).isEqualTo(expected);
    }
  }
}
