package dev.broadsheet.spring;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.markdown.render.ArticleRenderer;
import dev.broadsheet.metrics.BroadsheetMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Broadsheet's meters ({@link BroadsheetMetrics}) on every {@link MeterRegistry} of an
 * application that has Micrometer and {@code broadsheet-metrics}: a {@link MeterBinder} bean,
 * which Spring Boot's metrics support binds to each registry it makes. The repository's meters
 * come with those of the application's {@link ArticleRenderer}, when there is one. An
 * application's own bean named {@code broadsheetMeterBinder} replaces it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = BroadsheetAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, BroadsheetMetrics.class})
@ConditionalOnBean(ArticleRepository.class)
public class BroadsheetMetricsAutoConfiguration {
  /** Spring makes it. */
  public BroadsheetMetricsAutoConfiguration() {}

  /** The binder; it removes its meters again when the application context closes. */
  @Bean
  @ConditionalOnMissingBean(name = "broadsheetMeterBinder")
  public MeterBinder broadsheetMeterBinder(ArticleRepository repository, ObjectProvider<ArticleRenderer> renderer) {
    return new Binder(repository, renderer.getIfUnique());
  }

  /** Binds to each registry it is given and keeps what it bound, to close at shutdown. */
  static final class Binder implements MeterBinder, AutoCloseable {
    private final ArticleRepository repository;
    private final @Nullable ArticleRenderer renderer;
    private final List<BroadsheetMetrics> bound = new ArrayList<>();

    Binder(ArticleRepository repository, @Nullable ArticleRenderer renderer) {
      this.repository = repository;
      this.renderer = renderer;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
      bound.add(BroadsheetMetrics.bind(repository, registry));
      if (renderer != null) {
        bound.add(BroadsheetMetrics.bind(renderer, registry, Tags.empty()));
      }
    }

    @Override
    public synchronized void close() {
      bound.forEach(BroadsheetMetrics::close);
      bound.clear();
    }
  }
}
