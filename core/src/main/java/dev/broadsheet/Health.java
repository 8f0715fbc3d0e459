package dev.broadsheet;

import java.util.Objects;

/**
 * How a repository is doing, for a health check: whether its store can still be read, how many
 * articles it holds and how many of the store's files it cannot serve.
 *
 * <pre>{@code
 * Health health = repository.health();
 * if (health.status() != Health.Status.OK) {
 *   System.err.println(health);   // Health[status=DEGRADED, articles=1204, problems=3]
 * }
 * }</pre>
 *
 * @param status whether the repository serves everything, serves with problems, or cannot read
 *     its store
 * @param articles the articles the repository holds, of any visibility, as {@link
 *     ArticleRepository#size()}
 * @param problems how many problems the store reports, as {@link ArticleRepository#problems()}
 * @since 0.1.0
 */
public record Health(Status status, int articles, int problems) {

  public Health {
    Objects.requireNonNull(status, "status");
    if (articles < 0) {
      throw new IllegalArgumentException("articles must not be negative, was " + articles);
    }
    if (problems < 0) {
      throw new IllegalArgumentException("problems must not be negative, was " + problems);
    }
  }

  /**
   * The three answers of a health check.
   *
   * @since 0.1.0
   */
  public enum Status {
    /** The store can be read and holds nothing the repository cannot serve. */
    OK,
    /**
     * The store can be read, but some of what it holds cannot be served (broken files, say):
     * {@link Health#problems()} says how many, {@link ArticleRepository#problems()} which.
     */
    DEGRADED,
    /**
     * The store cannot be read (its folder was deleted, say) or the repository is closed. Queries
     * still answer from the articles the repository last had, but changes are no longer followed.
     */
    DOWN
  }
}
