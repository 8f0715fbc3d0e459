package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.spi.ForwardingArticleStore;
import dev.broadsheet.spi.LoadResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredArticleTest {

  @TempDir Path dir;

  @Test
  void decodedLaterIsDecodedAtTheFirstAskAndThenEqualsTheStoredArticleMadeWhole() {
    Article a = new ArticleGenerator(3).articles(1).get(0);
    Revision r = Revision.of("0123456789abcdef0123456789abcdef");
    AtomicInteger decoded = new AtomicInteger();
    StoredArticle later = StoredArticle.decodedLater(a.id(), r, () -> {
      decoded.incrementAndGet();
      return a;
    });
    StoredArticle whole = new StoredArticle(a, r);

    assertThat(later.id()).isEqualTo(a.id());
    assertThat(later.revision()).isSameAs(r);
    assertThat(decoded).hasValue(0);
    assertThat(later.article()).isSameAs(a);
    assertThat(later.article()).isSameAs(a);
    assertThat(decoded).hasValue(1);
    assertThat(later).isEqualTo(whole).hasSameHashCodeAs(whole).hasToString(whole.toString());
    assertThat(whole).isEqualTo(later);
    assertThat(later).isNotEqualTo(new StoredArticle(a, Revision.of("fedcba9876543210fedcba9876543210")));
    assertThat(later).isNotEqualTo(new StoredArticle(a.toBuilder().title("Other").build(), r));
  }

  @Test
  void whatAnArticleIsDecodedFromIsLetGoOnceItIsDecoded() throws InterruptedException {
    Article a = new ArticleGenerator(5).articles(1).get(0);
    byte[][] bytes = {new byte[1 << 20]};
    java.lang.ref.WeakReference<byte[]> source = new java.lang.ref.WeakReference<>(bytes[0]);
    StoredArticle later = StoredArticle.decodedLater(a.id(), Revision.NONE, new java.util.function.Supplier<>() {
      private final byte[] from = bytes[0];

      @Override
      public Article get() {
        return from.length > 0 ? a : null;
      }
    });
    bytes[0] = null;
    assertThat(later.article()).isSameAs(a);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (source.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(source.get()).as("the decoder's bytes, collected").isNull();
    assertThat(later.article()).isSameAs(a);
  }

  @Test
  void aDecoderGivingAnotherArticleOrNoneFailsAtTheAskAndIsAskedAgainNextTime() {
    Article a = new ArticleGenerator(4).articles(2).get(0);
    Article other = new ArticleGenerator(4).articles(2).get(1);
    AtomicInteger asked = new AtomicInteger();
    StoredArticle wrong = StoredArticle.decodedLater(a.id(), Revision.NONE, () -> {
      asked.incrementAndGet();
      return other;
    });
    assertThatThrownBy(wrong::article).isInstanceOf(IllegalStateException.class).hasMessageContaining(a.id())
        .hasMessageContaining(other.id());
    assertThatThrownBy(wrong::article).isInstanceOf(IllegalStateException.class);
    assertThat(asked).hasValue(2);
    assertThat(wrong.id()).isEqualTo(a.id());
    assertThatThrownBy(StoredArticle.decodedLater(a.id(), Revision.NONE, () -> null)::article)
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("nothing");
  }

  /** A store that hands out every article to be decoded when asked, counting the decodes. */
  static final class DecodingLaterStore extends ForwardingArticleStore {
    final AtomicInteger decoded = new AtomicInteger();

    DecodingLaterStore(List<Article> articles) {
      super(new InMemoryArticleStore(articles));
    }

    @Override
    public LoadResult loadAll() throws IOException {
      LoadResult all = delegate.loadAll();
      return new LoadResult(all.articles().stream().map(s -> StoredArticle.decodedLater(s.id(), s.revision(), () -> {
        decoded.incrementAndGet();
        return s.article();
      })).toList(), all.problems());
    }
  }

  @Test
  void aRepositoryWithItsIndexKeptDecodesOnlyTheArticlesItHandsOut() {
    List<Article> articles = new ArticleGenerator(9).articles(500);
    Path index = dir.resolve("index");
    DecodingLaterStore first = new DecodingLaterStore(articles);
    // Before every article's instants, so that all have a visibility change ahead, which the
    // repository schedules from its columns, not from the articles.
    Clock early = Clock.fixed(Instant.parse("1990-01-01T00:00:00Z"), ZoneOffset.UTC);
    try (ArticleRepository built = ArticleRepository.builder().store(first).indexFile(index).clock(early).build()) {
      assertThat(first.decoded.get()).as("the first load builds the index from every article").isEqualTo(500);
    }

    DecodingLaterStore again = new DecodingLaterStore(articles);
    try (ArticleRepository repo = ArticleRepository.builder().store(again).indexFile(index).clock(early).build()) {
      // Waits for the scan of what goes live or expires ahead, which reads the columns.
      assertThat(repo.nextPublicationChange()).isPresent();
      assertThat(again.decoded).as("opened from the kept index").hasValue(0);
      assertThat(repo.size()).isEqualTo(500);
      Page<Article> page = repo.query(ArticleQuery.builder().scheduled(Inclusion.INCLUDE).sort(Sort.NEWEST).limit(7).build());
      assertThat(page.items()).hasSize(7);
      assertThat(again.decoded).hasValue(7);
      ArticleQuery scheduled = ArticleQuery.builder().scheduled(Inclusion.INCLUDE).build();
      assertThat(repo.count(scheduled)).isGreaterThan(0);
      assertThat(repo.facets(scheduled).total()).isGreaterThan(0);
      assertThat(again.decoded).as("counts and facets read the columns").hasValue(7);
      Article some = articles.get(123);
      assertThat(repo.get(some.id())).isPresent();
      assertThat(again.decoded.get()).isBetween(7, 8);
    }
  }
}
