package dev.broadsheet.markdown.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.broadsheet.markdown.DocumentResult;
import dev.broadsheet.markdown.FrontmatterParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The bodies of the real documentation pages in the shared corpus (read at test time, never
 * copied here), full of raw HTML, shortcodes and odd Markdown: every one renders to safe HTML
 * whose views agree with it.
 */
class RealCorpusRenderTest {
  private static final MarkdownRenderer SAFE = MarkdownRenderer.builder()
      .nofollowExternalLinks(true)
      .lazyImages(true)
      .build();

  @Test
  void everyRealBodyRendersSafelyWithConsistentViews() throws IOException {
    Path corpus = SafeHtml.corpus();
    Path real = corpus == null ? null : corpus.resolve("real");
    assumeTrue(real != null && Files.isDirectory(real), "shared/corpus/real not found above the working directory; skipping");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(real)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".markdown"))
          .sorted()
          .toList();
    }
    List<String> failures = new ArrayList<>();
    int rendered = 0;
    int withSections = 0;
    for (Path file : files) {
      String name = real.relativize(file).toString();
      DocumentResult parsed = FrontmatterParser.standard().parse(name, Files.readAllBytes(file));
      if (parsed.document() == null) {
        continue; // not readable as a document at all; the parser's own tests cover these
      }
      String body = parsed.document().body();
      try {
        RenderedArticle view = SAFE.render(body);
        Element html = Jsoup.parseBodyFragment(view.html()).body();
        List<String> violations = SafeHtml.violations(html);
        if (!violations.isEmpty()) {
          failures.add(name + ": " + violations);
        }
        List<String> ids = html.select("[id]").eachAttr("id");
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(RenderedArticleTest.flatten(view.tableOfContents()))
            .allSatisfy(e -> assertThat(ids).contains(e.id()));
        RenderedArticleTest.assertAdds(body, view);
        rendered++;
        withSections += view.sections().isEmpty() ? 0 : 1;
      } catch (AssertionError | RuntimeException e) {
        failures.add(name + ": " + e);
      }
    }

    assertThat(failures).isEmpty();
    assertThat(rendered).isGreaterThan(1000);
    assertThat(withSections).isGreaterThan(100);
  }
}
