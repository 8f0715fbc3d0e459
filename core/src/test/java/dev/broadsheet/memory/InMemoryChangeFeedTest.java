package dev.broadsheet.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.ArticleEvent;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.SyncToken;
import dev.broadsheet.SyncTokenExpiredException;
import dev.broadsheet.spi.ArticleStore;
import dev.broadsheet.spi.ChangeFeedContractTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The change feed on the in-memory store, whose log the repository keeps in memory. */
class InMemoryChangeFeedTest extends ChangeFeedContractTest {
  @Override
  protected ArticleStore createStore() {
    return new InMemoryArticleStore();
  }

  /** Written into the store directly: its listener tells the repository. */
  @Override
  protected ArticleStore outsideWriter(ArticleStore store) {
    return store;
  }

  @Test
  void aTokenOlderThanTheChangesKeptHasExpired() {
    try (ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore()).clock(clock)
        .changeLogCapacity(5).build()) {
      repo.save(article("a", START.minus(Duration.ofDays(1))));
      SyncToken old = repo.changes(null, 10).next();
      for (int i = 0; i < 10; i++) {
        repo.save(article("b" + i, START.minus(Duration.ofDays(1))));
      }
      assertThatThrownBy(() -> repo.changes(old, 10)).isInstanceOf(SyncTokenExpiredException.class)
          .hasMessageContaining("sync from scratch");
      // Another repository's log is another log: its tokens are foreign here.
      try (ArticleRepository other = ArticleRepository.builder().store(new InMemoryArticleStore()).build()) {
        SyncToken theirs = other.changes(null, 10).next();
        assertThatThrownBy(() -> repo.changes(theirs, 10)).hasMessageContaining("another store");
      }
    }
  }

  @Test
  void listenersHearArticlesGoLiveFromTheTimerAndASlowListenerDelaysNothing() throws Exception {
    List<ArticleEvent> heard = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    try (ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore()).clock(clock)
        .listener(e -> {
          try {
            release.await(); // a listener that hangs until the end of the test
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
        })
        .listener(heard::add)
        .build()) {
      repo.save(article("soon", START.plus(Duration.ofMinutes(10))));
      for (int i = 0; i < 50; i++) {
        repo.save(article("now" + i, START.minus(Duration.ofMinutes(1)))); // never waits for the hanging listener
      }
      assertThat(repo.nextPublicationChange()).contains(START.plus(Duration.ofMinutes(10)));
      clock.advance(Duration.ofMinutes(11));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (heard.stream().noneMatch(e -> e.type() == ArticleEvent.Type.PUBLISHED) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(heard).filteredOn(e -> e.type() == ArticleEvent.Type.PUBLISHED).extracting(ArticleEvent::id)
          .containsExactly("soon");
      assertThat(heard).filteredOn(e -> e.type() == ArticleEvent.Type.CREATED).hasSize(51);
      assertThat(repo.nextPublicationChange()).isEmpty();
    } finally {
      release.countDown();
    }
  }
}
