package dev.broadsheet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Inclusion;
import dev.broadsheet.Page;
import dev.broadsheet.Revision;
import dev.broadsheet.Sort;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Walks where base documents and overlay entries tie on every sort key but the id: many
 * articles share a publishedAt and a sticky weight, so the merge of the two and the cursor
 * positions inside a tie decide the order.
 */
class QueryPlanTest {
  private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
  private static final String[] CATEGORIES = {"BUSINESS", "MARKETS", "POLICY"};
  private static final String[] TAGS = {"AI", "ETF", "RATES", "CHIPS", "RARE"};

  /** Twelve moments, two after NOW: every article shares its publishedAt with many others. */
  private static Instant moment(Random r) {
    return NOW.minus(Duration.ofHours(10)).plus(Duration.ofHours(r.nextInt(12)));
  }

  private static Article article(String id, Random r) {
    boolean draft = r.nextInt(20) == 0;
    Article.Builder b = Article.builder(id).title("Title " + id)
        .publishedAt(draft && r.nextBoolean() ? null : moment(r))
        .stickyWeight(r.nextInt(5) < 4 ? 0 : 1 + r.nextInt(2))
        .category(CATEGORIES[r.nextInt(CATEGORIES.length)])
        .tags(r.nextInt(15) == 0 ? List.of("RARE") : List.of(TAGS[r.nextInt(4)], TAGS[r.nextInt(4)]))
        .draft(draft);
    if (r.nextInt(15) == 0) {
      b.expiresAt(NOW.plus(Duration.ofHours(r.nextInt(4) - 2)));
    }
    return b.build();
  }

  private final Map<String, Article> truth = new LinkedHashMap<>();
  private final Snapshot snapshot = build();

  private Snapshot build() {
    Random r = new Random(7);
    List<StoredArticle> initial = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Article a = article(String.format("a%03d", i), r);
      truth.put(a.id(), a);
      initial.add(new StoredArticle(a, Revision.of("r1")));
    }
    Snapshot s = Snapshot.of(initial, new Dicts());
    // Fewer writes than fold the overlay: new versions, new ids between the base's, deletions.
    for (int i = 0; i < 120; i++) {
      int kind = r.nextInt(4);
      if (kind == 0) {
        String id = new ArrayList<>(truth.keySet()).get(r.nextInt(truth.size()));
        s = s.without(id);
        truth.remove(id);
        continue;
      }
      String id = String.format("a%03d", r.nextInt(300)) + (kind == 1 ? "" : "-new" + i);
      Article a = article(id, r);
      s = s.with(new StoredArticle(a, Revision.of("r2")));
      truth.put(id, a);
    }
    assertThat(s.overlay().entries()).hasSizeGreaterThan(50);
    assertThat(s.overlay().dead().getCardinality()).isGreaterThan(10);
    return s;
  }

  private static Comparator<Article> order(Sort sort) {
    Comparator<Article> published = Comparator.comparing(a -> a.publishedAt() == null ? Instant.MIN : a.publishedAt());
    Comparator<Article> id = Comparator.comparing(Article::id);
    return switch (sort) {
      case NEWEST -> published.reversed().thenComparing(id);
      case OLDEST -> published.thenComparing(id);
      case STICKY_FIRST -> Comparator.comparingInt(Article::stickyWeight).reversed()
          .thenComparing(published.reversed()).thenComparing(id);
      case RELEVANCE -> throw new IllegalArgumentException("relevance needs a text query");
    };
  }

  private List<String> expected(Sort sort, boolean everything, Predicate<Article> filter) {
    return truth.values().stream().filter(a -> everything || Visibility.of(a, NOW).isPublic()).filter(filter)
        .sorted(order(sort)).map(Article::id).toList();
  }

  private List<String> walk(ArticleQuery q) {
    List<String> ids = new ArrayList<>();
    Page<StoredArticle> page = snapshot.query(q, NOW);
    for (int pages = 0; pages < 1000; pages++) {
      page.items().forEach(a -> ids.add(a.id()));
      if (page.nextCursor().isEmpty()) {
        break;
      }
      page = snapshot.query(q.withCursor(page.nextCursor().get()), NOW);
    }
    return ids;
  }

  private void check(ArticleQuery.Builder b, boolean everything, Predicate<Article> filter) {
    if (everything) {
      b.drafts(Inclusion.INCLUDE).scheduled(Inclusion.INCLUDE).expired(Inclusion.INCLUDE);
    }
    for (Sort sort : List.of(Sort.STICKY_FIRST, Sort.NEWEST, Sort.OLDEST)) { // relevance needs text
      List<String> expected = expected(sort, everything, filter);
      for (int limit : new int[] {1, 3}) {
        ArticleQuery q = b.sort(sort).limit(limit).offset(0).build();
        assertThat(walk(q)).as(q.toString()).containsExactlyElementsOf(expected);
        assertThat(snapshot.count(q, NOW)).as(q.toString()).isEqualTo(expected.size());
        int offset = Math.min(expected.size(), 7);
        assertThat(snapshot.query(q.toBuilder().offset(offset).build(), NOW).items()).as(q + " offset")
            .extracting(StoredArticle::id)
            .containsExactlyElementsOf(expected.subList(offset, Math.min(expected.size(), offset + limit)));
      }
    }
  }

  @Test
  void everyVisibleArticleInEachSortAcrossCursors() {
    check(ArticleQuery.builder(), false, a -> true);
  }

  @Test
  void draftsScheduledAndExpiredTooInEachSort() {
    check(ArticleQuery.builder(), true, a -> true);
  }

  @Test
  void oneCategoryWalksItsStickyDocumentsInOrder() {
    check(ArticleQuery.builder().categories("markets"), false, a -> "MARKETS".equals(a.category()));
    check(ArticleQuery.builder().categories("markets"), true, a -> "MARKETS".equals(a.category()));
  }

  @Test
  void aSelectiveFilterFindsItsStickyMatchesInOneWalk() {
    check(ArticleQuery.builder().allTags("rare"), false, a -> a.tags().contains("RARE"));
    check(ArticleQuery.builder().allTags("rare"), true, a -> a.tags().contains("RARE"));
  }

  @Test
  void stickyArticlesOnlyWalkOnePassPerWeight() {
    check(ArticleQuery.builder().minStickyWeight(1).categories("business", "policy"), false,
        a -> a.stickyWeight() >= 1 && !"MARKETS".equals(a.category()));
  }
}
