package dev.broadsheet.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.fs.FileArticleStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index in a folder: reused across restarts, rebuilt when it cannot be trusted, current with the files. */
class PersistenceTest {
  private static final String ANEMONE = "2025/10/divers-find-a-sea-anemone-new-to-science-off-millbrook";

  @TempDir Path dir;
  private Path content;
  private Path index;

  @BeforeEach
  void copy() {
    content = Samples.copy(dir.resolve("content"));
    index = content.resolve(".broadsheet/search");
  }

  private record Opened(ArticleRepository repo, LuceneSearch search) implements AutoCloseable {
    LuceneSearch.Opened report() {
      return search.lastOpen().orElseThrow();
    }

    List<String> ids(String text) {
      return repo.query(ArticleQuery.builder().text(text).build()).items().stream().map(Article::id).toList();
    }

    @Override
    public void close() {
      repo.close();
    }
  }

  private Opened open() throws IOException {
    LuceneSearch search = LuceneSearch.builder().folder(index).build();
    ArticleRepository repo = ArticleRepository.builder()
        .store(FileArticleStore.builder(content).build()).search(search).build();
    return new Opened(repo, search);
  }

  @Test
  void restartReindexesOnlyWhatChanged() throws IOException {
    try (Opened first = open()) {
      assertThat(first.report()).isEqualTo(new LuceneSearch.Opened(0, 66, 0, false));
    }
    try (Opened second = open()) {
      assertThat(second.report()).isEqualTo(new LuceneSearch.Opened(66, 0, 0, false));
      assertThat(second.ids("anemone")).containsExactly(ANEMONE);
    }
    Path file = content.resolve(ANEMONE + ".md");
    Files.writeString(file, Files.readString(file).replaceAll("(?i)anemone", "sea pen"));
    Files.delete(content.resolve("2026/06/divers-find-a-shrimp-new-to-science-off-port-avalon.md"));
    try (Opened third = open()) {
      assertThat(third.report()).isEqualTo(new LuceneSearch.Opened(64, 1, 1, false));
      assertThat(third.ids("anemone")).isEmpty();
      assertThat(third.ids("\"sea pen\"")).containsExactly(ANEMONE);
      assertThat(third.ids("shrimp")).isEmpty();
    }
  }

  /** Built from scratch, or mostly anew, the index is one segment; a few changes add small ones. */
  @Test
  void anIndexBuiltAnewIsOneSegment() throws IOException {
    try (Opened first = open()) {
      assertThat(first.ids("anemone")).containsExactly(ANEMONE);
    }
    assertThat(segments()).isEqualTo(1);
    Path file = content.resolve(ANEMONE + ".md");
    Files.writeString(file, Files.readString(file).replaceAll("(?i)anemone", "sea pen"));
    try (Opened second = open()) {
      assertThat(second.report()).isEqualTo(new LuceneSearch.Opened(65, 1, 0, false));
    }
    assertThat(segments()).isEqualTo(2);
  }

  private int segments() throws IOException {
    try (org.apache.lucene.index.DirectoryReader r = org.apache.lucene.index.DirectoryReader.open(FSDirectory.open(index))) {
      return r.leaves().size();
    }
  }

  /**
   * Every field has a length for every document, an empty field 0: scoring reads a length at
   * the document's position. Holds for the segment built at first and for one a save adds, with
   * articles of several languages and articles without a description or tags.
   */
  @Test
  void everyFieldHasALengthForEveryDocumentOfEverySegment() throws IOException {
    try (Opened first = open()) {
      assertThat(first.ids("hochwasser")).isNotEmpty();
    }
    Path file = content.resolve(ANEMONE + ".md");
    Files.writeString(file, Files.readString(file).replaceAll("(?i)anemone", "sea pen"));
    try (Opened second = open()) {
      assertThat(second.ids("\"sea pen\"")).containsExactly(ANEMONE);
    }
    try (org.apache.lucene.index.DirectoryReader r = org.apache.lucene.index.DirectoryReader.open(FSDirectory.open(index))) {
      assertThat(r.leaves()).hasSize(2);
      for (org.apache.lucene.index.LeafReaderContext leaf : r.leaves()) {
        org.apache.lucene.index.LeafReader reader = leaf.reader();
        java.util.Set<String> searched = new java.util.TreeSet<>();
        for (org.apache.lucene.index.FieldInfo fi : reader.getFieldInfos()) {
          if (fi.hasNorms()) {
            searched.add(fi.name);
            org.apache.lucene.index.NumericDocValues lengths = reader.getNormValues(fi.name);
            int docs = 0;
            while (lengths.nextDoc() != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
              docs++;
            }
            assertThat(docs).as("documents with a length of %s", fi.name).isEqualTo(reader.maxDoc());
          }
        }
        // every field of every group, in the small segment as in the large
        assertThat(searched).contains("title_en", "tags_de", "description_cjk", "body_xx").hasSize(36);
      }
    }
  }

