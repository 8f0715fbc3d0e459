package dev.broadsheet.bench;

import dev.broadsheet.Article;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The articles of a corpus made by gen-corpus.py, read whole (bodies included), in path order. */
final class SearchData {
  private SearchData() {}

  /** The first {@code count} article files under {@code root}, in path order. */
  static List<Path> files(Path root, int count) throws IOException {
    List<Path> paths;
    try (Stream<Path> s = Files.walk(root)) {
      paths = s.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p)).sorted().limit(count).toList();
    }
    if (paths.size() < count) {
      throw new IllegalStateException("expected " + count + " .md files under " + root + ", found " + paths.size()
          + "; generate them with gen-corpus.py");
    }
    return paths;
  }

  static List<Article> read(Path root, int count) throws IOException {
    List<Path> paths = files(root, count);
    ArticleCodec codec = ArticleCodec.builder().build();
    return paths.parallelStream().map(p -> {
      String rel = root.relativize(p).toString();
      String id = rel.substring(0, rel.length() - 3);
      try {
        ArticleResult r = codec.read(id, rel, Files.readAllBytes(p));
        if (!r.isValid()) {
          throw new IllegalStateException("invalid file in the corpus: " + rel + " " + r.problems());
        }
        return r.article();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).toList();
  }
}
