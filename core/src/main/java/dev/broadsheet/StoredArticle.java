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
  private final Revision revision;
  /**
   * The article, or while it is still to be decoded its id and decoder ({@link Pending}): one
   * field, so that a stored article that was made whole or has been decoded holds nothing else
   * (a repository keeps one for each article).
   */
  private volatile Object state;

  /** An article's id and its decoder, until the article is made. */
  private record Pending(String id, Supplier<Article> decoder) {}

  public StoredArticle(Article article, Revision revision) {
    this.state = Objects.requireNonNull(article, "article");
    this.revision = Objects.requireNonNull(revision, "revision");
  }

  private StoredArticle(String id, Revision revision, Supplier<Article> decoder) {
    this.state = new Pending(Objects.requireNonNull(id, "id"), Objects.requireNonNull(decoder, "decoder"));
    this.revision = Objects.requireNonNull(revision, "revision");
  }

  /**
   * The article {@code id} at {@code revision}, made by {@code decoder} when {@link #article()}
   * is first called; the decoder is let go once it has made the article. It must give an
   * article with that id every time it is called (two threads asking at once may both call it,
   * and one result is kept); it should not fail, as the caller of {@link #article()} gets its
   * exception.
   *
   * @throws IllegalStateException from {@link #article()} when the decoder gives no article, or
   *     one with another id
   * @since 0.1.0
   */
  public static StoredArticle decodedLater(String id, Revision revision, Supplier<Article> decoder) {
    return new StoredArticle(id, revision, decoder);
  }

  public Article article() {
    Object s = state;
    if (s instanceof Article a) {
      return a;
    }
    Pending p = (Pending) s;
    Article a = p.decoder().get();
    if (a == null || !a.id().equals(p.id())) {
      throw new IllegalStateException("the article " + p.id() + " decoded as " + (a == null ? "nothing" : a.id()));
    }
    state = a;
    return a;
  }

  public Revision revision() {
    return revision;
  }

  /** The article's id, known without decoding it. */
  public String id() {
    Object s = state;
    return s instanceof Article a ? a.id() : ((Pending) s).id();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o == this || o instanceof StoredArticle s && id().equals(s.id()) && revision.equals(s.revision)
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
