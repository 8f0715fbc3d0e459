package dev.broadsheet.spi;

import dev.broadsheet.Problem;
import dev.broadsheet.StoredArticle;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A change a store saw happen outside the repository: an article created or updated ({@code
 * stored} set), deleted ({@code stored} null, no problems), or turned invalid ({@code stored}
 * null, with the problems that make it so).
 *
 * @since 0.1.0
 */
public record StoreChange(String id, @Nullable StoredArticle stored, List<Problem> problems) {
  public StoreChange {
    Objects.requireNonNull(id, "id");
    problems = List.copyOf(problems);
  }

  /**
   * An article created or changed. The article is whole, also from stores with {@link
   * ArticleStore#partialArticles()}: listeners receive it as it is.
   */
  public static StoreChange upsert(StoredArticle stored) {
    return new StoreChange(stored.id(), stored, List.of());
  }

  public static StoreChange deleted(String id) {
    return new StoreChange(id, null, List.of());
  }

  public static StoreChange invalid(String id, List<Problem> problems) {
    return new StoreChange(id, null, problems);
  }
}
