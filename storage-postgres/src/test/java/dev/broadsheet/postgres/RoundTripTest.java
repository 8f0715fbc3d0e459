package dev.broadsheet.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.LoadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files copied from a folder into PostgreSQL and back come out byte for byte, and an edit
 * through the store is the smallest edit of the stored bytes, as in a folder. The files are read
 * at test time from the shared corpus above the working directory, never copied into this
 * repository.
 */
class RoundTripTest {
  private static final String REFERENCE = "000_ffa8cbb01aacd3ec.txt";
  private static final ArticleCodec CODEC = ArticleCodec.builder().build();

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir Path out;

  static Path corpus() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("corpus");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private PostgresArticleStore store() {
    return PostgresArticleStore.builder(db.dataSource()).schema(TestDatabase.freshSchema()).build();
  }

  @Test
  void theReferenceArticleComesBackByteForByteAndAnEditChangesOnlyItsLine() throws Exception {
    Path corpus = corpus();
    assumeTrue(corpus != null && Files.exists(corpus.resolve(REFERENCE)),
        "reference article not found (looked for shared/corpus/" + REFERENCE + " above the working directory)");
    byte[] bytes = Files.readAllBytes(corpus.resolve(REFERENCE));
    ArticleResult read = CODEC.read("reference", "reference", bytes);
    assertThat(read.isValid()).as("%s", read.problems()).isTrue();
    try (PostgresArticleStore store = store()) {
      Revision r = store.putFile("2026/01/reference", bytes, Revision.NONE);
      assertThat(r).isEqualTo(Revision.ofContent(bytes));
      assertThat(store.file("2026/01/reference")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
      StoredArticle stored = store.get("2026/01/reference").orElseThrow();
      assertThat(stored.article()).isEqualTo(read.article().toBuilder().id("2026/01/reference").build());

      // The smallest edit of the stored bytes, exactly what the file store would write.
      Article pinned = stored.article().withStickyWeight(stored.article().stickyWeight() + 4);
      Revision r2 = store.put(pinned, r);
      byte[] edited = store.file("2026/01/reference").orElseThrow();
      assertThat(edited).isEqualTo(CODEC.update(CODEC.read("x", "x", bytes).document(), pinned));
      assertThat(r2).isEqualTo(Revision.ofContent(edited));
      List<String> before = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
      List<String> after = new String(edited, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
      assertThat(after).hasSameSizeAs(before);
      List<String> changed = new ArrayList<>();
      for (int i = 0; i < before.size(); i++) {
        if (!before.get(i).equals(after.get(i))) {
          changed.add(after.get(i));
        }
      }
      assertThat(changed).containsExactly("stickyWeight: " + pinned.stickyWeight());
    }
  }

  @Test
  void everyRealFileCopiedInAndOutComesBackByteForByte() throws Exception {
    Path corpus = corpus();
    Path real = corpus == null ? null : corpus.resolve("real");
    assumeTrue(real != null && Files.isDirectory(real), "shared/corpus/real not found above the working directory; skipping");
    Map<String, Path> files = new LinkedHashMap<>();
    Set<String> valid = new HashSet<>();
    Set<String> keys = new HashSet<>();
    int skipped = 0;
    try (Stream<Path> walk = Files.walk(real)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        String rel = real.relativize(p).toString().replace('\\', '/');
        if (!rel.endsWith(".md") && !rel.endsWith(".markdown")) {
          continue;
        }
        String id = rel.substring(0, rel.lastIndexOf('.'));
        if (!ArticleIds.isValid(id) || !keys.add(ArticleIds.key(id))) {
          skipped++; // a name no article may have, or a second file of one id, as in a folder
          continue;
        }
        files.put(id, p);
        if (CODEC.read(id, id, Files.readAllBytes(p)).isValid()) {
          valid.add(id);
        }
      }
    }
    assertThat(files).hasSizeGreaterThan(1_000);
    long started = System.nanoTime();
    try (PostgresArticleStore store = store()) {
      // Folder to database: every file as it is, as a folder holds broken files too.
      for (Map.Entry<String, Path> e : files.entrySet()) {
        byte[] bytes = Files.readAllBytes(e.getValue());
        assertThat(store.putFile(e.getKey(), bytes, Revision.NONE)).isEqualTo(Revision.ofContent(bytes));
      }
      LoadResult loaded = store.loadAll();
      assertThat(loaded.articles()).extracting(StoredArticle::id).containsExactlyInAnyOrderElementsOf(valid);
      // The others are reported as a folder reports them: by id, with line and column.
      assertThat(loaded.problems().stream().map(Problem::source).distinct().count())
          .isEqualTo(files.size() - valid.size());
      assertThat(store.problems()).containsExactlyInAnyOrderElementsOf(loaded.problems());
      // Database to folder.
      for (String id : files.keySet()) {
        Path target = out.resolve(id + fileExtension(files.get(id)));
        Files.createDirectories(target.getParent());
        Files.write(target, store.file(id).orElseThrow());
      }
    }
    for (Map.Entry<String, Path> e : files.entrySet()) {
      Path copy = out.resolve(e.getKey() + fileExtension(e.getValue()));
      assertThat(Files.readAllBytes(copy)).as(e.getKey()).isEqualTo(Files.readAllBytes(e.getValue()));
    }
    System.out.println("round trip: " + files.size() + " files (" + valid.size() + " valid articles, "
        + (files.size() - valid.size()) + " reported as problems; " + skipped
        + " skipped for their names) copied into PostgreSQL and back byte for byte in "
        + (System.nanoTime() - started) / 1_000_000 + " ms");
  }

  @Test
  void theSampleFolderCopiedInAndOutComesBackByteForByteAndLoadsAsItsArticles() throws Exception {
    Path samples = null;
    for (Path dir = Path.of("").toAbsolutePath(); dir != null && samples == null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples/content"))) {
        samples = dir.resolve("examples/content");
      }
    }
    assumeTrue(samples != null, "examples/content not found above the working directory");
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(samples)) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
        String rel = samples.relativize(p).toString().replace('\\', '/');
        files.put(rel.substring(0, rel.length() - 3), Files.readAllBytes(p));
      }
    }
    assertThat(files).hasSize(66);
    try (PostgresArticleStore store = store()) {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        store.putFile(e.getKey(), e.getValue(), Revision.NONE);
      }
      LoadResult loaded = store.loadAll();
      assertThat(loaded.problems()).isEmpty();
      assertThat(loaded.articles()).hasSize(66).allSatisfy(s -> {
        byte[] bytes = files.get(s.id());
        assertThat(s.revision()).isEqualTo(Revision.ofContent(bytes));
        // Built from the columns alone, exactly what the index reads of the file.
        assertThat(s.article()).isEqualTo(ArticleStore.partial(CODEC.read(s.id(), s.id(), bytes).article()));
      });
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        assertThat(store.file(e.getKey())).hasValueSatisfying(b -> assertThat(b).isEqualTo(e.getValue()));
      }
    }
  }

  private static String fileExtension(Path p) {
    String name = p.getFileName().toString();
    return name.substring(name.lastIndexOf('.'));
  }
}
