package dev.broadsheet.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.Page;
import dev.broadsheet.SearchHit;
import dev.broadsheet.Sort;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LuceneSearchTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  private final List<ArticleRepository> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(ArticleRepository::close);
  }

  private static Article article(String id, String title, String body, String category, int hoursAgo) {
    return Article.builder(id).title(title).lang("en").category(category)
        .publishedAt(T.minusSeconds(3600L * hoursAgo)).body(body).build();
  }

  private ArticleRepository repo(Article... articles) {
    ArticleRepository r = ArticleRepository.builder()
        .store(new InMemoryArticleStore(List.of(articles)))
        .search(LuceneSearch.builder().build())
        .build();
    opened.add(r);
    return r;
  }

  private static List<String> ids(Page<Article> page) {
    return page.items().stream().map(Article::id).toList();
  }

  private static ArticleQuery text(String text) {
    return ArticleQuery.builder().text(text).build();
  }

  @Test
  void refusesTextWithoutSearchIndex() {
    ArticleRepository r = ArticleRepository.builder()
        .store(new InMemoryArticleStore(List.of(article("a", "Harbour ferry", "x", "LOCAL", 1)))).build();
    opened.add(r);
    assertThatThrownBy(() -> r.query(text("ferry")))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.option()).isEqualTo("q"))
        .hasMessageContaining("needs a search index; register one with ArticleRepository.builder().search(...)");
  }

  @Test
  void refusesRelevanceWithoutText() {
    ArticleRepository r = repo(article("a", "Harbour ferry", "x", "LOCAL", 1));
    assertThatThrownBy(() -> r.query(ArticleQuery.builder().sort(Sort.RELEVANCE).build()))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.option()).isEqualTo("sort"))
        .hasMessageContaining("relevance needs a text query");
  }

  @Test
  void ranksTitleAboveBodyAndDefaultsToRelevance() {
    ArticleRepository r = repo(
        article("body", "Council meets", "The ferry to the harbour is late again.", "LOCAL", 1),
        article("title", "Harbour ferry cancelled", "Storms kept boats in port.", "LOCAL", 5),
        article("none", "Budget", "Nothing about boats.", "LOCAL", 2));
    ArticleQuery q = text("harbour ferry");
    assertThat(q.sort()).isEqualTo(Sort.RELEVANCE);
    assertThat(ids(r.query(q))).containsExactly("title", "body");
    assertThat(ids(r.query(q.toBuilder().sort(Sort.NEWEST).build()))).containsExactly("body", "title");
    assertThat(r.count(q)).isEqualTo(2);
  }

  @Test
  void theWordAsTypedRanksAboveItsStemsRelativesWhichStillMatch() {
    ArticleRepository r = repo(
        article("relative", "Council", "The council exports grain through the harbour.", "LOCAL", 1),
        article("typed", "Council", "The council exported grain through the harbour.", "LOCAL", 2),
        article("other", "Council", "The council sells grain through the harbour.", "LOCAL", 3));
    assertThat(ids(r.query(text("exported")))).containsExactly("typed", "relative");
    assertThat(ids(r.query(text("exports")))).containsExactly("relative", "typed");
    Page<SearchHit> hits = r.search(text("exported"));
    assertThat(hits.items().get(0).score()).isGreaterThan(hits.items().get(1).score());
  }

  @Test
  void combinesTextWithFiltersVisibilityAndFacets() {
    ArticleRepository r = repo(
        article("a", "Ferry news", "ferry", "LOCAL", 1),
        article("b", "Ferry prices", "ferry", "BUSINESS", 2),
        Article.builder("draft").title("Ferry draft").lang("en").category("LOCAL").draft(true).body("ferry").build(),
        article("c", "Trains", "no boats", "LOCAL", 3));
    ArticleQuery local = ArticleQuery.builder().text("ferry").categories("LOCAL").build();
    assertThat(ids(r.query(local))).containsExactly("a");
    assertThat(r.query(local).total()).isEqualTo(1);
    assertThat(r.facets(text("ferry")).categories()).containsExactly(
        org.assertj.core.api.Assertions.entry("BUSINESS", 1), org.assertj.core.api.Assertions.entry("LOCAL", 1));
    assertThat(r.facets(text("ferry")).total()).isEqualTo(2);
    assertThat(ids(r.query(ArticleQuery.builder().text("ferry").drafts(dev.broadsheet.Inclusion.ONLY).build())))
        .containsExactly("draft");
  }

  @Test
  void walksEveryMatchOnceWithRelevanceCursors() {
    List<Article> many = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      // scores tie in groups of three: equal texts, so the id breaks the tie
      String body = "ferry ".repeat(1 + i / 3) + "and other words to vary the length " + "x ".repeat(i % 3);
      many.add(article(String.format("a%02d", i), "News " + i, body, "LOCAL", i));
    }
    ArticleRepository r = repo(many.toArray(Article[]::new));
    ArticleQuery q = ArticleQuery.builder().text("ferry").limit(4).build();
    List<String> walked = new ArrayList<>();
    List<Float> scores = new ArrayList<>();
    String cursor = null;
    do {
      Page<SearchHit> page = r.search(q.withCursor(cursor));
      page.items().forEach(h -> {
        walked.add(h.article().id());
        scores.add(h.score());
      });
      assertThat(page.total()).isEqualTo(45);
      cursor = page.nextCursor().orElse(null);
    } while (cursor != null);
    assertThat(walked).hasSize(45).doesNotHaveDuplicates();
    for (int i = 1; i < scores.size(); i++) {
      assertThat(scores.get(i)).isLessThanOrEqualTo(scores.get(i - 1));
    }
    assertThat(ids(r.query(ArticleQuery.builder().text("ferry").limit(45).build()))).isEqualTo(walked);
  }

  @Test
  void walksEqualScoresByIdAcrossPagesOfTheBestMatches() {
    List<Article> same = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      same.add(article(String.format("s%03d", (i * 7) % 600), "Ferry", "ferry", "LOCAL", i % 50));
    }
    ArticleRepository r = repo(same.toArray(Article[]::new));
    List<String> walked = new ArrayList<>();
    String cursor = null;
    do {
      Page<Article> page = r.query(ArticleQuery.builder().text("ferry").limit(70).cursor(cursor).build());
      walked.addAll(ids(page));
      cursor = page.nextCursor().orElse(null);
    } while (cursor != null);
    assertThat(walked).hasSize(600).isSorted(); // one score for all: the id decides
  }

  @Test
  void refusesCursorOfAnotherSort() {
    ArticleRepository r = repo(article("a", "Ferry", "ferry", "LOCAL", 1), article("b", "Ferry", "ferry", "LOCAL", 2));
    String newest = r.query(ArticleQuery.builder().limit(1).sort(Sort.NEWEST).build()).nextCursor().orElseThrow();
    assertThatThrownBy(() -> r.query(ArticleQuery.builder().text("ferry").limit(1).cursor(newest).build()))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("was made for sort newest, not relevance");
  }

  /**
   * The index keeps the numbers the repository's filter gave its documents for as long as that
   * numbering lasts; once enough saves and deletes make the repository build its index anew
   * (other numbers for the same ids), a first page of the best matches still holds only what
   * the filters allow, in order.
   */
  @Test
  void theBestMatchesFollowTheFiltersAcrossARebuiltIndex() {
    // Equal scores, so the best come in id order: u (kept as they are), then x (saved again),
    // then z (deleted; given first, so that the rebuilt index numbers every u anew).
    List<Article> all = new ArrayList<>();
    java.util.Map<String, String> category = new java.util.TreeMap<>();
    for (String prefix : List.of("z", "u", "x")) {
      for (int i = 0; i < (prefix.equals("x") ? 300 : 100); i++) {
        String id = String.format("%s%03d", prefix, i);
        String c = i % 2 == 0 ? "CITY" : "PORT";
        all.add(article(id, "Harbour news " + i, "Ferries and harbour works.", c, prefix.equals("u") ? 10 : prefix.equals("x") ? 5 : 1));
        category.put(id, c);
      }
    }
    ArticleRepository r = repo(all.toArray(Article[]::new));
    ArticleQuery city = ArticleQuery.builder().text("harbour").categories("CITY").limit(20).build();
    ArticleQuery port = ArticleQuery.builder().text("harbour").categories("PORT").limit(20).build();
    assertThat(ids(r.query(city))).isEqualTo(firstOf(category, "CITY", 20));
    assertThat(ids(r.query(port))).isEqualTo(firstOf(category, "PORT", 20));

    for (int i = 0; i < 100; i++) {
      String id = String.format("z%03d", i);
      r.delete(id);
      category.remove(id);
    }
    for (int i = 0; i < 300; i++) {
      String id = String.format("x%03d", i);
      String moved = i % 2 == 0 ? "PORT" : "CITY";
      r.save(article(id, "Harbour news " + i, "Ferries and harbour works.", moved, 5));
      category.put(id, moved);
      if (i % 50 == 0) {
        assertThat(ids(r.query(city))).as("after %s", id).isEqualTo(firstOf(category, "CITY", 20));
      }
    }
    assertThat(ids(r.query(city))).isEqualTo(firstOf(category, "CITY", 20));
    assertThat(ids(r.query(port))).isEqualTo(firstOf(category, "PORT", 20));
    ArticleQuery more = ArticleQuery.builder().text("harbour").categories("CITY").limit(120).build();
    assertThat(ids(r.query(more))).isEqualTo(firstOf(category, "CITY", 120));
    assertThat(r.query(city).total()).isEqualTo(category.values().stream().filter("CITY"::equals).count());
  }

  /**
   * Numbers kept for one numbering of the ids are never used with another: the same documents
   * asked with a filter that numbers them the other way round are decided by the new numbers.
   */
  @Test
  void numbersKeptFromOneNumberingAreNotUsedWithAnother() throws java.io.IOException {
    LuceneSearch search = LuceneSearch.builder().build();
    List<Article> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      all.add(article("a" + i, "Harbour news " + i, "Ferries.", "CITY", 1));
    }
    ArticleRepository r = ArticleRepository.builder().store(new InMemoryArticleStore(all)).search(search).build();
    opened.add(r);
    java.util.function.IntUnaryOperator forward = i -> i;
    java.util.function.IntUnaryOperator backward = i -> 9 - i;
    for (int round = 0; round < 2; round++) {
      assertThat(bestIds(search, new EvenNumbers(forward))).containsExactlyInAnyOrder("a0", "a2", "a4", "a6", "a8");
      assertThat(bestIds(search, new EvenNumbers(backward))).containsExactlyInAnyOrder("a1", "a3", "a5", "a7", "a9");
    }
  }

  private static List<String> bestIds(LuceneSearch search, dev.broadsheet.spi.SearchIndex.IdFilter filter)
      throws java.io.IOException {
    dev.broadsheet.spi.SearchIndex.TextMatches best = search.best("harbour", 10, filter);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < best.size(); i++) {
      out.add(best.id(i));
    }
    return out;
  }

  /** Numbers article {@code a<i>} as {@code order(i)} and allows the even numbers; a numbering of its own. */
  private record EvenNumbers(java.util.function.IntUnaryOperator order)
      implements dev.broadsheet.spi.SearchIndex.IdFilter {
    @Override
    public Object numbering() {
      return this;
    }

    @Override
    public int number(String id) {
      return order.applyAsInt(Integer.parseInt(id.substring(1)));
    }

    @Override
    public boolean test(String id, int number) {
      return number % 2 == 0;
    }

    @Override
    public boolean test(String id) {
      return test(id, number(id));
    }
  }

  /** The first {@code n} ids (in id order: their scores are equal) in {@code wanted}. */
  private static List<String> firstOf(java.util.Map<String, String> category, String wanted, int n) {
    return category.entrySet().stream().filter(e -> e.getValue().equals(wanted)).map(java.util.Map.Entry::getKey)
        .limit(n).toList();
  }

  @Test
  void savesAreFoundAndDeletesAreGoneAtOnce() {
    ArticleRepository r = repo(article("a", "Budget", "numbers", "LOCAL", 1));
    assertThat(ids(r.query(text("lighthouse")))).isEmpty();
    r.save(article("b", "Lighthouse restored", "The lighthouse shines again.", "LOCAL", 0));
    assertThat(ids(r.query(text("lighthouse")))).containsExactly("b");
    r.save(article("b", "Pier restored", "The pier is open again.", "LOCAL", 0));
    assertThat(ids(r.query(text("lighthouse")))).isEmpty();
    assertThat(ids(r.query(text("pier")))).containsExactly("b");
    r.delete("b");
    assertThat(ids(r.query(text("pier")))).isEmpty();
    assertThat(r.facets(text("pier")).total()).isZero();
  }

  @Test
  void opensOnFirstUseAndTakesTheWritesMadeWhileItOpens() throws InterruptedException {
    List<Article> start = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      start.add(article("old-" + i, "Council minutes " + i, "The council met about the harbour.", "LOCAL", 2));
    }
    LuceneSearch search = LuceneSearch.builder().build();
    ArticleRepository r = ArticleRepository.builder()
        .store(new InMemoryArticleStore(start)).search(search).searchOnFirstUse().build();
    opened.add(r);
    assertThat(search.lastOpen()).isEmpty();
    // Saved before the index opens: the opening indexes it with the rest.
    r.save(article("early", "Kelp forest survey", "Divers counted kelp.", "LOCAL", 1));

    java.util.concurrent.atomic.AtomicInteger saved = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean openedYet = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(20);
    Thread writer = new Thread(() -> {
      int after = 0;
      for (int i = 0; after < 50; i++) {
        r.save(article("new-" + i, "Kelp forest " + i, "Divers counted kelp again.", "LOCAL", 0));
        if (i % 10 == 9) {
          r.delete("new-" + (i - 5)); // deleted while the index opens: no ghost may stay
        }
        saved.incrementAndGet();
        writing.countDown();
        after += openedYet.get() ? 1 : 0;
      }
    });
    writer.start();
    writing.await();
    r.openSearch();
    openedYet.set(true);
    writer.join();

    assertThat(search.lastOpen()).isPresent();
    int n = saved.get();
    int deleted = n / 10;
    List<String> found = new ArrayList<>();
    String cursor = null;
    do {
      Page<Article> page = r.query(ArticleQuery.builder().text("kelp").limit(500).cursor(cursor).build());
      page.items().forEach(a -> found.add(a.id()));
      cursor = page.nextCursor().orElse(null);
    } while (cursor != null);
    assertThat(found).doesNotHaveDuplicates().hasSize(n - deleted + 1).contains("early")
        .doesNotContain("new-4", "new-14");
    assertThat(r.count(text("kelp"))).isEqualTo(n - deleted + 1);
    assertThat(r.count(text("harbour"))).isEqualTo(3000);
  }

  @Test
  void readsPhrasesExclusionsAndPrefixes() {
    ArticleRepository r = repo(
        article("a", "One", "the old harbour ferry runs daily", "LOCAL", 1),
        article("b", "Two", "the ferry to the old harbour", "LOCAL", 2),
        article("c", "Three", "harbourmaster retires", "LOCAL", 3));
    assertThat(ids(r.query(text("\"harbour ferry\"")))).containsExactly("a");
    assertThat(ids(r.query(text("ferry -daily")))).containsExactly("b");
    assertThat(ids(r.query(text("harbourm*")))).containsExactly("c");
  }

  @Test
  void typosMatchBelowExactWordsOnlyWhenFewMatch() {
    ArticleRepository r = ArticleRepository.builder()
        .store(new InMemoryArticleStore(List.of(article("exact", "Lighthouse", "lighthouse keeper", "LOCAL", 1),
            article("typo", "Lighthose", "lighthose keeper", "LOCAL", 2))))
        .search(LuceneSearch.builder().fuzzyBelow(10).build()).build();
    opened.add(r);
    assertThat(ids(r.query(text("lighthouse")))).containsExactly("exact", "typo");
    assertThat(r.count(text("lighthouse"))).isEqualTo(2); // the total counts the typos the page holds
    assertThat(ids(r.query(text("lightouse")))).containsExactlyInAnyOrder("exact");
    ArticleRepository byDefault = repo(article("exact", "Lighthouse", "lighthouse keeper", "LOCAL", 1),
        article("typo", "Lighthose", "lighthose keeper", "LOCAL", 2));
    assertThat(ids(byDefault.query(text("lighthouse")))).containsExactly("exact"); // found exactly: no typos
    assertThat(byDefault.count(text("lighthouse"))).isEqualTo(1);
    assertThat(byDefault.count(text("lightouse"))).isEqualTo(1);
    assertThat(ids(byDefault.query(text("lightouse")))).containsExactly("exact"); // nothing exact: one edit
    ArticleRepository strict = ArticleRepository.builder()
        .store(new InMemoryArticleStore(List.of(article("exact", "Lighthouse", "lighthouse", "LOCAL", 1),
            article("typo", "Lighthose", "lighthose", "LOCAL", 2))))
        .search(LuceneSearch.builder().fuzzyBelow(0).build()).build();
    opened.add(strict);
    assertThat(ids(strict.query(text("lighthouse")))).containsExactly("exact");
  }

  @Test
  void snippetsMarkMatchesAndEscapeEverythingElse() {
    ArticleRepository r = repo(article("a", "Ferry", "Tom & Jerry's <b>1 < 2</b> took the \"ferry\" home.",
        "LOCAL", 1));
    SearchHit hit = r.search(text("ferry")).items().get(0);
    assertThat(hit.snippet()).hasValue(
        "Tom &amp; Jerry&#39;s 1 &lt; 2 took the &quot;<mark>ferry</mark>&quot; home.");
  }

  @Test
  void analysesEachLanguageAndFoldsAccents() {
    ArticleRepository r = repo(
        Article.builder("de").title("Export wächst").lang("de").body("Der Export nach Übersee steigt.").build(),
        Article.builder("fr").title("Au port").lang("fr").body("Le marché de l'été.").build(),
        Article.builder("ja").title("東京の天気").lang("ja").body("東京は晴れです。").build());
    assertThat(ids(r.query(text("Exporte")))).containsExactly("de");
    assertThat(ids(r.query(text("ubersee")))).containsExactly("de");
    assertThat(ids(r.query(text("marche")))).containsExactly("fr");
    assertThat(ids(r.query(text("東京")))).containsExactly("ja");
  }

  @Test
  void eachArticleIsMatchedByItsOwnLanguagesReadingOfTheQuery() {
    // "die" is a German stop word and an English word: the German reading of "die ferry" is
    // "ferry" alone, which must not match English articles without "die".
    ArticleRepository r = repo(
        Article.builder("en-ferry").title("Ferry timetable").lang("en").body("The ferry leaves at noon.").build(),
        Article.builder("en-die").title("Old ferry").lang("en").body("The old ferry will die at sea.").build(),
        Article.builder("de-ferry").title("Die Ferry").lang("de").body("Die Ferry fährt heute nicht.").build());
    assertThat(ids(r.query(text("die ferry")))).containsExactlyInAnyOrder("en-die", "de-ferry");
    assertThat(r.count(text("die ferry"))).isEqualTo(2);
    assertThat(r.search(text("die ferry")).items()).extracting(h -> h.article().id())
        .containsExactlyInAnyOrder("en-die", "de-ferry");
    // a word every language reads alike matches every article that holds it, in one reading
    assertThat(ids(r.query(text("ferry")))).containsExactlyInAnyOrder("en-ferry", "en-die", "de-ferry");
  }

  @Test
  void aSelectiveFilterFollowsSavesMovesNewArticlesAndDeletes() {
    // A category of a quarter of the articles: few enough for the index to mark the allowed
    // documents from the filter's numbers, with the articles saved since then decided by id.
    List<Article> all = new ArrayList<>();
    java.util.Map<String, String> category = new java.util.TreeMap<>();
    for (int i = 0; i < 400; i++) {
      String id = String.format("a%03d", i);
      String c = i % 4 == 0 ? "CITY" : "PORT";
      all.add(article(id, "Harbour news", "Ferries and harbour works.", c, 1));
      category.put(id, c);
    }
    ArticleRepository r = repo(all.toArray(Article[]::new));
    ArticleQuery city = ArticleQuery.builder().text("harbour").categories("CITY").limit(500).build();
    assertThat(ids(r.query(city))).containsExactlyInAnyOrderElementsOf(inCategory(category, "CITY"));

    for (int i = 1; i <= 9; i += 2) { // PORT to CITY
      save(r, category, String.format("a%03d", i), "CITY");
    }
    for (int i = 0; i <= 16; i += 4) { // CITY to PORT
      save(r, category, String.format("a%03d", i), "PORT");
    }
    save(r, category, "a020", "CITY"); // saved, staying in CITY
    save(r, category, "new1", "CITY");
    save(r, category, "new2", "PORT");
    r.delete("a024");
    category.remove("a024");
    r.delete("a003");
    category.remove("a003");
    assertThat(ids(r.query(city))).containsExactlyInAnyOrderElementsOf(inCategory(category, "CITY"));
    assertThat(r.query(city.toBuilder().limit(10).build()).total()).isEqualTo(inCategory(category, "CITY").size());
    ArticleQuery port = ArticleQuery.builder().text("harbour").categories("PORT").limit(500).build();
    assertThat(ids(r.query(port))).containsExactlyInAnyOrderElementsOf(inCategory(category, "PORT"));
    assertThat(r.count(port)).isEqualTo(inCategory(category, "PORT").size());
    assertThat(r.count(city)).isEqualTo(inCategory(category, "CITY").size());
  }

  /**
   * A count where the filter allows few checks each allowed article against its own language's
   * reading of the query, knowing the language from the article's title field, which an empty
   * title has too.
   */
  @Test
  void aSelectiveCountFindsArticlesOfEveryLanguageWithOrWithoutATitle() {
    List<Article> all = new ArrayList<>();
    int expected = 0;
    // Mostly English, with titles; a few in German and French, some without a title.
    for (int i = 0; i < 160; i++) {
      String lang = i % 10 == 1 ? "de" : i % 10 == 2 ? "fr" : "en";
      boolean city = i % 8 == 1 || i % 8 == 2; // few enough to be marked, in any segment
      boolean holds = i % 3 != 0;
      String title = i % 20 < 10 && lang.equals("en") ? "Report " + i : "";
      all.add(article("t" + i, title, holds ? "The harbour ferry runs." : "Quiet day.", city ? "CITY" : "PORT", 1)
          .toBuilder().lang(lang).build());
      if (city && holds) {
        expected++;
      }
    }
    ArticleRepository r = repo(all.toArray(Article[]::new));
    ArticleQuery city = ArticleQuery.builder().text("harbour").categories("CITY").build();
    assertThat(expected).isGreaterThan(10);
    assertThat(r.count(city)).isEqualTo(expected);
    assertThat(r.query(city.toBuilder().limit(100).build()).items()).hasSize(expected);
  }

  /**
   * {@code ai} is a French stop word: the French reading of {@code ai -alpha} keeps only the
   * exclusion, which the query parser reads as "everything but alpha". It now matches nothing,
   * rather than every article of every language; exclusions alone still match every article
   * without them, each once.
   */
  @Test
  void aReadingLeftWithExclusionsAloneMatchesNothingUnlessTheQueryHadNoWords() {
    ArticleRepository r = repo(
        article("en-ai", "AI in the harbour", "Text.", "CITY", 1),
        article("en-ai-alpha", "AI alpha", "Text.", "CITY", 1),
        article("en-plain", "Harbour news", "Text.", "CITY", 1),
        article("fr-plain", "Le port", "Texte.", "CITY", 1).toBuilder().lang("fr").build(),
        article("fr-alpha", "Le port alpha", "Texte.", "CITY", 1).toBuilder().lang("fr").build());
    ArticleQuery aiNotAlpha = text("ai -alpha");
    assertThat(ids(r.query(aiNotAlpha))).containsExactly("en-ai");
    assertThat(r.count(aiNotAlpha)).isEqualTo(1);
    ArticleQuery notAlpha = text("-alpha");
    assertThat(ids(r.query(notAlpha))).containsExactlyInAnyOrder("en-ai", "en-plain", "fr-plain");
    assertThat(r.count(notAlpha)).isEqualTo(3);
  }

  private static void save(ArticleRepository r, java.util.Map<String, String> category, String id, String c) {
    r.save(article(id, "Harbour news", "Ferries and harbour works.", c, 1));
    category.put(id, c);
  }

  private static List<String> inCategory(java.util.Map<String, String> category, String wanted) {
    return category.entrySet().stream().filter(e -> e.getValue().equals(wanted)).map(java.util.Map.Entry::getKey).toList();
  }

  @Test
  void aFilterThatListsWhatItAllowsIsFollowedAsWhenAskedAboutEachArticle() throws java.io.IOException {
    LuceneSearch search = LuceneSearch.builder().build();
    List<Article> all = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      all.add(article("a" + i, "Harbour news", "Ferries.", "CITY", 1));
    }
    ArticleRepository r = ArticleRepository.builder().store(new InMemoryArticleStore(all)).search(search).build();
    opened.add(r);
    List<String> expected = List.of("a0", "a1", "a16", "a24", "a32", "a40", "a48", "a56");
    for (boolean lists : List.of(true, false, true)) {
      dev.broadsheet.spi.SearchIndex.TextMatches best = search.best("harbour", 64, new EveryEighth(lists));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < best.size(); i++) {
        ids.add(best.id(i));
      }
      assertThat(ids).as("listing its numbers: %s", lists).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(search.count("harbour", new EveryEighth(lists))).as("counted, listing: %s", lists)
          .isEqualTo(expected.size());
    }
  }

  /**
   * Allows the articles {@code a<i>} whose {@code i} is a multiple of eight, except {@code a8},
   * and {@code a1}: those two are decided by id, as articles saved since the numbering was made.
   * Listing its numbers or not, as {@code lists} says.
   */
  private record EveryEighth(boolean lists) implements dev.broadsheet.spi.SearchIndex.IdFilter {
    private static final java.util.Map<String, Boolean> BY_ID = java.util.Map.of("a1", true, "a8", false);

    @Override
    public Object numbering() {
      return EveryEighth.class;
    }

    @Override
    public int number(String id) {
      return Integer.parseInt(id.substring(1));
    }

    @Override
    public boolean test(String id, int number) {
      Boolean byId = BY_ID.get(id);
      return byId != null ? byId : number % 8 == 0;
    }

    @Override
    public boolean test(String id) {
      return test(id, number(id));
    }

    @Override
    public int allowedCount() {
      return lists ? 8 : -1;
    }

    @Override
    public void forEachAllowed(java.util.function.IntConsumer number) {
      for (int i = 0; i < 64; i += 8) {
        number.accept(i); // 8 among them: its id decides otherwise
      }
    }

    @Override
    public java.util.Collection<String> decidedById() {
      return BY_ID.keySet();
    }
  }

  @Test
  void theRepositorysFilterListsItsAllowedNumbersAndNamesTheArticlesSavedSince() throws java.io.IOException {
    Recording search = new Recording(LuceneSearch.builder().build());
    List<Article> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(article(String.format("a%02d", i), "Harbour news", "Ferries.", i % 4 == 0 ? "CITY" : "PORT", 1));
    }
    ArticleRepository r = ArticleRepository.builder().store(new InMemoryArticleStore(all)).search(search).build();
    opened.add(r);
    ArticleQuery city = ArticleQuery.builder().text("harbour").categories("CITY").limit(5).build();
    r.query(city);
    assertThat(listed(search.last)).containsExactlyInAnyOrderElementsOf(
        List.of("a00", "a04", "a08", "a12", "a16", "a20", "a24", "a28", "a32", "a36"));
    assertThat(search.last.allowedCount()).isEqualTo(10);
    assertThat(search.last.decidedById()).isEmpty();

    r.save(article("a01", "Harbour news", "Ferries.", "CITY", 1)); // PORT to CITY
    r.save(article("a04", "Harbour news", "Ferries.", "PORT", 1)); // CITY to PORT
    r.delete("a08");
    r.query(city);
    dev.broadsheet.spi.SearchIndex.IdFilter f = search.last;
    assertThat(f.decidedById()).containsExactlyInAnyOrder("a01", "a04");
    assertThat(listed(f)).containsExactlyInAnyOrderElementsOf(
        List.of("a00", "a12", "a16", "a20", "a24", "a28", "a32", "a36"));
    assertThat(f.test("a01")).isTrue();
    assertThat(f.test("a04")).isFalse();
    assertThat(f.test("a08")).isFalse();
  }

  /** The ids of the numbers {@code filter} lists, through the numbering of the ids it knows. */
  private static List<String> listed(dev.broadsheet.spi.SearchIndex.IdFilter filter) {
    java.util.Map<Integer, String> byNumber = new java.util.HashMap<>();
    for (int i = 0; i < 40; i++) {
      String id = String.format("a%02d", i);
      byNumber.put(filter.number(id), id);
    }
    List<String> ids = new ArrayList<>();
    filter.forEachAllowed(n -> ids.add(byNumber.get(n)));
    assertThat(ids).hasSize(filter.allowedCount());
    return ids;
  }

  /** A search index that keeps the filter the repository last gave it, and searches with Lucene. */
  private static final class Recording implements dev.broadsheet.spi.SearchIndex {
    private final LuceneSearch lucene;
    dev.broadsheet.spi.SearchIndex.IdFilter last;

    Recording(LuceneSearch lucene) {
      this.lucene = lucene;
    }

    @Override
    public TextMatches best(String text, int n, java.util.function.Predicate<String> allowed) throws java.io.IOException {
      last = (dev.broadsheet.spi.SearchIndex.IdFilter) allowed;
      return lucene.best(text, n, allowed);
    }

    @Override
    public void open(Source source) throws java.io.IOException {
      lucene.open(source);
    }

    @Override
    public void put(dev.broadsheet.StoredArticle stored) throws java.io.IOException {
      lucene.put(stored);
    }

    @Override
    public void remove(String id) throws java.io.IOException {
      lucene.remove(id);
    }

    @Override
    public TextMatches search(String text) throws java.io.IOException {
      return lucene.search(text);
    }

    @Override
    public java.util.Optional<String> snippet(String text, Article article) {
      return lucene.snippet(text, article);
    }

    @Override
    public void close() throws java.io.IOException {
      lucene.close();
    }
  }
}
