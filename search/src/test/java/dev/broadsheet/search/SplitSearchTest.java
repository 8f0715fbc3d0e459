package dev.broadsheet.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleGenerator;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Page;
import dev.broadsheet.SearchHit;
import dev.broadsheet.Sentiment;
import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.spi.SearchIndex;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A page of best matches searched in parts on idle threads is the page one thread finds: the
 * same articles, order, scores and snippets (made in parts too), through cursors, filters and
 * many searches at once. The
 * index is large enough to be split (20,000 articles, words from a small vocabulary in most of
 * them, so many articles tie or nearly tie).
 */
class SplitSearchTest {
  private static final int ARTICLES = 20_000;
  private static final String[] VOCABULARY = {"harbour", "ferry", "tariff", "council", "budget", "strike",
      "election", "river", "bridge", "market", "energy", "storm", "school", "hospital", "railway", "export",
      "festival", "court", "vaccine", "airport"};
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static ArticleRepository alone;
  private static ArticleRepository split;
  private static LuceneSearch aloneSearch;
  private static LuceneSearch splitSearch;

  @BeforeAll
  static void open() {
    ArticleGenerator gen = new ArticleGenerator(5);
    Random r = new Random(3);
    List<Article> articles = new ArrayList<>();
    for (Article a : gen.articles(ARTICLES)) {
      articles.add(a.toBuilder().title(a.title() + " " + words(r, 1 + r.nextInt(3)))
          .body(a.body() + "\n" + words(r, 5 + r.nextInt(40)) + ".\n").build());
    }
    aloneSearch = LuceneSearch.builder().threads(1).build();
    alone = repository(articles, aloneSearch);
    splitSearch = LuceneSearch.builder().threads(4).build();
    split = repository(articles, splitSearch);
  }

