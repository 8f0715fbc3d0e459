package dev.broadsheet.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.broadsheet.AiInfo;
import dev.broadsheet.Article;
import dev.broadsheet.CoverImage;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ArticleCodec#write}: new files in the canonical style of the reference articles. */
class CanonicalWriteTest {
  private static final String REFERENCE = "000_ffa8cbb01aacd3ec.txt";

  private final ArticleCodec codec = ArticleCodec.builder().build();

  /** The shared corpus folder, found by walking up from the working directory, or null. */
  static Path corpus() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("corpus");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static String write(ArticleCodec codec, Article a) {
    return new String(codec.write(a), StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ the reference article

  @Test
  void referenceArticleRebuiltFieldByFieldIsWrittenByteForByte() throws IOException {
    Path corpus = corpus();
    assumeTrue(corpus != null && Files.exists(corpus.resolve(REFERENCE)),
        "reference article not found (looked for shared/corpus/" + REFERENCE + " above the working directory)");
    byte[] reference = Files.readAllBytes(corpus.resolve(REFERENCE));
    ArticleResult read = codec.read("reference", REFERENCE, reference);
    assertThat(read.problems()).isEmpty();
    Article p = read.article();

    Article rebuilt = Article.builder("reference")
        .title(p.title())
        .description(p.description())
        .publishedAt(p.publishedAt())
        .updatedAt(p.updatedAt())
        .expiresAt(p.expiresAt())
        .lang(p.lang())
        .externalId(p.externalId())
        .source(Source.of(p.source().name(), p.source().key(), p.source().type()))
        .category(p.category())
        .tags(new ArrayList<>(p.tags()))
        .stickyWeight(p.stickyWeight())
        .sentiment(p.sentiment())
        .score(p.score())
        .draft(p.draft())
        .coverImage(new CoverImage(
            p.coverImage().raw(), p.coverImage().full(), p.coverImage().regular(),
            p.coverImage().small(), p.coverImage().thumb(), p.coverImage().smallS3()))
        .ai(new AiInfo(p.ai().rewritten(), p.ai().expandedAt(), p.ai().version()))
        .extra(new LinkedHashMap<>(p.extra()))
        .body(p.body())
        .build();

    assertThat(codec.write(rebuilt)).isEqualTo(reference);
    assertThat(codec.update(read.document(), rebuilt)).isEqualTo(reference);
  }

  // ------------------------------------------------------------------ a fixture of the same shape

  private static final String CANONICAL = """
      ---
      title: Night Trains Return to the Northern Line
      description: 'After a decade without them, sleeper services resume next spring: three routes, two operators.'
      publishedAt: '2026-02-14T06:45:00.000Z'
      updatedAt: '2026-02-14T09:12:33.418Z'
      lang: en
      externalId: '00731942'
      source:
        name: Rail Gazette
        key: rail-gazette
        type: API
      category: TRAVEL
      tags:
        - TRAVEL
        - RAIL
        - 'yes'
      stickyWeight: 2
      sentiment: POSITIVE
      score: 0.82
      draft: false
      coverImage:
        raw: 'https://images.example.org/photo-8812?ixid=abc&ixlib=rb-4.1.0'
        thumb: 'https://images.example.org/photo-8812?ixid=abc&w=200'
        small_s3: 'https://s3.example.org/images/small/photo-8812'
      ai:
        rewritten: false
        expandedAt: '2026-02-14T09:12:33.418Z'
        version: 4
      ---
      ## Overview

      Sleeper trains are coming back.
      """;

  private static Article canonicalArticle() {
    return Article.builder("2026/02/night-trains")
        .title("Night Trains Return to the Northern Line")
        .description("After a decade without them, sleeper services resume next spring: three routes, two operators.")
        .publishedAt(Instant.parse("2026-02-14T06:45:00Z"))
        .updatedAt(Instant.parse("2026-02-14T09:12:33.418Z"))
        .lang("en")
        .externalId("00731942")
        .source(Source.of("Rail Gazette", "rail-gazette", "API"))
        .category("TRAVEL")
        .tags("TRAVEL", "RAIL", "yes")
        .stickyWeight(2)
        .sentiment(Sentiment.POSITIVE)
        .score(0.82)
        .draft(false)
        .coverImage(new CoverImage(
            "https://images.example.org/photo-8812?ixid=abc&ixlib=rb-4.1.0", null, null, null,
            "https://images.example.org/photo-8812?ixid=abc&w=200",
            "https://s3.example.org/images/small/photo-8812"))
        .ai(new AiInfo(false, Instant.parse("2026-02-14T09:12:33.418Z"), 4))
        .body("## Overview\n\nSleeper trains are coming back.\n")
        .build();
  }

  @Test
  void ownCanonicalFixtureIsWrittenByteForByte() {
    assertThat(write(codec, canonicalArticle())).isEqualTo(CANONICAL);
  }

  @Test
  void ownCanonicalFixtureReadsAsTheArticle() {
    ArticleResult read = codec.read("2026/02/night-trains", "night-trains.md", CANONICAL.getBytes(StandardCharsets.UTF_8));

    assertThat(read.problems()).isEmpty();
    assertThat(read.article()).isEqualTo(canonicalArticle());
  }

  @Test
  void minimalArticleHasOnlyRequiredAndAlwaysWrittenFields() {
    Article a = Article.builder("a").title("Short").publishedAt(Instant.parse("2026-03-02T00:00:00Z")).build();

    assertThat(write(codec, a)).isEqualTo("""
        ---
        title: Short
        publishedAt: '2026-03-02T00:00:00.000Z'
        stickyWeight: 0
        score: 0
        draft: false
        ---
        """);
  }

  @Test
  void fieldsAreWrittenInCanonicalOrderWithUnknownKeysLast() {
    Map<String, Object> seo = new LinkedHashMap<>();
    seo.put("slug", "a-b");
    seo.put("weights", List.of(1L, 2.5));
    Article a = Article.builder("a")
        .title("t")
        .draft(true)
        .expiresAt(Instant.parse("2027-01-01T00:00:00.000001Z"))
        .updatedAt(Instant.parse("2026-01-01T00:00:00.000000001Z"))
        .putExtra("zeta", true)
        .putExtra("seo", seo)
        .putExtra("nothing", null)
        .build();

    assertThat(write(codec, a)).isEqualTo("""
        ---
        title: t
        updatedAt: '2026-01-01T00:00:00.000000001Z'
        expiresAt: '2027-01-01T00:00:00.000001Z'
        stickyWeight: 0
        score: 0
        draft: true
        zeta: true
        seo:
          slug: a-b
          weights:
            - 1
            - 2.5
        nothing: null
        ---
        """);
    ArticleResult back = codec.read("a", "a.md", codec.write(a));
    assertThat(back.article()).isEqualTo(a);
  }

  @Test
  void bodyIsAppendedVerbatim() {
    String body = "No final newline, a CRLF\r\nand a --- line\n---\nend";
    Article a = Article.builder("a").title("t").draft(true).body(body).build();

    String out = write(codec, a);

    assertThat(out).endsWith("draft: true\n---\n" + body);
    assertThat(codec.read("a", "a.md", codec.write(a)).article().body()).isEqualTo(body);
  }

  // ------------------------------------------------------------------ quoting

  @ParameterizedTest
  @ValueSource(strings = {
      "no", "Yes", "off", "y", "true", "False", "null", "~", "NULL", "",
      "123", "0123", "-7", "+3", "1.5", ".5", "1e3", "0x1F", "0o17", "1_000", ".inf", "-.Inf", ".NaN",
      "2026-03-02", "2026-03-02T08:00:00Z", "2026-3-2",
      "key: value", "a:b", "ends with colon:", "http://example.org/?a=b#frag", "C# and F#", "note #1",
      "- dash", "? question", ": colon", "[bracket", "]close", "{brace", "}close", ",comma", "a, b",
      "#hash", "&anchor", "*alias", "!tag", "|pipe", ">fold", "'single'", "\"double\"", "%percent",
      "@at", "`tick", "---", "...", "<<", "=",
      " leading space", "trailing space ", "  ", "it's", "say \"hi\"",
      "two\nlines", "ends with newline\n", "tab\there", "\ttab first",
      "caf\u00e9 \u2615", "\uD83D\uDCF0 news", "line\u2028separator", "\uFEFFbom first", "odd \uFFFE char",
      "back\\slash", "\\", "plain words only",
  })
  void writesStringsSoTheyReadBackAsTheSameString(String s) {
    Article a = Article.builder("a")
        .title(s.isBlank() ? "t" : s)
        .description(s)
        .draft(true)
        .tags(List.of(s))
        .putExtra("note", s)
        .putExtra("nested", Map.of("k", s))
        .build();

    byte[] out = codec.write(a);
    ArticleResult back = codec.read("a", "a.md", out);

    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(back.problems()).as(text).isEmpty();
    assertThat(back.article().description()).isEqualTo(s);
    assertThat(back.article().tags()).containsExactly(s);
    assertThat(back.article().extra()).containsEntry("note", s).containsEntry("nested", Map.of("k", s));
    assertThat(back.article()).isEqualTo(a);
    assertThat(text).doesNotContain("!!");
  }

  @Test
  void quotesOnlyWhereYamlCouldMisread() {
    assertThat(line("no")).isEqualTo("description: 'no'");
    assertThat(line("0123")).isEqualTo("description: '0123'");
    assertThat(line("2026-03-02")).isEqualTo("description: '2026-03-02'");
    assertThat(line("key: value")).isEqualTo("description: 'key: value'");
    assertThat(line("note #1")).isEqualTo("description: 'note #1'");
    assertThat(line("- dash")).isEqualTo("description: '- dash'");
    assertThat(line(" lead")).isEqualTo("description: ' lead'");
    assertThat(line("trail ")).isEqualTo("description: 'trail '");
    assertThat(line("it's fine")).isEqualTo("description: it's fine");
    assertThat(line("'quoted'")).isEqualTo("description: '''quoted'''");
    assertThat(line("Plain words, no trouble")).isEqualTo("description: 'Plain words, no trouble'");
    assertThat(line("Plain words and no trouble")).isEqualTo("description: Plain words and no trouble");
  }

  @Test
  void doubleQuotesStringsWithLineBreaksOrInvisibleCharacters() {
    assertThat(line("two\nlines")).isEqualTo("description: \"two\\nlines\"");
    assertThat(line("tab\there")).isEqualTo("description: \"tab\\there\"");
    assertThat(line("say \"hi\"\n")).isEqualTo("description: \"say \\\"hi\\\"\\n\"");
    assertThat(line("sep\u2028")).isEqualTo("description: \"sep\\u2028\"");
  }

  private String line(String description) {
    Article a = Article.builder("a").title("t").draft(true).description(description).build();
    String out = write(codec, a);
    return out.lines().filter(l -> l.startsWith("description:")).findFirst().orElseThrow();
  }

  @Test
  void keysLongerThanYamlAllowsForImplicitKeysAreWrittenExplicitly() {
    // Regression: a 1,100-character key was written as 'key: value', which YAML cannot read back.
    String longKey = "k".repeat(1_100);
    Article a = Article.builder("a")
        .title("t")
        .draft(true)
        .putExtra(longKey, "v")
        .putExtra("list", List.of(Map.of(longKey, 1L)))
        .putExtra("map", Map.of(longKey, List.of("z")))
        .build();

    String out = write(codec, a);
    ArticleResult back = codec.read("a", "a.md", codec.write(a));

    assertThat(out).contains("? " + longKey + "\n: v\n");
    assertThat(back.problems()).isEmpty();
    assertThat(back.article()).isEqualTo(a);
  }

  @Test
  void writesNumbersSoTheyReadBackAsNumbers() {
    Article a = Article.builder("a")
        .title("t")
        .draft(true)
        .score(-12.5)
        .putExtra("whole", 3L)
        .putExtra("fraction", 3.0)
        .putExtra("huge", new java.math.BigInteger("123456789012345678901234567890"))
        .putExtra("tiny", 1e-300)
        .build();

    ArticleResult back = codec.read("a", "a.md", codec.write(a));

    assertThat(back.article()).isEqualTo(a);
    assertThat(back.article().extra().get("fraction")).isInstanceOf(Double.class);
  }
}
