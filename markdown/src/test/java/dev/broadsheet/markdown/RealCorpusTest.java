package dev.broadsheet.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.broadsheet.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Markdown files from two public documentation sites, read at test time from the shared corpus
 * (never copied into this repository). Real content must be read without a problem and written
 * back byte for byte; Jekyll's own odd fixtures must either do the same or be refused for the
 * reason listed here.
 */
class RealCorpusTest {
  private static final String ABSENT = "(real corpus not found)";

  /** Jekyll fixtures that are broken on purpose, with the rule that refuses them. */
  private static final Map<String, String> EXPECTED_UNREADABLE = Map.of(
      // "bad yaml: [" never closes its flow sequence
      "jekyll/test/source/_broken/bad_post.md", "yaml-syntax",
      // UTF-16LE with a BOM: article files are UTF-8
      "jekyll/test/source/_encodings/Unicode16LECRLFandBOM.md", "encoding",
      // a Liquid include that opens with '---' and never closes it
      "jekyll/test/source/_includes/sig.markdown", "frontmatter-unclosed");

  /**
   * Real files that are read but report a problem, with the rule and why it is right. Empty:
   * no real file has a duplicate key, a tab in its indentation or any other hazard.
   */
  private static final Map<String, String> EXPECTED_PROBLEMS = Map.of();

  private static final FrontmatterParser PARSER = FrontmatterParser.standard();
  private static final ArticleCodec CODEC = ArticleCodec.builder().build();

  static Path real() {
    Path corpus = CanonicalWriteTest.corpus();
    return corpus == null ? null : corpus.resolve("real");
  }

  static Stream<String> files() throws IOException {
    Path real = real();
    if (real == null || !Files.isDirectory(real)) {
      return Stream.of(ABSENT);
    }
    try (Stream<Path> walk = Files.walk(real)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> real.relativize(p).toString().replace('\\', '/'))
          .filter(name -> name.endsWith(".md") || name.endsWith(".markdown"))
          .sorted()
          .toList()
          .stream();
    }
  }

  private static boolean isRealContent(String name) {
    return name.startsWith("hugoDocs/content/") || name.startsWith("jekyll/docs/");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void readsAndWritesBackByteForByte(String name) throws IOException {
    assumeTrue(!name.equals(ABSENT), "shared/corpus/real not found above the working directory; skipping");
    byte[] bytes = Files.readAllBytes(real().resolve(name));

    DocumentResult result = PARSER.parse(name, bytes);

    if (EXPECTED_UNREADABLE.containsKey(name)) {
      assertThat(result.document()).as("document of a file listed as unreadable").isNull();
      assertThat(result.problems()).extracting(Problem::rule).containsExactly(EXPECTED_UNREADABLE.get(name));
      return;
    }
    assertThat(result.document()).as("document; problems %s", result.problems()).isNotNull();
    FrontmatterDocument doc = result.document();
    assertThat(doc.toBytes()).as("bytes written back").isEqualTo(bytes);
    if (EXPECTED_PROBLEMS.containsKey(name)) {
      assertThat(result.problems()).extracting(Problem::rule).contains(EXPECTED_PROBLEMS.get(name));
    } else {
      assertThat(result.problems()).as("problems").isEmpty();
    }
    if (isRealContent(name)) {
      assertThat(doc.root()).as("frontmatter root").satisfiesAnyOf(
          r -> assertThat(r).isNull(), r -> assertThat(r).isInstanceOf(YamlNode.Mapping.class));
    }
    // Files that happen to be valid articles are written back unchanged by update().
    ArticleResult article = CODEC.toArticle("corpus", doc);
    if (article.isValid()) {
      assertThat(CODEC.update(doc, article.article())).as("update with the same article").isEqualTo(bytes);
    }
    // Reading as an article never throws and never loses the document.
    assertThat(article.document()).isSameAs(doc);
  }

  @Test
  void corpusHoldsTheExpectedShapes() throws IOException {
    Path real = real();
    assumeTrue(real != null && Files.isDirectory(real), "shared/corpus/real not found above the working directory; skipping");

    assertThat(doc(real, "hugoDocs/content/LICENSE.md").hasFrontmatter()).isFalse();
    assertThat(doc(real, "jekyll/docs/readme.md").hasFrontmatter()).isFalse();
    FrontmatterDocument empty = doc(real, "jekyll/docs/_docs/rendering-process.md");
    assertThat(empty.hasFrontmatter()).isTrue();
    assertThat(empty.root()).isNull();
    FrontmatterDocument comments = doc(real, "hugoDocs/content/en/_common/store-methods.md");
    assertThat(comments.hasFrontmatter()).isTrue();
    assertThat(comments.root()).isNull();
    assertThat(doc(real, "jekyll/test/source/_methods/yaml_with_dots.md").root()).isInstanceOf(YamlNode.Mapping.class);
    assertThat(doc(real, "jekyll/test/source/_posts/2015-12-27-extra-spaces.markdown").hasFrontmatter()).isTrue();
    FrontmatterDocument bom = doc(real, "jekyll/test/source/_encodings/UTF8CRLFandBOM.md");
    assertThat(bom.hasBom()).isTrue();
    assertThat(bom.root()).isInstanceOf(YamlNode.Mapping.class);
    assertThat(doc(real, "jekyll/test/source/_roles/named.md").newline()).isEqualTo("\r\n");
  }

  @Test
  void realContentFilesAreManyAndAllReadable() throws IOException {
    List<String> names = files().toList();
    assumeTrue(!names.contains(ABSENT), "shared/corpus/real not found above the working directory; skipping");

    assertThat(names.stream().filter(RealCorpusTest::isRealContent)).hasSizeGreaterThan(1_000);
    assertThat(EXPECTED_UNREADABLE.keySet()).allSatisfy(n -> assertThat(names).contains(n));
  }

  private static FrontmatterDocument doc(Path real, String name) throws IOException {
    DocumentResult result = PARSER.parse(name, Files.readAllBytes(real.resolve(name)));
    assertThat(result.document()).as(name).isNotNull();
    return result.document();
  }
}