  private static String words(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      // Skewed: the first words are in most articles, as in a real corpus's common words.
      b.append(i == 0 ? "" : " ").append(VOCABULARY[(int) (VOCABULARY.length * Math.pow(r.nextDouble(), 2))]);
    }
    return b.toString();
  }

  private static ArticleRepository repository(List<Article> articles, LuceneSearch search) {
    return ArticleRepository.builder()
        .store(new InMemoryArticleStore(articles))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .search(search)
        .build();
  }

  @AfterAll
  static void close() {
    alone.close();
    split.close();
  }

  private static ArticleQuery query(Random r) {
    ArticleQuery.Builder b = ArticleQuery.builder();
    String text = switch (r.nextInt(5)) {
      case 0 -> '"' + VOCABULARY[r.nextInt(4)] + " " + VOCABULARY[r.nextInt(4)] + '"';
      case 1 -> VOCABULARY[r.nextInt(VOCABULARY.length)] + " -" + VOCABULARY[r.nextInt(3)];
      case 2 -> VOCABULARY[r.nextInt(VOCABULARY.length)].substring(0, 4) + "*";
      default -> VOCABULARY[r.nextInt(VOCABULARY.length)] + " " + VOCABULARY[r.nextInt(VOCABULARY.length)];
    };
    b.text(text);
    if (r.nextBoolean()) {
      b.categories(ArticleGenerator.CATEGORIES[r.nextInt(4)]);
    }
    if (r.nextInt(4) == 0) {
      b.sentiments(Sentiment.values()[r.nextInt(3)]);
    }
    if (r.nextInt(4) == 0) {
      b.langs("de", "fr");
    }
    return b.limit(1 + r.nextInt(30)).build();
  }

  /** The first pages of {@code q}: each hit's id, score and snippet, page by page. */
  private static List<String> pages(ArticleRepository repo, ArticleQuery q, int most) {
    List<String> out = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<SearchHit> page = repo.search(q.withCursor(cursor));
      out.add("total " + page.total());
      for (SearchHit h : page.items()) {
        out.add(h.article().id() + " " + h.score() + " " + h.snippet().orElse("-"));
      }
      cursor = page.nextCursor().orElse(null);
    } while (cursor != null && ++pages < most);
    return out;
  }

  @Test
  void aSplitSearchFindsWhatOneThreadFinds() {
    Random r = new Random(17);
    for (int i = 0; i < 80; i++) {
      ArticleQuery q = query(r);
      List<String> expected = pages(alone, q, 4);
      assertThat(expected).as("%s", q).isNotEmpty();
      assertThat(pages(split, q, 4)).as("%s", q).isEqualTo(expected);
      for (SearchHit h : split.search(q).items()) { // each hit's own snippet, made alone
        assertThat(h.snippet()).as("%s: %s", q, h.article().id())
            .isEqualTo(splitSearch.snippet(Objects.requireNonNull(q.text()), h.article()));
      }
    }
    assertThat(helperThreads()).as("a split search ran on a helper").isNotEmpty();
  }

  @Test
  void everyBestMatchOfASplitIndexIsOneThreadsToo() throws Exception {
    Random r = new Random(29);
    for (int i = 0; i < 60; i++) {
      String text = Objects.requireNonNull(query(r).text());
      int n = r.nextInt(3) == 0 ? ARTICLES : 1 + r.nextInt(500);
      int mod = 1 + r.nextInt(4); // every article allowed, or about one in mod
      Predicate<String> allowed = id -> Math.floorMod(id.hashCode(), mod) == 0;
      List<String> expected = list(aloneSearch.best(text, n, allowed));
      assertThat(expected).as("%s", text).isNotEmpty();
      assertThat(list(splitSearch.best(text, n, allowed))).as("%s, %d best, one in %d", text, n, mod)
          .isEqualTo(expected);
    }
  }

  /**
   * The matches as "id score", by score and then id: each index numbers its documents in the
   * order its indexing threads happened to add them, and a page breaks ties by that number. The
   * matches tied with the last are left out (which of them made the cut depends on it too), and
   * counted instead.
   */
  private static List<String> list(SearchIndex.TextMatches m) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < m.size(); i++) {
      order.add(i);
    }
    order.sort(java.util.Comparator.<Integer>comparingDouble(i -> -m.score(i)).thenComparing(m::id));
    List<String> out = new ArrayList<>();
    float last = m.size() == 0 ? Float.NaN : m.score(m.size() - 1);
    for (int i : order) {
      if (m.score(i) != last) {
        out.add(m.id(i) + " " + m.score(i));
      }
    }
    out.add(m.size() + " matches");
    return out;
  }

  @Test
  void manySearchesAtOnceEachFindWhatOneThreadFinds() throws Exception {
    Random r = new Random(23);
    List<ArticleQuery> queries = new ArrayList<>();
    List<List<String>> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ArticleQuery q = query(r);
      queries.add(q);
      expected.add(pages(alone, q, 2));
    }
    // More searches than helpers: some are split, the others run on their own thread.
    ExecutorService callers = Executors.newFixedThreadPool(6);
    try {
      List<Future<List<String>>> answers = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (ArticleQuery q : queries) {
          answers.add(callers.submit(() -> pages(split, q, 2)));
        }
      }
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).get()).as("%s", queries.get(i % queries.size()))
            .isEqualTo(expected.get(i % queries.size()));
      }
    } finally {
      callers.shutdown();
    }
  }

  @Test
  void closingStopsTheHelpers() throws Exception {
    List<Article> articles = new ArrayList<>();
    Random r = new Random(9);
    for (Article a : new ArticleGenerator(8).articles(LuceneSearch.SPLIT_FROM + 10)) {
      articles.add(a.toBuilder().title(a.title() + " " + words(r, 2)).build());
    }
    Set<String> before = helperThreads();
    ArticleRepository repo = repository(articles, LuceneSearch.builder().threads(2).build());
    Set<String> started;
    try {
      repo.search(ArticleQuery.builder().text("harbour ferry").limit(10).build());
      started = helperThreads();
      started.removeAll(before);
      assertThat(started).as("the helper this repository's search started").hasSize(1);
    } finally {
      repo.close();
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!java.util.Collections.disjoint(helperThreads(), started) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(helperThreads()).as("helpers left running after close").doesNotContainAnyElementsOf(started);
  }

  private static Set<String> helperThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("broadsheet-search-"))
        .collect(Collectors.toCollection(java.util.HashSet::new));
  }
}
