package dev.broadsheet.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  /**
   * Starts {@code children}, lets them all go at once when each has said {@code ready}, and
   * returns the line each then prints, after it exited with 0 within 100 s.
   */
  static List<String> runTogether(List<ProcessBuilder> children) throws Exception {
    List<Process> started = new ArrayList<>();
    List<BufferedReader> outputs = new ArrayList<>();
    for (ProcessBuilder b : children) {
      Process p = b.start();
      started.add(p);
      outputs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
    }
    for (BufferedReader out : outputs) {
      assertThat(out.readLine()).isEqualTo("ready");
    }
    for (Process p : started) {
      p.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().flush();
    }
    List<String> done = new ArrayList<>();
    for (int c = 0; c < started.size(); c++) {
      done.add(outputs.get(c).readLine());
      assertThat(started.get(c).waitFor(100, TimeUnit.SECONDS)).isTrue();
      assertThat(started.get(c).exitValue()).isZero();
    }
    return done;
  }

  /** In a child run by {@link #runTogether}: says it is ready, then waits to be let go. */
  static void readyThenWait() throws IOException {
    System.out.println("ready");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
  }
}
