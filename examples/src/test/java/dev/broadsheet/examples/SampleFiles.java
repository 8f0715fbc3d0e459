package dev.broadsheet.examples;

import dev.broadsheet.Article;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample articles read straight from their files with the codec, without the repository,
 * so that tests can check what the examples print against an independent answer.
 */
final class SampleFiles {
  /** The sample folder, as the examples find it when run from the module folder. */
  static final Path FOLDER = SampleFolder.of(new String[0]);

  private SampleFiles() {}

  /** Every article file below {@code folder}, its id the path without ".md". */
  static List<Article> read(Path folder) {
    ArticleCodec codec = ArticleCodec.builder().build();
    List<Article> out = new ArrayList<>();
    for (Path file : files(folder)) {
      String relative = folder.relativize(file).toString().replace('\\', '/');
      String id = relative.substring(0, relative.length() - ".md".length());
      try {
        ArticleResult result = codec.read(id, relative, Files.readAllBytes(file));
        if (!result.isValid()) {
          throw new AssertionError(file + " is invalid: " + result.problems());
        }
        out.add(result.article());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** The regular files below {@code folder}, hidden entries aside, in path order. */
  static List<Path> files(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !startsHidden(folder.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean startsHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a reader sees the article at {@code now}: not a draft, published, not expired. */
  static boolean visible(Article a, Instant now) {
    return !a.draft()
        && a.publishedAt() != null && !a.publishedAt().isAfter(now)
        && (a.expiresAt() == null || a.expiresAt().isAfter(now));
  }

  /** The front-page order: sticky weight descending, then newest, then id. */
  static final Comparator<Article> STICKY_FIRST = Comparator.comparingInt(Article::stickyWeight).reversed()
      .thenComparing(Article::publishedAt, Comparator.reverseOrder())
      .thenComparing(Article::id);

  /** Newest first, then id. */
  static final Comparator<Article> NEWEST = Comparator.comparing(Article::publishedAt, Comparator.reverseOrder())
      .thenComparing(Article::id);
}
