package dev.broadsheet.fs;

import dev.broadsheet.Article;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Small helpers shared by the store's tests. */
final class TestFiles {
  private TestFiles() {}

  /** A valid article file with this title and body. */
  static String article(String title, String body) {
    return article(title, "CITY", body);
  }

  /** A valid article file with this title, category and body. */
  static String article(String title, String category, String body) {
    return """
        ---
        title: %s
        publishedAt: '2026-01-02T08:00:00.000Z'
        category: %s
        ---
        %s""".formatted(title, category, body);
  }

  static Article sample(String id, String title, String body) {
    return Article.builder(id)
        .title(title)
        .publishedAt(Instant.parse("2026-01-02T08:00:00Z"))
        .category("CITY")
        .body(body)
        .build();
  }

  static Path write(Path root, String relative, String text) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  /** Waits until {@code condition} holds; fails after {@code seconds}. */
  static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s: " + what);
      }
      Thread.sleep(20);
    }
  }

  /** A child JVM running {@code main} with this JVM's class path. */
  static ProcessBuilder childJvm(Class<?> main, String... args) {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(
        javaBin, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        main.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
  }
}
