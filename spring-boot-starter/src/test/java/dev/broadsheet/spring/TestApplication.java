package dev.broadsheet.spring;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A Spring Boot application of nothing but auto-configuration, on a random loopback port. */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {
  /** The properties every test application has, and {@code more}. */
  static String[] properties(String... more) {
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
