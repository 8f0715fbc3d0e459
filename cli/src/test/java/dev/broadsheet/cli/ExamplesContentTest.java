package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sample content shipped with the repository must stay valid and round-trip exactly. */
class ExamplesContentTest {
  private final Path content = RepositoryFiles.root().resolve("examples/content");

  @Test
  void everySampleArticleIsValid() {
    Cli.Run run = Cli.run("check", content);

    assertThat(run.out()).endsWith(" invalid\n");
    assertThat(run.outLines()).hasSize(1);
    // As many as dev.broadsheet.examples.SampleContent writes.
    assertThat(run.outLines().get(0)).isEqualTo("66 files, 66 valid, 0 invalid");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void everySampleArticleRoundTripsByteForByte() {
    Cli.Run run = Cli.run("roundtrip", content);

    assertThat(run.outLines()).singleElement().asString().endsWith(" identical, 0 different, 0 unreadable");
    assertThat(run.exitCode()).isZero();
  }
}
