package dev.broadsheet.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.json.jackson3.BroadsheetModule;
import dev.broadsheet.markdown.render.ArticleRenderer;
import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.server.ApiRequest;
import dev.broadsheet.server.ApiResponse;
import dev.broadsheet.server.Authorizer;
import dev.broadsheet.server.ContentApi;
import dev.broadsheet.servlet.ContentServlet;
import dev.broadsheet.spi.ArticleStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the starter declares from properties, and how each bean backs off for the application's own. */
class BroadsheetAutoConfigurationTest {
  private static final AutoConfigurations STARTER = AutoConfigurations.of(BroadsheetAutoConfiguration.class,
      BroadsheetServletAutoConfiguration.class, BroadsheetHealthAutoConfiguration.class);
  static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

  private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(STARTER);

  @TempDir Path dir;

  /** A content folder with one published article. */
  private String contentPath() throws IOException {
    TestApplication.write(dir.resolve("content"), "2026/01/harbour-pier", TestApplication.HARBOUR_PIER);
    return "broadsheet.content.path=" + dir.resolve("content");
  }

  private static ApiResponse get(ContentApi api, String path) {
    return api.handle(ApiRequest.builder("GET", path).build());
  }

  @Test
  void declaresEveryBeanFromTheContentPath() throws IOException {
    web.withPropertyValues(contentPath(), "broadsheet.api.base-path=/news-api/").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(FileArticleStore.class).hasSingleBean(ArticleRepository.class)
          .hasSingleBean(ArticleRenderer.class).hasSingleBean(ContentApi.class)
          .hasSingleBean(BroadsheetModule.class).hasBean("broadsheetHealthIndicator");
      assertThat(context.getBean(ArticleRepository.class).get("2026/01/harbour-pier")).isPresent();
      ServletRegistrationBean<?> servlet = context.getBean("broadsheetContentServlet", ServletRegistrationBean.class);
      assertThat(servlet.getUrlMappings()).containsExactly("/news-api/*");
      assertThat(((ContentServlet) servlet.getServlet()).api()).isSameAs(context.getBean(ContentApi.class));
      assertThat(get(context.getBean(ContentApi.class), "/articles").status()).isEqualTo(200);
    });
  }

  @Test
  void declaresNothingToServeWithoutContent() {
    web.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(ArticleStore.class).doesNotHaveBean(ArticleRepository.class)
          .doesNotHaveBean(ContentApi.class).doesNotHaveBean("broadsheetContentServlet")
          .doesNotHaveBean("broadsheetHealthIndicator");
      assertThat(context).hasSingleBean(ArticleRenderer.class).hasSingleBean(BroadsheetModule.class);
    });
  }

  @Test
  void indexesTheApplicationsOwnStore() {
    web.withBean(ArticleStore.class, () -> new InMemoryArticleStore(List.of(article("2026/01/own"))))
        .run(context -> {
          assertThat(context).doesNotHaveBean(FileArticleStore.class);
          assertThat(context.getBean(ArticleRepository.class).get("2026/01/own")).isPresent();
          assertThat(context).hasBean("broadsheetContentServlet");
        });
  }

  @Test
  void servesTheApplicationsOwnRepositoryWithoutAStoreOfItsOwn() throws IOException {
    ArticleRepository own = ArticleRepository.builder()
        .store(new InMemoryArticleStore(List.of(article("2026/01/own")))).build();
    web.withPropertyValues(contentPath()).withBean(ArticleRepository.class, () -> own).run(context -> {
      assertThat(context).doesNotHaveBean(ArticleStore.class);
      assertThat(context.getBean(ArticleRepository.class)).isSameAs(own);
      assertThat(get(context.getBean(ContentApi.class), "/articles/2026/01/own").status()).isEqualTo(200);
    });
  }

  @Test
  void mapsTheApplicationsOwnApi() throws IOException {
    ArticleRepository repo = ArticleRepository.builder()
        .store(new InMemoryArticleStore(List.of(article("2026/01/own")))).build();
    ContentApi own = ContentApi.builder(repo).build();
    web.withPropertyValues(contentPath()).withBean(ContentApi.class, () -> own).run(context -> {
      assertThat(context.getBean(ContentApi.class)).isSameAs(own);
      ServletRegistrationBean<?> servlet = context.getBean("broadsheetContentServlet", ServletRegistrationBean.class);
      assertThat(((ContentServlet) servlet.getServlet()).api()).isSameAs(own);
    });
  }

  @Test
  void backsOffForTheApplicationsRendererModuleServletAndHealthIndicator() throws IOException {
    ArticleRenderer renderer = ArticleRenderer.builder().maximumSize(3).build();
    BroadsheetModule module = BroadsheetModule.builder()
        .bodies(dev.broadsheet.json.BroadsheetModule.Bodies.OMIT).build();
    web.withPropertyValues(contentPath()).withUserConfiguration(OwnBeans.class)
        .withBean(ArticleRenderer.class, () -> renderer).withBean(BroadsheetModule.class, () -> module)
        .run(context -> {
          assertThat(context.getBean(ArticleRenderer.class)).isSameAs(renderer);
          assertThat(context.getBean(BroadsheetModule.class)).isSameAs(module);
          assertThat(context.getBean("broadsheetContentServlet", ServletRegistrationBean.class).getUrlMappings())
              .containsExactly("/own/*");
          assertThat(context.getBean("broadsheetHealthIndicator", HealthIndicator.class).health().getStatus())
              .isEqualTo(Status.OUT_OF_SERVICE);
        });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    @Bean
    ServletRegistrationBean<ContentServlet> broadsheetContentServlet(ContentApi api) {
      return new ServletRegistrationBean<>(new ContentServlet(api), "/own/*");
    }

    @Bean
    HealthIndicator broadsheetHealthIndicator() {
      return () -> org.springframework.boot.health.contributor.Health.outOfService().build();
    }
  }

  @Test
  void anAuthorizerBeanReplacesTheTokens() {
    Authorizer editors = request -> request.header("X-Editor").isPresent()
        ? Authorizer.Decision.authenticated(Authorizer.Permission.PREVIEW, Authorizer.Permission.WRITE)
        : Authorizer.Decision.anonymous();
    web.withBean(ArticleStore.class, () -> new InMemoryArticleStore(List.of(article("2026/01/own"))))
        .withBean(Authorizer.class, () -> editors)
        .run(context -> {
          ContentApi api = context.getBean(ContentApi.class);
          ApiRequest delete = ApiRequest.builder("DELETE", "/articles/2026/01/own").header("If-Match", "*").build();
          assertThat(api.handle(delete).status()).isEqualTo(401);
          String etag = get(api, "/articles/2026/01/own").header("ETag").orElseThrow();
          ApiRequest byEditor = ApiRequest.builder("DELETE", "/articles/2026/01/own")
              .header("X-Editor", "yes").header("If-Match", etag).build();
          assertThat(api.handle(byEditor).status()).isEqualTo(204);
        });
  }

  @Test
  void refusesAnAuthorizerBeanBesideAToken() {
    web.withBean(ArticleStore.class, InMemoryArticleStore::new)
        .withBean(Authorizer.class, () -> request -> Authorizer.Decision.anonymous())
        .withPropertyValues("broadsheet.api.write-token=s3cret-write")
        .run(context -> assertThat(context).getFailure().rootCause().hasMessage(
            "an Authorizer bean decides who may preview and write: "
                + "leave broadsheet.api.preview-token and broadsheet.api.write-token unset"));
  }

  @Test
  void takesTokensCacheControlCorsAndLimitsFromProperties() {
    web.withBean(ArticleStore.class, () -> new InMemoryArticleStore(List.of(article("2026/01/own"))))
        .withPropertyValues("broadsheet.api.preview-token=s3cret-preview", "broadsheet.api.write-token=",
            "broadsheet.api.cache-control=max-age=60", "broadsheet.api.cors-origins=https://editor.example.com",
            "broadsheet.api.max-limit=50", "broadsheet.api.max-body-bytes=10")
        .run(context -> {
          ContentApi api = context.getBean(ContentApi.class);
          ApiResponse list = api.handle(ApiRequest.builder("GET", "/articles")
              .header("Origin", "https://editor.example.com").build());
          assertThat(list.status()).as(new String(list.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
          assertThat(list.header("Cache-Control")).contains("max-age=60");
          assertThat(list.header("Access-Control-Allow-Origin")).contains("https://editor.example.com");
          assertThat(api.handle(ApiRequest.builder("GET", "/articles").query("limit=51").build()).status())
              .isEqualTo(400);
          assertThat(api.handle(ApiRequest.builder("GET", "/articles").query("drafts=include")
              .header("Authorization", "Bearer s3cret-preview").build()).status()).isEqualTo(200);
          // An empty write token is none: writes are not offered.
          assertThat(api.handle(ApiRequest.builder("POST", "/articles").build()).status()).isEqualTo(405);
        });
  }

  @Test
  void aClockBeanIsTheClockOfRepositoryAndApi() {
    Article scheduled = Article.builder("2026/06/later").title("Later")
        .publishedAt(Instant.parse("2026-06-01T00:00:00Z")).body("").build();
    web.withBean(ArticleStore.class, () -> new InMemoryArticleStore(List.of(scheduled)))
        .withBean(Clock.class, () -> Clock.fixed(Instant.parse("2026-07-01T00:00:00Z"), ZoneOffset.UTC))
        .run(context -> assertThat(get(context.getBean(ContentApi.class), "/articles/2026/06/later").status())
            .isEqualTo(200));
    web.withBean(ArticleStore.class, () -> new InMemoryArticleStore(List.of(scheduled)))
        .withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC))
        .run(context -> assertThat(get(context.getBean(ContentApi.class), "/articles/2026/06/later").status())
            .isEqualTo(404));
  }

  @Test
  void theApiCanBeLeftUnmapped() throws IOException {
    web.withPropertyValues(contentPath(), "broadsheet.api.enabled=false").run(context -> {
      assertThat(context).hasSingleBean(ContentApi.class);
      assertThat(context).doesNotHaveBean("broadsheetContentServlet");
    });
  }

  @Test
  void mapsNoServletOutsideAServletWebApplication() throws IOException {
    new ApplicationContextRunner().withConfiguration(STARTER).withPropertyValues(contentPath()).run(context -> {
      assertThat(context).hasSingleBean(ContentApi.class);
      assertThat(context).doesNotHaveBean("broadsheetContentServlet");
    });
  }

  @Test
  void refusesTheRootAsBasePath() throws IOException {
    web.withPropertyValues(contentPath(), "broadsheet.api.base-path=/").run(context ->
        assertThat(context).getFailure().rootCause().hasMessage(
            "broadsheet.api.base-path must not be the root, where Spring MVC's dispatcher is, was '/'"));
  }

  @Test
  void healthIsUpWithTheRepositorysCountsAndDownWhenTheFolderIsGone() throws IOException {
    web.withPropertyValues(contentPath()).run(context -> {
      org.springframework.boot.health.contributor.Health up =
          context.getBean("broadsheetHealthIndicator", HealthIndicator.class).health();
      assertThat(up.getStatus()).isEqualTo(Status.UP);
      assertThat(up.getDetails()).containsEntry("status", "ok").containsEntry("articles", 1)
          .containsEntry("problems", 0);
      deleteRecursively(dir.resolve("content"));
      org.springframework.boot.health.contributor.Health down =
          context.getBean("broadsheetHealthIndicator", HealthIndicator.class).health();
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(down.getDetails()).containsEntry("status", "down");
    });
  }

  @Test
  void closesTheRepositoryAndItsStoreWithTheContext() throws IOException {
    ArticleRepository[] seen = new ArticleRepository[1];
    web.withPropertyValues(contentPath()).run(context -> seen[0] = context.getBean(ArticleRepository.class));
    assertThat(seen[0].health().status()).isEqualTo(dev.broadsheet.Health.Status.DOWN); // closed
  }

  static Article article(String id) {
    return Article.builder(id).title("Own " + id).publishedAt(Instant.parse("2026-01-05T00:00:00Z")).body("x").build();
  }

  /**
   * Deletes {@code root} and everything below, walking again while the running store writes a
   * file into its state folder meanwhile (its snapshot, written soon after it loads).
   */
  private static void deleteRecursively(Path root) throws IOException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (var paths = Files.walk(root)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException
          | java.io.UncheckedIOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }
}
