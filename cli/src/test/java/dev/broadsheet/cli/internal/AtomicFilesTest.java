package dev.broadsheet.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesTheContentAndLeavesNothingElse() throws IOException {
    Path file = Files.writeString(dir.resolve("a.md"), "old");

    AtomicFiles.write(file, "new".getBytes());

    assertThat(file).hasContent("new");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void createsAFileThatDidNotExist() throws IOException {
    Path file = dir.resolve("new.md");

    AtomicFiles.write(file, "fresh".getBytes());

    assertThat(file).hasContent("fresh");
  }

  @Test
  void replacesTheFileALinkPointsToAndKeepsTheLink() throws IOException {
    Path target = Files.writeString(dir.resolve("target.md"), "old");
    Path link = dir.resolve("link.md");
    try {
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links cannot be created here: " + e);
    }

    AtomicFiles.write(link, "new".getBytes());

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(target).hasContent("new");
  }

  @Test
  void failureLeavesTargetAndNoTemporaryFile() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("taken.md"));
    Files.writeString(folder.resolve("inside.txt"), "x");

    // A non-empty folder cannot be replaced by a file.
    assertThatThrownBy(() -> AtomicFiles.write(folder, "new".getBytes())).isInstanceOf(IOException.class);

    assertThat(folder).isDirectory();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(folder);
    }
  }
}
