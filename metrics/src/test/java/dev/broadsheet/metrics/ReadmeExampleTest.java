package dev.broadsheet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.markdown.render.ArticleRenderer;
import dev.broadsheet.memory.InMemoryArticleStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("metrics"))) {
        return dir;
      }
    }
    throw new IllegalStateException("the repository root is not above " + Path.of("").toAbsolutePath());
  }

  private static String normalized(String code) {
    return code.strip().replaceAll("\\s+", " ");
  }

  @Test
  void readmeShowsTheCodeCompiledHere() throws IOException {
    Path root = root();
    Matcher block = Pattern.compile("```java metrics\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(root.resolve("README.md")));
    List<String> blocks = new ArrayList<>();
    while (block.find()) {
      blocks.add(normalized(block.group(1)));
    }
    Matcher region = Pattern.compile("// README example begins\n(.*?)  // README example ends", Pattern.DOTALL)
        .matcher(Files.readString(root.resolve("metrics/src/test/java/dev/broadsheet/metrics/ReadmeExampleTest.java")));
    List<String> compiled = new ArrayList<>();
    while (region.find()) {
      compiled.add(normalized(region.group(1)));
    }
    assertThat(compiled).hasSize(1);
    assertThat(blocks).isEqualTo(compiled);
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
