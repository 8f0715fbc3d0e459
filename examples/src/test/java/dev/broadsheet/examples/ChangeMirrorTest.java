package dev.broadsheet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeMirrorTest {
  @TempDir Path dir;

  /** The sample articles, copied: the tests edit them. */
  private static void copySamples(Path to) throws Exception {
    for (Path f : SampleFiles.files(SampleFiles.FOLDER)) {
      Path target = to.resolve(SampleFiles.FOLDER.relativize(f).toString());
      Files.createDirectories(target.getParent());
      Files.copy(f, target);
    }
  }

  private static Set<String> mirrored(Path mirror) throws Exception {
    try (var files = Files.list(mirror)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - 5).replace('_', '/')).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Set<String> visible(ArticleRepository repo) {
    return repo.query(ArticleQuery.builder().limit(1000).build()).items().stream().map(Article::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void mirrorsThePublicArticlesAndThenOnlyWhatChanged() throws Exception {
    Path content = dir.resolve("content");
    copySamples(content);
    Path mirror = dir.resolve("mirror");
    try (ArticleRepository repo = ArticleRepository.builder()
        .store(FileArticleStore.builder(content).watching(Watching.OFF).build()).build()) {
      int first = ChangeMirror.sync(repo, mirror);
      assertThat(mirrored(mirror)).isEqualTo(visible(repo)).hasSize(first);

      StoredArticle top = repo.find(visible(repo).iterator().next()).orElseThrow();
      repo.save(top.article().toBuilder().draft(true).build(), top.revision()); // unpublished
      String other = visible(repo).iterator().next();
      repo.delete(other);
      assertThat(ChangeMirror.sync(repo, mirror)).isEqualTo(2);
      assertThat(mirrored(mirror)).isEqualTo(visible(repo)).doesNotContain(top.id(), other);
      assertThat(ChangeMirror.sync(repo, mirror)).isZero();
    }
  }

  @Test
  void aTokenTheStoreNoLongerKnowsStartsOver() throws Exception {
    Path content = dir.resolve("content");
    copySamples(content);
    Path mirror = dir.resolve("mirror");
    Files.createDirectories(mirror);
    Files.writeString(mirror.resolve(".sync-token"), "not-a-token");
    Files.writeString(mirror.resolve("stale.json"), "{}");
    try (ArticleRepository repo = ArticleRepository.builder()
        .store(FileArticleStore.builder(content).watching(Watching.OFF).build()).build()) {
      ChangeMirror.sync(repo, mirror);
      assertThat(mirrored(mirror)).isEqualTo(visible(repo));
    }
  }
}
