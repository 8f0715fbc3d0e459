package dev.broadsheet;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One match of a query with {@linkplain ArticleQuery#text() text}: the article, its score
 * (higher is better; comparable within one search only) and the passage that matched best.
 *
 * <pre>{@code
 * for (SearchHit hit : repo.search(ArticleQuery.builder().text("harbour ferry").build()).items()) {
 *   System.out.println(hit.article().title() + "  " + hit.snippet().orElse(""));
 * }
 * }</pre>
 *
 * @param snippetHtml safe HTML: the best passage with matched words in {@code <mark>} and
 *     everything else escaped; null when the words matched only outside the body and description
 *     (in the title or tags, say)
 * @since 0.1.0
 */
public record SearchHit(Article article, float score, @Nullable String snippetHtml) {
  public SearchHit {
    Objects.requireNonNull(article, "article");
  }

  /** {@link #snippetHtml()}, if there is one. */
  public Optional<String> snippet() {
    return Optional.ofNullable(snippetHtml);
  }
}
