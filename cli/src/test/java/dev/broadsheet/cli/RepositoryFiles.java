package dev.broadsheet.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of this repository from wherever the tests run (the module folder, usually). */
final class RepositoryFiles {
  private RepositoryFiles() {}

  /** The repository root: the nearest folder upwards holding both pom.xml and examples/content. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("examples/content"))) {
        return d;
      }
    }
    throw new IllegalStateException("no repository root with examples/content above " + dir);
  }
}
