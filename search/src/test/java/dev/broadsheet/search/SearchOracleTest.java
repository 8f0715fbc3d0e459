package dev.broadsheet.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleGenerator;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Facets;
import dev.broadsheet.Inclusion;
import dev.broadsheet.Page;
import dev.broadsheet.SearchHit;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Sort;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 5,000 generated articles with made-up words planted in random subsets: a text query with
 * random filters must find exactly the filter-only matches that hold the word, with the same
 * total and facets, in the query's order, and a cursor walk must visit each match once.
 */
class SearchOracleTest {
  private static final int ARTICLES = 5_000;
  private static final int WORDS = 40;
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static ArticleRepository repo;
  /** The ids of the articles holding each planted word. */
  private static final Map<String, Set<String>> holders = new HashMap<>();

  /** A made-up word no stemmer changes (typo matching is off: these differ by one letter). */
  private static String word(int i) {
    return "zq" + (char) ('b' + i / 20) + "x" + (char) ('b' + i % 20) + "vk";
  }

  @BeforeAll
  static void open() {
    ArticleGenerator gen = new ArticleGenerator(42);
    Random r = new Random(7);
    List<Article> articles = new ArrayList<>();
    for (Article a : gen.articles(ARTICLES)) {
      StringBuilder planted = new StringBuilder();
      for (int w = 0; w < WORDS; w++) {
        if (r.nextInt(100) < 1 + w % 20) { // 1% to 20% of articles hold a word
          planted.append(' ').append(word(w));
          holders.computeIfAbsent(word(w), k -> new HashSet<>()).add(a.id());
        }
      }
      String where = r.nextInt(4) == 0 ? "title" : "body";
      articles.add(where.equals("title")
          ? a.toBuilder().title(a.title() + planted).build()
          : a.toBuilder().body(a.body() + "\nMore:" + planted + ".\n").build());
    }
    repo = ArticleRepository.builder()
        .store(new InMemoryArticleStore(articles))
        .clock(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC))
        .search(LuceneSearch.builder().fuzzyBelow(0).build())
        .build();
  }

  @AfterAll
  static void close() {
    repo.close();
  }

  private static ArticleQuery.Builder randomFilters(Random r) {
    ArticleQuery.Builder b = ArticleQuery.builder();
    if (r.nextInt(3) == 0) {
      b.categories(ArticleGenerator.CATEGORIES[r.nextInt(4)]);
    }
    if (r.nextInt(4) == 0) {
      b.langs(ArticleGenerator.LANGS[r.nextInt(ArticleGenerator.LANGS.length)]);
    }
    if (r.nextInt(4) == 0) {
      b.sentiments(Sentiment.values()[r.nextInt(3)]);
    }
    if (r.nextInt(5) == 0) {
      b.anyTags("TAG1", "TAG2", "TAG3");
    }
    if (r.nextInt(6) == 0) {
      b.noneTags("TAG1");
    }
    if (r.nextInt(5) == 0) {
      b.publishedFrom(Instant.parse("2025-01-01T00:00:00Z"));
    }
    if (r.nextInt(6) == 0) {
      b.drafts(Inclusion.values()[r.nextInt(3)]);
    }
    if (r.nextInt(8) == 0) {
      b.scheduled(Inclusion.INCLUDE).expired(Inclusion.INCLUDE);
    }
    return b;
  }

  /** Every match of {@code q}, walking its cursors. */
  private static List<String> walk(ArticleQuery q) {
    List<String> out = new ArrayList<>();
    String cursor = null;
    do {
      Page<Article> page = repo.query(q.withCursor(cursor));
      page.items().forEach(a -> out.add(a.id()));
      cursor = page.nextCursor().orElse(null);
    } while (cursor != null);
    return out;
  }

  @Test
  void textWithFiltersIsTheFilterResultIntersectedWithTheHolders() {
    Random r = new Random(11);
    for (int trial = 0; trial < 150; trial++) {
      String w = word(r.nextInt(WORDS));
      ArticleQuery.Builder filters = randomFilters(r);
      Sort sort = List.of(Sort.STICKY_FIRST, Sort.NEWEST, Sort.OLDEST).get(r.nextInt(3));
      List<String> filterOnly = walk(filters.sort(sort).limit(1000).build());
      List<String> expected = filterOnly.stream().filter(holders.get(w)::contains).toList();

      ArticleQuery sorted = filters.text(w).sort(sort).limit(1 + r.nextInt(40)).build();
      assertThat(walk(sorted)).as("%s", sorted).isEqualTo(expected);
      assertThat(repo.count(sorted)).isEqualTo(expected.size());

      ArticleQuery relevant = filters.text(w).sort(Sort.RELEVANCE).limit(1 + r.nextInt(40)).build();
      List<String> walked = new ArrayList<>();
      String cursor = null;
      float last = Float.MAX_VALUE;
      do {
        Page<SearchHit> page = repo.search(relevant.withCursor(cursor));
        assertThat(page.total()).isEqualTo(expected.size());
        for (SearchHit h : page.items()) {
          walked.add(h.article().id());
          assertThat(h.score()).isLessThanOrEqualTo(last);
          last = h.score();
        }
        cursor = page.nextCursor().orElse(null);
      } while (cursor != null);
      assertThat(walked).as("%s", relevant).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);

      Facets facets = repo.facets(relevant);
      assertThat(facets.total()).isEqualTo(expected.size());
      Map<String, Integer> langs = new HashMap<>();
      for (String id : expected) {
        Article a = repo.get(id).orElseThrow();
        langs.merge(a.lang(), 1, Integer::sum);
      }
      assertThat(facets.langs()).as("%s", relevant).isEqualTo(langs);
    }
  }

  /**
   * Facets of a text query count the articles changed since the index was built (which the
   * index holds apart from the rest) once each, with their new values.
   */
  @Test
  void facetsOfTextCountChangedArticlesWithTheirNewValues() {
    Instant published = NOW.minusSeconds(3600);
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      articles.add(Article.builder("harbour/" + i).title("Harbour report " + i).lang("en")
          .category(i % 2 == 0 ? "CITY" : "PORT").publishedAt(published).build());
    }
    try (ArticleRepository r = ArticleRepository.builder()
        .store(new InMemoryArticleStore(articles))
        .clock(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC))
        .search(LuceneSearch.builder().build())
        .build()) {
      for (int i = 0; i < 6; i++) { // three move from CITY to PORT, three stay in PORT
        r.save(articles.get(i).toBuilder().category("PORT").build());
      }
      r.save(Article.builder("harbour/new").title("Harbour opening").lang("en").category("CITY")
          .publishedAt(published).build());
      Facets text = r.facets(ArticleQuery.builder().text("harbour").build());
      assertThat(text.total()).isEqualTo(41);
      assertThat(text.categories()).containsExactly(Map.entry("PORT", 23), Map.entry("CITY", 18));
      assertThat(text.categories()).isEqualTo(r.facets(ArticleQuery.all()).categories());
    }
  }
}
