package dev.broadsheet.cli;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Problem;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A content folder opened as an {@link ArticleRepository}: every article file is read with the
 * codec, with the ids and walking rules of {@code check}, and the valid ones are indexed.
 * Files that cannot be read or are invalid are skipped and reported as problems, so one bad
 * file never hides the others.
 *
 * <p>This is the only place the commands learn where articles come from; a store that reads
 * the folder itself can take its place without changing them.
 */
final class ContentRepository {

  /** The repository over the folder's valid articles, and the problems of every file skipped. */
  record Opened(ArticleRepository repository, List<Problem> problems) {}

  /** The largest page a query may ask for. */
  static final int MAX_PAGE_SIZE = 1000;

  private ContentRepository() {}

  /** Reads every article file below {@code folder}; never throws for a bad file. */
  static Opened open(Path folder) {
    ArticleCodec codec = ArticleCodec.builder().build();
    Map<String, Article> articles = new LinkedHashMap<>();
    Map<String, String> displays = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (ContentFiles.Entry entry : ContentFiles.collect(List.of(folder))) {
      if (entry.error() != null) {
        problems.add(ContentFiles.fileProblem(entry.display(), "io", entry.error()));
        continue;
      }
      Article article = read(codec, entry, problems);
      if (article == null) {
        continue;
      }
      String other = displays.putIfAbsent(article.id(), entry.display());
      if (other != null) {
        // Two files (a.md and a.markdown) give the same id; keeping either silently would hide the other.
        problems.add(ContentFiles.fileProblem(entry.display(), "duplicate-id",
            "id '" + article.id() + "' is also the id of " + other + "; this file is skipped"));
        continue;
      }
      articles.put(article.id(), article);
    }
    ArticleRepository repository = ArticleRepository.builder()
        .store(new InMemoryArticleStore(List.copyOf(articles.values())))
        .maxPageSize(MAX_PAGE_SIZE)
        .build();
    problems.addAll(repository.problems());
    return new Opened(repository, List.copyOf(problems));
  }

  private static @Nullable Article read(ArticleCodec codec, ContentFiles.Entry entry, List<Problem> problems) {
    byte[] bytes;
    try {
      bytes = ContentFiles.read(entry.path());
    } catch (IOException e) {
      problems.add(ContentFiles.fileProblem(entry.display(), "io", "cannot read file: " + e.getMessage()));
      return null;
    }
    ArticleResult result;
    try {
      result = codec.read(entry.id(), entry.display(), bytes);
    } catch (RuntimeException e) {
      // The codec reports bad input as problems; anything thrown is a defect, shown briefly
      // so that one file cannot end the query of all the others.
      problems.add(ContentFiles.fileProblem(entry.display(), "internal", "internal error reading this file: " + e));
      return null;
    }
    problems.addAll(result.problems());
    if (!result.isValid()) {
      if (result.problems().stream().noneMatch(Problem::isError)) {
        problems.add(ContentFiles.fileProblem(entry.display(), "internal", "the file could not be read as an article"));
      }
      return null;
    }
    return result.article();
  }
}
