package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aLongLoadOnATerminalShowsItsSecondsThenErasesTheLine() throws Exception {
    try (Progress p = Progress.start("reading content", err, true, Duration.ofMillis(10))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!printed().contains("reading content... ") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }
    assertThat(printed()).startsWith("\r\033[Kreading content... ").matches("(?s).*\\d+\\.\\d s.*").endsWith("\r\033[K");
  }

  @Test
  void aQuickLoadPrintsNothing() throws Exception {
    try (Progress p = Progress.start("reading content", err, true, Duration.ofSeconds(30))) {
      assertThat(p).isNotNull();
    }
    assertThat(printed()).isEmpty();
  }

  @Test
  void withoutATerminalNothingIsEverPrinted() throws Exception {
    try (Progress p = Progress.start("reading content", err, false, Duration.ZERO)) {
      Thread.sleep(300);
    }
    assertThat(printed()).isEmpty();
  }

  @Test
  void aPipeIsNotATerminal() {
    // Surefire redirects the forked JVM's standard error to a pipe, so the commands tested
    // elsewhere never print progress into the output they compare.
    assertThat(Progress.stderrIsTerminal()).isFalse();
  }
}
