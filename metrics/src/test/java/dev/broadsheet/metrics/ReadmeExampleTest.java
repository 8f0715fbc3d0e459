package dev.broadsheet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.ReadmeExamples;
import dev.broadsheet.markdown.render.ArticleRenderer;
import dev.broadsheet.memory.InMemoryArticleStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The Java example of README.md's Metrics section (fenced {@code ```java metrics}) is compiled
 * here: the code between the markers below must be the README's snippet, whitespace aside, and
 * it must do what the README says.
 */
class ReadmeExampleTest {
  // README example begins
  BroadsheetMetrics observed(ArticleRepository repo, ArticleRenderer renderer, MeterRegistry registry) {
    BroadsheetMetrics metrics = BroadsheetMetrics.bind(repo, registry);   // tagged store=file, postgres, inmemory
    BroadsheetMetrics.bind(renderer, registry, Tags.of("site", "news"));  // the rendering cache's hits and size
    return metrics;                                                       // close() removes the repository's meters
  }
  // README example ends

  @Test
  void readmeShowsTheCodeCompiledHere() throws IOException {
    ReadmeExamples.assertShown("metrics", "metrics/src/test/java/dev/broadsheet/metrics/ReadmeExampleTest.java", 1);
  }

  @Test
  void readmeExampleBindsTheRepositoryAndTheRenderer() {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore()).build()) {
      // Micrometer's gauges hold what they read weakly: the renderer must stay reachable, as an
      // application's does.
      ArticleRenderer renderer = ArticleRenderer.builder().build();
      BroadsheetMetrics metrics = observed(repo, renderer, registry);
      repo.save(Article.builder("2026/01/a").title("A").publishedAt(Instant.parse("2026-01-01T00:00:00Z")).build());
      repo.query(ArticleQuery.all());

      assertThat(registry.get("broadsheet.queries").tags("store", "inmemory").timer().count()).isEqualTo(1);
      assertThat(registry.get("broadsheet.cache.size").tags("cache", "renderer", "site", "news").gauge().value())
          .isZero();
      metrics.close();
      assertThat(registry.find("broadsheet.queries").timer()).isNull();
      assertThat(registry.find("broadsheet.cache.size").gauge()).isNotNull(); // the renderer's stay
      java.lang.ref.Reference.reachabilityFence(renderer);
    }
  }
}
