package dev.broadsheet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleGenerator;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index kept in a file: read back, it is the index that was built, field for field; a file
 * that is damaged, foreign or made for other articles is never used, and is replaced.
 */
class IndexFileTest {
  /** Fewer than one task's worth of articles, so that a build numbers values in one order every time. */
  private static final int COUNT = 3_000;

  /** Content hashes, the revisions of files, and the two halves {@code IndexFile} keys them by. */
  private static final IndexFile.RevisionBits BITS = new IndexFile.RevisionBits() {
    @Override
    public long high(Revision r) {
      return r.value().hashCode() * 0x9E3779B97F4A7C15L;
    }

    @Override
    public long low(Revision r) {
      return r.value().substring(r.value().length() / 2).hashCode();
    }
  };

  @TempDir Path dir;

  private static List<StoredArticle> articles(long seed, int count) {
    List<StoredArticle> out = new ArrayList<>();
    for (Article a : new ArticleGenerator(seed, 300, 20).articles(count)) {
      out.add(new StoredArticle(a, Revision.ofContent((a.id() + seed).getBytes(StandardCharsets.UTF_8))));
    }
    return out;
  }

  private static Object identity(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime(), a.size());
  }

  private static Segment load(Path file, List<StoredArticle> articles) {
    return IndexFile.load(file, articles, new Dicts(), BITS).base();
  }

  /** Every field of the two segments equal (arrays element by element, nested ones too), caches aside. */
  private static void assertSame(Segment read, Segment built) {
    int compared = 0;
    for (java.lang.reflect.Field f : Segment.class.getDeclaredFields()) {
      if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getName().equals("expiredCache")
          || f.getName().equals("lastAtOrBefore")) {
        continue;
      }
      f.setAccessible(true);
      try {
        assertThat(java.util.Objects.deepEquals(f.get(read), f.get(built))).as(f.getName()).isTrue();
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
      compared++;
    }
    assertThat(compared).isGreaterThan(30);
  }

  @Test
  void theIndexReadBackIsTheIndexThatWasBuiltFieldForField() throws IOException {
    for (long seed = 1; seed <= 3; seed++) {
      Path file = dir.resolve("state-" + seed + "/index");
      List<StoredArticle> articles = articles(seed, COUNT);
      Segment built = load(file, articles);
      assertThat(file).as("written after the build, its folder made").isRegularFile();
      Object written = identity(file);
      Dicts dicts = new Dicts();
      Segment read = IndexFile.load(file, articles, dicts, BITS).base();
      assertThat(identity(file)).as("read, not rewritten").isEqualTo(written);
      assertThat(read).isNotSameAs(built);
      assertSame(read, built);
      assertThat(dicts.tags.size()).isGreaterThan(50);
      assertThat(read.n).isEqualTo(COUNT);
      assertThat(read.stickyCount).as("the generator makes some of every kind").isPositive();
      assertThat(read.expiringDocs).isNotEmpty();
      assertThat(read.drafts.isEmpty()).isFalse();
    }
  }

  @Test
  void otherArticlesAreIndexedAnewAndTheFileReplaced() throws IOException {
    Path file = dir.resolve("index");
    List<StoredArticle> articles = articles(7, COUNT);
    load(file, articles);

    List<List<StoredArticle>> others = new ArrayList<>();
    List<StoredArticle> edited = new ArrayList<>(articles);
    edited.set(1234, new StoredArticle(articles.get(1234).article().toBuilder().category("EDITED").build(),
        Revision.ofContent("edited".getBytes(StandardCharsets.UTF_8))));
    others.add(edited);
    List<StoredArticle> renamed = new ArrayList<>(articles);
    StoredArticle r = articles.get(99);
    renamed.set(99, new StoredArticle(r.article().withId(r.id() + "-moved"), r.revision()));
    others.add(renamed);
    List<StoredArticle> swapped = new ArrayList<>(articles);
    Collections.swap(swapped, 10, 11);
    others.add(swapped);
    others.add(articles.subList(0, COUNT - 1));
    List<StoredArticle> textRevision = new ArrayList<>(articles);
    textRevision.set(0, new StoredArticle(articles.get(0).article(), Revision.of("v2")));
    others.add(textRevision);

    for (List<StoredArticle> other : others) {
      load(file, articles); // the file of the original articles again
      Object before = identity(file);
      Segment read = load(file, other);
      assertThat(identity(file)).as("built and written anew").isNotEqualTo(before);
      assertSame(read, Segment.build(other, new Dicts()));
      Object after = identity(file);
      load(file, other);
      assertThat(identity(file)).as("and read by the next load of those articles").isEqualTo(after);
    }
  }

  @Test
  void aDamagedOrForeignFileIsNeverUsed() throws IOException {
    Path file = dir.resolve("index");
    List<StoredArticle> articles = articles(11, COUNT);
    load(file, articles);
    byte[] good = Files.readAllBytes(file);
    Segment expected = Segment.build(articles, new Dicts());

    List<byte[]> bad = new ArrayList<>();
    Random random = new Random(11);
    for (int i = 0; i < 40; i++) {
      byte[] b = good.clone();
      int at = i < 4 ? new int[] {0, 12, good.length / 2, good.length - 1}[i] : random.nextInt(good.length);
      b[at] ^= (byte) (1 + random.nextInt(255));
      bad.add(b);
    }
    for (int length : new int[] {0, 1, 35, 36, 100, good.length / 2, good.length - 1}) {
      bad.add(java.util.Arrays.copyOf(good, length));
    }
    byte[] noise = new byte[good.length];
    random.nextBytes(noise);
    bad.add(noise);
    bad.add("not an index".getBytes(StandardCharsets.UTF_8));
    // Checksums made right over content that is not: numbers out of range, positions twice.
    bad.add(withChecksum(patched(good, COUNT, "category", 1_000_000)));
    bad.add(withChecksum(patched(good, COUNT, "category", -2)));
    bad.add(withChecksum(patched(good, COUNT, "perm", 1)));
    bad.add(withChecksum(patched(good, COUNT, "perm", COUNT)));
    bad.add(withChecksum(patched(good, COUNT, "sentiment", 9)));

    for (byte[] b : bad) {
      Files.write(file, b);
      Segment read = load(file, articles);
      assertSame(read, expected);
      assertThat(Files.readAllBytes(file)).as("replaced by a good one").isEqualTo(good);
    }

    Files.delete(file);
    Files.createDirectory(file);
    assertSame(load(file, articles), expected); // a folder in its place: built, and nothing kept
    assertThat(file).isDirectory();
  }

  @Test
  void repositoriesOfTwoVersionsSharingTheFileEachGetTheirOwnIndex() throws Exception {
    Path file = dir.resolve("shared/index");
    List<StoredArticle> a = articles(21, COUNT);
    List<StoredArticle> b = new ArrayList<>(a);
    for (int i = 0; i < COUNT; i += 100) {
      b.set(i, new StoredArticle(a.get(i).article().toBuilder().category("MOVED").stickyWeight(3).build(),
          Revision.ofContent(("moved " + i).getBytes(StandardCharsets.UTF_8))));
    }
    Segment expectedA = Segment.build(a, new Dicts());
    Segment expectedB = Segment.build(b, new Dicts());
    // Processes that start from different content (one before an edit, one after) write and
    // read one file at once: each load is the index of its own articles, never the other's.
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        runs.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            boolean first = (i + thread) % 2 == 0;
            assertSame(load(file, first ? a : b), first ? expectedA : expectedB);
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdownNow();
    }
    try (java.util.stream.Stream<Path> left = Files.list(file.getParent())) {
      assertThat(left).as("no temporary file left behind").containsExactly(file);
    }
  }

  @Test
  void temporaryFilesOfAWriterThatDiedAreRemovedByTheNextWrite() throws IOException {
    Path file = dir.resolve("index");
    Path stale = dir.resolve("index.4242-1f.tmp");
    Path fresh = dir.resolve("index.4343-2e.tmp");
    Path other = dir.resolve("metadata.snapshot.77.tmp");
    for (Path p : List.of(stale, fresh, other)) {
      Files.writeString(p, "half an index");
    }
    java.nio.file.attribute.FileTime anHourAgo =
        java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofHours(1)));
    Files.setLastModifiedTime(stale, anHourAgo);
    Files.setLastModifiedTime(other, anHourAgo);
    load(file, articles(31, 200));
    assertThat(file).isRegularFile();
    assertThat(stale).as("left by a writer that died long ago").doesNotExist();
    assertThat(fresh).as("maybe a live writer's").exists();
    assertThat(other).as("not the index's").exists();
  }

  /**
   * {@code good} with one value of a column changed: the first document's, or the second's
   * position made the first's.
   */
  private static byte[] patched(byte[] good, int n, String column, int value) {
    ByteBuffer b = ByteBuffer.wrap(good.clone()).order(ByteOrder.LITTLE_ENDIAN);
    b.position(8 + 4 + 16 + 4);
    for (int f = 0; f < 4; f++) {
      int count = b.getInt();
      for (int i = 0; i < count; i++) {
        int length = b.getInt();
        b.position(b.position() + length);
      }
    }
    int perm = b.position();
    int category = perm + 4 * n + 8 * n + 4 * n + 4 * n;
    int sentiment = category + 4 * n * 3;
    switch (column) {
      case "perm" -> b.putInt(perm + 4, value == 1 ? b.getInt(perm) : value);
      case "category" -> b.putInt(category, value);
      default -> b.put(sentiment, (byte) value);
    }
    return b.array();
  }

  private static byte[] withChecksum(byte[] b) {
    CRC32C crc = new CRC32C();
    crc.update(b, 0, b.length - 4);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) crc.getValue());
    return b;
  }
}
