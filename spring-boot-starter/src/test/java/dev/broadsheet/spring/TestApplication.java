package dev.broadsheet.spring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A Spring Boot application of nothing but auto-configuration, on a random loopback port. */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {
  /** A published article, with a comment in its frontmatter, for {@link #write}. */
  static final String HARBOUR_PIER = """
      ---
      title: Harbour pier reopens
      publishedAt: 2026-01-10T08:00:00Z
      category: LOCAL
      tags: [PORT]
      # a comment the file keeps
      ---
      The pier is open again.
      """;

  /** Writes the article {@code id} ({@code 2026/01/harbour-pier}) into the folder {@code content}. */
  static void write(Path content, String id, String text) throws IOException {
    Path file = content.resolve(id + ".md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** Spring Security's auto-configuration, which only {@link SecuredApplicationTest} wants. */
  static final String NO_SECURITY = "spring.autoconfigure.exclude="
      + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
      + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
      + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
      + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
      + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";

  /** The properties every test application has, without Spring Security, and {@code more}. */
  static String[] properties(String... more) {
    List<String> all = new ArrayList<>(List.of(NO_SECURITY));
    all.addAll(List.of(more));
    return secured(all.toArray(String[]::new));
  }

  /** The properties every test application has, Spring Security's auto-configuration included, and {@code more}. */
  static String[] secured(String... more) {
    List<String> all = new ArrayList<>(List.of(
        "server.port=0",
        "server.address=127.0.0.1",
        "spring.main.banner-mode=off",
        "logging.level.root=WARN",
        "management.endpoints.web.exposure.include=health",
        "management.endpoint.health.show-details=always"));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
