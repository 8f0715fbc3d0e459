package dev.broadsheet.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.server.Authorizer;
import dev.broadsheet.server.Authorizer.Decision;
import dev.broadsheet.server.Authorizer.Permission;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application's own security in place of the tokens: Spring Security authenticates (here
 * with Basic authentication), and an {@link Authorizer} bean maps its user to what the API allows.
 */
class SecuredApplicationTest {
  @TempDir Path dir;
  private ConfigurableApplicationContext context;
  private URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  static class App extends TestApplication {
    // README example begins
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
      return http
          .authorizeHttpRequests(requests -> requests.anyRequest().permitAll()) // the API decides per route
          .httpBasic(Customizer.withDefaults())                                 // or your login, OAuth2, ...
          .csrf(csrf -> csrf.ignoringRequestMatchers("/content/**"))           // API clients send no CSRF token
          .build();
    }

    @Bean
    Authorizer broadsheetAuthorizer() {                  // replaces broadsheet.api.*-token
      return request -> {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || user instanceof AnonymousAuthenticationToken) {
          return Decision.anonymous();                   // the public: 401 on previews and writes
        }
        boolean editor = user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_EDITOR"));
        return editor ? Decision.authenticated(Permission.PREVIEW, Permission.WRITE)
            : Decision.authenticated();                  // known, but 403 on previews and writes
      };
    }
    // README example ends

    @Bean
    InMemoryUserDetailsManager users() {
      return new InMemoryUserDetailsManager(
          User.withUsername("ada").password("{noop}ada-pass").roles("EDITOR").build(),
          User.withUsername("bob").password("{noop}bob-pass").roles("READER").build());
    }
  }

  @BeforeEach
  void start() throws IOException {
    Path file = dir.resolve("content/2026/01/harbour-pier.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        ---
        title: Harbour pier reopens
        publishedAt: 2026-01-10T08:00:00Z
        ---
        The pier is open again.
        """);
    Files.writeString(dir.resolve("content/2026/01/draft.md"), """
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
