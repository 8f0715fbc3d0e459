package dev.broadsheet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.broadsheet.Article;
import dev.broadsheet.server.ContentServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonApiServerTest {
  @Test
  void servesTheSampleContentOverHttp() throws Exception {
    List<String> printed;
    ContentServer.Running[] running = new ContentServer.Running[1];
    printed = Output.of(args -> running[0] = JsonApiServer.start(SampleFiles.FOLDER, 0));
    try (ContentServer.Running server = running[0]) {
      long visible = SampleFiles.read(SampleFiles.FOLDER).stream()
          .filter(a -> SampleFiles.visible(a, Instant.now())).count();
      long sports = SampleFiles.read(SampleFiles.FOLDER).stream()
          .filter(a -> SampleFiles.visible(a, Instant.now()) && "SPORTS".equals(a.category())).count();
      assertThat(printed.get(0)).startsWith("Serving ").endsWith(" articles on " + server.uri());
      assertThat(printed.get(1)).isEqualTo("Try " + server.uri() + "articles?category=SPORTS&limit=3");

      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.uri() + "articles?category=SPORTS&limit=3")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
      JsonNode page = new ObjectMapper().readTree(response.body());
      assertThat(page.get("total").asLong()).isEqualTo(sports).isPositive();
      assertThat(page.get("items")).hasSize((int) Math.min(3, sports));
      for (JsonNode item : page.get("items")) {
        assertThat(item.get("category").asText()).isEqualTo("SPORTS");
        assertThat(item.has("body")).isFalse();
      }

      JsonNode health = new ObjectMapper().readTree(HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.uri() + "health")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      assertThat(health.get("articles").asLong()).isEqualTo(visible);
    }
  }
}
