package dev.broadsheet.spi;

import dev.broadsheet.Problem;
import dev.broadsheet.StoredArticle;
import java.util.List;

/**
 * Everything a store holds: the valid articles, and the problems of what it could not load
 * (which it leaves exactly as it is).
 *
 * @since 0.1.0
 */
public record LoadResult(List<StoredArticle> articles, List<Problem> problems) {
  public LoadResult {
    articles = List.copyOf(articles);
    problems = List.copyOf(problems);
  }
}
