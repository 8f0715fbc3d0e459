package dev.broadsheet;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An article together with the revision it is stored at. Equal when both are equal.
 *
 * <p>A store that keeps its articles encoded (the file store's metadata snapshot) can hand out
 * {@linkplain #decodedLater stored articles whose article is decoded when first asked for}: a
 * restart then makes no article that no query shows.
 *
 * @since 0.1.0
 */
public final class StoredArticle {
  private final String id;
  private final Revision revision;
  /** Dropped once the article is made, so that what it decodes from can go. */
  private volatile @Nullable Supplier<Article> decoder;
  private volatile @Nullable Article article;

  public StoredArticle(Article article, Revision revision) {
    this.article = Objects.requireNonNull(article, "article");
    this.revision = Objects.requireNonNull(revision, "revision");
    this.id = article.id();
    this.decoder = null;
  }

  private StoredArticle(String id, Revision revision, Supplier<Article> decoder) {
    this.id = Objects.requireNonNull(id, "id");
    this.revision = Objects.requireNonNull(revision, "revision");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /**
   * The article {@code id} at {@code revision}, made by {@code decoder} when {@link #article()}
   * is first called. The decoder must give an article with that id every time it is called
   * (two threads asking at once may both call it, and one result is kept); it should not fail,
   * as the caller of {@link #article()} gets its exception.
   *
   * @throws IllegalStateException from {@link #article()} when the decoder gives no article, or
   *     one with another id
   * @since 0.1.0
   */
  public static StoredArticle decodedLater(String id, Revision revision, Supplier<Article> decoder) {
    return new StoredArticle(id, revision, decoder);
  }

  public Article article() {
    Article a = article;
    if (a != null) {
      return a;
    }
    Supplier<Article> d = decoder;
    if (d == null) {
      // Another thread made it, and wrote it before it dropped the decoder.
      return Objects.requireNonNull(article);
    }
    a = d.get();
    if (a == null || !a.id().equals(id)) {
      throw new IllegalStateException("the article " + id + " decoded as " + (a == null ? "nothing" : a.id()));
    }
    article = a;
    decoder = null;
    return a;
  }

  public Revision revision() {
    return revision;
  }

  /** The article's id, known without decoding it. */
  public String id() {
    return id;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o == this || o instanceof StoredArticle s && id.equals(s.id) && revision.equals(s.revision)
        && article().equals(s.article());
  }

  @Override
  public int hashCode() {
    return 31 * article().hashCode() + revision.hashCode();
  }

  @Override
  public String toString() {
    return "StoredArticle[article=" + article() + ", revision=" + revision + "]";
  }
}
