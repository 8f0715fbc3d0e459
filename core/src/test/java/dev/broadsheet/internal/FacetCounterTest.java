package dev.broadsheet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Facets;
import dev.broadsheet.Revision;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Facet counts of the index and of plain lists, each against a count written out by hand. */
class FacetCounterTest {
  private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
  private static final String[] CATEGORIES = {"Business", "BUSINESS", "business", "Markets", "MARKETS", "Policy"};
  private static final String[] TAGS = {"AI", "ai", "Ai", "ETF", "etf", "Rates", "C++", "Fußball", "FUSSBALL"};
  private static final String[] LANGS = {"en", "EN", "de", "fr"};
  private static final String[] SOURCES = {"ledger", "Ledger", "gazette", "bote"};

  private static <T> T pick(Random r, T[] values) {
    return values[r.nextInt(values.length)];
  }

  /** Values spelled several ways, some fields missing, about a fifth of the articles not public. */
  private static Article article(String id, Random r) {
    List<String> tags = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      tags.add(pick(r, TAGS));
    }
    boolean draft = r.nextInt(10) == 0;
    return Article.builder(id).title("Title " + id)
        .publishedAt(draft && r.nextBoolean() ? null : NOW.plus(Duration.ofDays(r.nextInt(40) - 36)))
        .category(r.nextInt(12) == 0 ? null : pick(r, CATEGORIES))
        .tags(tags)
        .lang(r.nextInt(12) == 0 ? null : pick(r, LANGS))
        .source(r.nextInt(12) == 0 ? null : Source.of("Name", r.nextInt(8) == 0 ? null : pick(r, SOURCES), "RSS"))
        .sentiment(r.nextInt(6) == 0 ? null : pick(r, Sentiment.values()))
        .draft(draft)
        .build();
  }

  private static List<StoredArticle> articles(long seed, int count) {
    Random r = new Random(seed);
    List<StoredArticle> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new StoredArticle(article(String.format("a%04d", i), r), Revision.of("r1")));
    }
    return out;
  }

  // ------------------------------------------------------------------ the count by hand

  /** Per lower-cased value: how many articles have it, and how often each spelling is an article's first. */
  private static Map<String, Map<String, Integer>> spellings(List<Article> articles,
      Function<Article, List<String>> values) {
    Map<String, Map<String, Integer>> byKey = new HashMap<>();
    for (Article a : articles) {
      Set<String> seen = new LinkedHashSet<>();
      for (String v : values.apply(a)) {
        if (seen.add(v.toLowerCase(Locale.ROOT))) {
          byKey.computeIfAbsent(v.toLowerCase(Locale.ROOT), k -> new TreeMap<>()).merge(v, 1, Integer::sum);
        }
      }
    }
    return byKey;
  }

  /** Count descending, then key; labelled with the most frequent spelling, the least in String order on a tie. */
  private static List<Map.Entry<String, Integer>> byHand(List<Article> articles,
      Function<Article, List<String>> values) {
    List<Map.Entry<String, Integer>> out = new ArrayList<>();
    spellings(articles, values).entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, Map<String, Integer>>>comparingInt(
            e -> -e.getValue().values().stream().mapToInt(Integer::intValue).sum()).thenComparing(Map.Entry::getKey))
        .forEach(e -> {
          int most = Collections.max(e.getValue().values());
          String label = e.getValue().entrySet().stream().filter(s -> s.getValue() == most).findFirst()
              .orElseThrow().getKey();
          out.add(new SimpleEntry<>(label, e.getValue().values().stream().mapToInt(Integer::intValue).sum()));
        });
    return out;
  }

  private static List<String> category(Article a) {
    return a.category() == null ? List.of() : List.of(a.category());
  }

  private static List<String> lang(Article a) {
    return a.lang() == null ? List.of() : List.of(a.lang());
  }

  private static List<String> source(Article a) {
    return a.source() == null || a.source().key() == null ? List.of() : List.of(a.source().key());
  }

  private static List<Map.Entry<Sentiment, Integer>> sentimentsByHand(List<Article> articles) {
    Map<Sentiment, Integer> counts = new HashMap<>();
    articles.stream().filter(a -> a.sentiment() != null).forEach(a -> counts.merge(a.sentiment(), 1, Integer::sum));
    return counts.entrySet().stream().sorted(Map.Entry.<Sentiment, Integer>comparingByValue().reversed()
        .thenComparing(Map.Entry.comparingByKey())).toList();
  }

  private static <K> List<Map.Entry<K, Integer>> entries(Map<K, Integer> m) {
    List<Map.Entry<K, Integer>> out = new ArrayList<>();
    m.forEach((k, v) -> out.add(new SimpleEntry<>(k, v)));
    return out;
  }

  /** Labels aside: lower-cased values with their counts, in the facet's order. */
  private static List<Map.Entry<String, Integer>> keyed(List<Map.Entry<String, Integer>> entries) {
    return entries.stream().<Map.Entry<String, Integer>>map(
        e -> new SimpleEntry<>(e.getKey().toLowerCase(Locale.ROOT), e.getValue())).toList();
  }

  // ------------------------------------------------------------------ lists

  @Test
  void countsAListAsACountByHandDoes() {
    for (long seed = 1; seed <= 5; seed++) {
      List<StoredArticle> stored = articles(seed, 400);
      List<Article> articles = stored.stream().map(StoredArticle::article).toList();

      Facets f = FacetCounter.count(stored);

      assertThat(f.total()).isEqualTo(400);
      assertThat(entries(f.categories())).as("seed " + seed).isEqualTo(byHand(articles, FacetCounterTest::category));
      assertThat(entries(f.tags())).as("seed " + seed).isEqualTo(byHand(articles, Article::tags));
      assertThat(entries(f.langs())).as("seed " + seed).isEqualTo(byHand(articles, FacetCounterTest::lang));
      assertThat(entries(f.sources())).as("seed " + seed).isEqualTo(byHand(articles, FacetCounterTest::source));
      assertThat(entries(f.sentiments())).as("seed " + seed).isEqualTo(sentimentsByHand(articles));
    }
  }

  @Test
  void labelsDoNotDependOnTheOrderOfTheArticles() {
    List<StoredArticle> stored = articles(9, 300);
    List<StoredArticle> shuffled = new ArrayList<>(stored);
    Collections.shuffle(shuffled, new Random(9));

    Facets a = FacetCounter.count(stored);
    Facets b = FacetCounter.count(shuffled);

    assertThat(entries(b.categories())).isEqualTo(entries(a.categories()));
    assertThat(entries(b.tags())).isEqualTo(entries(a.tags()));
    assertThat(entries(b.langs())).isEqualTo(entries(a.langs()));
    assertThat(entries(b.sources())).isEqualTo(entries(a.sources()));
  }

  private static StoredArticle tagged(String id, String... tags) {
    return new StoredArticle(Article.builder(id).title(id).tags(tags).build(), Revision.of("r"));
  }

  @Test
  void aTagAnArticleSpellsTwiceCountsOnceUnderItsFirstSpelling() {
    List<StoredArticle> stored = List.of(tagged("a", "x", "X", "y"), tagged("b", "X"), tagged("c", "x", "X", "x", "Y"));

    // x: first spelled x, X, x; y: y, Y, a tie that the spelling first in String order wins.
    assertThat(FacetCounter.count(stored).tags()).containsExactly(Map.entry("x", 3), Map.entry("Y", 2));
  }

  @Test
  void equalCountsAreOrderedByValueNotByFirstSight() {
    List<StoredArticle> stored = List.of(tagged("a", "gamma"), tagged("b", "Alpha"), tagged("c", "beta"),
        tagged("d", "alpha"));

    assertThat(FacetCounter.count(stored).tags()).containsExactly(Map.entry("Alpha", 2), Map.entry("beta", 1),
        Map.entry("gamma", 1));
  }

  @Test
  void nothingToCountGivesEmptyFacets() {
    assertThat(FacetCounter.count(List.of()))
        .isEqualTo(new Facets(0, Map.of(), Map.of(), Map.of(), Map.of(), Map.of()));
  }

  // ------------------------------------------------------------------ the index

  /** A snapshot and the articles it should hold. */
  private record Edited(Snapshot snapshot, Map<String, StoredArticle> truth) {}

  /** A base segment, then new articles, new versions and deletions that stay in the overlay. */
  private static Edited edit(List<StoredArticle> base, long seed) {
    Map<String, StoredArticle> truth = new LinkedHashMap<>();
    base.forEach(s -> truth.put(s.id(), s));
    Snapshot s = Snapshot.of(base, new Dicts());
    Random r = new Random(seed);
    for (int i = 0; i < 200; i++) {
      if (r.nextInt(4) == 0) {
        String id = new ArrayList<>(truth.keySet()).get(r.nextInt(truth.size()));
        s = s.without(id);
        truth.remove(id);
      } else {
        String id = r.nextBoolean() ? String.format("a%04d", r.nextInt(base.size())) : "new" + i;
        StoredArticle a = new StoredArticle(article(id, r), Revision.of("r2"));
        s = s.with(a);
        truth.put(id, a);
      }
    }
    assertThat(s.overlay().entries()).isNotEmpty();
    assertThat(s.overlay().dead().isEmpty()).isFalse();
    return new Edited(s, truth);
  }

  @Test
  void theIndexCountsBaseDocumentsAndOverlayEntriesAsAListOfTheMatchesCounts() {
    Edited edited = edit(articles(3, 1500), 3);
    Snapshot snapshot = edited.snapshot();
    List<StoredArticle> visible = edited.truth().values().stream()
        .filter(s -> Visibility.of(s.article(), NOW).isPublic()).toList();
    // Most documents match the first query and few the second: the index counts the tags of
    // the others and subtracts in the first case, and counts the matches' tags in the second.
    Map<ArticleQuery, List<StoredArticle>> cases = Map.of(
        ArticleQuery.builder().topTags(1000).build(), visible,
        ArticleQuery.builder().categories("policy").topTags(1000).build(),
        visible.stream().filter(s -> "policy".equalsIgnoreCase(s.article().category())).toList());

    cases.forEach((query, matches) -> {
      Facets indexed = snapshot.facets(query, NOW);
      Facets listed = FacetCounter.count(matches);

      // The index labels a value with the first spelling it saw, the list with the most frequent.
      assertThat(indexed.total()).as(query.toString()).isEqualTo(matches.size());
      assertThat(keyed(entries(indexed.categories()))).isEqualTo(keyed(entries(listed.categories())));
      assertThat(keyed(entries(indexed.tags()))).isEqualTo(keyed(entries(listed.tags())));
      assertThat(keyed(entries(indexed.langs()))).isEqualTo(keyed(entries(listed.langs())));
      assertThat(keyed(entries(indexed.sources()))).isEqualTo(keyed(entries(listed.sources())));
      assertThat(entries(indexed.sentiments())).isEqualTo(entries(listed.sentiments()));
    });
    assertThat(cases.keySet()).allSatisfy(q -> assertThat(snapshot.facets(q, NOW).tags()).isNotEmpty());
  }

  @Test
  void theIndexKeepsTheTopTagsInTheFullOrder() {
    Snapshot snapshot = edit(articles(4, 800), 4).snapshot();

    ArticleQuery everyTag = ArticleQuery.builder().topTags(1000).build();
    List<Map.Entry<String, Integer>> all = entries(snapshot.facets(everyTag, NOW).tags());
    List<Map.Entry<String, Integer>> top =
        entries(snapshot.facets(everyTag.toBuilder().topTags(3).build(), NOW).tags());

    assertThat(all).hasSizeGreaterThan(3);
    assertThat(top).isEqualTo(all.subList(0, 3));
  }
}
