package dev.broadsheet.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Page;
import dev.broadsheet.ReadmeExamples;
import dev.broadsheet.SearchHit;
import dev.broadsheet.fs.FileArticleStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example of README.md's search section (fenced {@code ```java search}) is compiled
 * here: the code between the markers below must be the README's snippet, whitespace aside, and
 * it must do what the README says.
 */
class ReadmeExampleTest {
  @TempDir Path dir;

  // README example begins
  ArticleRepository searchable(Path content) throws IOException {
    return ArticleRepository.builder()
        .store(FileArticleStore.builder(content).build())
        .search(LuceneSearch.builder()
            .folder(content.resolve(".broadsheet/search")) // on disk, memory-mapped, reused
            .build())
        .build();                                          // indexes only what changed since
  }

  List<String> cycleLanes(ArticleRepository repo) {
    Page<SearchHit> hits = repo.search(ArticleQuery.builder()
        .text("\"cycle lane\" -Millbrook") // words, "phrases", -excluded, prefix*
        .categories("LOCAL")                // every filter applies
        .build());                          // best first; hits.total() is 1
    List<String> out = new ArrayList<>();
    hits.items().forEach(h -> out.add(h.article().id() + " " + h.snippet().orElse("")));
    return out; // ["2025/10/wrenfield-opens-... …a painted <mark>lane</mark> that local <mark>cycling</mark> groups…"]
  }
  // README example ends

  @Test
  void readmeShowsTheCodeCompiledHere() throws IOException {
    ReadmeExamples.assertShown("search", "search/src/test/java/dev/broadsheet/search/ReadmeExampleTest.java", 1);
  }

  @Test
  void readmeExampleFindsTheOneCycleLaneOutsideMillbrook() throws IOException {
    Path content = Samples.copy(dir.resolve("content"));
    try (ArticleRepository repo = searchable(content)) {
      List<String> found = cycleLanes(repo);
      assertThat(found).hasSize(1);
      assertThat(found.get(0)).startsWith("2025/10/wrenfield-opens-a-protected-cycle-lane-along-the-waterfront ")
          .contains("a painted <mark>lane</mark> that local <mark>cycling</mark> groups");
      assertThat(content.resolve(".broadsheet/search")).isDirectory();
    }
  }
}
