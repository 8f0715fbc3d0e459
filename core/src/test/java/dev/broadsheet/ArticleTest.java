package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.internal.Texts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArticleTest {
  private static Article.Builder valid() {
    return Article.builder("2026/03/ferries").title("Ferries").publishedAt(Instant.parse("2026-03-02T08:00:00Z"));
  }

  // ------------------------------------------------------------------ structural rules

  @Test
  void builderDefaultsAreEmptyAndZero() {
    Article a = Article.builder("a").build();

    assertThat(a.title()).isEmpty();
    assertThat(a.tags()).isEmpty();
    assertThat(a.stickyWeight()).isZero();
    assertThat(a.score()).isZero();
    assertThat(a.draft()).isFalse();
    assertThat(a.body()).isEmpty();
    assertThat(a.extra()).isEmpty();
    assertThat(a.publishedAt()).isNull();
  }

  @Test
  void rejectsBrokenStructureWithExactMessages() {
    assertThatThrownBy(() -> Article.builder("").build()).hasMessage("id must not be empty");
    assertThatThrownBy(() -> valid().stickyWeight(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stickyWeight must be >= 0, was -1");
    assertThatThrownBy(() -> valid().score(Double.NaN).build()).hasMessage("score must be finite, was NaN");
    assertThatThrownBy(() -> valid().putExtra("title", "x").build())
        .hasMessage("extra must not hold the model field 'title'; set it through its property");
    assertThatThrownBy(() -> valid().putExtra("file", new java.io.File("x")).build())
        .hasMessageContaining("java.io.File");
  }

  @Test
  void negativeZeroScoreIsZero() {
    assertThat(valid().score(-0.0).build()).isEqualTo(valid().score(0.0).build());
  }

  @Test
  void copiesTagsAndExtraDefensively() {
    List<String> tags = new ArrayList<>(List.of("a"));
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("n", 1);
    Article a = valid().tags(tags).putExtra("m", nested).build();
    tags.add("b");
    nested.put("later", 2);

    assertThat(a.tags()).containsExactly("a");
    assertThat(a.extra().get("m")).isEqualTo(Map.of("n", 1L));
    assertThatThrownBy(() -> a.extra().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void normalizesExtraNumbers() {
    Article a = valid().putExtra("i", 3).putExtra("f", 1.5f).putExtra("d", new BigDecimal("2.25")).build();

    assertThat(a.extra()).containsEntry("i", 3L).containsEntry("f", 1.5).containsEntry("d", 2.25);
  }

  @Test
  void withMethodsChangeOneValue() {
    Article a = valid().build();

    assertThat(a.withStickyWeight(4).stickyWeight()).isEqualTo(4);
    assertThat(a.withStickyWeight(4).withStickyWeight(0)).isEqualTo(a);
    assertThat(a.withTitle("t").title()).isEqualTo("t");
    assertThat(a.withId("b").id()).isEqualTo("b");
    assertThat(a.withDraft(true).draft()).isTrue();
    assertThat(a.withBody("x").body()).isEqualTo("x");
    assertThat(a.withTags(List.of("q")).tags()).containsExactly("q");
  }

  @Test
  void fieldsAreInCanonicalOrder() {
    assertThat(Article.FIELDS).startsWith("title", "description", "publishedAt").endsWith("coverImage", "ai");
    assertThat(Article.isField("source")).isTrue();
    assertThat(Article.isField("layout")).isFalse();
  }

  @Test
  void sentimentParsesIgnoringCase() {
    assertThat(Sentiment.parse(" negative ")).contains(Sentiment.NEGATIVE);
    assertThat(Sentiment.parse("glad")).isEmpty();
  }

  // ------------------------------------------------------------------ content rules

  @Test
  void validArticleHasNoProblems() {
    assertThat(ArticleValidator.validate(valid().build(), "a.md")).isEmpty();
  }

  @Test
  void blankTitleAndMissingPublishedAtAreBothReported() {
    Article a = Article.builder("a").title("  ").build();

    List<Problem> problems = ArticleValidator.validate(a, "a.md");

    assertThat(problems).extracting(Problem::field).containsExactly("title", "publishedAt");
    assertThat(problems).extracting(Problem::rule).containsOnly("required");
    assertThat(problems).allSatisfy(p -> assertThat(p.toString()).startsWith("a.md:0:0: error: "));
  }

  @Test
  void draftNeedsNoPublishedAt() {
    assertThat(ArticleValidator.validate(Article.builder("a").title("t").draft(true).build(), "a")).isEmpty();
  }

  @Test
  void controlCharactersInTextAreProblems() {
    Article a = valid()
        .description("bell\u0007")
        .source(Source.of("ok", "nul\u0000", null))
        .putExtra("nested", Map.of("k", "c1\u0085"))
        .build();

    List<Problem> problems = ArticleValidator.validate(a, "a");

    assertThat(problems).extracting(Problem::field).containsExactly("description", "source.key", "nested.k");
    assertThat(problems.get(0).message()).isEqualTo("description holds the control character U+0007");
  }

  @Test
  void tabsAndLineBreaksAreAllowedInText() {
    assertThat(ArticleValidator.validate(valid().description("a\tb\nc").build(), "a")).isEmpty();
    assertThat(Texts.forbiddenCharacter("ok \uD83D\uDCF0")).isEqualTo(-1);
    assertThat(Texts.forbiddenCharacter("half \uD800")).isEqualTo(5);
    assertThat(Texts.forbiddenCharacter("\uDC00")).isZero();
  }

  @Test
  void unpairedSurrogateInBodyIsAProblem() {
    assertThat(ArticleValidator.validate(valid().body("x\uD800").build(), "a"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("body holds an unpaired surrogate character"));
  }

  @Test
  void timestampsOutsideFourDigitYearsAreProblems() {
    Article a = valid().updatedAt(Instant.parse("+10000-01-01T00:00:00Z")).build();

    assertThat(ArticleValidator.validate(a, "a")).extracting(Problem::field).containsExactly("updatedAt");
  }

  @Test
  void invalidArticleExceptionCarriesEveryProblem() {
    List<Problem> problems = ArticleValidator.validate(Article.builder("a").build(), "a.md");

    InvalidArticleException e = new InvalidArticleException(problems);

    assertThat(e.problems()).isEqualTo(problems);
    assertThat(e).hasMessage("a.md:0:0: error: title is required\na.md:0:0: error: publishedAt is required unless draft is true");
    assertThat(e).isInstanceOf(BroadsheetException.class);
    assertThatThrownBy(() -> new InvalidArticleException(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void problemRejectsNegativePositions() {
    assertThatThrownBy(() -> Problem.error("a", -1, 0, null, "r", "m"))
        .hasMessage("line and column must be >= 0, were -1:0");
  }
}
