package dev.broadsheet.markdown.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.broadsheet.Article;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.markdown.render.RenderedArticle.Section;
import dev.broadsheet.markdown.render.RenderedArticle.TocEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class RenderedArticleTest {
  private static final String REFERENCE = "000_ffa8cbb01aacd3ec.txt";
  private static final MarkdownRenderer SAFE = MarkdownRenderer.builder().build();
  private static final ArticleCodec CODEC = ArticleCodec.builder().build();

  private static Article read(String name, byte[] bytes) {
    ArticleResult result = CODEC.read(name, name, bytes);
    assertThat(result.article()).as("article read from %s: %s", name, result.problems()).isNotNull();
    return result.article();
  }

  private static String harbourBody() throws IOException {
    return read("harbour", SafeHtml.resource("harbour-article.md").getBytes(StandardCharsets.UTF_8)).body();
  }

  /** Every entry of the table of contents, children after their parent. */
  static List<TocEntry> flatten(List<TocEntry> toc) {
    List<TocEntry> all = new ArrayList<>();
    for (TocEntry e : toc) {
      all.add(e);
      all.addAll(e.children());
    }
    return all;
  }

  /** The invariants every rendering keeps, whatever the body. */
  static void assertConsistent(String body, RenderedArticle view) {
    assertAdds(body, view);
    List<String> htmlIds = SafeHtml.ids(view.html());
    assertThat(htmlIds).as("ids unique").doesNotHaveDuplicates();
    assertThat(flatten(view.tableOfContents())).extracting(TocEntry::id).allSatisfy(id -> assertThat(htmlIds).contains(id));
    assertThat(view.sections()).allSatisfy(s -> assertThat(Jsoup.parseBodyFragment(s.html()).body().child(0).id()).isEqualTo(s.id()));
  }

  /** The lead and the sections, in order, make up the body and the html; each section starts a line. */
  static void assertAdds(String body, RenderedArticle view) {
    StringBuilder markdown = new StringBuilder(view.leadMarkdown());
    StringBuilder html = new StringBuilder(view.leadHtml());
    for (Section s : view.sections()) {
      markdown.append(s.markdown());
      html.append(s.html());
    }
    assertThat(markdown.toString()).as("lead and sections make up the body").isEqualTo(body);
    assertThat(html.toString()).as("lead and sections make up the html").isEqualTo(view.html());
    int offset = view.leadMarkdown().length();
    for (Section s : view.sections()) {
      assertThat(offset == 0 || body.charAt(offset - 1) == '\n' || body.charAt(offset - 1) == '\r')
          .as("section %s starts at the start of a line", s.id()).isTrue();
      assertThat(s.html()).startsWith("<h2 id=\"" + s.id() + "\">");
      offset += s.markdown().length();
    }
  }

  // ------------------------------------------------------------------ the fixture article

  @Test
  void splitsTheFixtureIntoItsFourSectionsWithoutALead() throws IOException {
    String body = harbourBody();

    RenderedArticle view = SAFE.render(body);

    assertThat(view.sections()).extracting(Section::title)
        .containsExactly("Overview", "What Happened", "From Author", "Impact on the Local Economy");
    assertThat(view.sections()).extracting(Section::id)
        .containsExactly("overview", "what-happened", "from-author", "impact-on-the-local-economy");
    assertThat(view.leadMarkdown()).isEmpty();
    assertThat(view.leadHtml()).isEmpty();
    assertConsistent(body, view);
  }

  @Test
  void aSectionHoldsItsMarkdownAsWrittenAndItsHtml() throws IOException {
    RenderedArticle view = SAFE.render(harbourBody());

    Section overview = view.sections().get(0);
    assertThat(overview.markdown()).startsWith("## Overview\n\nThe harbour council voted").endsWith("summer season.\n\n");
    assertThat(overview.html()).startsWith("<h2 id=\"overview\">Overview</h2>\n<p>The harbour council voted");
    Section happened = view.sections().get(1);
    assertThat(happened.markdown()).contains("### The Vote", "### The Money").doesNotContain("## From Author");
    assertThat(happened.html()).contains("<h3 id=\"the-vote\">The Vote</h3>",
        "<a href=\"https://council.example.org/minutes/2026-02\">council minutes</a>");
  }

  @Test
  void tableOfContentsNestsLevelThreeUnderLevelTwo() throws IOException {
    RenderedArticle view = SAFE.render(harbourBody());

    assertThat(view.tableOfContents()).containsExactly(
        new TocEntry(2, "Overview", "overview", List.of()),
        new TocEntry(2, "What Happened", "what-happened", List.of(
            new TocEntry(3, "The Vote", "the-vote", List.of()),
            new TocEntry(3, "The Money", "the-money", List.of()))),
        new TocEntry(2, "From Author", "from-author", List.of()),
        new TocEntry(2, "Impact on the Local Economy", "impact-on-the-local-economy", List.of()));
  }

  @Test
  void excerptIsTheFirstParagraphCutAtAWord() throws IOException {
    RenderedArticle view = SAFE.render(harbourBody());

    assertThat(view.excerpt()).isEqualTo("The harbour council voted seven to two on Thursday to rebuild the old pier,"
        + " which has been closed since January storms cracked two of its supporting piles."
        + " Work could start before the summer season.");
    assertThat(view.excerpt(60)).isEqualTo("The harbour council voted seven to two on Thursday to\u2026");
    assertThat(view.excerpt(80)).isEqualTo("The harbour council voted seven to two on Thursday to rebuild the old pier\u2026");
    assertThat(view.excerpt(100))
        .isEqualTo("The harbour council voted seven to two on Thursday to rebuild the old pier, which has been closed\u2026");
    assertThat(view.excerpt(1000)).isEqualTo(view.excerpt());
  }

  @Test
  void plainTextHasOneLinePerBlockWithoutMarkup() throws IOException {
    RenderedArticle view = SAFE.render(harbourBody());

    List<String> lines = Arrays.asList(view.plainText().split("\n"));
    assertThat(lines).startsWith("Overview", view.excerpt(), "What Happened");
    assertThat(lines).contains("The Money",
        "About 60 percent of the cost comes from a regional resilience grant, the rest from a local bond."
            + " See the council minutes for the figures.",
        "Ferry services to the islands can resume once the new landing stage opens.");
    assertThat(view.plainText()).doesNotContain("**", "](", "##", "<");
  }

  @Test
  void wordCountAgreesWithTheWordsABrowserShows() throws IOException {
    RenderedArticle view = SAFE.render(harbourBody());

    long shown = Arrays.stream(Jsoup.parseBodyFragment(view.html()).body().text().split("\\s+"))
        .filter(w -> w.codePoints().anyMatch(Character::isLetterOrDigit))
        .count();
    assertThat(view.wordCount()).isEqualTo((int) shown).isBetween(150, 200);
    assertThat(view.readingTime()).isEqualTo(Duration.ofMinutes(1));
  }

  // ------------------------------------------------------------------ the reference article

  @Test
  void referenceArticleHasItsFourSections() throws IOException {
    Path corpus = SafeHtml.corpus();
    assumeTrue(corpus != null && Files.exists(corpus.resolve(REFERENCE)),
        "reference article not found (looked for shared/corpus/" + REFERENCE + " above the working directory)");
    String body = read("reference", Files.readAllBytes(corpus.resolve(REFERENCE))).body();

    RenderedArticle view = SAFE.render(body);

    assertThat(view.sections()).extracting(Section::title)
        .containsExactly("Overview", "What Happened", "From Author", "Impact on the Crypto Market");
    assertThat(view.tableOfContents()).extracting(TocEntry::id)
        .containsExactly("overview", "what-happened", "from-author", "impact-on-the-crypto-market");
    assertThat(view.excerpt()).isEqualTo(Jsoup.parseBodyFragment(view.html()).selectFirst("p").text());
    assertThat(view.excerpt(160)).hasSizeLessThanOrEqualTo(160).endsWith("\u2026");
    assertThat(view.readingTime()).isPositive();
    assertConsistent(body, view);
  }

  // ------------------------------------------------------------------ sections

  @Test
  void textBeforeTheFirstSectionIsTheLead() {
    String body = "Intro with **weight**.\n\n# A level one heading\n\nMore intro.\n\n## First\n\nBody.\n";

    RenderedArticle view = SAFE.render(body);

    assertThat(view.leadMarkdown()).isEqualTo("Intro with **weight**.\n\n# A level one heading\n\nMore intro.\n\n");
    assertThat(view.leadHtml()).isEqualTo("<p>Intro with <strong>weight</strong>.</p>\n"
        + "<h1 id=\"a-level-one-heading\">A level one heading</h1>\n<p>More intro.</p>\n");
    assertThat(view.sections()).singleElement().satisfies(s -> {
      assertThat(s.title()).isEqualTo("First");
      assertThat(s.markdown()).isEqualTo("## First\n\nBody.\n");
      assertThat(s.html()).isEqualTo("<h2 id=\"first\">First</h2>\n<p>Body.</p>\n");
    });
    assertConsistent(body, view);
  }

  @Test
  void aBodyWithoutLevelTwoHeadingsIsAllLead() {
    String body = "Just a note.\n\n### Small heading\n\nText.\n";

    RenderedArticle view = SAFE.render(body);

    assertThat(view.sections()).isEmpty();
    assertThat(view.leadMarkdown()).isEqualTo(body);
    assertThat(view.leadHtml()).isEqualTo(view.html());
    assertThat(view.tableOfContents()).containsExactly(new TocEntry(3, "Small heading", "small-heading", List.of()));
  }

  @Test
  void setextHeadingsStartSectionsAndHeadingsInQuotesDoNot() {
    String body = "Setext two\n----------\n\n> ## Quoted\n\nText\n\n  ## Indented two spaces\n";

    RenderedArticle view = SAFE.render(body);

    assertThat(view.sections()).extracting(Section::title).containsExactly("Setext two", "Indented two spaces");
    assertThat(view.sections().get(0).markdown()).isEqualTo("Setext two\n----------\n\n> ## Quoted\n\nText\n\n");
    assertThat(view.sections().get(1).markdown()).isEqualTo("  ## Indented two spaces\n");
    assertThat(view.tableOfContents()).extracting(TocEntry::title).containsExactly("Setext two", "Indented two spaces");
    assertConsistent(body, view);
  }

  @Test
  void sectionsKeepCrlfLineBreaksAsWritten() {
    String body = "Lead\r\n\r\n## One\r\nA\r\n\r\n## Two\r\nB\r\n";

    RenderedArticle view = SAFE.render(body);

    assertThat(view.sections()).extracting(Section::markdown).containsExactly("## One\r\nA\r\n\r\n", "## Two\r\nB\r\n");
    assertConsistent(body, view);
  }

  @Test
  void aSectionResolvesLinkReferencesDefinedElsewhereInTheBody() {
    String body = "## One\n\nSee [the minutes][m].\n\n## Two\n\n[m]: https://example.org/minutes\n";

    RenderedArticle view = SAFE.render(body);

    assertThat(view.sections().get(0).html()).contains("<a href=\"https://example.org/minutes\">the minutes</a>");
    assertThat(view.sections().get(1).html()).isEqualTo("<h2 id=\"two\">Two</h2>\n");
  }

  @Test
  void threeUpdateHeadingsGetUniqueAnchorsInSectionsTocAndHtml() {
    String body = "## Update\n\nOne.\n\n## Update\n\nTwo.\n\n## Update\n\nThree.\n";

    RenderedArticle view = SAFE.render(body);

    assertThat(view.sections()).extracting(Section::id).containsExactly("update", "update-1", "update-2");
    assertThat(view.tableOfContents()).extracting(TocEntry::id).containsExactly("update", "update-1", "update-2");
    assertThat(SafeHtml.ids(view.html())).containsExactly("update", "update-1", "update-2");
    assertConsistent(body, view);
  }

  @Test
  void tableOfContentsSkipsDeeperHeadingsAndKeepsEarlyLevelThreeOnes() {
    String body = "### Before\n\n## A\n\n#### Deep\n\n### A1\n\n## B\n\n### B1\n\n### B2\n";

    RenderedArticle view = SAFE.render(body);

    assertThat(view.tableOfContents()).containsExactly(
        new TocEntry(3, "Before", "before", List.of()),
        new TocEntry(2, "A", "a", List.of(new TocEntry(3, "A1", "a1", List.of()))),
        new TocEntry(2, "B", "b", List.of(new TocEntry(3, "B1", "b1", List.of()), new TocEntry(3, "B2", "b2", List.of()))));
    assertConsistent(body, view);
  }

  @Test
  void headingTitlesAreTheTextAReaderSees() {
    String body = "## The `pier` *rebuilt* in [2026](https://example.org) ![icon](i.png) <b>now</b>\n";

    assertThat(SAFE.render(body).sections()).singleElement().satisfies(s -> {
      assertThat(s.title()).isEqualTo("The pier rebuilt in 2026 <b>now</b>");
      assertThat(s.id()).isEqualTo("the-pier-rebuilt-in-2026-b-now-b");
    });
    assertThat(MarkdownRenderer.builder().allowRawHtml(true).build().render(body).sections())
        .singleElement()
        .satisfies(s -> assertThat(s.title()).isEqualTo("The pier rebuilt in 2026 now"));
  }

  // ------------------------------------------------------------------ excerpt, words, time

  @Test
  void excerptSkipsParagraphsWithoutText() {
    String body = "![cover](https://img.example.com/c.jpg)\n\n## Overview\n\nFirst   words\nof the story.\n\nSecond.\n";

    assertThat(SAFE.render(body).excerpt()).isEqualTo("First words of the story.");
  }

  @Test
  void excerptOfABodyWithoutParagraphsIsEmpty() {
    RenderedArticle view = SAFE.render("## Only a heading\n");

    assertThat(view.excerpt()).isEmpty();
    assertThat(view.excerpt(10)).isEmpty();
  }

  @Test
  void excerptCutDropsPunctuationBeforeTheEllipsis() {
    RenderedArticle view = SAFE.render("Hello, world again and again.\n");

    assertThat(view.excerpt(8)).isEqualTo("Hello\u2026");
    assertThat(view.excerpt(29)).isEqualTo("Hello, world again and again.");
    assertThat(view.excerpt(28)).isEqualTo("Hello, world again and\u2026");
  }

  @Test
  void excerptCutsInsideAFirstWordLongerThanTheLimit() {
    RenderedArticle view = SAFE.render("Supercalifragilistic words\n");

    assertThat(view.excerpt(6)).isEqualTo("Super\u2026");
    assertThat(view.excerpt(1)).isEqualTo("\u2026");
  }

  @Test
  void excerptCountsCodePointsNotChars() {
    RenderedArticle view = SAFE.render("\uD835\uDD18\uD835\uDD2B\uD835\uDD26 text\n");

    assertThat(view.excerpt(3)).isEqualTo("\uD835\uDD18\uD835\uDD2B\u2026");
    assertThat(view.excerpt(5)).isEqualTo("\uD835\uDD18\uD835\uDD2B\uD835\uDD26\u2026");
  }

  @Test
  void excerptRejectsANonPositiveLimit() {
    assertThatThrownBy(() -> SAFE.render("Text.\n").excerpt(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxChars must be positive, was 0");
  }

  @Test
  void countsWordsAsReadersDo() {
    assertThat(SAFE.render("Don't stop \u2014 state-of-the-art 3.5 times!\n").wordCount()).isEqualTo(5);
    assertThat(SAFE.render("港口重建\n").wordCount()).isEqualTo(4);
    assertThat(SAFE.render("AI時代 begins\n").wordCount()).isEqualTo(4);
    assertThat(SAFE.render("```\nint x = 1;\n```\n").wordCount()).isEqualTo(3);
  }

  @Test
  void readingTimeIsWholeMinutesRoundedUpAndZeroWithoutWords() {
    assertThat(SAFE.render("").readingTime()).isZero();
    assertThat(SAFE.render("![only an image](i.png)\n").readingTime()).isZero();
    assertThat(SAFE.render("word\n").readingTime()).isEqualTo(Duration.ofMinutes(1));
    assertThat(SAFE.render("word ".repeat(200)).readingTime()).isEqualTo(Duration.ofMinutes(1));
    assertThat(SAFE.render("word ".repeat(201)).readingTime()).isEqualTo(Duration.ofMinutes(2));
    assertThat(MarkdownRenderer.builder().wordsPerMinute(100).build().render("word ".repeat(201)).readingTime())
        .isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void anEmptyBodyRendersToEmptyViews() {
    RenderedArticle view = SAFE.render("");

    assertThat(view).isEqualTo(new RenderedArticle("", "", "", List.of(), List.of(), "", "", 0, Duration.ZERO));
  }

  @Test
  void plainTextSeparatesTableCellsWithTabsAndLeavesRawHtmlOutWhenItIsMarkup() {
    String body = "| a | b |\n|---|---|\n| 1 | **2** |\n\n<div>\nhidden\n</div>\n\nA <i>word</i>.\n";

    assertThat(SAFE.render(body).plainText()).isEqualTo("a\tb\n1\t2\n<div>\nhidden\n</div>\nA <i>word</i>.");
    assertThat(MarkdownRenderer.builder().allowRawHtml(true).build().render(body).plainText())
        .isEqualTo("a\tb\n1\t2\nA word.");
  }
}
