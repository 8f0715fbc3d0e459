package dev.broadsheet.fs;

import static dev.broadsheet.fs.TestFiles.article;
import static dev.broadsheet.fs.TestFiles.sample;
import static dev.broadsheet.fs.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Problem;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.spi.LoadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileArticleStoreLoadingTest {
  @TempDir Path root;

  @Test
  void brokenFilesAreReportedWithTheirPositionLeftAsTheyAreAndTheOthersLoad() throws Exception {
    Path yaml = write(root, "news/broken-yaml.md", """
        ---
        title: Night market opens
        tags: [CITY, FOOD
        ---
        Body.
        """);
    Path field = write(root, "news/bad-weight.md", """
        ---
        # pinned by hand
        title: Harbour closes early
        publishedAt: 2026-01-03
        stickyWeight: -1
        ---
        Body.
        """);
    Path bare = write(root, "news/no-frontmatter.txt", "Just a note, no frontmatter.\n");
    write(root, "news/fine.md", article("Fine", "Fine body.\n"));
    Map<Path, byte[]> before = new HashMap<>();
    for (Path p : List.of(yaml, field, bare)) {
      before.put(p, Files.readAllBytes(p));
    }
    FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).build();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      assertThat(repo.get("news/fine")).isPresent();
      assertThat(repo.size()).isEqualTo(1);
      List<Problem> problems = repo.problems();
      assertThat(problems).extracting(Problem::source)
          .contains(yaml.toString(), field.toString(), bare.toString());
      Problem weight = problems.stream().filter(p -> p.source().equals(field.toString())).findFirst().orElseThrow();
      assertThat(weight.line()).isEqualTo(5);
      assertThat(weight.column()).isPositive();
      assertThat(weight.field()).isEqualTo("stickyWeight");
      assertThat(weight.message()).contains("stickyWeight");
      Problem syntax = problems.stream().filter(p -> p.source().equals(yaml.toString())).findFirst().orElseThrow();
      assertThat(syntax.line()).isBetween(3, 4);
      assertThat(syntax.column()).isPositive();
      assertThat(syntax.message()).isNotBlank();
      repo.save(sample("news/other", "Other", "Other body.\n"));
      repo.save(repo.get("news/fine").orElseThrow().withStickyWeight(3));
    }
    for (Map.Entry<Path, byte[]> e : before.entrySet()) {
      assertThat(Files.readAllBytes(e.getKey())).as(e.getKey().toString()).isEqualTo(e.getValue());
    }
  }

  @Test
  void fileLargerThanTheLimitIsReportedAndNotLoaded() throws Exception {
    write(root, "big.md", article("Big", "x".repeat(5000) + "\n"));
    write(root, "small.md", article("Small", "Small.\n"));
    LoadResult loaded = FileArticleStore.builder(root).watching(Watching.OFF).maxFileBytes(2000).build().loadAll();
    assertThat(loaded.articles()).extracting(StoredArticle::id).containsExactly("small");
    assertThat(loaded.problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("larger than 2000 bytes"));
  }

  @Test
  void parallelLoadingGivesWhatSequentialLoadingGives() throws Exception {
    for (int i = 0; i < 300; i++) {
      String dir = "2026/" + (i % 12 + 1);
      if (i % 37 == 0) {
        write(root, dir + "/broken-" + i + ".md", "---\ntitle: [oops\n---\n");
      } else {
        write(root, dir + "/story-" + i + ".md", article("Story " + i, "Body " + i + ".\n"));
      }
    }
    LoadResult one = FileArticleStore.builder(root).watching(Watching.OFF).parallelism(1).build().loadAll();
    LoadResult many = FileArticleStore.builder(root).watching(Watching.OFF).parallelism(4).build().loadAll();
    Comparator<StoredArticle> byId = Comparator.comparing(StoredArticle::id);
    assertThat(many.articles()).hasSize(291).usingElementComparator(byId).containsExactlyInAnyOrderElementsOf(one.articles());
    assertThat(many.articles().stream().sorted(byId).toList()).isEqualTo(one.articles().stream().sorted(byId).toList());
    assertThat(many.problems()).hasSize(9).containsExactlyInAnyOrderElementsOf(one.problems());
  }

  @Test
  void loadingHoldsNoBodiesAndTheyAreReadOnFirstAsk() throws Exception {
    write(root, "a.md", article("A", "The body of A.\n"));
    FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).build();
    LoadResult loaded = store.loadAll();
    assertThat(loaded.articles()).singleElement().satisfies(s -> assertThat(s.article().body()).isEmpty());
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      assertThat(repo.get("a").orElseThrow().body()).isEqualTo("The body of A.\n");
    }
  }

  @Test
  void articleCacheStaysWithinItsByteBoundAndArticlesStayCorrect() throws Exception {
    int n = 200;
    for (int i = 0; i < n; i++) {
      write(root, "s/" + i + ".md", article("Story " + i, ("Line of story " + i + ".\n").repeat(40)));
    }
    long bound = 20_000;
    FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).articleCacheBytes(bound).build();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < n; i++) {
          Article a = repo.get("s/" + i).orElseThrow();
          assertThat(a.body()).isEqualTo(("Line of story " + i + ".\n").repeat(40));
          assertThat(store.articleCacheWeight()).isLessThanOrEqualTo(bound);
        }
      }
    }
    assertThat(store.articleCacheStats().evictionCount()).isGreaterThan(n);
    assertThat(store.articleCacheStats().missCount()).isGreaterThan(n);
  }

  @Test
  void anArticleWeighsWhatItsFileHoldsExtraFieldsIncluded() throws Exception {
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      extra.append("field").append(i).append(": a value that takes some room in memory\n");
    }
    Path file = write(root, "big.md", "---\ntitle: Big\npublishedAt: '2026-01-02T08:00:00.000Z'\n" + extra + "---\nBody.\n");
    FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).build();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      assertThat(repo.get("big").orElseThrow().extra()).hasSize(2_000);
      assertThat(store.articleCacheWeight()).isGreaterThanOrEqualTo(2 * Files.size(file));
    }
  }
}