  /** An index this class wrote in an earlier format is rebuilt, not searched. */
  @Test
  void rebuildsAnIndexOfAnEarlierFormat() throws IOException {
    Files.createDirectories(index);
    try (IndexWriter w = new IndexWriter(FSDirectory.open(index), new IndexWriterConfig())) {
      Document d = new Document();
      d.add(new StringField("id", ANEMONE, org.apache.lucene.document.Field.Store.NO));
      w.addDocument(d);
      w.setLiveCommitData(java.util.Map.of("broadsheet-search", "1").entrySet());
      w.commit();
    }
    try (Opened opened = open()) {
      assertThat(opened.report()).isEqualTo(new LuceneSearch.Opened(0, 66, 0, true));
      assertThat(opened.ids("anemone")).containsExactly(ANEMONE);
    }
  }

  @Test
  void rebuildsADamagedIndex() throws IOException {
    try (Opened first = open()) {
      assertThat(first.ids("anemone")).containsExactly(ANEMONE);
    }
    try (Stream<Path> files = Files.list(index)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("_")).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length / 2] ^= 0x5a; // one flipped byte in the middle of every data file
        Files.write(f, bytes);
      }
    }
    try (Opened second = open()) {
      assertThat(second.report()).isEqualTo(new LuceneSearch.Opened(0, 66, 0, true));
      assertThat(second.ids("anemone")).containsExactly(ANEMONE);
    }
  }

  @Test
  void rebuildsAnIndexItDidNotWrite() throws IOException {
    Files.createDirectories(index);
    try (IndexWriter w = new IndexWriter(FSDirectory.open(index), new IndexWriterConfig())) {
      Document d = new Document();
      d.add(new StringField("id", ANEMONE, org.apache.lucene.document.Field.Store.YES));
      w.addDocument(d);
      w.commit();
    }
    Files.writeString(index.resolve("notes.txt"), "kept");
    try (Opened opened = open()) {
      assertThat(opened.report().rebuilt()).isTrue();
      assertThat(opened.ids("anemone")).containsExactly(ANEMONE);
    }
    assertThat(index.resolve("notes.txt")).hasContent("kept");
  }

  @Test
  void outsideEditsAreFoundAndDeletionsLeaveNoGhosts() throws IOException {
    try (Opened opened = open()) {
      Path source = content.resolve(ANEMONE + ".md");
      Path added = content.resolve("2026/11/nudibranch-found.md");
      Files.writeString(added, Files.readString(source).replace("anemone", "nudibranch"));
      String id = "2026/11/nudibranch-found";
      assertThat(eventually(() -> opened.ids("nudibranch"), ids -> ids.contains(id))).contains(id);
      Files.delete(added);
      assertThat(eventually(() -> opened.ids("nudibranch"), List::isEmpty)).isEmpty();
      assertThat(opened.repo.count(ArticleQuery.builder().text("nudibranch").build())).isZero();
    }
    try (Opened reopened = open()) {
      assertThat(reopened.ids("nudibranch")).isEmpty();
    }
  }

  /** The value once it passes {@code done}, or the last one at the deadline. */
  private static <T> T eventually(Supplier<T> value, java.util.function.Predicate<T> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    T v = value.get();
    while (!done.test(v) && Instant.now().isBefore(deadline)) {
      Thread.onSpinWait();
      v = value.get();
    }
    return v;
  }
}
