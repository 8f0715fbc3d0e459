package dev.broadsheet.spring;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code broadsheet.*} properties of a Spring Boot application:
 *
 * <pre>{@code
 * broadsheet.content.path=content                  # a folder of article files, or
 * broadsheet.postgres.enabled=true                 # PostgreSQL, on spring.datasource.*
 * broadsheet.api.base-path=/content                # GET /content/articles, ...
 * broadsheet.api.preview-token=${BROADSHEET_PREVIEW_TOKEN:}
 * broadsheet.api.write-token=${BROADSHEET_WRITE_TOKEN:}
 * broadsheet.api.cache-control=max-age=60
 * broadsheet.api.cors-origins=https://editor.example.com
 * }</pre>
 *
 * @param content where the articles are: a folder
 * @param postgres where the articles are: a PostgreSQL database
 * @param api the content API in the application's servlet container
 * @since 0.1.0
 */
@ConfigurationProperties("broadsheet")
public record BroadsheetProperties(@DefaultValue Content content, @DefaultValue Postgres postgres,
    @DefaultValue Api api) {
  public BroadsheetProperties {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(postgres, "postgres");
    Objects.requireNonNull(api, "api");
  }

  /**
   * Where the articles are.
   *
   * @param path a folder of article files, served by a {@code FileArticleStore} that follows
   *     edits; unset when the application defines its own {@code ArticleStore} or {@code
   *     ArticleRepository} bean
   */
  public record Content(@Nullable Path path) {}

  /**
   * Articles in PostgreSQL, on the application's {@code DataSource} ({@code
   * spring.datasource.*}), with {@code broadsheet-storage-postgres} on the class path.
   *
   * @param enabled whether the articles are in PostgreSQL; default false
   * @param schema the schema of the tables, made with them on first use; default {@code public}
   */
  public record Postgres(@DefaultValue("false") boolean enabled, @DefaultValue("public") String schema) {}

  /**
   * The content API, mapped as a servlet under {@code basePath}.
   *
   * @param enabled whether the API is mapped at all; default true
   * @param basePath the path the routes hang below; default {@code /content}
   * @param previewToken the bearer token that shows drafts and scheduled articles; empty for none
   * @param writeToken the bearer token that allows writes; empty for none (writes are a 405)
   * @param cacheControl {@code Cache-Control} of public answers; default {@code no-cache}
   * @param corsOrigins origins whose scripts may call the API; default none
   * @param maxBodyBytes the largest request body taken; default 1 MiB
   * @param maxLimit the largest page a request may ask for; default 100
   */
  public record Api(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("/content") String basePath,
      @Nullable String previewToken,
      @Nullable String writeToken,
      @DefaultValue("no-cache") String cacheControl,
      @DefaultValue List<String> corsOrigins,
      @DefaultValue("1048576") int maxBodyBytes,
      @DefaultValue("100") int maxLimit) {
    public Api {
      corsOrigins = List.copyOf(corsOrigins);
      basePath = basePath(basePath);
      previewToken = emptyIsNone(previewToken);
      writeToken = emptyIsNone(writeToken);
    }

    /**
     * {@code /content}: one leading slash, no trailing one. Not the root, where Spring MVC's
     * dispatcher is.
     */
    private static String basePath(String value) {
      String v = value.strip();
      if (v.contains("*") || v.contains("?") || v.contains("#") || v.contains(";")) {
        throw new IllegalArgumentException("broadsheet.api.base-path must be a plain path, was '" + value + "'");
      }
      while (v.endsWith("/")) {
        v = v.substring(0, v.length() - 1);
      }
      if (v.isEmpty()) {
        throw new IllegalArgumentException(
            "broadsheet.api.base-path must not be the root, where Spring MVC's dispatcher is, was '" + value + "'");
      }
      return v.startsWith("/") ? v : "/" + v;
    }

    /** {@code ${BROADSHEET_WRITE_TOKEN:}} without the variable is an empty string: no token. */
    private static @Nullable String emptyIsNone(@Nullable String token) {
      return token == null || token.isEmpty() ? null : token;
    }

    /** The servlet mapping of {@link #basePath}: {@code /content/*}. */
    String servletMapping() {
      return basePath + "/*";
    }
  }
}
