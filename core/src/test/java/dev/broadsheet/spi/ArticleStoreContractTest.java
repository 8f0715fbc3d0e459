package dev.broadsheet.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.Revision;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
import dev.broadsheet.StoredArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ArticleStore} must do. A backend proves it with a subclass that says how
 * to open a fresh, empty store:
 *
 * <pre>{@code
 * class InMemoryArticleStoreTest extends ArticleStoreContractTest {
 *   protected ArticleStore createStore() { return new InMemoryArticleStore(); }
 * }
 * }</pre>
 */
public abstract class ArticleStoreContractTest {
  protected ArticleStore store;

  /** A new, empty store; called before each test. */
  protected abstract ArticleStore createStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = createStore();
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
  }

  protected static Article sample(String id) {
    return Article.builder(id)
        .title("Harbour ferry adds night crossings: " + id)
        .description("The city ferry will run until 2 a.m. on weekends.")
        .publishedAt(Instant.parse("2026-01-30T02:57:10Z"))
        .lang("en")
        .externalId("0042")
        .source(new Source("Harbour Times", "harbourtimes", "RSS"))
        .category("CITY")
        .tags("TRANSPORT", "NIGHTLIFE")
        .sentiment(Sentiment.POSITIVE)
        .score(0.5)
        .putExtra("author", "R. Quay")
        .putExtra("meta", Map.of("rating", 4L))
        .body("## Overview\n\nNight crossings start in March.\n")
        .build();
  }

  @Test
  void newStoreIsEmpty() throws Exception {
    assertThat(store.loadAll().articles()).isEmpty();
    assertThat(store.get("nothing")).isEmpty();
  }

  @Test
  void anOpenStorePassesItsCheckBeforeAndAfterWrites() throws Exception {
    assertThatCode(store::check).doesNotThrowAnyException();
    store.put(sample("2026/01/ferry"), null);
    assertThatCode(store::check).doesNotThrowAnyException();
  }

  @Test
  void putThenGetReturnsTheSameArticleAndARevision() throws Exception {
    Article a = sample("2026/01/ferry");
    Revision r = store.put(a, null);
    StoredArticle got = store.get("2026/01/ferry").orElseThrow();
    assertThat(got.article()).isEqualTo(a);
    assertThat(got.revision()).isEqualTo(r);
  }

  @Test
  void everyChangeGivesANewRevision() throws Exception {
    Set<Revision> seen = new HashSet<>();
    Article a = sample("a");
    for (int i = 0; i < 5; i++) {
      seen.add(store.put(a.withStickyWeight(i), null));
    }
    assertThat(seen).hasSize(5);
  }

  @Test
  void putWithTheCurrentRevisionSucceedsAndWithAStaleOneConflicts() throws Exception {
    Revision r1 = store.put(sample("a"), Revision.NONE);
    Revision r2 = store.put(sample("a").withStickyWeight(1), r1);
    assertThatThrownBy(() -> store.put(sample("a").withStickyWeight(2), r1))
        .isInstanceOfSatisfying(ArticleConflictException.class, e -> {
          assertThat(e.expected()).isEqualTo(r1);
          assertThat(e.actual()).isEqualTo(r2);
        });
    assertThatThrownBy(() -> store.put(sample("a"), Revision.NONE)).isInstanceOf(ArticleConflictException.class);
    assertThat(store.get("a").orElseThrow().article().stickyWeight()).isEqualTo(1);
  }

  @Test
  void deleteRemovesAndHonoursTheExpectedRevision() throws Exception {
    Revision r1 = store.put(sample("a"), null);
    store.put(sample("a").withStickyWeight(1), null);
    assertThatThrownBy(() -> store.delete("a", r1)).isInstanceOf(ArticleConflictException.class);
    assertThat(store.delete("a", null)).isTrue();
    assertThat(store.get("a")).isEmpty();
    assertThat(store.delete("a", null)).isFalse();
  }

  @Test
  void loadAllReturnsEveryArticle() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String id = "2026/0" + (1 + i % 9) + "/story-" + i;
      ids.add(id);
      store.put(sample(id), null);
    }
    assertThat(store.loadAll().articles()).extracting(StoredArticle::id).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void subscribersAreNeverToldOfChangesThatDidNotHappen() throws Exception {
    List<StoreChange> changes = new CopyOnWriteArrayList<>();
    store.subscribe(changes::add);
    Revision r = store.put(sample("a"), null);
    for (StoreChange c : changes) {
      assertThat(c.id()).isEqualTo("a");
      if (c.stored() != null) {
        assertThat(c.stored().revision()).isEqualTo(r);
      }
    }
  }
}
