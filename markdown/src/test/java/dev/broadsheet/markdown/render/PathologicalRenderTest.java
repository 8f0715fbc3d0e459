package dev.broadsheet.markdown.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile shapes of Markdown render in bounded time and stack, with every view. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PathologicalRenderTest {
  private static final MarkdownRenderer SAFE = MarkdownRenderer.builder().build();

  @Test
  void deeplyNestedBlockQuotes() {
    RenderedArticle view = SAFE.render("> ".repeat(50_000) + "deep\n");

    assertThat(view.plainText()).contains("deep");
  }

  @Test
  void deeplyNestedLists() {
    RenderedArticle view = SAFE.render("- ".repeat(50_000) + "deep\n");

    assertThat(view.wordCount()).isPositive();
  }

  @Test
  void deeplyNestedLinksAndEmphasis() {
    String md = "[".repeat(30_000) + "x" + "](javascript:y)".repeat(30_000) + "\n\n" + "*a **b ".repeat(30_000) + "\n";

    RenderedArticle view = SAFE.render(md);

    assertThat(view.html()).doesNotContain("href=\"javascript");
  }

  @Test
  void manyEqualHeadingsGetDistinctIdsInLinearTime() {
    RenderedArticle view = SAFE.render("## Update\n\n".repeat(20_000));

    assertThat(view.sections()).hasSize(20_000);
    assertThat(view.sections().get(19_999).id()).isEqualTo("update-19999");
  }

  @Test
  void oneHugeHeadingAndOneHugeParagraph() {
    String words = "word ".repeat(200_000);

    RenderedArticle view = SAFE.render("## " + words + "\n\n" + words + "\n");

    assertThat(view.sections().get(0).id()).hasSizeLessThanOrEqualTo(80);
    assertThat(view.excerpt(100)).hasSizeLessThanOrEqualTo(100);
    assertThat(view.wordCount()).isEqualTo(400_000);
  }

  @Test
  void manyUnclosedHtmlTagsAndEntities() {
    String md = "<div ".repeat(20_000) + "\n\n" + "&#106;&amp;&colon;".repeat(20_000) + "\n";

    assertThat(SAFE.render(md).html()).doesNotContain("<div");
  }
}
