package dev.broadsheet.markdown.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
  private static final MarkdownRenderer SAFE = MarkdownRenderer.builder().build();

  // ------------------------------------------------------------------ exact output

  @Test
  void escapesAnHtmlBlockAsAParagraphOfText() {
    assertThat(SAFE.toHtml("<script>alert(1)</script>\n"))
        .isEqualTo("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
  }

  @Test
  void escapesInlineHtmlAndDropsAJavascriptLinkToItsText() {
    assertThat(SAFE.toHtml("Hi <script>x</script> [me](javascript:alert(1))"))
        .isEqualTo("<p>Hi &lt;script&gt;x&lt;/script&gt; me</p>\n");
  }

  @Test
  void replacesAnImageWithAForbiddenSourceByItsAltText() {
    assertThat(SAFE.toHtml("Look: ![a *red* dot](data:image/png;base64,iVBORw0KGgo=)"))
        .isEqualTo("<p>Look: a <em>red</em> dot</p>\n");
  }

  @Test
  void escapesQuotesInTitlesAndAltTextSoNothingBreaksOutOfTheAttribute() {
    assertThat(SAFE.toHtml("![a\" onerror=\"x](https://example.com/i.png \"t\\\" onload=\\\"y\")"))
        .isEqualTo("<p><img src=\"https://example.com/i.png\" alt=\"a&quot; onerror=&quot;x\""
            + " title=\"t&quot; onload=&quot;y\" /></p>\n");
  }

  @Test
  void readsAUrlAsABrowserDoesBeforeJudgingItsScheme() {
    assertThat(SAFE.toHtml("[a](jav&#x09;ascript:alert(1)) [b](<  JaVaScRiPt:x>) [c](&#106;avascript:y)"))
        .isEqualTo("<p>a b c</p>\n");
  }

  @Test
  void keepsHttpsMailtoRelativeAndFragmentLinks() {
    assertThat(SAFE.toHtml("[a](https://example.com/a?b=1&c=2) [b](mailto:ed@example.com) [c](../up) [d](#top) [e](//cdn.example.com/x)"))
        .isEqualTo("<p><a href=\"https://example.com/a?b=1&amp;c=2\">a</a>"
            + " <a href=\"mailto:ed@example.com\">b</a> <a href=\"../up\">c</a> <a href=\"#top\">d</a>"
            + " <a href=\"//cdn.example.com/x\">e</a></p>\n");
  }

  @Test
  void percentEncodesWhatAUrlCannotHoldAndDropsTabsAndOuterSpaces() {
    assertThat(SAFE.toHtml("[a](<  https://example.com/a b\"c>) [b](https://example.com/Straße)"))
        .isEqualTo("<p><a href=\"https://example.com/a%20b%22c\">a</a>"
            + " <a href=\"https://example.com/Stra%C3%9Fe\">b</a></p>\n");
  }

  @Test
  void rendersTablesStrikethroughAndAutolinks() {
    String md = """
        | Town | Votes |
        |:-----|------:|
        | Harbour | ~~5~~ 7 |

        Minutes at www.example.org and https://example.org/m.
        """;

    assertThat(SAFE.toHtml(md)).isEqualTo("""
        <table>
        <thead>
        <tr>
        <th align="left">Town</th>
        <th align="right">Votes</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td align="left">Harbour</td>
        <td align="right"><del>5</del> 7</td>
        </tr>
        </tbody>
        </table>
        <p>Minutes at <a href="http://www.example.org">www.example.org</a> and \
        <a href="https://example.org/m">https://example.org/m</a>.</p>
        """);
  }

  @Test
  void showsHtmlInCodeAsCode() {
    assertThat(SAFE.toHtml("`<b>` and\n\n```html\n<i onclick=x>\n```\n"))
        .isEqualTo("<p><code>&lt;b&gt;</code> and</p>\n"
            + "<pre><code class=\"language-html\">&lt;i onclick=x&gt;\n</code></pre>\n");
  }

  // ------------------------------------------------------------------ options

  @Test
  void allowRawHtmlPassesHtmlThroughUnchanged() {
    MarkdownRenderer trusted = MarkdownRenderer.builder().allowRawHtml(true).build();

    assertThat(trusted.toHtml("<div class=\"note\">\n<b>Hi</b>\n</div>\n\nA <kbd>key</kbd>.\n"))
        .isEqualTo("<div class=\"note\">\n<b>Hi</b>\n</div>\n<p>A <kbd>key</kbd>.</p>\n");
  }

  @Test
  void allowRawHtmlStillNeutralizesMarkdownLinksButNotRawOnes() {
    MarkdownRenderer trusted = MarkdownRenderer.builder().allowRawHtml(true).build();

    assertThat(trusted.toHtml("[md](javascript:a) <a href=\"javascript:b\">raw</a>"))
        .isEqualTo("<p>md <a href=\"javascript:b\">raw</a></p>\n");
  }

  @Test
  void nofollowMarksOnlyExternalHttpLinks() {
    MarkdownRenderer renderer = MarkdownRenderer.builder()
        .nofollowExternalLinks(true)
        .internalHosts("Example.com.")
        .build();

    String html = renderer.toHtml("[a](https://other.org/x) [b](https://example.com/y) [c](http://news.example.com)"
        + " [d](/local) [e](#f) [g](mailto:x@other.org) [h](//cdn.other.org/i) [i](https://example.com.other.org/)"
        + " [j](HTTPS://user@EXAMPLE.COM:8443/k)");

    assertThat(html).isEqualTo("<p><a href=\"https://other.org/x\" rel=\"nofollow noopener\">a</a>"
        + " <a href=\"https://example.com/y\">b</a> <a href=\"http://news.example.com\">c</a>"
        + " <a href=\"/local\">d</a> <a href=\"#f\">e</a> <a href=\"mailto:x@other.org\">g</a>"
        + " <a href=\"//cdn.other.org/i\" rel=\"nofollow noopener\">h</a>"
        + " <a href=\"https://example.com.other.org/\" rel=\"nofollow noopener\">i</a>"
        + " <a href=\"HTTPS://user@EXAMPLE.COM:8443/k\">j</a></p>\n");
  }

  @Test
  void linksCarryNoRelUnlessAsked() {
    assertThat(SAFE.toHtml("[a](https://other.org/x) www.other.org")).doesNotContain("rel=");
  }

  @Test
  void lazyImagesGetLoadingLazy() {
    MarkdownRenderer renderer = MarkdownRenderer.builder().lazyImages(true).build();

    assertThat(renderer.toHtml("![pier](https://img.example.com/p.jpg)"))
        .isEqualTo("<p><img src=\"https://img.example.com/p.jpg\" alt=\"pier\" loading=\"lazy\" /></p>\n");
    assertThat(SAFE.toHtml("![pier](https://img.example.com/p.jpg)")).doesNotContain("loading");
  }

  @Test
  void headingIdPrefixGoesBeforeEveryId() {
    MarkdownRenderer renderer = MarkdownRenderer.builder().headingIdPrefix("h-").build();

    assertThat(SafeHtml.ids(renderer.toHtml("## Location\n\n## Location\n"))).containsExactly("h-location", "h-location-1");
  }

  @Test
  void builderRejectsBadValuesWithExactMessages() {
    assertThatThrownBy(() -> MarkdownRenderer.builder().wordsPerMinute(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("wordsPerMinute must be positive, was 0");
    assertThatThrownBy(() -> MarkdownRenderer.builder().headingIdPrefix("1\" x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("headingIdPrefix must be empty or an ASCII letter followed by letters, digits, '-' or '_', was '1\" x'");
    assertThatThrownBy(() -> MarkdownRenderer.builder().internalHosts("https://example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("internal host must be a bare host name like example.com, was 'https://example.com'");
    assertThatThrownBy(() -> MarkdownRenderer.builder().internalHosts((String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("host");
    assertThatThrownBy(() -> SAFE.toHtml(null)).isInstanceOf(NullPointerException.class).hasMessage("markdown");
  }

  // ------------------------------------------------------------------ heading ids

  @Test
  void repeatedHeadingsGetNumberedIds() {
    String md = """
        ## Update

        First.

        ## Update

        Second.

        ### Update

        ## Update
        """;

    assertThat(SafeHtml.ids(SAFE.toHtml(md))).containsExactly("update", "update-1", "update-2", "update-3");
  }

  @Test
  void idsStayUniqueWhenAHeadingLooksLikeANumberedOne() {
    assertThat(SafeHtml.ids(SAFE.toHtml("## a\n## a\n## a-1\n## a\n"))).containsExactly("a", "a-1", "a-1-1", "a-2");
  }

  @Test
  void unicodeHeadingsKeepTheirLettersInIds() {
    String md = """
        # Über uns
        ## 日本語の見出し
        ## Ça va, São Paulo?
        ## ΕΛΛΗΝΙΚΆ
        ## Ｆｕｌｌｗｉｄｔｈ ＡＢＣ
        ## हिन्दी समाचार
        ## ???
        ## `code` and *emphasis* and [a link](https://example.com)
        ## TITLE IN CAPS
        """;

    assertThat(SafeHtml.ids(SAFE.toHtml(md))).containsExactly(
        "über-uns", "日本語の見出し", "ça-va-são-paulo", "ελληνικά", "fullwidth-abc", "हिन्दी-समाचार",
        "section", "code-and-emphasis-and-a-link", "title-in-caps");
  }

  @Test
  void idsDoNotDependOnTheDefaultLocale() {
    java.util.Locale before = java.util.Locale.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
      assertThat(SafeHtml.ids(SAFE.toHtml("## TITLE\n"))).containsExactly("title");
    } finally {
      java.util.Locale.setDefault(before);
    }
  }

  @Test
  void longHeadingsGetIdsOfAtMostEightyCharacters() {
    String id = SafeHtml.ids(SAFE.toHtml("## " + "word ".repeat(100) + "\n")).get(0);

    assertThat(id).isEqualTo("word-".repeat(15) + "word");
    assertThat(SafeHtml.ids(SAFE.toHtml("## " + "x".repeat(200) + "\n"))).containsExactly("x".repeat(80));
  }

  @Test
  void headingHtmlNeverReachesTheIdEvenWhenShown() {
    List<String> ids = SafeHtml.ids(SAFE.toHtml("## <img src=x onerror=alert(1)> Results\n## Title\" onclick=\"alert(1)\n"));

    assertThat(ids).containsExactly("img-src-x-onerror-alert-1-results", "title-onclick-alert-1");
  }

  @Test
  void toHtmlEqualsTheHtmlOfTheFullRendering() {
    String md = "Lead *text*.\n\n## One\n\n[ref]\n\n## Two\n\n> quote\n\n[ref]: https://example.com\n";

    assertThat(SAFE.render(md).html()).isEqualTo(SAFE.toHtml(md));
  }
}
