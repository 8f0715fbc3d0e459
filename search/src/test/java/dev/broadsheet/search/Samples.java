package dev.broadsheet.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The sample articles of this repository, copied where a test may write. */
final class Samples {
  private Samples() {}

  /** The repository root: the nearest folder upwards holding both pom.xml and examples/content. */
  static Path content() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("examples/content"))) {
        return d.resolve("examples/content");
      }
    }
    throw new IllegalStateException("no repository root with examples/content above " + dir);
  }

  /** A copy of the sample articles in {@code into}, without any state folder. */
  static Path copy(Path into) {
    Path from = content();
    try (Stream<Path> files = Files.walk(from)) {
      files.filter(p -> p.toString().endsWith(".md")).forEach(p -> {
        Path to = into.resolve(from.relativize(p).toString());
        try {
          Files.createDirectories(to.getParent());
          Files.copy(p, to);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return into;
  }
}
