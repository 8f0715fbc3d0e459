package dev.broadsheet.markdown.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile Markdown from {@code xss-cases.txt}, rendered with the safe default and checked on
 * the element tree jsoup parses from the output.
 */
class XssCorpusTest {
  private static final MarkdownRenderer SAFE = MarkdownRenderer.builder().build();
  private static final Pattern CODE_POINT = Pattern.compile("\\{U\\+([0-9A-Fa-f]{4,6})}");

  record Case(String name, String markdown, List<String> shows) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    String name = null;
    List<String> lines = new ArrayList<>();
    List<String> shows = new ArrayList<>();
    for (String line : SafeHtml.resource("xss-cases.txt").split("\n", -1)) {
      if (line.startsWith("%%% shows: ")) {
        shows.add(decode(line.substring("%%% shows: ".length())));
      } else if (line.startsWith("%%% ")) {
        if (name != null) {
          cases.add(new Case(name, markdown(lines), shows));
        }
        name = line.substring(4).strip();
        lines = new ArrayList<>();
        shows = new ArrayList<>();
      } else if (name != null) {
        lines.add(line);
      }
    }
    cases.add(new Case(name, markdown(lines), shows));
    return cases;
  }

  private static String markdown(List<String> lines) {
    return decode(String.join("\n", lines).strip()) + "\n";
  }

  private static String decode(String text) {
    Matcher m = CODE_POINT.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1), 16))));
    }
    return m.appendTail(sb).toString();
  }

  @Test
  void corpusHoldsAtLeastFortyCasesWithDistinctNames() throws IOException {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    assertThat(cases).extracting(Case::name).doesNotHaveDuplicates();
    assertThat(cases).allSatisfy(c -> assertThat(c.markdown()).as(c.name()).isNotBlank());
  }

  @Test
  void theCheckFlagsWhatPassesThroughWhenRawHtmlIsAllowed() throws IOException {
    MarkdownRenderer trusted = MarkdownRenderer.builder().allowRawHtml(true).build();

    long flagged = cases().stream().filter(c -> !SafeHtml.violations(trusted.toHtml(c.markdown())).isEmpty()).count();

    assertThat(flagged).as("cases that only escaping makes safe").isGreaterThanOrEqualTo(20);
    assertThat(SafeHtml.violations("<a href=\" JaVa&#x09;script:x\">x</a>"))
        .containsExactly("scheme javascript: in href of <a>");
    assertThat(SafeHtml.violations("<p OnClick=\"x\" style=\"y\">t</p><svg></svg>"))
        .containsExactly("event handler onclick on <p>", "attribute onclick on <p>", "style attribute on <p>",
            "attribute style on <p>", "element <svg>");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersOnlyAllowedElementsAttributesAndSchemes(Case c) {
    String html = SAFE.toHtml(c.markdown());

    assertThat(SafeHtml.violations(html)).as("%s%n%s", c.markdown(), html).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void showsEscapedHtmlAndLinkTextInsteadOfDroppingThem(Case c) {
    String text = SafeHtml.visibleText(SAFE.toHtml(c.markdown()));

    assertThat(c.shows()).allSatisfy(expected -> assertThat(text).contains(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyViewOfTheArticleIsSafeToo(Case c) {
    RenderedArticle view = SAFE.render(c.markdown());

    assertThat(view.html()).isEqualTo(SAFE.toHtml(c.markdown()));
    assertThat(SafeHtml.violations(view.leadHtml())).isEmpty();
    assertThat(view.sections()).allSatisfy(s -> assertThat(SafeHtml.violations(s.html())).isEmpty());
    assertThat(view.sections()).allSatisfy(s -> assertThat(s.id()).matches("[\\p{L}\\p{N}\\p{M}_-]+"));
  }
}
