package dev.broadsheet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.Sentiment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueriesTest {
  private static Map<String, String> out;
  private static List<Article> all;
  private static List<Article> visible;

  @BeforeAll
  static void runQueries() throws Exception {
    out = new LinkedHashMap<>();
    for (String line : Output.of(Queries::main, SampleFiles.FOLDER.toString())) {
      int colon = line.indexOf(": ");
      out.put(line.substring(0, colon), line.substring(colon + 2));
    }
    all = SampleFiles.read(SampleFiles.FOLDER);
    visible = all.stream().filter(a -> SampleFiles.visible(a, Instant.now())).sorted(SampleFiles.STICKY_FIRST).toList();
  }

  @Test
  void printsOneLineForEveryQueryFeature() {
    assertThat(out.keySet()).contains(
        "category SPORTS", "tags CITY and TRANSPORT", "tags CLIMATE or WATER", "LOCAL without TRANSPORT",
        "sentiment NEGATIVE", "sticky only", "published in March 2026", "lang de or fr", "source market-ledger",
        "drafts only", "scheduled only", "expired only", "home as of 2027-06-02",
        "newest, page 1", "newest, page 2", "newest, page 3",
        "facets total", "facets categories", "facets top tags", "facets sentiments", "facets langs", "facets sources");
    assertThat(out.keySet()).anyMatch(k -> k.startsWith("related to "))
        .anyMatch(k -> k.startsWith("newer than "))
        .anyMatch(k -> k.startsWith("older than "));
  }

  @Test
  void filtersMatchWhatTheFilesSay() {
    assertMatches("category SPORTS", a -> "SPORTS".equals(a.category()));
    assertMatches("tags CITY and TRANSPORT", a -> a.tags().containsAll(List.of("CITY", "TRANSPORT")));
    assertMatches("tags CLIMATE or WATER", a -> a.tags().contains("CLIMATE") || a.tags().contains("WATER"));
    assertMatches("LOCAL without TRANSPORT", a -> "LOCAL".equals(a.category()) && !a.tags().contains("TRANSPORT"));
    assertMatches("sentiment NEGATIVE", a -> a.sentiment() == Sentiment.NEGATIVE);
    assertMatches("sticky only", a -> a.stickyWeight() > 0);
    assertMatches("published in March 2026", a -> a.publishedAt().toString().startsWith("2026-03"));
    assertMatches("lang de or fr", a -> Set.of("de", "fr").contains(a.lang()));
    assertMatches("source market-ledger", a -> a.source() != null && "market-ledger".equals(a.source().key()));
  }

  @Test
  void visibilityOptionsShowDraftsScheduledAndExpiredArticles() {
    Instant now = Instant.now();
    assertThat(total("drafts only")).isEqualTo(all.stream().filter(Article::draft).count()).isEqualTo(3);
    assertThat(total("scheduled only"))
        .isEqualTo(all.stream().filter(a -> !a.draft() && a.publishedAt().isAfter(now)).count());
    assertThat(total("expired only"))
        .isEqualTo(all.stream().filter(a -> !a.draft() && a.expiresAt() != null && !a.expiresAt().isAfter(now)).count())
        .isPositive();
    // The day after it goes live, the scheduled article is the stickiest and so comes first.
    Instant preview = Instant.parse("2027-06-02T00:00:00Z");
    List<Article> then = all.stream().filter(a -> SampleFiles.visible(a, preview)).sorted(SampleFiles.STICKY_FIRST).toList();
    assertThat(total("home as of 2027-06-02")).isEqualTo(then.size());
    assertThat(ids("home as of 2027-06-02").get(0)).isEqualTo(then.get(0).id());
    assertThat(then.get(0).publishedAt()).isEqualTo(SampleContent.SCHEDULED_AT);
  }

  @Test
  void cursorPagesContinueWhereThePreviousPageEnded() {
    List<String> paged = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      paged.addAll(List.of(out.get("newest, page " + n).split(", ")));
    }
    List<String> newest = visible.stream().sorted(SampleFiles.NEWEST).limit(15).map(Article::id).toList();
    assertThat(paged).isEqualTo(newest);
  }

  @Test
  void facetsCountTheVisibleArticles() {
    assertThat(out.get("facets total")).isEqualTo(Integer.toString(visible.size()));
    long sports = visible.stream().filter(a -> "SPORTS".equals(a.category())).count();
    assertThat(out.get("facets categories")).contains("SPORTS=" + sports);
    long city = visible.stream().filter(a -> a.tags().contains("CITY")).count();
    assertThat(out.get("facets top tags")).startsWith("{CITY=" + city + ",");
    assertThat(out.get("facets sentiments")).contains("POSITIVE=", "NEUTRAL=", "NEGATIVE=");
    assertThat(out.get("facets langs")).contains("en=", "de=", "fr=", "es=");
  }

  @Test
  void relatedArticlesShareATagAndNeighboursAreAdjacentByDate() {
    String relatedKey = out.keySet().stream().filter(k -> k.startsWith("related to ")).findFirst().orElseThrow();
    String id = relatedKey.substring("related to ".length());
    Article subject = byId(id);
    List<String> related = List.of(out.get(relatedKey).split(", "));
    assertThat(related).isNotEmpty().doesNotContain(id)
        .allSatisfy(r -> assertThat(byId(r).tags()).containsAnyElementsOf(subject.tags()));

    List<String> newest = visible.stream().sorted(SampleFiles.NEWEST).map(Article::id).toList();
    int at = newest.indexOf(id);
    assertThat(at).isEqualTo(10);
    assertThat(out.get("newer than " + id)).isEqualTo(newest.get(at - 1));
    assertThat(out.get("older than " + id)).isEqualTo(newest.get(at + 1));
  }

  private static void assertMatches(String label, Predicate<Article> filter) {
    List<Article> expected = visible.stream().filter(filter).toList();
    assertThat(expected).as(label).isNotEmpty();
    assertThat(total(label)).as(label).isEqualTo(expected.size());
    assertThat(ids(label)).as(label)
        .isEqualTo(expected.stream().limit(3).map(Article::id).collect(Collectors.toList()));
  }

  private static long total(String label) {
    String line = out.get(label);
    return Long.parseLong(line.substring(0, line.indexOf(" | ")));
  }

  private static List<String> ids(String label) {
    String line = out.get(label);
    return List.of(line.substring(line.indexOf(" | ") + 3).split(", "));
  }

  private static Article byId(String id) {
    return all.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
  }
}
