package dev.broadsheet.markdown.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.spi.ForwardingArticleStore;
import dev.broadsheet.spi.LoadResult;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ArticleRendererTest {
  private static final String ID = "2026/02/harbour-pier";

  private static Article article(String id, String body) {
    return Article.builder(id)
        .title("Harbour Town Votes to Rebuild Its Pier")
        .publishedAt(Instant.parse("2026-02-14T09:30:00Z"))
        .category("LOCAL")
        .tags(List.of("LOCAL"))
        .body(body)
        .build();
  }

  @Test
  void aSavedEditChangesTheRenderedHtmlOnTheNextCall() {
    ArticleRenderer renderer = ArticleRenderer.builder().build();
    try (ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore()).build()) {
      repo.save(article(ID, "## Overview\n\nThe council voted.\n"));
      StoredArticle first = repo.find(ID).orElseThrow();

      RenderedArticle before = renderer.render(first);
      RenderedArticle again = renderer.render(repo.find(ID).orElseThrow());
      repo.save(article(ID, "## Overview\n\nThe council voted again.\n"), first.revision());
      RenderedArticle after = renderer.render(repo.find(ID).orElseThrow());

      assertThat(before.html()).isEqualTo("<h2 id=\"overview\">Overview</h2>\n<p>The council voted.</p>\n");
      assertThat(again).isSameAs(before);
      assertThat(after.html()).isEqualTo("<h2 id=\"overview\">Overview</h2>\n<p>The council voted again.</p>\n");
      assertThat(renderer.stats()).isEqualTo(new ArticleRenderer.Stats(1, 2, 0, 1));
    }
  }

  @Test
  void rendersTheRealBodyFromAStoreThatKeepsBodiesOutOfMemory() throws IOException {
    PartialStore store = new PartialStore(List.of(article(ID, "Lead.\n\n## Overview\n\nThe pier reopens.\n")));
    ArticleRenderer renderer = ArticleRenderer.builder().build();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      StoredArticle indexed = store.loadAll().articles().get(0);
      assertThat(indexed.article().body()).as("what the store loads has no body").isEmpty();

      RenderedArticle fromIndex = renderer.render(indexed);
      RenderedArticle fromRepository = renderer.render(repo.find(ID).orElseThrow());

      assertThat(fromIndex.html()).isEmpty();
      assertThat(fromRepository.sections()).extracting(RenderedArticle.Section::title).containsExactly("Overview");
      assertThat(fromRepository.html()).contains("<p>The pier reopens.</p>");
      assertThat(renderer.stats().misses()).isEqualTo(2);
    }
  }

  @Test
  void theSameRevisionWithAnotherBodyIsRenderedAgain() {
    ArticleRenderer renderer = ArticleRenderer.builder().build();
    Revision r = Revision.of("r1");

    renderer.render(new StoredArticle(article(ID, "One\n"), r));
    RenderedArticle other = renderer.render(new StoredArticle(article(ID, "Two\n"), r));

    assertThat(other.html()).isEqualTo("<p>Two</p>\n");
    assertThat(renderer.stats()).isEqualTo(new ArticleRenderer.Stats(0, 2, 0, 1));
  }

  @Test
  void anArticleWithoutRevisionIsRenderedWithoutTheCache() {
    ArticleRenderer renderer = ArticleRenderer.builder().build();

    RenderedArticle view = renderer.render(article(ID, "*Draft*\n"));

    assertThat(view.html()).isEqualTo("<p><em>Draft</em></p>\n");
    assertThat(renderer.stats()).isEqualTo(new ArticleRenderer.Stats(0, 0, 0, 0));
  }

  @Test
  void usesTheConfiguredRenderer() {
    ArticleRenderer renderer = ArticleRenderer.builder()
        .renderer(MarkdownRenderer.builder().allowRawHtml(true).build())
        .build();

    assertThat(renderer.render(new StoredArticle(article(ID, "<kbd>K</kbd>\n"), Revision.of("r1"))).html())
        .isEqualTo("<p><kbd>K</kbd></p>\n");
  }

  @Test
  void invalidateDropsOneArticle() {
    ArticleRenderer renderer = ArticleRenderer.builder().build();
    StoredArticle a = new StoredArticle(article("a", "A\n"), Revision.of("r1"));
    StoredArticle b = new StoredArticle(article("b", "B\n"), Revision.of("r1"));
    renderer.render(a);
    renderer.render(b);

    renderer.invalidate("a");
    renderer.render(a);
    renderer.render(b);

    assertThat(renderer.stats()).isEqualTo(new ArticleRenderer.Stats(1, 3, 0, 2));
    renderer.invalidateAll();
    assertThat(renderer.stats().size()).isZero();
  }

  @Test
  void staysWithinItsMaximumSize() {
    ArticleRenderer renderer = ArticleRenderer.builder().maximumSize(2).build();

    for (int i = 0; i < 10; i++) {
      renderer.render(new StoredArticle(article("a" + i, "Article " + i + "\n"), Revision.of("r1")));
    }

    ArticleRenderer.Stats stats = renderer.stats();
    assertThat(stats.size()).isEqualTo(2);
    assertThat(stats.evictions()).isEqualTo(8);
    assertThat(stats.misses()).isEqualTo(10);
  }

  @Test
  void aByteBoundKeepsSmallRenderingsAndDropsOneTooLargeForIt() {
    ArticleRenderer renderer = ArticleRenderer.builder().maximumBytes(20_000).build();

    renderer.render(new StoredArticle(article("small", "Short.\n"), Revision.of("r1")));
    renderer.render(new StoredArticle(article("large", "word ".repeat(5_000)), Revision.of("r1")));

    ArticleRenderer.Stats stats = renderer.stats();
    assertThat(stats.size()).isEqualTo(1);
    assertThat(stats.evictions()).isEqualTo(1);
    renderer.render(new StoredArticle(article("small", "Short.\n"), Revision.of("r1")));
    assertThat(renderer.stats().hits()).isEqualTo(1);
  }

  @Test
  void threadsAskingForTheSameNewRevisionRenderItOnce() throws Exception {
    ArticleRenderer renderer = ArticleRenderer.builder().build();
    StoredArticle stored = new StoredArticle(article(ID, "## Heading\n\n" + "Some words here. ".repeat(2_000)), Revision.of("r1"));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<RenderedArticle>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return renderer.render(stored);
        }));
      }
      start.countDown();
      RenderedArticle first = results.get(0).get();
      for (Future<RenderedArticle> f : results) {
        assertThat(f.get()).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(renderer.stats()).isEqualTo(new ArticleRenderer.Stats(threads - 1, 1, 0, 1));
  }

  @Test
  void hitRateIsHitsOverRequests() {
    assertThat(new ArticleRenderer.Stats(3, 1, 0, 1).hitRate()).isEqualTo(0.75);
    assertThat(new ArticleRenderer.Stats(0, 0, 0, 0).hitRate()).isEqualTo(1.0);
  }

  @Test
  void builderRejectsBadBoundsWithExactMessages() {
    assertThatThrownBy(() -> ArticleRenderer.builder().maximumSize(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maximumSize must be >= 0, was -1");
    assertThatThrownBy(() -> ArticleRenderer.builder().maximumBytes(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maximumBytes must be >= 0, was -5");
    assertThatThrownBy(() -> ArticleRenderer.builder().maximumSize(10).maximumBytes(10).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("set maximumSize or maximumBytes, not both");
    assertThatThrownBy(() -> ArticleRenderer.builder().build().render((StoredArticle) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("stored");
  }

  /**
   * A store that, like one backed by files, loads partial articles and hands a whole one out
   * only when asked for it by id and revision.
   */
  private static final class PartialStore extends ForwardingArticleStore {
    PartialStore(List<Article> initial) {
      super(new InMemoryArticleStore(initial));
    }

    @Override
    public LoadResult loadAll() throws IOException {
      List<StoredArticle> light = delegate.loadAll().articles().stream()
          .map(s -> new StoredArticle(ArticleStore.partial(s.article()), s.revision()))
          .toList();
      return new LoadResult(light, List.of());
    }

    @Override
    public boolean partialArticles() {
      return true;
    }

    @Override
    public Optional<StoredArticle> article(String id, Revision revision) throws IOException {
      return delegate.get(id);
    }
  }
}
