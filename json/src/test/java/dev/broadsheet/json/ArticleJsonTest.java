package dev.broadsheet.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.broadsheet.AiInfo;
import dev.broadsheet.Article;
import dev.broadsheet.CoverImage;
import dev.broadsheet.Revision;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
import dev.broadsheet.StoredArticle;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ArticleJsonTest {
  private final ObjectMapper mapper = new ObjectMapper().registerModule(new BroadsheetModule());

  /** An article with every field set, and extra values of every kind. */
  static Article harbourCrane() {
    Map<String, Object> seo = new LinkedHashMap<>();
    seo.put("slug", "harbour-crane");
    seo.put("noindex", false);
    List<Object> related = new ArrayList<>(Arrays.asList("2026/01/quay-works", 2L, null, true, 1.5));
    return Article.builder("2026/01/harbour-crane")
        .title("Harbour crane \"Big Ada\" retires")
        .description("After forty years on the quay, the crane is taken down.")
        .publishedAt(Instant.parse("2026-01-30T02:57:10Z"))
        .updatedAt(Instant.parse("2026-01-31T08:00:00.250Z"))
        .expiresAt(Instant.parse("2027-01-01T00:00:00Z"))
        .lang("en")
        .externalId("0042")
        .translationKey("harbour-crane")
        .source(new Source("Harbour Gazette", "gazette", "RSS"))
        .category("LOCAL")
        .tags("PORT", "HISTORY")
        .stickyWeight(2)
        .sentiment(Sentiment.NEUTRAL)
        .score(7.5)
        .draft(false)
        .coverImage(new CoverImage("https://img.example/ada.raw", null, "https://img.example/ada.jpg", null,
            "https://img.example/ada-thumb.jpg", "https://s3.example/ada-small.jpg"))
        .ai(new AiInfo(true, Instant.parse("2026-01-30T03:00:00Z"), 3))
        .putExtra("zeta", "written first, kept first")
        .putExtra("readingTime", 4L)
        .putExtra("views", new BigInteger("123456789012345678901234567890"))
        .putExtra("seo", seo)
        .putExtra("related", related)
        .putExtra("note", null)
        .body("## Overview\n\nThe crane\tleaves on Monday.\n")
        .build();
  }

  /** The lines of a text block joined without their indentation: compact JSON, readable here. */
  static String compact(String lines) {
    return lines.lines().map(String::strip).collect(Collectors.joining());
  }

  @Test
  void writesEveryFieldInCanonicalOrderWithIdFirstAndBodyLast() throws Exception {
    assertThat(mapper.writeValueAsString(harbourCrane())).isEqualTo(compact("""
        {"id":"2026/01/harbour-crane",
        "title":"Harbour crane \\"Big Ada\\" retires",
        "description":"After forty years on the quay, the crane is taken down.",
        "publishedAt":"2026-01-30T02:57:10Z",
        "updatedAt":"2026-01-31T08:00:00.250Z",
        "expiresAt":"2027-01-01T00:00:00Z",
        "lang":"en",
        "externalId":"0042",
        "translationKey":"harbour-crane",
        "source":{"name":"Harbour Gazette","key":"gazette","type":"RSS"},
        "category":"LOCAL",
        "tags":["PORT","HISTORY"],
        "stickyWeight":2,
        "sentiment":"NEUTRAL",
        "score":7.5,
        "draft":false,
        "coverImage":{"raw":"https://img.example/ada.raw","regular":"https://img.example/ada.jpg",
        "thumb":"https://img.example/ada-thumb.jpg","small_s3":"https://s3.example/ada-small.jpg"},
        "ai":{"rewritten":true,"expandedAt":"2026-01-30T03:00:00Z","version":3},
        "extra":{"zeta":"written first, kept first","readingTime":4,
        "views":123456789012345678901234567890,
        "seo":{"slug":"harbour-crane","noindex":false},
        "related":["2026/01/quay-works",2,null,true,1.5],
        "note":null},
        "body":"## Overview\\n\\nThe crane\\tleaves on Monday.\\n"}
        """));
  }

  @Test
  void fieldOrderIsIdThenTheFrontmatterOrderThenExtraThenBody() throws Exception {
    JsonNode tree = mapper.readTree(mapper.writeValueAsString(harbourCrane()));
    List<String> names = new ArrayList<>();
    tree.fieldNames().forEachRemaining(names::add);

    List<String> expected = new ArrayList<>(List.of("id"));
    expected.addAll(Article.FIELDS);
    expected.addAll(List.of("extra", "body"));
    assertThat(names).isEqualTo(expected);
  }

  @Test
  void leavesOutAbsentFieldsButAlwaysWritesTheOnesEveryArticleHas() throws Exception {
    Article minimal = Article.builder("drafts/idea").title("An idea").draft(true).build();

    assertThat(mapper.writeValueAsString(minimal)).isEqualTo(compact("""
        {"id":"drafts/idea","title":"An idea","tags":[],"stickyWeight":0,"score":0.0,"draft":true,"body":""}
        """));
  }

  @Test
  void writesNestedObjectsWithOnlyTheirPresentParts() throws Exception {
    Article a = Article.builder("a").title("A").draft(true)
        .source(new Source(null, "wire", null))
        .coverImage(new CoverImage(null, null, null, null, null, null))
        .ai(new AiInfo(null, null, 0))
        .build();

    JsonNode tree = mapper.valueToTree(a);

    assertThat(tree.get("source").toString()).isEqualTo("{\"key\":\"wire\"}");
    assertThat(tree.get("coverImage").toString()).isEqualTo("{}");
    assertThat(tree.get("ai").toString()).isEqualTo("{\"version\":0}");
    assertThat(mapper.treeToValue(tree, Article.class)).isEqualTo(a);
  }

  @Test
  void writesTimestampsAsInstantTextInUtcWhateverTheirPrecision() throws Exception {
    Article a = Article.builder("a").title("A")
        .publishedAt(Instant.parse("0001-01-01T00:00:00Z"))
        .updatedAt(Instant.parse("2026-05-06T07:08:09.123456789Z"))
        .expiresAt(Instant.parse("9999-12-31T23:59:59.999Z"))
        .build();

    JsonNode tree = mapper.valueToTree(a);

    assertThat(tree.get("publishedAt").textValue()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(tree.get("updatedAt").textValue()).isEqualTo("2026-05-06T07:08:09.123456789Z");
    assertThat(tree.get("expiresAt").textValue()).isEqualTo("9999-12-31T23:59:59.999Z");
    assertThat(mapper.treeToValue(tree, Article.class)).isEqualTo(a);
  }

  @Test
  void writesNonFiniteExtraNumbersAsText() throws Exception {
    Article a = Article.builder("a").title("A").draft(true)
        .putExtra("ratio", Double.NaN)
        .putExtra("ceiling", Double.POSITIVE_INFINITY)
        .build();

    assertThat(mapper.writeValueAsString(a))
        .contains("\"extra\":{\"ratio\":\"NaN\",\"ceiling\":\"Infinity\"}");
  }

  @Test
  void readsTheWrittenArticleBackEqual() throws Exception {
    Article a = harbourCrane();

    assertThat(mapper.readValue(mapper.writeValueAsString(a), Article.class)).isEqualTo(a);
    assertThat(mapper.readValue(mapper.writeValueAsBytes(a), Article.class)).isEqualTo(a);
  }

  @Test
  @SuppressWarnings("unchecked")
  void extraKeepsItsKeyOrderAndValueTypes() throws Exception {
    Article back = mapper.readValue(mapper.writeValueAsString(harbourCrane()), Article.class);

    assertThat(back.extra().keySet()).containsExactly("zeta", "readingTime", "views", "seo", "related", "note");
    assertThat(back.extra().get("readingTime")).isEqualTo(4L);
    assertThat(back.extra().get("views")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat((List<Object>) back.extra().get("related")).containsExactly("2026/01/quay-works", 2L, null, true, 1.5);
    assertThat(back.extra()).containsEntry("note", null);
  }

  @Test
  void storedArticleCarriesItsRevisionAfterTheId() throws Exception {
    StoredArticle stored = new StoredArticle(harbourCrane(), Revision.of("sha256:5f2c"));

    String json = mapper.writeValueAsString(stored);

    assertThat(json).startsWith("{\"id\":\"2026/01/harbour-crane\",\"revision\":\"sha256:5f2c\",\"title\":");
    assertThat(mapper.readValue(json, StoredArticle.class)).isEqualTo(stored);
    // The same JSON read as a plain article drops the revision.
    assertThat(mapper.readValue(json, Article.class)).isEqualTo(stored.article());
  }

  @Test
  void omittedBodiesAreLeftOutAndReadBackEmpty() throws Exception {
    ObjectMapper listings = new ObjectMapper()
        .registerModule(BroadsheetModule.builder().bodies(BroadsheetModule.Bodies.OMIT).build());

    String json = listings.writeValueAsString(harbourCrane());

    assertThat(json).doesNotContain("\"body\"").endsWith("\"note\":null}}");
    assertThat(listings.readValue(json, Article.class)).isEqualTo(harbourCrane().withBody(""));
  }

  @Test
  void indentedOutputHasTheSameContent() throws Exception {
    ObjectMapper indenting = new ObjectMapper().registerModule(new BroadsheetModule())
        .enable(SerializationFeature.INDENT_OUTPUT);

    String json = indenting.writeValueAsString(harbourCrane());

    assertThat(json).startsWith("{\n  \"id\" : \"2026/01/harbour-crane\",\n  \"title\" : ");
    assertThat(mapper.readTree(json)).isEqualTo(mapper.readTree(mapper.writeValueAsString(harbourCrane())));
    assertThat(indenting.readValue(json, Article.class)).isEqualTo(harbourCrane());
  }

  @Test
  void mapperSettingsForBeansDoNotChangeTheShape() throws Exception {
    ObjectMapper configured = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY))
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
        .addModule(new BroadsheetModule())
        .build();

    String json = configured.writeValueAsString(harbourCrane());

    assertThat(json).isEqualTo(mapper.writeValueAsString(harbourCrane()));
    assertThat(configured.readValue(json, Article.class)).isEqualTo(harbourCrane());
    assertThat(configured.convertValue(harbourCrane(), Article.class)).isEqualTo(harbourCrane());
  }

  @Test
  void articlesInsideOtherValuesUseTheModule() throws Exception {
    record Envelope(String kind, List<Article> articles) {}
    Envelope envelope = new Envelope("digest", List.of(harbourCrane()));

    String json = mapper.writeValueAsString(envelope);

    assertThat(json).startsWith("{\"kind\":\"digest\",\"articles\":[{\"id\":\"2026/01/harbour-crane\",");
    assertThat(mapper.readValue(json, Envelope.class)).isEqualTo(envelope);
  }

  @Test
  void laterModuleWithOtherOptionsTakesPrecedence() throws Exception {
    ObjectMapper both = new ObjectMapper()
        .registerModule(new BroadsheetModule())
        .registerModule(BroadsheetModule.builder().bodies(BroadsheetModule.Bodies.OMIT).build());

    assertThat(both.writeValueAsString(harbourCrane())).doesNotContain("\"body\"");
    assertThat(both.getRegisteredModuleIds()).hasSize(2);
  }

  @Test
  void builderRefusesNullOptions() {
    assertThatThrownBy(() -> BroadsheetModule.builder().bodies(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("bodies");
  }

  @Test
  void readsNullAsNoArticle() throws Exception {
    assertThat(mapper.readValue("null", Article.class)).isNull();
  }
}
