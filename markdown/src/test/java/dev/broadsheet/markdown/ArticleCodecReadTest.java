package dev.broadsheet.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.AiInfo;
import dev.broadsheet.Article;
import dev.broadsheet.CoverImage;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.Problem;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArticleCodecReadTest {
  private final ArticleCodec codec = ArticleCodec.builder().build();

  private ArticleResult read(String text) {
    return codec.read("2026/03/harbour", "content/2026/03/harbour.md", text.getBytes(StandardCharsets.UTF_8));
  }

  private Article article(String text) {
    ArticleResult result = read(text);
    assertThat(result.problems()).as("problems").isEmpty();
    assertThat(result.isValid()).isTrue();
    return result.article();
  }

  private static String fm(String fields) {
    return "---\n" + fields + "---\nBody\n";
  }

  // ------------------------------------------------------------------ scalars by schema

  @Test
  void readsEveryField() {
    Article a = article("""
        ---
        title: Harbour reopens
        description: The old harbour reopens after two years.
        publishedAt: '2026-03-02T08:00:00.000Z'
        updatedAt: '2026-03-02T09:30:00.000Z'
        expiresAt: '2027-03-02T00:00:00.000Z'
        lang: en
        externalId: '0042'
        source:
          name: Coastal Wire
          key: coastal-wire
          type: RSS
        category: LOCAL
        tags:
          - LOCAL
          - TRANSPORT
        stickyWeight: 3
        sentiment: NEUTRAL
        score: 0.75
        draft: false
        coverImage:
          raw: https://img.example.org/raw
          small_s3: https://s3.example.org/small
        ai:
          rewritten: true
          expandedAt: '2026-03-02T09:30:00.000Z'
          version: 2
        ---
        ## Lead

        Text.
        """);

    assertThat(a.id()).isEqualTo("2026/03/harbour");
    assertThat(a.title()).isEqualTo("Harbour reopens");
    assertThat(a.description()).isEqualTo("The old harbour reopens after two years.");
    assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
    assertThat(a.updatedAt()).isEqualTo(Instant.parse("2026-03-02T09:30:00Z"));
    assertThat(a.expiresAt()).isEqualTo(Instant.parse("2027-03-02T00:00:00Z"));
    assertThat(a.lang()).isEqualTo("en");
    assertThat(a.externalId()).isEqualTo("0042");
    assertThat(a.source()).isEqualTo(Source.of("Coastal Wire", "coastal-wire", "RSS"));
    assertThat(a.category()).isEqualTo("LOCAL");
    assertThat(a.tags()).containsExactly("LOCAL", "TRANSPORT");
    assertThat(a.stickyWeight()).isEqualTo(3);
    assertThat(a.sentiment()).isEqualTo(Sentiment.NEUTRAL);
    assertThat(a.score()).isEqualTo(0.75);
    assertThat(a.draft()).isFalse();
    assertThat(a.coverImage())
        .isEqualTo(new CoverImage("https://img.example.org/raw", null, null, null, null, "https://s3.example.org/small"));
    assertThat(a.ai()).isEqualTo(new AiInfo(true, Instant.parse("2026-03-02T09:30:00Z"), 2));
    assertThat(a.body()).isEqualTo("## Lead\n\nText.\n");
    assertThat(a.extra()).isEmpty();
  }

  @Test
  void langNoIsTheTextNo() {
    assertThat(article(fm("title: t\npublishedAt: 2026-03-02\nlang: no\n")).lang()).isEqualTo("no");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0123", "1e3", "0x1F", "12345678901234567890", "true", "null-ish", "1_000"})
  void externalIdIsItsTextEvenWhenItLooksLikeANumber(String text) {
    assertThat(article(fm("title: t\npublishedAt: 2026-03-02\nexternalId: " + text + "\n")).externalId()).isEqualTo(text);
  }

  @Test
  void textFieldsKeepNumericLookingTitles() {
    Article a = article(fm("title: 1984\npublishedAt: 2026-03-02\ncategory: 3.10\n"));

    assertThat(a.title()).isEqualTo("1984");
    assertThat(a.category()).isEqualTo("3.10");
  }

  @Test
  void nullOrEmptyOptionalFieldsAreAbsent() {
    Article a = article(fm("title: t\npublishedAt: 2026-03-02\ndescription:\nlang: ~\nsource: null\ntags:\n"));

    assertThat(a.description()).isNull();
    assertThat(a.lang()).isNull();
    assertThat(a.source()).isNull();
    assertThat(a.tags()).isEmpty();
  }

  // ------------------------------------------------------------------ timestamps

  @Test
  void timestampsIgnoreTheJvmDefaultTimeZone() {
    TimeZone saved = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14
      Article a = article(fm(
          "title: t\npublishedAt: 2026-03-02T08:00:00Z\nupdatedAt: 2026-03-02\nexpiresAt: 2026-03-02T08:00:00\n"));

      assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
      assertThat(a.updatedAt()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
      assertThat(a.expiresAt()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));

      TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns")); // UTC-3:30
      assertThat(article(fm("title: t\npublishedAt: 2026-03-02\n")).publishedAt())
          .isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "2026-03-02T08:00:00Z",
      "'2026-03-02T08:00:00Z'",
      "\"2026-03-02T08:00:00.000Z\"",
      "2026-03-02T08:00:00.000000000Z",
      "2026-03-02T10:00:00+02:00",
      "2026-03-02T10:00:00+0200",
      "2026-03-02T02:30:00-05:30",
      "2026-03-02 08:00:00Z",
      "2026-03-02t08:00:00z",
  })
  void readsIsoInstantsInAnyOfTheirForms(String text) {
    assertThat(article(fm("title: t\npublishedAt: " + text + "\n")).publishedAt())
        .isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
  }

  @Test
  void keepsFractionalSeconds() {
    assertThat(article(fm("title: t\npublishedAt: 2026-03-02T08:00:00.603Z\n")).publishedAt())
        .isEqualTo(Instant.parse("2026-03-02T08:00:00.603Z"));
  }

  @Test
  void dateAloneIsTheStartOfThatDayInTheConfiguredZone() {
    ArticleCodec tokyo = ArticleCodec.builder().zone(ZoneId.of("Asia/Tokyo")).build();

    ArticleResult result =
        tokyo.read("a", "a.md", fm("title: t\npublishedAt: 2026-03-02\n").getBytes(StandardCharsets.UTF_8));

    assertThat(result.article().publishedAt()).isEqualTo(Instant.parse("2026-03-01T15:00:00Z"));
  }

  @Test
  void dateAloneDefaultsToUtc() {
    assertThat(article(fm("title: t\npublishedAt: 2026-03-02\n")).publishedAt())
        .isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-13-01", "2026-02-30", "2026-03-02T25:00:00Z", "2026-03-02T08:00:00+25:00", "March 2nd", "1772438400", "[2026]"})
  void rejectsWhatIsNotATimestamp(String text) {
    ArticleResult result = read(fm("title: t\npublishedAt: " + text + "\n"));

    assertThat(result.article()).isNull();
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("publishedAt");
      assertThat(p.rule()).isEqualTo("type");
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.column()).isEqualTo(14);
    });
  }

  // ------------------------------------------------------------------ booleans and enums

  @Test
  void draftIsTrueOrFalse() {
    assertThat(article(fm("title: t\ndraft: true\n")).draft()).isTrue();
    assertThat(article(fm("title: t\npublishedAt: 2026-03-02\ndraft: false\n")).draft()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no", "on", "off", "y", "'false'", "\"true\"", "1", "0"})
  void yaml11BooleansAndQuotedBooleansAreNotBooleans(String text) {
    ArticleResult result = read(fm("title: t\npublishedAt: 2026-03-02\ndraft: " + text + "\n"));

    assertThat(result.article()).isNull();
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("draft");
      assertThat(p.line()).isEqualTo(4);
      assertThat(p.column()).isEqualTo(8);
      assertThat(p.message()).startsWith("draft must be true or false, was ");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"positive", "Positive", "POSITIVE", "'pOsItIvE'"})
  void sentimentIsMatchedIgnoringCase(String text) {
    assertThat(article(fm("title: t\npublishedAt: 2026-03-02\nsentiment: " + text + "\n")).sentiment())
        .isEqualTo(Sentiment.POSITIVE);
  }

  // ------------------------------------------------------------------ validation

  @Test
  void titleIsRequired() {
    ArticleResult result = read(fm("publishedAt: 2026-03-02\n"));

    assertThat(result.article()).isNull();
    assertThat(result.document()).isNotNull();
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("title");
      assertThat(p.rule()).isEqualTo("required");
    });
  }

  @Test
  void publishedAtIsRequiredUnlessDraft() {
    assertThat(read(fm("title: t\n")).problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("publishedAt is required unless draft is true"));
    assertThat(read(fm("title: t\ndraft: false\n")).problems()).hasSize(1);
    assertThat(article(fm("title: t\ndraft: true\n")).publishedAt()).isNull();
  }

  @Test
  void missingTitleAndPublishedAtAreBothReported() {
    assertThat(read(fm("lang: en\n")).problems()).extracting(Problem::field).containsExactly("title", "publishedAt");
  }

  @Test
  void threeDistinctErrorsGiveThreeProblems() {
    ArticleResult result = read(fm("title: [not, text]\npublishedAt: 2026-03-02\nstickyWeight: -2\nsource: wire\n"));

    assertThat(result.problems()).hasSize(3);
    assertThat(result.problems()).extracting(Problem::field).containsExactly("title", "stickyWeight", "source");
    assertThat(result.problems()).extracting(Problem::line).containsExactly(2, 4, 5);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "stickyWeight: -1", "stickyWeight: 1.5", "stickyWeight: '2'", "stickyWeight: 99999999999", "stickyWeight: [1]",
      "score: lots", "score: .nan", "score: '0.5'", "score: {a: 1}",
      "tags: solo", "tags: [a, {b: c}]", "tags: [a, ~]", "tags: {a: b}",
      "description: {a: b}", "lang: [en]", "source: [a]", "source: {name: a, url: b}",
      "coverImage: {raw: a, huge: b}", "ai: {rewritten: true, model: x}", "ai: {version: -1}", "ai: {version: 1.5}",
      "ai: {rewritten: 'true'}", "ai: {expandedAt: soon}", "sentiment: [POSITIVE]", "sentiment: happy",
  })
  void everyFieldMustHaveItsType(String line) {
    ArticleResult result = read(fm("title: t\npublishedAt: 2026-03-02\n" + line + "\n"));

    assertThat(result.article()).isNull();
    assertThat(result.problems()).as(line).isNotEmpty().allSatisfy(p -> {
      assertThat(p.isError()).isTrue();
      assertThat(p.line()).isEqualTo(4);
      assertThat(p.column()).isGreaterThan(1);
    });
  }

  @Test
  void stickyWeightAcceptsWholeNumbersFromZero() {
    assertThat(article(fm("title: t\npublishedAt: 2026-03-02\nstickyWeight: 0\n")).stickyWeight()).isZero();
    assertThat(article(fm("title: t\npublishedAt: 2026-03-02\nstickyWeight: 2147483647\n")).stickyWeight())
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void scoreAcceptsWholeAndFractionalNumbers() {
    assertThat(article(fm("title: t\npublishedAt: 2026-03-02\nscore: 7\n")).score()).isEqualTo(7.0);
    assertThat(article(fm("title: t\npublishedAt: 2026-03-02\nscore: -1.25e2\n")).score()).isEqualTo(-125.0);
  }

  @Test
  void unknownKeysAreKeptInFileOrderByTheCoreSchema() {
    Article a = article(fm("""
        title: t
        publishedAt: 2026-03-02
        zeta: 1
        alpha: [x, 2, true]
        nested: {k: no, n: ~}
        big: 123456789012345678901234567890
        half: 0.5
        """));

    assertThat(a.extra().keySet()).containsExactly("zeta", "alpha", "nested", "big", "half");
    assertThat(a.extra()).containsEntry("zeta", 1L);
    assertThat(a.extra().get("alpha")).isEqualTo(List.of("x", 2L, true));
    Map<String, Object> nested = new java.util.LinkedHashMap<>();
    nested.put("k", "no");
    nested.put("n", null);
    assertThat(a.extra().get("nested")).isEqualTo(nested);
    assertThat(a.extra()).containsEntry("big", new BigInteger("123456789012345678901234567890"));
    assertThat(a.extra()).containsEntry("half", 0.5);
  }

  @Test
  void fileWithoutFrontmatterIsNotAnArticle() {
    ArticleResult result = read("# Just a page\n");

    assertThat(result.article()).isNull();
    assertThat(result.document()).isNotNull();
    assertThat(result.problems()).extracting(Problem::rule).containsExactly("frontmatter-missing");
  }

  @Test
  void namesTomlFrontmatterInsteadOfCallingItMissing() {
    byte[] bytes = "+++\ntitle = \"Harbour\"\n+++\nBody\n".getBytes(StandardCharsets.UTF_8);

    ArticleResult whole = codec.read("2026/03/harbour", "harbour.md", bytes);
    ArticleResult head = codec.readFrontmatter("2026/03/harbour", "harbour.md", bytes);

    assertThat(whole.article()).isNull();
    assertThat(whole.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("frontmatter-toml");
      assertThat(p.message()).isEqualTo(
          "TOML frontmatter ('+++') is not supported: convert it to YAML between '---' lines");
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.column()).isEqualTo(1);
    });
    assertThat(head.problems()).isEqualTo(whole.problems());
    assertThat(whole.document().toBytes()).as("the file, untouched").isEqualTo(bytes);
  }

  @Test
  void namesTomlFrontmatterAfterAByteOrderMarkAndWithCrlf() {
    byte[] bytes = "\uFEFF+++  \r\ntitle = \"Harbour\"\r\n+++\r\nBody\r\n".getBytes(StandardCharsets.UTF_8);

    ArticleResult result = codec.read("2026/03/harbour", "harbour.md", bytes);

    assertThat(result.problems()).extracting(Problem::rule).containsExactly("frontmatter-toml");
    assertThat(result.document().hasBom()).isTrue();
    assertThat(result.document().toBytes()).isEqualTo(bytes);
  }

  @Test
  void namesJsonFrontmatterAndItsObjectReadsBetweenDashLines() {
    String object = """
        {
          "title": "Harbour",
          "publishedAt": "2026-03-02T08:00:00Z",
          "views": 12
        }
        """;
    byte[] json = (object + "Body\n").getBytes(StandardCharsets.UTF_8);

    ArticleResult result = codec.read("2026/03/harbour", "harbour.md", json);

    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("frontmatter-json");
      assertThat(p.message()).isEqualTo("JSON frontmatter is not supported: put the object between '---' lines,"
          + " where it reads as YAML, or convert it to YAML");
      assertThat(p.line()).isEqualTo(1);
    });
    assertThat(result.document().toBytes()).isEqualTo(json);
    // What the message advises works.
    Article a = article("---\n" + object + "---\nBody\n");
    assertThat(a.title()).isEqualTo("Harbour");
    assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
    assertThat(a.extra()).containsEntry("views", 12L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{{< figure src=\"ferry.jpg\" >}}\n", "{not json\n", "++++\ntitle = 1\n++++\n", " +++\n"})
  void bodiesThatMerelyLookForeignAreStillMissingFrontmatter(String text) {
    assertThat(read(text).problems()).extracting(Problem::rule).containsExactly("frontmatter-missing");
  }

  @Test
  void toArticleReadsAnAlreadyParsedDocument() {
    DocumentResult parsed = FrontmatterParser.standard()
        .parse("a.md", fm("title: t\npublishedAt: 2026-03-02\n").getBytes(StandardCharsets.UTF_8));

    ArticleResult result = codec.toArticle("a", parsed.document());

    assertThat(result.article().title()).isEqualTo("t");
    assertThat(result.document()).isSameAs(parsed.document());
  }

  @Test
  void codecUsesTheParserItIsGiven() {
    ArticleCodec strict = ArticleCodec.builder()
        .parser(FrontmatterParser.builder().maxFrontmatterBytes(16).build())
        .build();

    ArticleResult result = strict.read("a", "a.md", fm("title: a long enough title\n").getBytes(StandardCharsets.UTF_8));

    assertThat(result.document()).isNull();
    assertThat(result.problems()).extracting(Problem::message).containsExactly("frontmatter is larger than 16 bytes,"
        + " the maxFrontmatterBytes limit (raise it with FrontmatterParser.builder().maxFrontmatterBytes(...))");
    assertThat(strict.parser()).isNotSameAs(FrontmatterParser.standard());
  }

  // ------------------------------------------------------------------ update refuses invalid articles

  @Test
  void updateRefusesAnInvalidArticle() {
    ArticleResult read = read(fm("title: t\npublishedAt: 2026-03-02\n"));
    Article untitled = read.article().withTitle(" ");
    Article unpublished = read.article().toBuilder().publishedAt(null).build();

    assertThatThrownBy(() -> codec.update(read.document(), untitled))
        .isInstanceOf(InvalidArticleException.class)
        .satisfies(e -> assertThat(((InvalidArticleException) e).problems()).extracting(Problem::field).containsExactly("title"));
    assertThatThrownBy(() -> codec.update(read.document(), unpublished))
        .isInstanceOf(InvalidArticleException.class)
        .hasMessageContaining("publishedAt is required unless draft is true");
    assertThatThrownBy(() -> codec.write(untitled)).isInstanceOf(InvalidArticleException.class);
  }

  @Test
  void updateRefusesControlCharactersInText() {
    ArticleResult read = read(fm("title: t\npublishedAt: 2026-03-02\n"));

    assertThatThrownBy(() -> codec.update(read.document(), read.article().withTitle("bell\u0007")))
        .isInstanceOf(InvalidArticleException.class)
        .hasMessageContaining("U+0007");
  }
}
