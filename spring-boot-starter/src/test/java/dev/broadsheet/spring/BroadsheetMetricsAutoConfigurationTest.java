package dev.broadsheet.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.metrics.BroadsheetMetrics;
import dev.broadsheet.memory.InMemoryArticleStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** Broadsheet's meters on the registries Spring Boot's metrics support makes, and backing off. */
class BroadsheetMetricsAutoConfigurationTest {
  private final WebApplicationContextRunner web = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(BroadsheetAutoConfiguration.class,
          BroadsheetMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
          CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
      .withBean(ArticleRepository.class, () -> ArticleRepository.builder()
          .store(new InMemoryArticleStore(List.of(BroadsheetAutoConfigurationTest.article("2026/01/one"),
              BroadsheetAutoConfigurationTest.article("2026/01/two"))))
          .build());

  @Test
  void bindsTheRepositorysMetersToTheApplicationsRegistry() {
    web.run(context -> {
      assertThat(context).hasNotFailed().hasBean("broadsheetMeterBinder");
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(registry.get("broadsheet.articles").gauge().value()).isEqualTo(2.0);
      context.getBean(ArticleRepository.class).get("2026/01/one");
      assertThat(registry.get("broadsheet.loads").timers()).isNotEmpty();
    });
  }

  @Test
  void removesItsMetersWhenTheContextCloses() {
    MeterRegistry[] kept = new MeterRegistry[1];
    web.run(context -> {
      kept[0] = context.getBean(MeterRegistry.class);
      assertThat(kept[0].find("broadsheet.articles").gauge()).isNotNull();
    });
    assertThat(kept[0].find("broadsheet.articles").gauge()).isNull();
  }

  @Test
  void backsOffForTheApplicationsOwnBinder() {
    MeterBinder own = registry -> registry.counter("own.binder").increment();
    web.withBean("broadsheetMeterBinder", MeterBinder.class, () -> own).run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(registry.find("broadsheet.articles").gauge()).isNull();
      assertThat(registry.get("own.binder").counter().count()).isEqualTo(1.0);
    });
  }

  @Test
  void declaresNothingWithoutTheMetricsModule() {
    web.withClassLoader(new FilteredClassLoader(BroadsheetMetrics.class)).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean("broadsheetMeterBinder");
    });
  }
}
