package dev.broadsheet.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Revision;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
import dev.broadsheet.StoredArticle;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
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

  /**
   * Whether the store tells its listener of its own writes too (the contract allows either).
   * Those that do are checked to tell the last state of every article written.
   */
  protected boolean reportsOwnWrites() {
    return false;
  }

  /**
   * A second store on the same data as {@link #store} (another process would open the same),
   * for checking that changes made through it reach the first store's listener; null for a
   * store whose data nothing else can reach, which skips those checks.
   */
  protected @Nullable ArticleStore createStoreOnTheSameData() throws Exception {
    return null;
  }

  @BeforeEach
  void open() throws Exception {
    store = createStore();
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
  }

  /** Waits until {@code condition} holds; fails after ten seconds. */
  protected static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      Thread.sleep(10);
    }
  }

  /** The last change told for {@code id}, or null. */
  private static @Nullable StoreChange last(List<StoreChange> changes, String id) {
    StoreChange last = null;
    for (StoreChange c : changes) {
      if (c.id().equals(id)) {
        last = c;
      }
    }
    return last;
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

  @Test
  void loadAllGivesTheRevisionsWritesReturnedAndWhatTheIndexReads() throws Exception {
    Article ferry = sample("2026/01/ferry").withStickyWeight(2);
    Article tram = sample("2026/01/tram").toBuilder().expiresAt(Instant.parse("2027-01-01T00:00:00.123456789Z"))
        .tags(List.of()).draft(true).build();
    Map<String, Revision> written = Map.of(
        ferry.id(), store.put(ferry, Revision.NONE),
        tram.id(), store.put(tram, Revision.NONE));
    LoadResult loaded = store.loadAll();
    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.articles()).hasSize(2).allSatisfy(s -> {
      Article whole = s.id().equals(ferry.id()) ? ferry : tram;
      assertThat(s.revision()).isEqualTo(written.get(s.id()));
      // A store that loads partial articles keeps exactly what the index reads, nanoseconds
      // included; others load the whole article.
      assertThat(s.article()).isEqualTo(store.partialArticles() ? ArticleStore.partial(whole) : whole);
    });
  }

  @Test
  void articleGivesTheWholeArticleAtTheRevisionTheIndexHolds() throws Exception {
    assumeTrue(store.partialArticles(), "this store loads whole articles");
    Article a = sample("2026/01/ferry");
    Revision r = store.put(a, null);
    StoredArticle indexed = store.loadAll().articles().get(0);
    assertThat(store.article(indexed.id(), indexed.revision())).contains(new StoredArticle(a, r));
    // Asked twice, as the repository does for every page: the same whole article.
    assertThat(store.article(indexed.id(), indexed.revision())).contains(new StoredArticle(a, r));
  }

  @Test
  void articleAnswersWhatIsStoredNowWhenTheIndexHoldsAnOlderRevision() throws Exception {
    assumeTrue(store.partialArticles(), "this store loads whole articles");
    Article a = sample("2026/01/ferry");
    Revision r1 = store.put(a, null);
    store.loadAll();
    Article changed = a.withStickyWeight(7).withBody("Changed.\n");
    Revision r2 = store.put(changed, r1);
    assertThat(store.article(a.id(), r1)).contains(new StoredArticle(changed, r2));
    store.delete(a.id(), r2);
    assertThat(store.article(a.id(), r2)).isEmpty();
  }

  @Test
  void aStoreHoldingOnlyValidWritesReportsNoProblems() throws Exception {
    assertThat(store.problems()).isEmpty();
    Revision r = store.put(sample("2026/01/ferry"), null);
    store.put(sample("2026/01/tram"), null);
    store.delete("2026/01/tram", null);
    store.put(sample("2026/01/ferry").withStickyWeight(1), r);
    assertThat(store.loadAll().problems()).isEmpty();
    assertThat(store.problems()).isEmpty();
  }

  @Test
  void changesToldCarryWholeArticlesAsTheyWereStored() throws Exception {
    store.loadAll();
    List<StoreChange> changes = new CopyOnWriteArrayList<>();
    store.subscribe(changes::add);
    Map<Revision, Article> written = new HashMap<>();
    Article ferry = sample("2026/01/ferry");
    Revision r = store.put(ferry, null);
    written.put(r, ferry);
    Article pinned = ferry.withStickyWeight(3).withBody("Pinned.\n");
    Revision last = store.put(pinned, r);
    written.put(last, pinned);
    Article tram = sample("2026/01/tram");
    Revision gone = store.put(tram, null);
    written.put(gone, tram);
    store.delete(tram.id(), gone);
    if (reportsOwnWrites()) {
      await("the last state of each article told", () -> {
        StoreChange f = last(changes, ferry.id());
        StoreChange t = last(changes, tram.id());
        return f != null && f.stored() != null && f.stored().revision().equals(last)
            && t != null && t.stored() == null;
      });
    }
    for (StoreChange c : changes) {
      assertThat(c.problems()).isEmpty();
      StoredArticle s = c.stored();
      if (s != null) {
        assertThat(written).containsKey(s.revision());
        assertThat(s.article()).as("whole, body included").isEqualTo(written.get(s.revision()));
      }
    }
  }

  @Test
  void changesMadeThroughAnotherStoreOnTheSameDataReachTheListener() throws Exception {
    ArticleStore other = createStoreOnTheSameData();
    assumeTrue(other != null, "nothing else can reach this store's data");
    try (other) {
      store.loadAll();
      List<StoreChange> changes = new CopyOnWriteArrayList<>();
      store.subscribe(changes::add);
      Article a = sample("2026/02/from-elsewhere");
      Revision r = other.put(a, Revision.NONE);
      await("the article written elsewhere told", () -> {
        StoreChange c = last(changes, a.id());
        return c != null && c.stored() != null && c.stored().revision().equals(r);
      });
      assertThat(Objects.requireNonNull(last(changes, a.id())).stored().article()).isEqualTo(a);
      assertThat(store.get(a.id())).contains(new StoredArticle(a, r));
      assertThat(other.delete(a.id(), r)).isTrue();
      await("the delete made elsewhere told", () -> {
        StoreChange c = last(changes, a.id());
        return c != null && c.stored() == null;
      });
      assertThat(Objects.requireNonNull(last(changes, a.id())).problems()).isEmpty();
      assertThat(store.get(a.id())).isEmpty();
    }
  }

  /** One story in four languages, a draft among them, and an article of another story. */
  private static List<Article> translationGroup() {
    List<Article> out = new ArrayList<>();
    for (String lang : List.of("en", "de", "fr", "es")) {
      out.add(sample("2026/03/budget-" + lang).toBuilder().lang(lang).translationKey("budget-2026")
          .draft(lang.equals("fr")).build());
    }
    out.add(sample("2026/03/harbour").toBuilder().translationKey("harbour").build());
    out.add(sample("2026/03/no-key"));
    return out;
  }

  @Test
  void translationsAreTheOtherPublicVersionsOfAStoryAfterWritesAndAfterALoad() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC);
    ArticleRepository repo = ArticleRepository.builder().store(store).clock(clock).build();
    for (Article a : translationGroup()) {
      repo.save(a);
    }
    assertThat(repo.get("2026/03/budget-de").orElseThrow().translationKey()).isEqualTo("budget-2026");
    assertThat(repo.translations("2026/03/budget-en")).extracting(Article::id)
        .containsExactly("2026/03/budget-de", "2026/03/budget-es"); // by language; the French draft is hidden
    assertThat(repo.translations("2026/03/budget-fr")).extracting(Article::lang).containsExactly("de", "en", "es");
    assertThat(repo.translations("2026/03/harbour")).isEmpty();
    assertThat(repo.translations("2026/03/no-key")).isEmpty();
    assertThat(repo.translations("nothing")).isEmpty();
    Article renamed = repo.get("2026/03/budget-es").orElseThrow().toBuilder().translationKey("other").build();
    repo.save(renamed);
    assertThat(repo.translations("2026/03/budget-en")).extracting(Article::id).containsExactly("2026/03/budget-de");

    // What a store loads (or a second store on the same data) keeps the key.
    ArticleRepository reloaded = ArticleRepository.builder().store(store).clock(clock).build();
    assertThat(reloaded.translations("2026/03/budget-de")).extracting(Article::id)
        .containsExactly("2026/03/budget-en");
    assertThat(store.get("2026/03/budget-es").orElseThrow().article().translationKey()).isEqualTo("other");
  }
}
