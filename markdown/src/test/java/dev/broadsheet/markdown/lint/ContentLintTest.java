package dev.broadsheet.markdown.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.broadsheet.Problem;
import dev.broadsheet.Severity;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentLintTest {
  private static final ArticleCodec CODEC = ArticleCodec.builder().build();

  /** Every rule. */
  private static final ContentLint ALL = ContentLint.builder().enable("missing-description").build();

  /** A clean article in the reference format; tests change one thing at a time. */
  static final String CLEAN = """
      ---
      title: Night Buses Return to the Harbour Line
      description: The city restores late services after a two-year pause, with buses every twenty minutes.
      publishedAt: '2026-02-10T07:30:00.000Z'
      updatedAt: '2026-02-10T09:05:00.000Z'
      lang: en
      externalId: '20004417'
      source:
        name: Harbour Courier
        key: harbour-courier
        type: RSS
      category: TRANSPORT
      tags:
        - TRANSPORT
        - CITY
      stickyWeight: 0
      sentiment: POSITIVE
      score: 0
      draft: false
      coverImage:
        raw: 'https://images.example.com/photo-1?ixlib=rb-4.1.0'
        full: 'https://images.example.com/photo-1?q=85'
        regular: 'https://images.example.com/photo-1?w=1080'
        small: 'https://images.example.com/photo-1?w=400'
        thumb: 'https://images.example.com/photo-1?w=200'
        small_s3: 'https://s3.example.com/small/photo-1.jpg'
      ---
      ## Overview

      Night buses run again from Friday.

      ## What Happened

      The council approved the budget on Tuesday.
      """;

  static ArticleResult read(String source, String text) {
    ArticleResult result = CODEC.read("2026/02/night-buses", source, text.getBytes(StandardCharsets.UTF_8));
    assertThat(result.isValid()).as("fixture is a valid article: %s", result.problems()).isTrue();
    return result;
  }

  private static List<Problem> lint(String text) {
    return ALL.check(read("content/night-buses.md", text));
  }

  private static String changed(String from, String to) {
    assertThat(CLEAN).contains(from);
    return CLEAN.replace(from, to);
  }

  @Test
  void cleanArticleHasNoWarnings() {
    assertThat(lint(CLEAN)).isEmpty();
  }

  // ---------------------------------------------------------------- mojibake

  @Test
  void mojibakeInDescriptionIsAWarningAtItsFirstCharacter() {
    List<Problem> problems = lint(changed("twenty minutes.", "twenty minutes\u00e2\u20ac\u00a6"));

    assertThat(problems).containsExactly(new Problem(
        "content/night-buses.md", 3, 101, "description",
        "description has mojibake: '\u00e2\u20ac\u00a6' looks like '\u2026' read with the wrong encoding",
        Severity.WARNING, "mojibake"));
  }

  @Test
  void mojibakeIsFoundInQuotedNestedAndListValuesAndUnknownFields() {
    String text = changed("title: Night Buses Return to the Harbour Line",
        "title: 'Caf\u00c3\u00a9 Owners Welcome the Night Buses'")
        .replace("  name: Harbour Courier", "  name: Hafen Kurierb\u00c3\u00bcro")
        .replace("  - CITY", "  - CITY\n  - CIT\u00c3\u2030")
        .replace("draft: false", "draft: false\nkicker: \u00e2\u20ac\u0153Late\u00e2\u20ac\u2122 buses");

    assertThat(lint(text))
        .extracting(Problem::line, Problem::column, Problem::field, Problem::rule)
        .containsExactly(
            tuple(2, 12, "title", "mojibake"),
            tuple(9, 22, "source.name", "mojibake"),
            tuple(16, 8, "tags", "mojibake"),
            tuple(21, 9, "kicker", "mojibake"));
  }

  @Test
  void mojibakeInTheBodyNamesTheFileLineOfItsFirstPlaceAndCountsThem() {
    List<Problem> problems = lint(changed("Night buses run again from Friday.",
        "Night buses run again from Friday\u00e2\u20ac\u201dand the caf\u00c3\u00a9 stays open."));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(30);
      assertThat(p.column()).isEqualTo(34);
      assertThat(p.field()).isNull();
      assertThat(p.message()).isEqualTo(
          "body has mojibake: '\u00e2\u20ac\u201d' looks like '\u2014' read with the wrong encoding (2 places)");
    });
  }

  @Test
  void mojibakeInCodeBlocksAndCodeSpansIsNotReported() {
    String text = changed("Night buses run again from Friday.", """
        A garbled ellipsis looks like `\u00e2\u20ac\u00a6` on screen:

        ```
        caf\u00c3\u00a9 \u00e2\u20ac\u201c wrong
        ```

            indented caf\u00c3\u00a9""");

    assertThat(lint(text)).isEmpty();
  }

  @Test
  void mojibakeWrittenAsEscapesPointsAtTheStartOfTheValue() {
    List<Problem> problems = lint(changed(
        "description: The city restores", "description: \"caf\\u00C3\\u00A9 owners say the city restores\"\nx-note: The city restores"));

    assertThat(problems).extracting(Problem::line, Problem::column, Problem::field)
        .containsExactly(tuple(3, 14, "description"));
  }

  @Test
  void cleanTextInManyLanguagesIsNotMojibake() {
    String text = changed("title: Night Buses Return to the Harbour Line",
        "title: \u201eWir gehen zu Fu\u00df\u201c \u2013 Stra\u00dfenbahn f\u00e4hrt wieder \u00fcber die Br\u00fccke")
        .replace("description: The city restores late services after a two-year pause, with buses every twenty minutes.",
            "description: 'L\u2019\u00e9t\u00e9 dernier, le CAF\u00c9\u2026 \u00ab\u00e9t\u00e9\u2026\u00bb \u00e0 bient\u00f4t, gar\u00e7on'")
        .replace("  name: Harbour Courier", "  name: \u0413\u0430\u0437\u0435\u0442\u0430 \u041f\u0440\u0438\u0441\u0442\u0430\u043d\u044c")
        .replace("  - CITY", "  - CITY\n  - \u6e2f\u53e3\u65b0\u95fb\n  - A IRM\u00c3\u201d, disse ele")
        .replace("Night buses run again from Friday.",
            "\u0421\u044a\u0435\u0448\u044c \u0436\u0435 \u0435\u0449\u0451 \u0431\u0443\u043b\u043e\u043a. "
                + "\u4eca\u5929\u5929\u6c14\u5f88\u597d\u3002 \u6771\u4eac\u306e\u5929\u6c17\u3002 "
                + "Launch day \ud83d\ude80\ud83c\udf89 thanks \ud83d\udc4d\ud83c\udffd \u2764\ufe0f. "
                + "\u00a1LLEG\u00d3\u2026! P\u00c5\u2026 3\u00d7\u00b2 area, 5 \u00b0C, \u00bd, \u20ac5, \u00a33.");

    assertThat(lint(text)).isEmpty();
  }

  // ---------------------------------------------------------------- missing-description

  @Test
  void missingDescriptionIsOnByDefaultAndCanBeSwitchedOff() {
    String text = changed("description: The city restores", "x-summary: The city restores");

    assertThat(ContentLint.standard().check(read("a.md", text))).extracting(Problem::rule)
        .containsExactly("missing-description");
    assertThat(ContentLint.builder().disable("missing-description").build().check(read("a.md", text))).isEmpty();
  }

  @Test
  void missingDescriptionPointsAtTheFileStartAndABlankOneAtItsValue() {
    String absent = changed("description: The city restores", "x-summary: The city restores");
    String blank = changed(
        "description: The city restores late services after a two-year pause, with buses every twenty minutes.",
        "description: '  '");

    assertThat(lint(absent)).extracting(Problem::line, Problem::column, Problem::field, Problem::message)
        .containsExactly(tuple(1, 1, "description", "description is missing; listings and link previews show it"));
    assertThat(lint(blank)).extracting(Problem::line, Problem::column, Problem::message)
        .containsExactly(tuple(3, 14, "description is blank; listings and link previews show it"));
  }

  // ---------------------------------------------------------------- empty-section

  @Test
  void emptySectionIsAHeadingOfLevelTwoWithNothingBeforeTheNextOneOrTheEnd() {
    String text = CLEAN.substring(0, CLEAN.indexOf("## Overview")) + """
        Lead paragraph before any section.

        ## Overview

        ## What Happened

        The council approved the budget.

        ## Background
        ### Earlier plans

        A first plan failed in 2024.

        > ## Quoted heading

        Setext Heading
        --------------
        # Outlook
        ##    \s
        ## Reactions
        \t
        """;

    assertThat(lint(text)).extracting(Problem::line, Problem::column, Problem::field, Problem::message, Problem::rule)
        .containsExactly(
            tuple(30, 1, null, "section 'Overview' is empty", "empty-section"),
            tuple(43, 1, null, "section 'Setext Heading' is empty", "empty-section"),
            tuple(46, 1, null, "a section without a title is empty", "empty-section"),
            tuple(47, 1, null, "section 'Reactions' is empty", "empty-section"));
  }

  @Test
  void bodyPositionsCountLinesOfAFileWithCrlfLineBreaks() {
    String text = changed("Night buses run again from Friday.\n", "").replace("\n", "\r\n");

    assertThat(lint(text)).extracting(Problem::line, Problem::column, Problem::message)
        .containsExactly(tuple(28, 1, "section 'Overview' is empty"));
  }

  // ---------------------------------------------------------------- dates, ids, images, title

  @Test
  void updatedBeforePublishedPointsAtUpdatedAt() {
    List<Problem> problems = lint(changed("updatedAt: '2026-02-10T09:05:00.000Z'", "updatedAt: '2026-02-09T09:05:00.000Z'"));

    assertThat(problems).containsExactly(new Problem(
        "content/night-buses.md", 5, 12, "updatedAt",
        "updatedAt 2026-02-09T09:05:00Z is earlier than publishedAt 2026-02-10T07:30:00Z",
        Severity.WARNING, "updated-before-published"));
  }

  @Test
  void duplicateExternalIdIsReportedOnEachLaterArticleNamingTheFirst() {
    ContentLint.Run run = ALL.newRun();
    String other = changed("externalId: '20004417'", "externalId: '20004418'");

    assertThat(run.check(read("content/a.md", CLEAN))).isEmpty();
    assertThat(run.check(read("content/b.md", other))).isEmpty();
    List<Problem> third = run.check(read("content/c.md", CLEAN));
    List<Problem> fourth = run.check(read("content/d.md", CLEAN));

    assertThat(third).containsExactly(new Problem("content/c.md", 7, 13, "externalId",
        "externalId '20004417' is also used by content/a.md", Severity.WARNING, "duplicate-external-id"));
    assertThat(fourth).extracting(Problem::source, Problem::message)
        .containsExactly(tuple("content/d.md", "externalId '20004417' is also used by content/a.md"));
  }

  /** The clean article as a version of a story in a language, with an external id of its own. */
  private static String version(String key, String lang, int n) {
    return changed("externalId: '20004417'", "externalId: '3000" + n + "'\ntranslationKey: " + key)
        .replace("lang: en", "lang: " + lang);
  }

  @Test
  void twoVersionsOfAStoryInOneLanguageAreReportedOnTheLater() {
    ContentLint.Run run = ALL.newRun();
    assertThat(run.check(read("content/en.md", version("budget", "en", 1)))).isEmpty();
    assertThat(run.check(read("content/de.md", version("budget", "de", 2)))).isEmpty();
    assertThat(run.check(read("content/en.md", version("budget", "en", 1)))).isEmpty(); // the same file again
    assertThat(run.check(read("content/en-2.md", version("budget", "EN", 3)))).containsExactly(new Problem(
        "content/en-2.md", 8, 17, "translationKey", "translationKey 'budget' already has a version in 'EN': content/en.md",
        Severity.WARNING, "duplicate-translation"));
    assertThat(run.finish()).isEmpty();
  }

  @Test
  void aTranslationKeyNoOtherArticleHasIsReportedWhenTheRunFinishes() {
    ContentLint.Run run = ALL.newRun();
    assertThat(run.check(read("content/a.md", version("lonely", "en", 1)))).isEmpty();
    assertThat(run.check(read("content/a.md", version("lonely", "en", 1)))).isEmpty(); // one file twice is still one
    assertThat(run.check(read("content/b.md", version("pair", "en", 2)))).isEmpty();
    assertThat(run.check(read("content/c.md", version("pair", "fr", 3)))).isEmpty();
    assertThat(run.finish()).containsExactly(new Problem("content/a.md", 8, 17, "translationKey",
        "translationKey 'lonely' is used by no other article", Severity.WARNING, "lonely-translation-key"));
    ContentLint.Run off = ContentLint.builder().disable("lonely-translation-key").build().newRun();
    off.check(read("content/a.md", version("lonely", "en", 1)));
    assertThat(off.finish()).isEmpty();
  }

  @Test
  void oneArticleCheckedOnItsOwnOrTwiceUnderOneNameHasNoDuplicate() {
    ContentLint.Run run = ALL.newRun();

    assertThat(ALL.check(read("content/a.md", CLEAN))).isEmpty();
    assertThat(ALL.check(read("content/a.md", CLEAN))).isEmpty();
    assertThat(run.check(read("content/a.md", CLEAN))).isEmpty();
    assertThat(run.check(read("content/a.md", CLEAN))).isEmpty();
  }

  @Test
  void coverImageUrlsWithASchemeOtherThanHttpsAreInsecure() {
    String text = changed("raw: 'https://", "raw: 'HTTP://")
        .replace("small: 'https://", "small: 'ftp://")
        .replace("thumb: 'https://images.example.com", "thumb: '//images.example.com")
        .replace("small_s3: 'https://s3.example.com/small/photo-1.jpg'", "small_s3: /images/small/photo-1.jpg")
        .replace("full: 'https://", "full: 'Https://");

    assertThat(lint(text)).extracting(Problem::line, Problem::column, Problem::field, Problem::message)
        .containsExactly(
            tuple(21, 8, "coverImage.raw", "coverImage.raw is served over HTTP, not https"),
            tuple(24, 10, "coverImage.small", "coverImage.small is served over ftp, not https"));
  }

  @Test
  void titleLongerThanTwoHundredCodePointsIsLong() {
    String longTitle = changed("title: Night Buses Return to the Harbour Line", "title: " + "a".repeat(201));
    String emojiTitle = changed("title: Night Buses Return to the Harbour Line", "title: " + "\ud83d\ude8c".repeat(200));

    assertThat(lint(longTitle)).extracting(Problem::line, Problem::column, Problem::field, Problem::message)
        .containsExactly(tuple(2, 8, "title", "title is 201 characters long; keep it to 200 or fewer"));
    assertThat(lint(emojiTitle)).as("200 emoji are 400 chars but 200 code points").isEmpty();
  }

  // ---------------------------------------------------------------- options

  @Test
  void disabledRulesAreSilent() {
    String text = changed("twenty minutes.", "twenty minutes\u00e2\u20ac\u00a6")
        .replace("updatedAt: '2026-02-10T09:05:00.000Z'", "updatedAt: '2026-02-09T09:05:00.000Z'");
    ContentLint lint = ContentLint.builder().disable("mojibake").build();

    assertThat(lint.check(read("a.md", text))).extracting(Problem::rule).containsExactly("updated-before-published");
    assertThat(ContentLint.builder().disable("mojibake", "updated-before-published").build().check(read("a.md", text)))
        .isEmpty();
    assertThat(ContentLint.builder().disableAll().enable("mojibake").build().enabledRules())
        .containsExactly("mojibake");
  }

  @Test
  void unknownRuleNamesAreRejectedWithTheKnownOnes() {
    assertThatThrownBy(() -> ContentLint.builder().disable("mojibak"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown lint rule 'mojibak'; the rules are mojibake, missing-description, empty-section, "
            + "updated-before-published, duplicate-external-id, duplicate-translation, lonely-translation-key, "
            + "insecure-cover-image, long-title");
    assertThatThrownBy(() -> ContentLint.builder().enable("Long-Title"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown lint rule 'Long-Title'");
  }

  @Test
  void standardRulesAreEveryRule() {
    assertThat(ContentLint.standard().enabledRules()).containsExactly(
        "mojibake", "missing-description", "empty-section", "updated-before-published", "duplicate-external-id",
        "duplicate-translation", "lonely-translation-key", "insecure-cover-image", "long-title");
    assertThat(ContentLint.ruleNames()).hasSize(9).contains("missing-description");
  }

  @Test
  void articleWithErrorsGetsNoWarnings() {
    ArticleResult invalid = CODEC.read("bad", "bad.md",
        changed("stickyWeight: 0", "stickyWeight: -1").replace("twenty minutes.", "twenty minutes\u00e2\u20ac\u00a6")
            .getBytes(StandardCharsets.UTF_8));

    assertThat(invalid.isValid()).isFalse();
    assertThat(ALL.check(invalid)).isEmpty();
  }

  @Test
  void frontmatterOnlyReadIsLintedWithoutItsBody() {
    String text = changed("twenty minutes.", "twenty minutes\u00e2\u20ac\u00a6")
        .replace("Night buses run again from Friday.\n", "");
    ArticleResult frontmatterOnly = CODEC.readFrontmatter("a", "a.md", text.getBytes(StandardCharsets.UTF_8));

    assertThat(ALL.check(frontmatterOnly)).extracting(Problem::line, Problem::rule)
        .containsExactly(tuple(3, "mojibake"));
    assertThat(lint(text)).extracting(Problem::line, Problem::rule)
        .containsExactly(tuple(3, "mojibake"), tuple(28, "empty-section"));
  }

  @Test
  void warningsComeInFileOrder() {
    String text = changed("## What Happened\n\nThe council approved the budget on Tuesday.\n", "## What Happened\n")
        .replace("title: Night Buses Return to the Harbour Line", "title: " + "b".repeat(210))
        .replace("  thumb: 'https://", "  thumb: 'http://")
        .replace("Night buses run again from Friday.", "Night buses run again from Friday\u00e2\u20ac\u00a6");

    assertThat(lint(text)).extracting(Problem::line, Problem::rule).containsExactly(
        tuple(2, "long-title"), tuple(25, "insecure-cover-image"), tuple(30, "mojibake"), tuple(32, "empty-section"));
  }
}
