package dev.broadsheet.spring;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.postgres.PostgresArticleStore;
import dev.broadsheet.spi.ArticleStore;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Articles in PostgreSQL, on the application's own {@link DataSource} ({@code
 * spring.datasource.*}): with {@code broadsheet.postgres.enabled=true} and {@code
 * broadsheet-storage-postgres} on the class path, a {@link PostgresArticleStore} in the schema
 * {@code broadsheet.postgres.schema} (default {@code public}; made with its tables on first use)
 * is the store the starter's repository indexes, in place of a content folder.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = BroadsheetAutoConfiguration.class)
@ConditionalOnClass(PostgresArticleStore.class)
@ConditionalOnBooleanProperty("broadsheet.postgres.enabled")
public class BroadsheetPostgresAutoConfiguration {
  /** Spring makes it. */
  public BroadsheetPostgresAutoConfiguration() {}

  /** The store; closed with the repository. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean({ArticleStore.class, ArticleRepository.class})
  public PostgresArticleStore broadsheetArticleStore(DataSource dataSource, BroadsheetProperties properties) {
    return PostgresArticleStore.builder(dataSource).schema(properties.postgres().schema()).build();
  }
}
