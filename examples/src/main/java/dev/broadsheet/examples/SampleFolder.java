package dev.broadsheet.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the example programs find the sample articles. */
final class SampleFolder {
  private SampleFolder() {}

  /**
   * The folder named by the first argument, or else {@code examples/content} (run from the
   * repository root) or {@code content} (run from the examples folder).
   */
  static Path of(String[] args) {
    if (args.length > 0) {
      return Path.of(args[0]);
    }
    for (String candidate : List.of("examples/content", "content")) {
      Path folder = Path.of(candidate);
      if (Files.isDirectory(folder)) {
        return folder;
      }
    }
    throw new IllegalArgumentException("no sample content in examples/content or content under "
        + Path.of("").toAbsolutePath() + "; run from the repository root or pass the folder as the first argument");
  }
}
