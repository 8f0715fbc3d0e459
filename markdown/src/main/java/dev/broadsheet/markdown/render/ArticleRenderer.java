package dev.broadsheet.markdown.render;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.broadsheet.Article;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Renders articles and keeps the results, so a page served many times is rendered once per
 * revision.
 *
 * <pre>{@code
 * ArticleRenderer articles = ArticleRenderer.builder()
 *     .renderer(MarkdownRenderer.builder().lazyImages(true).build())
 *     .maximumSize(5_000)
 *     .build();
 * StoredArticle stored = repository.find("2026/02/harbour-pier").orElseThrow();
 * RenderedArticle view = articles.render(stored);  // rendered
 * articles.render(stored);                         // from the cache
 * articles.stats();                                // Stats[hits=1, misses=1, evictions=0, size=1]
 * }</pre>
 *
 * <p>The cache holds one rendering per article id, with the revision and body it was made
 * from. {@link #render(StoredArticle)} serves it only when both are the ones asked for, so a
 * saved edit (a new revision) is rendered afresh on the next call and never served stale; the
 * older rendering is replaced. Pass a {@code StoredArticle} that carries its body, as {@link
 * dev.broadsheet.ArticleRepository#find(String)} returns it (the repository fetches whole
 * articles from stores that keep them out of memory); the partial articles a store's {@code
 * loadAll()} returns with {@code partialArticles()} have empty bodies and render as empty pages.
 *
 * <p>Thread-safe. Two threads asking for a revision nobody rendered yet render it once.
 *
 * @since 0.1.0
 */
public final class ArticleRenderer {
  private static final long DEFAULT_MAXIMUM_SIZE = 1_000;

  private final MarkdownRenderer renderer;
  private final Cache<String, Entry> cache;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder evictions = new LongAdder();

  private ArticleRenderer(Builder b) {
    this.renderer = b.renderer;
    Caffeine<Object, Object> caffeine = Caffeine.newBuilder();
    if (b.maximumBytes >= 0) {
      caffeine.maximumWeight(b.maximumBytes).weigher((String id, Entry e) -> e.weight());
    } else {
      caffeine.maximumSize(b.maximumSize >= 0 ? b.maximumSize : DEFAULT_MAXIMUM_SIZE);
    }
    this.cache = caffeine
        .<String, Entry>evictionListener((id, entry, cause) -> {
          if (cause.wasEvicted()) {
            evictions.increment();
          }
        })
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The rendering of {@code stored}'s body, from the cache when it holds this article at this
   * revision with this body.
   */
  public RenderedArticle render(StoredArticle stored) {
    Objects.requireNonNull(stored, "stored");
    String id = stored.id();
    Revision revision = stored.revision();
    String body = stored.article().body();
    Entry cached = cache.getIfPresent(id);
    if (cached != null && cached.isFor(revision, body)) {
      hits.increment();
      return cached.view;
    }
    boolean[] rendered = {false};
    Entry entry = cache.asMap().compute(id, (key, current) -> {
      if (current != null && current.isFor(revision, body)) {
        return current; // another thread rendered it meanwhile
      }
      rendered[0] = true;
      return new Entry(revision, body, renderer.render(body));
    });
    (rendered[0] ? misses : hits).increment();
    return entry.view;
  }

  /** The rendering of {@code article}'s body, never cached (a draft being previewed, say). */
  public RenderedArticle render(Article article) {
    Objects.requireNonNull(article, "article");
    return renderer.render(article.body());
  }

  /** Drops the rendering of one article, for instance when it is deleted. */
  public void invalidate(String id) {
    cache.invalidate(Objects.requireNonNull(id, "id"));
  }

  /** Drops every rendering, for instance after the renderer's output changed. */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  /** The cache's counters since this renderer was built. */
  public Stats stats() {
    cache.cleanUp();
    return new Stats(hits.sum(), misses.sum(), evictions.sum(), cache.estimatedSize());
  }

  /**
   * Counters of an {@link ArticleRenderer}'s cache.
   *
   * @param hits renderings served from the cache
   * @param misses renderings made (not cached, or cached for another revision or body)
   * @param evictions renderings dropped to stay within the size bound
   * @param size renderings held now
   */
  public record Stats(long hits, long misses, long evictions, long size) {
    public Stats {
      if (hits < 0 || misses < 0 || evictions < 0 || size < 0) {
        throw new IllegalArgumentException("counters must be >= 0");
      }
    }

    /** Hits over requests, 1.0 when there was none. */
    public double hitRate() {
      long requests = hits + misses;
      return requests == 0 ? 1.0 : (double) hits / requests;
    }
  }

  private static final class Entry {
    final Revision revision;
    final String body;
    final RenderedArticle view;

    Entry(Revision revision, String body, RenderedArticle view) {
      this.revision = revision;
      this.body = body;
      this.view = view;
    }

    /** The body is compared too: a revision says nothing about a body a caller left out. */
    boolean isFor(Revision r, String b) {
      return revision.equals(r) && body.equals(b);
    }

    /** Roughly the bytes held: two per char of the body, the HTML, the text and the sections. */
    int weight() {
      long chars = (long) body.length() + view.html().length() + view.plainText().length() + view.leadHtml().length()
          + view.leadMarkdown().length();
      for (RenderedArticle.Section s : view.sections()) {
        chars += s.markdown().length() + s.html().length();
      }
      return (int) Math.min(Integer.MAX_VALUE, 2 * chars + 256);
    }
  }

  /** Options for an article renderer. */
  public static final class Builder {
    private MarkdownRenderer renderer = MarkdownRenderer.builder().build();
    private long maximumSize = -1;
    private long maximumBytes = -1;

    private Builder() {}

    /** The renderer for article bodies; default {@code MarkdownRenderer.builder().build()}. */
    public Builder renderer(MarkdownRenderer value) {
      this.renderer = Objects.requireNonNull(value, "renderer");
      return this;
    }

    /** How many articles' renderings to keep at most; default 1000 (unless bounded by bytes). */
    public Builder maximumSize(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("maximumSize must be >= 0, was " + value);
      }
      this.maximumSize = value;
      return this;
    }

    /**
     * Bounds the cache by an estimate of the memory its renderings hold, in bytes, instead of
     * by {@link #maximumSize(long) count}.
     */
    public Builder maximumBytes(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("maximumBytes must be >= 0, was " + value);
      }
      this.maximumBytes = value;
      return this;
    }

    /**
     * @throws IllegalStateException when both a maximum size and a maximum of bytes are set
     */
    public ArticleRenderer build() {
      if (maximumSize >= 0 && maximumBytes >= 0) {
        throw new IllegalStateException("set maximumSize or maximumBytes, not both");
      }
      return new ArticleRenderer(this);
    }
  }
}
