package dev.broadsheet.markdown.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.broadsheet.Article;
import dev.broadsheet.Problem;
import dev.broadsheet.Severity;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.markdown.DocumentResult;
import dev.broadsheet.markdown.FrontmatterParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;

/**
 * Lint over files read at test time from the shared corpus (never copied into this
 * repository): the reference article, whose description ends in a garbled ellipsis, and real
 * documentation sites, where mojibake must not be reported.
 */
class CorpusLintTest {
  private static final String REFERENCE = "000_ffa8cbb01aacd3ec.txt";

  /** The shared corpus folder, found by walking up from the working directory, or null. */
  private static @Nullable Path corpus() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("corpus");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Test
  void referenceArticleHasMojibakeAtTheEndOfItsDescription() throws IOException {
    Path corpus = corpus();
    assumeTrue(corpus != null && Files.isRegularFile(corpus.resolve(REFERENCE)),
        "reference article not found (looked for shared/corpus/" + REFERENCE + " above the working directory)");
    byte[] bytes = Files.readAllBytes(corpus.resolve(REFERENCE));
    String descriptionLine = new String(bytes, StandardCharsets.UTF_8).lines()
        .filter(l -> l.startsWith("description:")).findFirst().orElseThrow();
    int column = descriptionLine.codePointCount(0, descriptionLine.indexOf("\u00e2\u20ac\u00a6")) + 1;

    ArticleResult read = ArticleCodec.builder().build().read("reference", REFERENCE, bytes);
    List<Problem> warnings = ContentLint.standard().check(read);

    assertThat(warnings).containsExactly(new Problem(REFERENCE, 3, column, "description",
        "description has mojibake: '\u00e2\u20ac\u00a6' looks like '\u2026' read with the wrong encoding",
        Severity.WARNING, "mojibake"));
  }

  @Test
  void realDocumentationHasNoMojibake() throws IOException {
    Path corpus = corpus();
    Path real = corpus == null ? null : corpus.resolve("real");
    assumeTrue(real != null && Files.isDirectory(real),
        "shared/corpus/real not found above the working directory; skipping");
    FrontmatterParser parser = FrontmatterParser.standard();
    ContentLint lint = ContentLint.builder().disableAll().enable("mojibake").build();
    // The documents are not articles (no publishedAt); the rule reads the document itself.
    Article placeholder = Article.builder("doc").title("doc").build();
    List<Problem> warnings = new ArrayList<>();
    int documents = 0;
    for (String folder : List.of("hugoDocs/content", "jekyll/docs")) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(real.resolve(folder))) {
        files = walk.filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".markdown"))
            .sorted().toList();
      }
      for (Path file : files) {
        DocumentResult parsed = parser.parse(real.relativize(file).toString(), Files.readAllBytes(file));
        if (parsed.document() != null) {
          documents++;
          warnings.addAll(lint.newRun().check(parsed.document(), placeholder));
        }
      }
    }

    assertThat(documents).isGreaterThan(1000);
    assertThat(warnings).isEmpty();
  }
}
