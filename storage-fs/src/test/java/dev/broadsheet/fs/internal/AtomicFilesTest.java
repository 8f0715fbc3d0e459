package dev.broadsheet.fs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
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
  void replacesALinkAtTheTargetInsteadOfFollowingIt() throws IOException {
    Path target = Files.writeString(dir.resolve("target.md"), "old");
    Path link = dir.resolve("link.md");
    try {
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links cannot be created here: " + e);
    }

    AtomicFiles.write(link, "new".getBytes());

    assertThat(Files.isSymbolicLink(link)).isFalse();
    assertThat(link).hasContent("new");
    assertThat(target).as("what the link pointed to is never written").hasContent("old");
  }

  @Test
  void anExistingFileKeepsItsPermissions() throws IOException {
    Path file = Files.writeString(dir.resolve("a.md"), "old");
    assumeTrue(Files.getFileAttributeView(file, PosixFileAttributeView.class) != null, "no POSIX permissions here");
    Set<PosixFilePermission> odd = PosixFilePermissions.fromString("rw-r-----");
    Files.setPosixFilePermissions(file, odd);

    AtomicFiles.write(file, "new".getBytes());

    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(odd);
    assertThat(file).hasContent("new");
  }

  @Test
  void aTemporaryFileIsRemovedOnlyWhenNoWriterHoldsIt() throws Exception {
    Path target = dir.resolve("a.md");
    java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch goOn = new java.util.concurrent.CountDownLatch(1);
    Thread writer = new Thread(() -> {
      try {
        AtomicFiles.replace(target, out -> {
          writing.countDown();
          try {
            goOn.await();
          } catch (InterruptedException e) {
            throw new IOException(e);
          }
          out.write("done".getBytes());
        });
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();
    writing.await();
    Path temp;
    try (Stream<Path> files = Files.list(dir)) {
      temp = files.filter(p -> AtomicFiles.isTemp(p.getFileName().toString())).findFirst().orElseThrow();
    }
    assertThat(AtomicFiles.removeIfAbandoned(temp)).as("a live writer's").isFalse();
    goOn.countDown();
    writer.join();
    assertThat(target).hasContent("done");

    Path leftover = Files.writeString(dir.resolve(".b.md" + AtomicFiles.TEMP_MARKER + "0123456789abcdef"), "half");
    assertThat(AtomicFiles.removeIfAbandoned(leftover)).as("a dead writer's").isTrue();
    assertThat(leftover).doesNotExist();
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
