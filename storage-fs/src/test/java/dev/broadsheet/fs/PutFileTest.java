package dev.broadsheet.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.Revision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files copied in and out of the store byte for byte: {@code file} and {@code putFile}. */
class PutFileTest {
  @TempDir Path root;

  private static final byte[] HAND_WRITTEN = """
      ---
      # kept as written
      title:   "Harbour crane returns"
      publishedAt: 2026-02-03T10:00:00Z
      tags: [PORT,   CITY]
      ---
      Body.
      """.getBytes(StandardCharsets.UTF_8);

  @Test
  void writesTheBytesGivenAndReadsThemBack() throws Exception {
    try (FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).build()) {
      store.loadAll();
      Revision r = store.putFile("2026/02/crane", HAND_WRITTEN, Revision.NONE);
      assertThat(r).isEqualTo(Revision.ofContent(HAND_WRITTEN));
      assertThat(Files.readAllBytes(root.resolve("2026/02/crane.md"))).isEqualTo(HAND_WRITTEN);
      assertThat(store.file("2026/02/crane")).hasValueSatisfying(b -> assertThat(b).isEqualTo(HAND_WRITTEN));
      assertThat(store.file("2026/02/CRANE")).isEmpty(); // another spelling is no file of that id
      assertThat(store.file("2026/02/none")).isEmpty();

      // Conditional as every write: create-only fails on an existing file, a stale revision too.
      assertThatThrownBy(() -> store.putFile("2026/02/crane", HAND_WRITTEN, Revision.NONE))
          .isInstanceOf(ArticleConflictException.class);
      byte[] changed = new String(HAND_WRITTEN, StandardCharsets.UTF_8).replace("Body.", "New body.")
          .getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> store.putFile("2026/02/crane", changed, Revision.ofContent(changed)))
          .isInstanceOf(ArticleConflictException.class);
      store.putFile("2026/02/crane", changed, r);
      assertThat(Files.readAllBytes(root.resolve("2026/02/crane.md"))).isEqualTo(changed);

      // A named extension for a new file; an existing file keeps its name.
      store.putFile("2026/02/kept", "markdown", HAND_WRITTEN, Revision.NONE);
      assertThat(root.resolve("2026/02/kept.markdown")).hasBinaryContent(HAND_WRITTEN);
      store.putFile("2026/02/kept", "md", changed, null);
      assertThat(root.resolve("2026/02/kept.markdown")).hasBinaryContent(changed);
      assertThat(root.resolve("2026/02/kept.md")).doesNotExist();
    }
    // What was written loads as any file does.
    try (ArticleRepository repo = ArticleRepository.builder()
        .store(FileArticleStore.builder(root).watching(Watching.OFF).build()).build()) {
      assertThat(repo.find("2026/02/crane")).isPresent();
      assertThat(repo.problems()).isEmpty();
    }
  }

  @Test
  void refusesWhatIsNoArticleAndWritesNothing() throws Exception {
    try (FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).build()) {
      store.loadAll();
      byte[] broken = "---\ntitle: [unclosed\n---\n".getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> store.putFile("broken", broken, null))
          .isInstanceOf(InvalidArticleException.class)
          .hasMessageContaining("broken:3:1");
      assertThat(root.resolve("broken.md")).doesNotExist();
      assertThatThrownBy(() -> store.putFile("x", "exe", HAND_WRITTEN, null))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
