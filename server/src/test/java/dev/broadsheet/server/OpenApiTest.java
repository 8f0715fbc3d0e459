package dev.broadsheet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleField;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.QueryOption;
import dev.broadsheet.memory.InMemoryArticleStore;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAPI document: valid by the reference parser, and the same routes as the API dispatches. */
class OpenApiTest {
  private final JsonNode doc = ApiClient.parse(new String(OpenApi.json("/api"), StandardCharsets.UTF_8));

  @Test
  void isValidOpenApi31ByTheReferenceParser() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser()
        .readContents(new String(OpenApi.json("/api"), StandardCharsets.UTF_8), null, options);

    assertThat(result.getMessages()).isEmpty();
    OpenAPI api = result.getOpenAPI();
    assertThat(api.getOpenapi()).isEqualTo("3.1.0");
    assertThat(api.getServers().get(0).getUrl()).isEqualTo("/api");
    assertThat(api.getPaths().get("/articles/{id}").getPut().getRequestBody().getContent())
        .containsOnlyKeys("application/json");
    assertThat(api.getPaths().get("/articles/{id}").getPatch().getRequestBody().getContent())
        .containsOnlyKeys("application/merge-patch+json");
  }

  @Test
  void describesEveryRouteTheApiDispatchesAndNoOther() {
    Set<String> routes = new HashSet<>();
    for (Route r : Route.values()) {
      routes.add(r.method + " " + r.path.template);
    }
    Set<String> described = new HashSet<>();
    doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
      if (!m.equals("options") && !m.equals("parameters")) {
        described.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
      }
    }));
    assertThat(described).isEqualTo(routes);
    // And each path the document names is one the API routes, OPTIONS on every one.
    for (Route.Path path : Route.Path.values()) {
      assertThat(Route.match(example(path.template))).extracting(Route.Match::path).isEqualTo(path);
      assertThat(doc.get("paths").get(path.template).has("options")).isTrue();
    }
  }

  @Test
  void everyDescribedOperationIsAnsweredByItsRouteNotRefusedAsUnknown() {
    ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore()).build();
    repo.save(Article.builder("a/b").title("T").publishedAt(Instant.parse("2026-01-01T00:00:00Z")).category("CITY")
        .tags("CITY").build());
    ContentApi api = ContentApi.builder(repo).writeToken("w")
        .feeds(dev.broadsheet.feeds.NewsFeeds.builder("https://news.example.com").build()).build();
    List<String> refused = new ArrayList<>();
    doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
      if (m.equals("parameters")) {
        return;
      }
      String path = example(p.getKey());
      ApiResponse r = api.handle(ApiRequest.builder(m.toUpperCase(Locale.ROOT), path)
          .header("Authorization", "Bearer w").build());
      // A sitemap of one page has no pages: /sitemap-1.xml is then a 404 of its own route.
      if (r.status() == 405 || r.status() == 404 && !path.startsWith("/articles/") && !path.startsWith("/sitemap-")) {
        refused.add(m + " " + path + ": " + r.status());
      }
    }));
    api.closeEventStreams();
    assertThat(refused).isEmpty();
  }

  @Test
  void takesTheQueryOptionsEachRouteTakes() {
    for (Route r : Route.values()) {
      Set<String> params = new HashSet<>();
      JsonNode list = doc.get("paths").get(r.path.template).get(r.method.toLowerCase(Locale.ROOT)).path("parameters");
      list.forEach(p -> {
        if (p.get("in").asText().equals("query")) {
          params.add(p.get("name").asText());
        }
      });
      for (QueryOption o : r.options) {
        assertThat(params).as(r + " takes " + o.key()).contains(o.key());
      }
    }
  }

  @Test
  void hasOneSchemaForEveryProblemType() throws Exception {
    Set<String> types = new HashSet<>();
    for (Class<?> c : List.of(Problems.class, Changes.class)) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
          f.setAccessible(true);
          String v = (String) f.get(null);
          if (v.startsWith("https://broadsheet.dev/problems/")) {
            types.add(v);
          }
        }
      }
    }
    Set<String> described = new HashSet<>();
    doc.get("components").get("schemas").forEach(s -> {
      JsonNode own = s.path("allOf").path(1).path("properties").path("type").path("const");
      if (!own.isMissingNode()) {
        described.add(own.asText());
      }
    });
    assertThat(types).hasSize(7);
    assertThat(described).containsAll(types).contains("about:blank").hasSize(types.size() + 1);
  }

  @Test
  void describesEveryArticleFieldByItsType() {
    JsonNode props = doc.at("/components/schemas/Article/properties");
    for (ArticleField f : ArticleField.topLevel()) {
      assertThat(props.has(f.key())).as(f.key()).isTrue();
    }
    assertThat(props.at("/publishedAt/format").asText()).isEqualTo("date-time");
    assertThat(props.at("/tags/items/type").asText()).isEqualTo("string");
    assertThat(props.at("/source/properties/key/type").asText()).isEqualTo("string");
    assertThat(doc.at("/components/schemas/ArticleSummary/properties").has("body")).isFalse();
  }

  @Test
  void listsTheAnswersOfAWrite() {
    JsonNode put = doc.at("/paths/~1articles~1{id}/put/responses");
    List<String> statuses = new ArrayList<>();
    put.fieldNames().forEachRemaining(statuses::add);
    assertThat(statuses).contains("200", "201", "400", "401", "403", "405", "412", "413", "415", "422", "428");
    assertThat(put.at("/412/content/application~1problem+json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/RevisionMismatchProblem");
    assertThat(put.at("/400/content/application~1problem+json/schema/anyOf")).hasSize(3);
  }

  /** A path of {@code template} with {@code {id}} filled in. */
  private static String example(String template) {
    return template.replace("{id}", "a/b").replace("{key}", "city").replace("{format}", "rss").replace("{page}", "1");
  }
}
