package dev.broadsheet.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.server.Authorizer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The application's own security in place of the tokens: Spring Security authenticates (here
 * with Basic authentication), and an {@link Authorizer} bean maps its user to what the API
 * allows, as README.md shows ({@link ReadmeSecurity}).
 */
class SecuredApplicationTest {
  @TempDir Path dir;
  private ConfigurableApplicationContext context;
  private URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  @Import(ReadmeSecurity.class)
  static class App extends TestApplication {

    @Bean
    InMemoryUserDetailsManager users() {
      return new InMemoryUserDetailsManager(
          User.withUsername("ada").password("{noop}ada-pass").roles("EDITOR").build(),
          User.withUsername("bob").password("{noop}bob-pass").roles("READER").build());
    }
  }

  @BeforeEach
  void start() throws IOException {
    TestApplication.write(dir.resolve("content"), "2026/01/harbour-pier", TestApplication.HARBOUR_PIER);
    TestApplication.write(dir.resolve("content"), "2026/01/draft", """
        ---
        title: Not yet
        draft: true
        ---
        Soon.
        """);
    context = new SpringApplicationBuilder(App.class).properties(TestApplication.secured(
        "broadsheet.content.path=" + dir.resolve("content"))).run();
    base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
  }

  @AfterEach
  void stop() {
    context.close();
  }

  private HttpResponse<String> send(String method, String path, String user, String etag) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + user + "-pass").getBytes(StandardCharsets.UTF_8)));
    }
    if (etag != null) {
      b.header("If-Match", etag);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theApplicationsUsersDecideWhoPreviewsAndWrites() throws Exception {
    assertThat(send("GET", "/content/articles/2026/01/harbour-pier", null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/content/articles/2026/01/draft", null, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/content/articles?drafts=only", null, null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/content/articles?drafts=only", "bob", null).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/content/articles?drafts=only", "ada", null).body()).contains("2026/01/draft");

    String etag = send("GET", "/content/articles/2026/01/harbour-pier", null, null).headers()
        .firstValue("ETag").orElseThrow();
    assertThat(send("DELETE", "/content/articles/2026/01/harbour-pier", null, etag).statusCode()).isEqualTo(401);
    assertThat(send("DELETE", "/content/articles/2026/01/harbour-pier", "bob", etag).statusCode()).isEqualTo(403);
    assertThat(send("DELETE", "/content/articles/2026/01/harbour-pier", "ada", etag).statusCode()).isEqualTo(204);
    assertThat(dir.resolve("content/2026/01/harbour-pier.md")).doesNotExist();
  }

  @Test
  void aWrongPasswordIsSpringSecuritysOwnRefusal() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/content/articles"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ada:wrong".getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
  }
}
