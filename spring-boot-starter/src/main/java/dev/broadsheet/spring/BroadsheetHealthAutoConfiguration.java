package dev.broadsheet.spring;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Health;
import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Actuator's health indicator {@code broadsheet} ({@code /actuator/health/broadsheet}) over the
 * application's {@link ArticleRepository}: {@code UP} while the store can be read, with the
 * repository's {@code status} ({@code ok}, or {@code degraded} when some files cannot be
 * served), {@code articles} and {@code problems}; {@code DOWN} when it cannot, as the API's own
 * {@code GET /health} answers.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = BroadsheetAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ArticleRepository.class)
public class BroadsheetHealthAutoConfiguration {
  /** Spring makes it. */
  public BroadsheetHealthAutoConfiguration() {}

  /** The indicator; an application's own bean of this name replaces it. */
  @Bean
  @ConditionalOnMissingBean(name = "broadsheetHealthIndicator")
  public HealthIndicator broadsheetHealthIndicator(ArticleRepository repository) {
    return () -> health(repository.health());
  }

  static org.springframework.boot.health.contributor.Health health(Health h) {
    org.springframework.boot.health.contributor.Health.Builder b = h.status() == Health.Status.DOWN
        ? org.springframework.boot.health.contributor.Health.down()
        : org.springframework.boot.health.contributor.Health.up();
    return b.withDetail("status", h.status().name().toLowerCase(Locale.ROOT))
        .withDetail("articles", h.articles())
        .withDetail("problems", h.problems())
        .build();
  }
}
