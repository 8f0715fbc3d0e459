package dev.broadsheet.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken file is reported while it is broken, and no longer once it is fixed or gone. */
class ProblemsFollowFilesTest {
  @TempDir Path root;

  @Test
  void problemIsReportedWithPositionThenClearsWhenTheFileIsFixedAndStaysClearWhenDeleted() throws Exception {
    Path file = root.resolve("broken.md");
    Files.writeString(file, "---\ntitle: Pier reopens\npublishedAt: 2026-01-02\nstickyWeight: lots\n---\nBody\n",
        StandardCharsets.UTF_8);
    try (ArticleRepository repo = ArticleRepository.builder().store(FileArticleStore.builder(root).build()).build()) {
      assertThat(repo.problems()).singleElement().satisfies(p -> {
        assertThat(p.source()).endsWith("broken.md");
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.column()).isEqualTo(15);
        assertThat(p.field()).isEqualTo("stickyWeight");
      });
      Files.writeString(file, "---\ntitle: Pier reopens\npublishedAt: 2026-01-02\nstickyWeight: 2\n---\nBody\n",
          StandardCharsets.UTF_8);
      TestFiles.await("the change to show", 10, () -> repo.problems().isEmpty() && repo.get("broken").isPresent());
      Files.writeString(file, "---\ntitle: Pier reopens\npublishedAt: 2026-01-02\nstickyWeight: -1\n---\nBody\n",
          StandardCharsets.UTF_8);
      TestFiles.await("the change to show", 10, () -> !repo.problems().isEmpty() && repo.get("broken").isEmpty());
      assertThat(repo.problems()).extracting(Problem::field).containsExactly("stickyWeight");
      Files.delete(file);
      TestFiles.await("the change to show", 10, () -> repo.problems().isEmpty());
    }
  }
}
