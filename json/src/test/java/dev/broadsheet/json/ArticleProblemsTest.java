package dev.broadsheet.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.broadsheet.Article;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.Page;
import dev.broadsheet.Problem;
import dev.broadsheet.StoredArticle;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON that is not a valid article: every problem as data, with its JSON path and position. */
class ArticleProblemsTest {
  private final ObjectMapper mapper = new ObjectMapper().registerModule(new BroadsheetModule());

  private List<Problem> problems(String json) {
    InvalidArticleException e = catchThrowableOfType(InvalidArticleException.class,
        () -> mapper.readValue(json, Article.class));
    assertThat(e).as("reading %s", json).isNotNull();
    return e.problems();
  }

  /** A valid article's fields with one line replaced; the line under test is always line 4. */
  private static String withLine4(String line) {
    return """
        {
          "id": "2026/02/tide-tables",
          "title": "Tide tables for February",
        %s
          "publishedAt": "2026-02-01T06:00:00Z"
        }
        """.formatted("  " + line);
  }

  static Stream<Arguments> oneBadField() {
    return Stream.of(
        Arguments.of("\"tags\": 7,", "$.tags", "type", "tags must be an array of strings, was a number", 11),
        Arguments.of("\"tags\": [\"SEA\", \"PORT\", 3],", "$.tags[2]", "type", "tags[2] must be a string, was a number", 27),
        Arguments.of("\"tags\": [\"SEA\", null],", "$.tags[1]", "type", "tags[1] must be a string, was null", 19),
        Arguments.of("\"stickyWeight\": \"x\",", "$.stickyWeight", "type",
            "stickyWeight must be a whole number >= 0, was the string 'x'", 19),
        Arguments.of("\"stickyWeight\": -1,", "$.stickyWeight", "type", "stickyWeight must be a whole number >= 0, was -1", 19),
        Arguments.of("\"stickyWeight\": 2.5,", "$.stickyWeight", "type", "stickyWeight must be a whole number >= 0, was 2.5", 19),
        Arguments.of("\"stickyWeight\": 3000000000,", "$.stickyWeight", "type",
            "stickyWeight must be a whole number >= 0, was 3000000000", 19),
        Arguments.of("\"score\": \"high\",", "$.score", "type", "score must be a finite number, was the string 'high'", 12),
        Arguments.of("\"score\": 1e400,", "$.score", "type", "score must be a finite number, was 1e400", 12),
        Arguments.of("\"draft\": \"yes\",", "$.draft", "type", "draft must be true or false, was the string 'yes'", 12),
        Arguments.of("\"sentiment\": \"cheerful\",", "$.sentiment", "type",
            "sentiment must be one of [POSITIVE, NEUTRAL, NEGATIVE], was 'cheerful'", 16),
        Arguments.of("\"updatedAt\": \"soon\",", "$.updatedAt", "type",
            "updatedAt must be an ISO-8601 timestamp such as 2026-01-30T02:57:10Z or 2026-01-30, was 'soon'", 16),
        Arguments.of("\"updatedAt\": \"2026-02-30T10:00:00Z\",", "$.updatedAt", "type",
            "updatedAt must be an ISO-8601 timestamp such as 2026-01-30T02:57:10Z or 2026-01-30, was '2026-02-30T10:00:00Z'", 16),
        Arguments.of("\"updatedAt\": 1769760000000,", "$.updatedAt", "type",
            "updatedAt must be an ISO-8601 timestamp such as 2026-01-30T02:57:10Z or 2026-01-30, was a number", 16),
        Arguments.of("\"expiresAt\": \"+10000-01-01T00:00:00Z\",", "$.expiresAt", "type",
            "expiresAt must be between the years 0001 and 9999, was '+10000-01-01T00:00:00Z'", 16),
        Arguments.of("\"lang\": [\"en\"],", "$.lang", "type", "lang must be a string, was an array", 11),
        Arguments.of("\"description\": \"bell\\u0007\",", "$.description", "control-character",
            "description holds the control character U+0007", 18),
        Arguments.of("\"source\": {\"name\": \"Gazette\", \"url\": \"https://gazette.example\"},", "$.source.url",
            "unknown-field", "source has no field 'url' (it has name, key, type)", 33),
        Arguments.of("\"source\": \"Gazette\",", "$.source", "type", "source must be an object with name, key, type, was a string", 13),
        Arguments.of("\"source\": {\"key\": 5},", "$.source.key", "type", "source.key must be a string, was a number", 21),
        Arguments.of("\"coverImage\": {\"thumb\": \"t.jpg\", \"smallS3\": \"s.jpg\"},", "$.coverImage.smallS3",
            "unknown-field", "coverImage has no field 'smallS3' (it has raw, full, regular, small, thumb, small_s3)", 36),
        Arguments.of("\"ai\": {\"version\": -2},", "$.ai.version", "type", "ai.version must be a whole number >= 0, was -2", 21),
        Arguments.of("\"ai\": {\"expandedAt\": \"later\"},", "$.ai.expandedAt", "type",
            "ai.expandedAt must be an ISO-8601 timestamp such as 2026-01-30T02:57:10Z or 2026-01-30, was 'later'", 24),
        Arguments.of("\"extra\": [1, 2],", "$.extra", "type", "extra must be an object, was an array", 12),
        Arguments.of("\"extra\": {\"category\": \"LOCAL\"},", "$.extra.category", "reserved-key",
            "extra must not hold the field 'category'; it belongs in the article object itself", 13),
        Arguments.of("\"extra\": {\"seo\": {\"slug\": \"a\", \"slug\": \"b\"}},", "$.extra.seo.slug", "duplicate-key",
            "duplicate key 'slug' (first at line 4)", 34),
        Arguments.of("\"extra\": {\"list\": [\"ok\", \"tab\\tok\", \"nul\\u0000\"]},", "$.extra.list[2]",
            "control-character", "extra.list[2] holds the control character U+0000", 39),
        Arguments.of("\"catgory\": \"LOCAL\",", "$.catgory", "unknown-field",
            "an article has no field 'catgory'; frontmatter keys the model does not know go under extra", 3),
        Arguments.of("\"title\": \"Again\",", "$.title", "duplicate-key", "duplicate key 'title' (first at line 3)", 3),
        Arguments.of("\"body\": 12,", "$.body", "type", "body must be a string, was a number", 11),
        Arguments.of("\"body\": \"half \\ud83d of a pair\",", "$.body", "text", "body holds an unpaired surrogate character", 11));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneBadField")
  void reportsABadFieldByItsJsonPathAndPosition(String line, String path, String rule, String message, int column) {
    List<Problem> problems = problems(withLine4(line));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo(path);
      assertThat(p.rule()).isEqualTo(rule);
      assertThat(p.message()).isEqualTo(message);
      assertThat(p.line()).isEqualTo(4);
      assertThat(p.column()).isEqualTo(column);
      assertThat(p.isError()).isTrue();
      assertThat(p.source()).isEqualTo("2026/02/tide-tables");
    });
  }

  @Test
  void collectsEveryProblemOfTheObjectInDocumentOrder() {
    List<Problem> problems = problems("""
        {
          "id": "2026/02/tide-tables",
          "tags": ["SEA", 3, "PORT", false],
          "stickyWeight": "x",
          "publishedAt": "yesterday",
          "source": {"url": "https://gazette.example"}
        }
        """);

    assertThat(problems).extracting(Problem::field).containsExactly(
        "$.title", "$.tags[1]", "$.tags[3]", "$.stickyWeight", "$.publishedAt", "$.source.url");
    assertThat(problems).extracting(Problem::toString).containsExactly(
        // A rule about a field the object does not have points at the object.
        "2026/02/tide-tables:1:1: error: title is required",
        "2026/02/tide-tables:3:19: error: tags[1] must be a string, was a number",
        "2026/02/tide-tables:3:30: error: tags[3] must be a string, was a boolean",
        "2026/02/tide-tables:4:19: error: stickyWeight must be a whole number >= 0, was the string 'x'",
        "2026/02/tide-tables:5:18: error: publishedAt must be an ISO-8601 timestamp such as 2026-01-30T02:57:10Z"
            + " or 2026-01-30, was 'yesterday'",
        "2026/02/tide-tables:6:14: error: source has no field 'url' (it has name, key, type)");
  }

  @Test
  void appliesTheContentRulesOfFrontmatter() {
    List<Problem> problems = problems("""
        {"id": "2026/02/tide-tables", "title": "   "}
        """);

    // The missing field is blamed on the object's start, the blank one where it stands.
    assertThat(problems).extracting(Problem::field, Problem::rule, Problem::message, Problem::column).containsExactly(
        tuple("$.publishedAt", "required", "publishedAt is required unless draft is true", 1),
        tuple("$.title", "required", "title is required", 40));
  }

  @Test
  void draftNeedsNoPublishedAtButABadDraftDoesNotAlsoBlamePublishedAt() throws Exception {
    assertThat(mapper.readValue("{\"id\": \"a\", \"title\": \"A\", \"draft\": true}", Article.class).draft()).isTrue();

    assertThat(problems("{\"id\": \"a\", \"title\": \"A\", \"draft\": 1}"))
        .extracting(Problem::field).containsExactly("$.draft");
  }

  @Test
  void nullMeansAbsent() throws Exception {
    Article a = mapper.readValue("""
        {"id": "a", "title": "A", "description": null, "publishedAt": "2026-01-01T00:00:00Z",
         "source": null, "tags": null, "stickyWeight": null, "score": null, "draft": null,
         "sentiment": null, "coverImage": null, "ai": null, "extra": null, "body": null}
        """, Article.class);

    assertThat(a).isEqualTo(Article.builder("a").title("A").publishedAt(java.time.Instant.parse("2026-01-01T00:00:00Z")).build());
  }

  @Test
  void readsTimestampsWithOffsetsAndDatesAsFrontmatterDoes() throws Exception {
    Article a = mapper.readValue("""
        {"id": "a", "title": "A", "publishedAt": "2026-01-30T03:57:10+01:00",
         "updatedAt": "2026-01-31", "expiresAt": "2026-02-01T10:00"}
        """, Article.class);

    assertThat(a.publishedAt()).hasToString("2026-01-30T02:57:10Z");
    assertThat(a.updatedAt()).hasToString("2026-01-31T00:00:00Z");
    assertThat(a.expiresAt()).hasToString("2026-02-01T10:00:00Z");
  }

  @Test
  void readsSentimentInAnyCase() throws Exception {
    Article a = mapper.readValue("{\"id\": \"a\", \"title\": \"A\", \"draft\": true, \"sentiment\": \"positive\"}", Article.class);

    assertThat(a.sentiment()).isEqualTo(dev.broadsheet.Sentiment.POSITIVE);
  }

  static Stream<Arguments> badIds() {
    return Stream.of(
        Arguments.of("{\"title\": \"A\", \"draft\": true}", "required", "id is required"),
        Arguments.of("{\"id\": 12, \"title\": \"A\", \"draft\": true}", "type", "id must be a string, was a number"),
        Arguments.of("{\"id\": \"\", \"title\": \"A\", \"draft\": true}", "id", "invalid article id '': it is empty"),
        Arguments.of("{\"id\": \"../etc/passwd\", \"title\": \"A\", \"draft\": true}", "id",
            "invalid article id '../etc/passwd': it has a '..' segment"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badIds")
  void refusesIdsTheStoresWouldRefuse(String json, String rule, String message) {
    assertThat(problems(json)).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("$.id");
      assertThat(p.rule()).isEqualTo(rule);
      assertThat(p.message()).isEqualTo(message);
      assertThat(p.source()).isEqualTo("json");
    });
  }

  @Test
  void notAnObjectIsOneProblem() {
    assertThat(problems("[1, 2]")).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("$");
      assertThat(p.message()).isEqualTo("an article must be a JSON object, was an array");
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.column()).isEqualTo(1);
    });
  }

  @Test
  void storedArticleRequiresItsRevision() {
    InvalidArticleException e = catchThrowableOfType(InvalidArticleException.class, () -> mapper.readValue(
        "{\"id\": \"a\", \"title\": \"A\", \"draft\": true}", StoredArticle.class));

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("$.revision");
      assertThat(p.rule()).isEqualTo("required");
    });
    assertThatThrownBy(() -> mapper.readValue("{\"id\": \"a\", \"revision\": \"\", \"title\": \"A\", \"draft\": true}",
        StoredArticle.class))
        .isInstanceOf(InvalidArticleException.class)
        .hasMessage("a:1:25: error: revision must not be empty");
  }

  @Test
  void anArticleFromATreeHasPathsButNoPositions() throws Exception {
    JsonNode tree = mapper.readTree("{\"id\": \"a\", \"title\": \"A\", \"tags\": [\"X\", 1]}");

    InvalidArticleException e = catchThrowableOfType(InvalidArticleException.class,
        () -> mapper.treeToValue(tree, Article.class));

    assertThat(e.problems()).extracting(Problem::field, Problem::line, Problem::column).containsExactly(
        tuple("$.tags[1]", 0, 0),
        tuple("$.publishedAt", 0, 0));
  }

  @Test
  void pathsInsideAPageStartFromTheDocumentRoot() {
    String json = """
        {"items": [
          {"id": "a", "title": "A", "draft": true},
          {"id": "b", "title": "B", "draft": true, "tags": [1]}
        ], "total": 2, "nextCursor": null}
        """;

    InvalidArticleException e = catchThrowableOfType(InvalidArticleException.class,
        () -> mapper.readValue(json, new TypeReference<Page<Article>>() {}));

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("$.items[1].tags[0]");
      assertThat(p.message()).isEqualTo("tags[0] must be a string, was a number");
      assertThat(p.source()).isEqualTo("b");
      assertThat(p.line()).isEqualTo(3);
    });
  }

  @Test
  void insideJacksonsOwnCollectionsTheProblemsAreTheCause() {
    String json = "[{\"id\": \"a\", \"title\": \"\", \"draft\": true}]";

    assertThatThrownBy(() -> mapper.readValue(json, new TypeReference<List<Article>>() {}))
        .isInstanceOf(JsonMappingException.class)
        .cause().isInstanceOf(InvalidArticleException.class)
        .hasMessage("a:1:23: error: title is required");
  }

  @Test
  void namesAWeirdKeyWithBrackets() {
    assertThat(problems("{\"id\": \"a\", \"title\": \"A\", \"draft\": true, \"it's odd\": 1}"))
        .extracting(Problem::field).containsExactly("$['it\\'s odd']");
  }

  @Test
  void jsonThatIsNotJsonFailsAsJacksonDoes() {
    assertThatThrownBy(() -> mapper.readValue("{\"id\": \"a\", \"title\": ", Article.class))
        .isInstanceOf(JsonProcessingException.class)
        .isNotInstanceOf(InvalidArticleException.class);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void deeplyNestedExtraStopsAtJacksonsNestingLimit() {
    int depth = 100_000;
    String json = "{\"id\": \"a\", \"title\": \"A\", \"draft\": true, \"extra\": {\"deep\": "
        + "[".repeat(depth) + "]".repeat(depth) + "}}";

    assertThatThrownBy(() -> mapper.readValue(json, Article.class))
        .isInstanceOf(StreamConstraintsException.class)
        .hasMessageContaining("nesting depth")
        .hasMessageContaining(String.valueOf(StreamReadConstraints.DEFAULT_MAX_DEPTH));
  }
}
