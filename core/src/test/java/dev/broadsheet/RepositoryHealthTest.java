package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.spi.ForwardingArticleStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RepositoryHealthTest {
  private static final List<Article> TWO = List.of(article("2026/01/a"), article("2026/01/b"));

  private static Article article(String id) {
    return Article.builder(id).title("Title of " + id).publishedAt(Instant.parse("2026-01-10T00:00:00Z"))
        .category("LOCAL").build();
  }

  @Test
  void okWhenTheStoreAnswersWithoutProblems() {
    try (ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore(TWO)).build()) {
      assertThat(repo.health()).isEqualTo(new Health(Health.Status.OK, 2, 0));
    }
  }

  @Test
  void degradedWithTheProblemCountWhenTheStoreHoldsWhatItCannotServe() {
    Problem broken = Problem.error("c.md", 3, 14, "publishedAt", "type", "publishedAt must be an instant");
    ForwardingArticleStore store = new ForwardingArticleStore(new InMemoryArticleStore(TWO)) {
      @Override
      public List<Problem> problems() {
        return List.of(broken, broken.withSource("d.md"));
      }
    };
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      assertThat(repo.health()).isEqualTo(new Health(Health.Status.DEGRADED, 2, 2));
    }
  }

  @Test
  void downWhileTheStoreFailsItsCheckAndOkOnceItPassesAgain() {
    AtomicBoolean unreadable = new AtomicBoolean(true);
    ForwardingArticleStore store = new ForwardingArticleStore(new InMemoryArticleStore(TWO)) {
      @Override
      public void check() throws IOException {
        if (unreadable.get()) {
          throw new NoSuchFileException("/srv/content", null, "the content root is gone");
        }
      }
    };
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      assertThat(repo.health()).isEqualTo(new Health(Health.Status.DOWN, 2, 0));
      // Queries keep answering from what the repository holds.
      assertThat(repo.count(ArticleQuery.all())).isEqualTo(2);
      unreadable.set(false);
      assertThat(repo.health().status()).isEqualTo(Health.Status.OK);
    }
  }

  @Test
  void downOnceClosed() {
    ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore(TWO)).build();
    repo.close();
    assertThat(repo.health()).isEqualTo(new Health(Health.Status.DOWN, 2, 0));
  }

  @Test
  void refusesNegativeCounts() {
    assertThatThrownBy(() -> new Health(Health.Status.OK, -1, 0))
        .hasMessage("articles must not be negative, was -1");
    assertThatThrownBy(() -> new Health(Health.Status.OK, 0, -2))
        .hasMessage("problems must not be negative, was -2");
  }
}
