package dev.broadsheet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.markdown.render.ArticleRenderer;
import dev.broadsheet.memory.InMemoryArticleStore;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BroadsheetMetricsTest {
  private static final Instant PUBLISHED = Instant.parse("2026-01-10T08:00:00Z");

  private final MeterRegistry registry = new SimpleMeterRegistry();

  @TempDir Path dir;

  private static Article article(String id, String... tags) {
    return Article.builder(id).title("Title of " + id).publishedAt(PUBLISHED).category("LOCAL").tags(java.util.List.of(tags)).build();
  }

  private double timerCount(String name, String... tags) {
    return registry.get(name).tags(tags).timer().count();
  }

  @Test
  void timesQueriesLoadsAndSavesOfAMemoryStoreByOperationAndOutcome() {
    try (ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore()).build();
        BroadsheetMetrics metrics = BroadsheetMetrics.bind(repo, registry)) {
      Revision first = repo.save(article("2026/01/a", "CITY"));
      repo.save(article("2026/01/b", "CITY"));
      repo.query(ArticleQuery.all());
      repo.count(ArticleQuery.all());
      repo.facets(ArticleQuery.all());
      repo.related("2026/01/a", 3);
      assertThat(repo.find("2026/01/a")).isPresent();
      assertThatThrownBy(() -> repo.save(article("2026/01/a"), Revision.NONE))
          .isInstanceOf(ArticleConflictException.class);
      assertThatThrownBy(() -> repo.save(Article.builder("2026/01/c").title("").build()))
          .isInstanceOf(InvalidArticleException.class);
      assertThatThrownBy(() -> repo.query(ArticleQuery.builder().limit(100_000).build()))
          .isInstanceOf(InvalidQueryException.class);
      assertThat(repo.delete("2026/01/a", first)).isTrue();

      assertThat(timerCount("broadsheet.saves", "operation", "save", "outcome", "ok", "store", "inmemory")).isEqualTo(2);
      assertThat(timerCount("broadsheet.saves", "operation", "save", "outcome", "conflict")).isEqualTo(1);
      assertThat(timerCount("broadsheet.saves", "operation", "save", "outcome", "invalid")).isEqualTo(1);
      assertThat(timerCount("broadsheet.saves", "operation", "delete", "outcome", "ok")).isEqualTo(1);
      assertThat(timerCount("broadsheet.queries", "operation", "query", "outcome", "ok")).isEqualTo(1);
      assertThat(timerCount("broadsheet.queries", "operation", "query", "outcome", "invalid")).isEqualTo(1);
      assertThat(timerCount("broadsheet.queries", "operation", "count", "outcome", "ok")).isEqualTo(1);
      assertThat(timerCount("broadsheet.queries", "operation", "facets", "outcome", "ok")).isEqualTo(1);
      assertThat(timerCount("broadsheet.queries", "operation", "related", "outcome", "ok")).isEqualTo(1);
      assertThat(timerCount("broadsheet.loads", "from", "memory")).isEqualTo(1);
      assertThat(registry.get("broadsheet.queries").tags("operation", "query", "outcome", "ok").timer()
          .totalTime(TimeUnit.NANOSECONDS)).isPositive();
      // A memory store holds whole articles: every load is a hit of the index.
      assertThat(registry.get("broadsheet.cache.hit.ratio").tags("cache", "index").gauge().value()).isEqualTo(1.0);
      assertThat(registry.get("broadsheet.articles").tags("store", "inmemory").gauge().value()).isEqualTo(1.0);
      assertThat(registry.get("broadsheet.problems").gauge().value()).isZero();
    }
  }

  @Test
  void countsLoadsFromAFileStoreAsMissesOfTheIndexAndItsBrokenFilesAsProblems() throws IOException {
    Path content = dir.resolve("content");
    write(content, "2026/01/pier.md", "---\ntitle: Pier\npublishedAt: '2026-01-10T08:00:00Z'\n---\nThe pier.\n");
    write(content, "2026/01/rates.md", "---\ntitle: Rates\npublishedAt: '2026-01-11T08:00:00Z'\n---\nRates.\n");
    write(content, "2026/01/broken.md", "---\ntitle: [unclosed\n---\nBroken.\n");
    FileArticleStore store = FileArticleStore.builder(content).watching(Watching.OFF).build();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build();
        BroadsheetMetrics metrics = BroadsheetMetrics.bind(repo, registry, Tags.of("site", "news"))) {
      assertThat(repo.find("2026/01/pier").orElseThrow().article().body()).contains("The pier.");
      assertThat(repo.find("2026/01/nope")).isEmpty();
      assertThat(repo.query(ArticleQuery.all()).items()).hasSize(2);

      // The file store keeps articles partial in memory: the pier's find and both items of the
      // page are read from the files; the id that is not there is answered from memory.
      assertThat(timerCount("broadsheet.loads", "from", "store", "store", "file", "site", "news")).isEqualTo(3);
      assertThat(timerCount("broadsheet.loads", "from", "memory")).isEqualTo(1);
      assertThat(registry.get("broadsheet.cache.gets").tags("cache", "index", "result", "miss").functionCounter()
          .count()).isEqualTo(3);
      assertThat(registry.get("broadsheet.cache.hit.ratio").tags("store", "file").gauge().value()).isEqualTo(0.25);
      assertThat(registry.get("broadsheet.articles").tags("store", "file", "site", "news").gauge().value()).isEqualTo(2);
      assertThat(registry.get("broadsheet.problems").tags("store", "file").gauge().value()).isEqualTo(1);
    }
  }

  @Test
  void aStoreTagGivenReplacesTheStoresName() {
    try (ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore()).build();
        BroadsheetMetrics metrics = BroadsheetMetrics.bind(repo, registry, Tags.of("store", "archive"))) {
      repo.count(ArticleQuery.all());
      assertThat(timerCount("broadsheet.queries", "store", "archive", "operation", "count")).isEqualTo(1);
      assertThat(registry.find("broadsheet.articles").tags("store", "inmemory").gauge()).isNull();
    }
  }

  @Test
  void closeStopsObservingAndRemovesEveryMeter() {
    try (ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore()).build()) {
      BroadsheetMetrics metrics = BroadsheetMetrics.bind(repo, registry);
      repo.save(article("2026/01/a"));
      repo.query(ArticleQuery.all());
      assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
          .contains("broadsheet.saves", "broadsheet.queries", "broadsheet.articles");

      metrics.close();
      metrics.close();
      repo.query(ArticleQuery.all());
      repo.save(article("2026/01/b"));

      assertThat(registry.getMeters()).isEmpty();
    }
  }

  @Test
  void twoRepositoriesOnOneRegistryAreToldApartByStore() throws IOException {
    Path content = dir.resolve("content");
    write(content, "2026/01/pier.md", "---\ntitle: Pier\npublishedAt: '2026-01-10T08:00:00Z'\n---\nThe pier.\n");
    try (ArticleRepository files = ArticleRepository.builder()
            .store(FileArticleStore.builder(content).watching(Watching.OFF).build()).build();
        ArticleRepository memory = ArticleRepository.builder().store(new InMemoryArticleStore()).build();
        BroadsheetMetrics a = BroadsheetMetrics.bind(files, registry);
        BroadsheetMetrics b = BroadsheetMetrics.bind(memory, registry)) {
      memory.save(article("2026/01/a"));
      memory.save(article("2026/01/b"));
      assertThat(registry.get("broadsheet.articles").tags("store", "file").gauge().value()).isEqualTo(1);
      assertThat(registry.get("broadsheet.articles").tags("store", "inmemory").gauge().value()).isEqualTo(2);
      assertThat(registry.find("broadsheet.saves").tags("store", "file").timer()).isNull();
    }
  }

  @Test
  void bindsTheRenderersCache() {
    ArticleRenderer renderer = ArticleRenderer.builder().build();
    try (BroadsheetMetrics metrics = BroadsheetMetrics.bind(renderer, registry, Tags.of("site", "news"))) {
      StoredArticle stored = new StoredArticle(Article.builder("2026/01/a").title("A").body("Hello *there*").build(),
          Revision.of("r1"));
      renderer.render(stored);
      renderer.render(stored);
      renderer.render(stored);

      assertThat(registry.get("broadsheet.cache.gets").tags("cache", "renderer", "result", "hit").functionCounter()
          .count()).isEqualTo(2);
      assertThat(registry.get("broadsheet.cache.gets").tags("cache", "renderer", "result", "miss").functionCounter()
          .count()).isEqualTo(1);
      assertThat(registry.get("broadsheet.cache.hit.ratio").tags("cache", "renderer", "site", "news").gauge().value())
          .isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(registry.get("broadsheet.cache.size").tags("cache", "renderer").gauge().value()).isEqualTo(1);
      java.lang.ref.Reference.reachabilityFence(renderer); // gauges read it through a weak reference
    }
    assertThat(registry.getMeters()).extracting(Meter::getId).isEmpty();
  }

  private static void write(Path root, String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
