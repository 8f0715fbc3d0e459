package dev.broadsheet.json;

import static dev.broadsheet.json.ArticleJsonTest.compact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Facets;
import dev.broadsheet.Page;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PageAndFacetsJsonTest {
  private final ObjectMapper mapper = new ObjectMapper().registerModule(new BroadsheetModule());

  private static Article article(String id, String category, String... tags) {
    return Article.builder(id).title("About " + id).publishedAt(Instant.parse("2026-01-0" + id.charAt(id.length() - 1) + "T10:00:00Z"))
        .category(category).tags(tags).lang("en").source(new Source(null, "wire", null))
        .sentiment(Sentiment.NEUTRAL).body("Text of " + id + ".\n").build();
  }

  private static ArticleRepository newsroom() {
    return ArticleRepository.builder()
        .store(new InMemoryArticleStore(List.of(article("n/1", "LOCAL", "CITY"), article("n/2", "LOCAL"),
            article("n/3", "SPORTS", "CITY"))))
        .clock(Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC))
        .build();
  }

  @Test
  void pageIsItemsTotalAndNextCursor() throws Exception {
    Page<Article> page = Page.of(List.of(Article.builder("a").title("A").draft(true).build()), "c2NvcmU6MQ", 7);

    assertThat(mapper.writeValueAsString(page)).isEqualTo(compact("""
        {"items":[{"id":"a","title":"A","tags":[],"stickyWeight":0,"score":0.0,"draft":true,"body":""}],
        "total":7,
        "nextCursor":"c2NvcmU6MQ"}
        """));
  }

  @Test
  void lastPageHasANullCursor() throws Exception {
    assertThat(mapper.writeValueAsString(Page.of(List.of(), null, 0)))
        .isEqualTo("{\"items\":[],\"total\":0,\"nextCursor\":null}");
  }

  @Test
  void writingAPageCountsItsTotalOnce() throws Exception {
    AtomicInteger counted = new AtomicInteger();
    Page<String> page = new Page<>(List.of("x", "y"), null, () -> {
      counted.incrementAndGet();
      return 12;
    });

    assertThat(mapper.writeValueAsString(page)).isEqualTo("{\"items\":[\"x\",\"y\"],\"total\":12,\"nextCursor\":null}");
    assertThat(counted).hasValue(1);
  }

  @Test
  void pageFromARepositoryReadsBackAsAPageOfArticles() throws Exception {
    Page<Article> page;
    try (ArticleRepository repo = newsroom()) {
      page = repo.query(ArticleQuery.builder().limit(2).build());
    }

    String json = mapper.writeValueAsString(page);
    Page<Article> back = mapper.readValue(json, new TypeReference<Page<Article>>() {});

    assertThat(back.items()).isEqualTo(page.items());
    assertThat(back.total()).isEqualTo(3);
    assertThat(back.nextCursor()).isEqualTo(page.nextCursor()).isPresent();
  }

  @Test
  void pageOfOtherItemsReadsThemWithTheirOwnDeserializer() throws Exception {
    Page<Integer> back = mapper.readValue("{\"items\":[1,2],\"total\":5,\"nextCursor\":\"n\"}",
        new TypeReference<Page<Integer>>() {});

    assertThat(back.items()).containsExactly(1, 2);
    assertThat(back.total()).isEqualTo(5);
    assertThat(back.nextCursor()).contains("n");
  }

  @Test
  void pageWithoutTotalIsRefused() {
    assertThatThrownBy(() -> mapper.readValue("{\"items\":[]}", new TypeReference<Page<Article>>() {}))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("a page has items and a total");
  }

  @Test
  void unknownPagePropertiesFollowTheMappersSetting() throws Exception {
    String json = "{\"items\":[],\"total\":0,\"nextCursor\":null,\"took\":3}";

    assertThatThrownBy(() -> mapper.readValue(json, new TypeReference<Page<Article>>() {}))
        .isInstanceOf(UnrecognizedPropertyException.class);
    ObjectMapper lenient = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    assertThat(lenient.readValue(json, new TypeReference<Page<Article>>() {}).total()).isZero();
  }

  private static Facets facets() {
    Map<String, Integer> categories = new LinkedHashMap<>();
    categories.put("LOCAL", 2);
    categories.put("SPORTS", 1);
    Map<String, Integer> tags = new LinkedHashMap<>();
    tags.put("CITY", 2);
    tags.put("2026", 1); // an index-like key, which some JSON readers would move to the front
    tags.put("AI", 1);
    Map<Sentiment, Integer> sentiments = new LinkedHashMap<>();
    sentiments.put(Sentiment.NEUTRAL, 2);
    sentiments.put(Sentiment.NEGATIVE, 1);
    return new Facets(3, categories, tags, sentiments, Map.of("en", 3), Map.of("wire", 3));
  }

  @Test
  void facetsAreArraysOfValueAndCountInTheirOrder() throws Exception {
    assertThat(mapper.writeValueAsString(facets())).isEqualTo(compact("""
        {"total":3,
        "categories":[{"value":"LOCAL","count":2},{"value":"SPORTS","count":1}],
        "tags":[{"value":"CITY","count":2},{"value":"2026","count":1},{"value":"AI","count":1}],
        "sentiments":[{"value":"NEUTRAL","count":2},{"value":"NEGATIVE","count":1}],
        "langs":[{"value":"en","count":3}],
        "sources":[{"value":"wire","count":3}]}
        """));
  }

  @Test
  void emptyFacetsHaveEmptyArrays() throws Exception {
    Facets none = new Facets(0, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    assertThat(mapper.writeValueAsString(none)).isEqualTo(
        "{\"total\":0,\"categories\":[],\"tags\":[],\"sentiments\":[],\"langs\":[],\"sources\":[]}");
  }

  @Test
  void facetsReadBackEqualWithTheirOrder() throws Exception {
    ObjectMapper indenting = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT);

    Facets back = mapper.readValue(indenting.writeValueAsString(facets()), Facets.class);

    assertThat(back).isEqualTo(facets());
    assertThat(back.tags().keySet()).containsExactly("CITY", "2026", "AI");
  }

  @Test
  void facetsFromARepositoryHaveEveryFacet() throws Exception {
    String json;
    try (ArticleRepository repo = newsroom()) {
      json = mapper.writeValueAsString(repo.facets(ArticleQuery.all()));
    }

    assertThat(json).isEqualTo(compact("""
        {"total":3,
        "categories":[{"value":"LOCAL","count":2},{"value":"SPORTS","count":1}],
        "tags":[{"value":"CITY","count":2}],
        "sentiments":[{"value":"NEUTRAL","count":3}],
        "langs":[{"value":"en","count":3}],
        "sources":[{"value":"wire","count":3}]}
        """));
  }

  @Test
  void facetsWithAnUnknownSentimentAreRefused() {
    String json = "{\"total\":1,\"sentiments\":[{\"value\":\"CHEERFUL\",\"count\":1}]}";

    assertThatThrownBy(() -> mapper.readValue(json, Facets.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("sentiments has the value 'CHEERFUL', which is no sentiment");
  }
}
