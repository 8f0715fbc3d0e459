package dev.broadsheet.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Health;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A content folder that breaks, disappears or turns into a file shows in the repository's health. */
class StoreHealthTest {
  @TempDir Path dir;

  private ArticleRepository open(Path root) throws Exception {
    return ArticleRepository.builder().store(FileArticleStore.builder(root).watching(Watching.OFF).build()).build();
  }

  @Test
  void okForAReadableFolderAndDegradedWithTheCountOfBrokenFiles() throws Exception {
    Path root = Files.createDirectories(dir.resolve("content"));
    TestFiles.write(root, "2026/01/pier.md", TestFiles.article("Pier reopens", "Body."));
    try (ArticleRepository repo = open(root)) {
      assertThat(repo.health()).isEqualTo(new Health(Health.Status.OK, 1, 0));
    }
    TestFiles.write(root, "2026/01/broken.md", "---\ntitle: Broken\npublishedAt: 2026-01-02\nstickyWeight: lots\n---\n");
    TestFiles.write(root, "2026/01/also-broken.md", "---\ntitle: Also broken\npublishedAt: soon\n---\n");
    try (ArticleRepository repo = open(root)) {
      assertThat(repo.problems()).extracting(p -> p.field()).containsExactlyInAnyOrder("stickyWeight", "publishedAt");
      assertThat(repo.health()).isEqualTo(new Health(Health.Status.DEGRADED, 1, 2));
    }
  }

  @Test
  void downOnceTheFolderIsDeletedAndUpAgainWhenItIsBack() throws Exception {
    Path root = Files.createDirectories(dir.resolve("content"));
    TestFiles.write(root, "2026/01/pier.md", TestFiles.article("Pier reopens", "Body."));
    FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).withoutSnapshot().build();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      deleteTree(root);

      assertThatThrownBy(store::check).isInstanceOf(NoSuchFileException.class);
      assertThat(repo.health()).isEqualTo(new Health(Health.Status.DOWN, 1, 0));

      Files.createDirectories(root);
      assertThatCode(store::check).doesNotThrowAnyException();
      assertThat(repo.health().status()).isEqualTo(Health.Status.OK);
    }
  }

  @Test
  void downWhenTheFolderIsReplacedByAFile() throws Exception {
    Path root = Files.createDirectories(dir.resolve("content"));
    FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).withoutSnapshot().build();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      deleteTree(root);
      Files.writeString(root, "not a folder");

      assertThatThrownBy(store::check).isInstanceOf(NotDirectoryException.class);
      assertThat(repo.health().status()).isEqualTo(Health.Status.DOWN);
    }
  }

  private static void deleteTree(Path root) throws Exception {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
