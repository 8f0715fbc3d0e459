package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryOptionTest {
  private static ArticleQuery read(Map<String, List<String>> values) {
    return ArticleQuery.builder().options(values, QueryOption.ALL).build();
  }

  private static InvalidQueryException refused(Map<String, List<String>> values, Set<QueryOption> accepted) {
    try {
      ArticleQuery.builder().options(values, accepted);
    } catch (InvalidQueryException e) {
      return e;
    }
    throw new AssertionError("accepted " + values);
  }

  /** A value for every option of the grammar but the text. */
  private static Map<String, List<String>> everyOption() {
    Map<String, List<String>> v = new LinkedHashMap<>();
    v.put("category", List.of("Sports", "LOCAL"));
    v.put("tag", List.of("a", "b"));
    v.put("anyTag", List.of("c"));
    v.put("excludeTag", List.of("d"));
    v.put("sentiment", List.of("positive", "NEGATIVE"));
    v.put("minSticky", List.of("3"));
    v.put("from", List.of("2026-01-01"));
    v.put("to", List.of("2026-02-01T00:00:00+01:00"));
    v.put("lang", List.of("DE"));
    v.put("source", List.of("Decrypt"));
    v.put("drafts", List.of("include"));
    v.put("scheduled", List.of("ONLY"));
    v.put("expired", List.of("exclude"));
    v.put("asOf", List.of("2027-06-01T00:00:00Z"));
    v.put("sort", List.of("oldest"));
    v.put("limit", List.of("7"));
    v.put("offset", List.of("2"));
    v.put("cursor", List.of("abc"));
    v.put("topTags", List.of("5"));
    return v;
  }

  @Test
  void everyOptionSetsItsPartOfTheQuery() {
    ArticleQuery q = read(everyOption());
    assertThat(q.categories()).containsExactlyInAnyOrder("sports", "local");
    assertThat(q.allTags()).containsExactlyInAnyOrder("a", "b");
    assertThat(q.anyTags()).containsExactly("c");
    assertThat(q.noneTags()).containsExactly("d");
    assertThat(q.sentiments()).containsExactlyInAnyOrder(Sentiment.POSITIVE, Sentiment.NEGATIVE);
    assertThat(q.minStickyWeight()).isEqualTo(3);
    assertThat(q.publishedFrom()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(q.publishedBefore()).isEqualTo(Instant.parse("2026-01-31T23:00:00Z"));
    assertThat(q.langs()).containsExactly("de");
    assertThat(q.sources()).containsExactly("decrypt");
    assertThat(q.drafts()).isEqualTo(Inclusion.INCLUDE);
    assertThat(q.scheduled()).isEqualTo(Inclusion.ONLY);
    assertThat(q.expired()).isEqualTo(Inclusion.EXCLUDE);
    assertThat(q.asOf()).isEqualTo(Instant.parse("2027-06-01T00:00:00Z"));
    assertThat(q.sort()).isEqualTo(Sort.OLDEST);
    assertThat(q.limit()).isEqualTo(7);
    assertThat(q.offset()).isEqualTo(2);
    assertThat(q.cursor()).isEqualTo("abc");
    assertThat(q.topTags()).isEqualTo(5);
  }

  /**
   * {@code withAsOf} is {@code toBuilder().asOf(..).build()}: every accessor of the query answers
   * the same, over a query with every option set (text and sortGiven included).
   */
  @Test
  void withAsOfChangesOnlyTheMomentOfVisibility() throws Exception {
    Map<String, List<String>> v = everyOption();
    v.remove("asOf");
    v.remove("sort");
    v.put("q", List.of("harbour ferry"));
    Instant at = Instant.parse("2027-06-01T00:00:00.000000001Z");
    for (ArticleQuery q : List.of(read(v), ArticleQuery.all(), ArticleQuery.builder().sort(Sort.OLDEST).cursor("abc")
        .asOf(Instant.EPOCH).build())) {
      ArticleQuery expected = q.toBuilder().asOf(at).build();
      ArticleQuery actual = q.withAsOf(at);
      int compared = 0;
      for (java.lang.reflect.Method m : ArticleQuery.class.getMethods()) {
        if (m.getParameterCount() == 0 && m.getDeclaringClass() == ArticleQuery.class
            && !java.lang.reflect.Modifier.isStatic(m.getModifiers()) && !m.getName().equals("toBuilder")) {
          assertThat(m.invoke(actual)).as("%s of %s", m.getName(), q).isEqualTo(m.invoke(expected));
          compared++;
        }
      }
      assertThat(compared).isGreaterThan(15);
      // Whether a sort was given shows once the text is gone: relevance was the default only.
      assertThat(actual.toBuilder().text(null).build().sort()).isEqualTo(expected.toBuilder().text(null).build().sort());
      assertThat(actual.asOf()).isEqualTo(at);
      assertThat(actual.withAsOf(null).asOf()).isNull();
      assertThat(actual.withAsOf(at)).isSameAs(actual);
    }
  }

  @Test
  void stickyAndMinStickyAskForTheLargerMinimum() {
    assertThat(read(Map.of("sticky", List.of("true"))).minStickyWeight()).isEqualTo(1);
    assertThat(read(Map.of("sticky", List.of("false"))).minStickyWeight()).isZero();
    Map<String, List<String>> both = new LinkedHashMap<>();
    both.put("minSticky", List.of("4"));
    both.put("sticky", List.of("true"));
    assertThat(read(both).minStickyWeight()).isEqualTo(4);
    both.put("minSticky", List.of("0"));
    assertThat(read(both).minStickyWeight()).isEqualTo(1);
  }

  @Test
  void toMustBeAfterFromInTheGrammarAndTheBuilderAlike() {
    Map<String, List<String>> same = new LinkedHashMap<>();
    same.put("from", List.of("2026-01-01"));
    same.put("to", List.of("2026-01-01T00:00:00Z"));
    assertThat(refused(same, QueryOption.ALL).violations()).containsExactly(new InvalidQueryException.Violation(
        "to", "must be after from (2026-01-01T00:00:00Z), was 2026-01-01T00:00:00Z"));
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> ArticleQuery.builder().publishedFrom(t).publishedBefore(t).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("publishedBefore must be after publishedFrom 2026-01-01T00:00:00Z, was 2026-01-01T00:00:00Z");
  }

  @Test
  void everyProblemIsReportedAtOnceAndNothingIsSet() {
    Map<String, List<String>> v = new LinkedHashMap<>();
    v.put("catgory", List.of("x"));
    v.put("limit", List.of("0"));
    v.put("sort", List.of("random"));
    v.put("sentiment", List.of("happy"));
    v.put("drafts", List.of(""));
    v.put("minSticky", List.of("1", "2"));
    v.put("from", List.of("yesterday"));
    v.put("topTags", List.of("1001"));
    ArticleQuery.Builder b = ArticleQuery.builder().limit(5);
    assertThatThrownBy(() -> b.options(v, QueryOption.ALL)).isInstanceOfSatisfying(InvalidQueryException.class,
        e -> assertThat(e.violations()).containsExactly(
            new InvalidQueryException.Violation("catgory", "is not an option here; the options are category, tag, "
                + "anyTag, excludeTag, sentiment, sticky, minSticky, from, to, lang, source, q, drafts, scheduled, "
                + "expired, asOf, sort, limit, offset, cursor, topTags"),
            new InvalidQueryException.Violation("limit", "must be a whole number >= 1, was 0"),
            new InvalidQueryException.Violation("sort", "must be sticky, newest, oldest, relevance, was 'random'"),
            new InvalidQueryException.Violation("sentiment", "must be positive, neutral or negative, was 'happy'"),
            new InvalidQueryException.Violation("drafts", "must not be empty"),
            new InvalidQueryException.Violation("minSticky", "is given 2 times; give it once"),
            new InvalidQueryException.Violation("from",
                "must be an ISO-8601 instant such as 2026-02-01T09:00:00Z or a date such as 2026-02-01, was 'yesterday'"),
            new InvalidQueryException.Violation("topTags", "must be a whole number from 0 to 1000, was 1001")));
    assertThat(b.build().limit()).isEqualTo(5);
  }

  @Test
  void optionsOutsideTheAcceptedSetAreRefused() {
    InvalidQueryException e = refused(Map.of("drafts", List.of("include")), Set.of(QueryOption.CATEGORY));
    assertThat(e.violations()).containsExactly(
        new InvalidQueryException.Violation("drafts", "is not an option here; the options are category"));
    assertThat(refused(Map.of("x", List.of("1")), Set.of()).violations().get(0).reason()).isEqualTo(
        "is not an option here; the options are none");
  }

  @Test
  void commandLineSpellingIsDerivedFromTheKey() {
    assertThat(QueryOption.ANY_TAG.longOption()).isEqualTo("--any-tag");
    assertThat(QueryOption.AS_OF.longOption()).isEqualTo("--as-of");
    assertThat(QueryOption.TOP_TAGS.longOption()).isEqualTo("--top-tags");
    assertThat(QueryOption.CATEGORY.longOption()).isEqualTo("--category");
    assertThat(QueryOption.byKey("excludeTag")).contains(QueryOption.EXCLUDE_TAG);
    assertThat(QueryOption.TEXT.longOption()).isEqualTo("--text");
    assertThat(QueryOption.byKey("q")).contains(QueryOption.TEXT);
  }

  @Test
  void textSortsByRelevanceUnlessASortIsGiven() {
    ArticleQuery.Builder withDefault = ArticleQuery.builder().sort(Sort.NEWEST);
    assertThat(withDefault.options(Map.of("q", List.of(" harbour ferry ")), QueryOption.ALL).build())
        .satisfies(q -> assertThat(q.text()).isEqualTo("harbour ferry"))
        .satisfies(q -> assertThat(q.sort()).isEqualTo(Sort.RELEVANCE));
    assertThat(ArticleQuery.builder().options(Map.of("q", List.of("ferry"), "sort", List.of("oldest")),
        QueryOption.ALL).build().sort()).isEqualTo(Sort.OLDEST);
    assertThat(ArticleQuery.builder().text("ferry").build().sort()).isEqualTo(Sort.RELEVANCE);
    assertThat(ArticleQuery.builder().text("  ").build().text()).isNull();
  }

  @Test
  void relevanceCursorsKeepTheirScore() {
    dev.broadsheet.spi.Cursor c = dev.broadsheet.spi.Cursor.relevance(3.25f, "2026/01/ferry");
    assertThat(dev.broadsheet.spi.Cursor.decode(c.encode(), Sort.RELEVANCE)).isEqualTo(c);
    assertThatThrownBy(() -> dev.broadsheet.spi.Cursor.decode(c.encode(), Sort.NEWEST))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("was made for sort relevance, not newest");
  }

  @Test
  void sortsAndInclusionsHaveOneSpelling() {
    assertThat(Sort.parse(" Newest ")).contains(Sort.NEWEST);
    assertThat(Sort.parse("sticky_first")).isEmpty();
    assertThat(Sort.STICKY_FIRST.key()).isEqualTo("sticky");
    assertThat(Inclusion.parse("ONLY")).contains(Inclusion.ONLY);
    assertThat(Inclusion.ONLY.key()).isEqualTo("only");
  }
}
