package dev.broadsheet;

import java.util.Objects;

/**
 * An article together with the revision it is stored at.
 *
 * @since 0.1.0
 */
public record StoredArticle(Article article, Revision revision) {
  public StoredArticle {
    Objects.requireNonNull(article, "article");
    Objects.requireNonNull(revision, "revision");
  }

  public String id() {
    return article.id();
  }
}
