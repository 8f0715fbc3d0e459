package dev.broadsheet.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveReloadSmokeTest {
  @TempDir Path root;

  @Test
  void fileWrittenByAnotherProgramReachesQueriesAndBodiesAreReadOnDemand() throws Exception {
    FileArticleStore store = FileArticleStore.builder(root).build();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      Files.createDirectories(root.resolve("2026"));
      Files.writeString(root.resolve("2026/ferry.md"), """
          ---
          title: Ferry runs at night
          publishedAt: 2026-01-02
          ---
          Body text.
          """, StandardCharsets.UTF_8);
      TestFiles.await("the change to show", 10, () -> repo.get("2026/ferry").isPresent());
      assertThat(repo.get("2026/ferry").orElseThrow().body()).isEqualTo("Body text.\n");
      assertThat(repo.query(ArticleQuery.all()).items()).hasSize(1);
      Files.delete(root.resolve("2026/ferry.md"));
      TestFiles.await("the change to show", 10, () -> repo.get("2026/ferry").isEmpty());
    }
  }
}
