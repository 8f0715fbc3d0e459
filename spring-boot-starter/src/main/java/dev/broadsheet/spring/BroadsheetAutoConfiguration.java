package dev.broadsheet.spring;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.json.jackson3.BroadsheetModule;
import dev.broadsheet.markdown.render.ArticleRenderer;
import dev.broadsheet.server.Authorizer;
import dev.broadsheet.server.ContentApi;
import dev.broadsheet.spi.ArticleStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Broadsheet in a Spring Boot application, from {@link BroadsheetProperties}: an {@link
 * ArticleStore} over {@code broadsheet.content.path}, the {@link ArticleRepository}, an {@link
 * ArticleRenderer}, the {@link ContentApi} mapped in the servlet container under {@code
 * broadsheet.api.base-path}, a Jackson 3 {@link BroadsheetModule} for the application's own
 * JSON, and, with Actuator, a health indicator named {@code broadsheet}.
 *
 * <pre>{@code
 * # application.properties
 * broadsheet.content.path=content
 * broadsheet.api.base-path=/content        # GET /content/articles?category=SPORTS
 *
 * @Controller
 * class Front {
 *   private final ArticleRepository articles;               // the starter's, injected
 *   Front(ArticleRepository articles) { this.articles = articles; }
 * }
 * }</pre>
 *
 * <p>Every bean backs off when the application defines its own of the same type: an {@code
 * ArticleStore} (a PostgreSQL store, say) is indexed by the starter's repository; an {@code
 * ArticleRepository} replaces the store and repository; a {@code ContentApi} is mapped as it is.
 * The servlet registration is the bean named {@code broadsheetContentServlet}. A bean of type
 * {@link Authorizer} replaces the preview and write tokens with the application's own security
 * (Spring Security's, say): it decides, per request, who may preview and write. A {@link Clock}
 * bean is the clock of the repository and the API.
 *
 * <p>The API is the {@code ContentServlet} registered beside Spring MVC's dispatcher, not a
 * handler behind it: the same adapter as in any servlet container, with its base path taken
 * from the servlet's mapping; the application's servlet filters, Spring Security's among them,
 * run before it as before any servlet.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@EnableConfigurationProperties(BroadsheetProperties.class)
public class BroadsheetAutoConfiguration {
  /** The starter's configuration; Spring makes it. */
  public BroadsheetAutoConfiguration() {}

  /**
   * A folder of article files that follows edits; closed with the repository.
   *
   * @throws IOException when the folder cannot be read
   */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean({ArticleStore.class, ArticleRepository.class})
  @ConditionalOnProperty(prefix = "broadsheet.content", name = "path")
  public FileArticleStore broadsheetArticleStore(BroadsheetProperties properties) throws IOException {
    Path path = properties.content().path();
    if (path == null) {
      throw new IllegalStateException("broadsheet.content.path is empty");
    }
    return FileArticleStore.builder(path).build();
  }

  /**
   * The repository over the application's {@link ArticleStore}, or over the folder of {@code
   * broadsheet.content.path}; none without either.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(ArticleStore.class)
  public ArticleRepository broadsheetArticleRepository(ArticleStore store, ObjectProvider<Clock> clock) {
    ArticleRepository.Builder b = ArticleRepository.builder().store(store);
    clock.ifAvailable(b::clock);
    return b.build();
  }

  /** Renders article bodies to safe HTML, for the API's pages and the application's own. */
  @Bean
  @ConditionalOnMissingBean
  public ArticleRenderer broadsheetArticleRenderer() {
    return ArticleRenderer.builder().build();
  }

  /**
   * The content API with the {@code broadsheet.api.*} options, or with the application's {@link
   * Authorizer} in place of the tokens.
   *
   * @throws IllegalStateException when an {@link Authorizer} bean and a token are both set
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(ArticleRepository.class)
  public ContentApi broadsheetContentApi(ArticleRepository repository, ArticleRenderer renderer,
      BroadsheetProperties properties, ObjectProvider<Authorizer> authorizer, ObjectProvider<Clock> clock) {
    BroadsheetProperties.Api api = properties.api();
    ContentApi.Builder b = ContentApi.builder(repository)
        .renderer(renderer)
        .cacheControl(api.cacheControl())
        .corsOrigins(api.corsOrigins())
        .maxBodyBytes(api.maxBodyBytes())
        .maxLimit(api.maxLimit());
    Authorizer own = authorizer.getIfUnique();
    if (own != null) {
      if (api.previewToken() != null || api.writeToken() != null) {
        throw new IllegalStateException("an Authorizer bean decides who may preview and write: "
            + "leave broadsheet.api.preview-token and broadsheet.api.write-token unset");
      }
      b.authorizer(own);
    } else {
      b.previewToken(api.previewToken()).writeToken(api.writeToken());
    }
    clock.ifAvailable(b::clock);
    return b.build();
  }

  /** Broadsheet's JSON for the application's own Jackson 3 mapper: controllers may return articles. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "tools.jackson.databind.json.JsonMapper")
  static class JacksonConfiguration {
    @Bean
    @ConditionalOnMissingBean
    BroadsheetModule broadsheetJacksonModule() {
      return new BroadsheetModule();
    }
  }

}
