package dev.broadsheet.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.broadsheet.Article;
import dev.broadsheet.Problem;

/**
 * Any bytes at all, read as a document or as an article, give Broadsheet's own results: a
 * document or problems, never an exception, and a valid article survives updating and
 * rewriting unchanged.
 *
 * <p>A normal test run replays the saved inputs under {@code
 * src/test/resources/dev/broadsheet/markdown/FrontmatterFuzzTestInputs/<method>/}. To fuzz one
 * target, run it alone with {@code JAZZER_FUZZ=1}, for example {@code JAZZER_FUZZ=1 mvn -o test
 * -pl markdown -am -Dtest=FrontmatterFuzzTest#readsAnyBytesAsArticleOrProblems
 * -Dsurefire.failIfNoSpecifiedTests=false}; add {@code
 * JAZZER_INSTRUMENTATION_INCLUDES='dev.broadsheet.**:org.yaml.snakeyaml.**'} to guide it
 * through the YAML reader too. Inputs it finds go to {@code .cifuzz-corpus/}, which is not
 * kept; a crashing input is written to the inputs folder above and replays from then on.
 */
class FrontmatterFuzzTest {
  private static final ArticleCodec CODEC = ArticleCodec.builder().build();

  @FuzzTest(maxDuration = "3m")
  void parsesAnyBytes(byte[] bytes) {
    DocumentResult result = FrontmatterParser.standard().parse("fuzz.md", bytes);

    FrontmatterDocument doc = result.document();
    if (doc == null) {
      assertThat(result.problems()).as("problems of a file that gave no document")
          .anyMatch(Problem::isError);
    } else {
      assertThat(doc.toBytes()).as("the document's bytes").isEqualTo(bytes);
      assertThat(doc.text()).endsWith(doc.body());
      assertThat(doc.yamlStart()).isBetween(0, doc.yamlEnd());
      assertThat(doc.yamlEnd()).isBetween(doc.yamlStart(), doc.bodyStart());
      assertThat(doc.newline()).isIn("\n", "\r\n");
    }
    int lines = lineCount(bytes);
    for (Problem p : result.problems()) {
      assertThat(p.source()).isEqualTo("fuzz.md");
      assertThat(p.line()).as("line of %s", p).isBetween(1, lines);
      assertThat(p.column()).as("column of %s", p).isPositive();
    }
  }

  @FuzzTest(maxDuration = "3m")
  void readsAnyBytesAsArticleOrProblems(byte[] bytes) {
    ArticleResult result = CODEC.read("fuzz", "fuzz.md", bytes);
    ArticleResult head = CODEC.readFrontmatter("fuzz", "fuzz.md", bytes);
    assertThat(head.problems()).as("problems of the frontmatter-only read").isEqualTo(result.problems());
    assertThat(head.article()).as("the frontmatter-only article")
        .isEqualTo(result.article() == null ? null : result.article().withBody(""));

    if (!result.isValid()) {
      assertThat(result.article()).isNull();
      assertThat(result.problems()).anyMatch(Problem::isError);
      return;
    }
    Article article = result.article();
    assertThat(CODEC.update(result.document(), article))
        .as("updating a file with the article read from it")
        .isEqualTo(bytes);
    byte[] written = CODEC.write(article);
    ArticleResult again = CODEC.read("fuzz", "fuzz.md", written);
    assertThat(again.problems()).as("problems reading the rewritten file").noneMatch(Problem::isError);
    assertThat(again.article()).as("the article read from the rewritten file").isEqualTo(article);
  }

  /**
   * The fast paths agree with the full parser or decline: the fast scanner gives the same
   * document and problems, and the direct read of an article gives the same article with no
   * problem, or nothing. The saved inputs include valid articles in the reference format, so
   * that fuzzing starts from files the fast paths take.
   */
  @FuzzTest(maxDuration = "3m")
  // In libFuzzer's dictionary syntax: \xNN for line breaks and for bytes beyond ASCII.
  @DictionaryEntries({
      "---\\x0A", "\\x0A---\\x0A", "title: ", "description: ", "publishedAt: ", "updatedAt: ", "expiresAt: ",
      "lang: ", "externalId: ", "source:\\x0A  name: ", "  key: ", "  type: ", "category: ",
      "tags:\\x0A  - ", "tags: [", "stickyWeight: ", "sentiment: ", "score: ", "draft: ",
      "coverImage:\\x0A  raw: ", "  small_s3: ", "ai:\\x0A  rewritten: ", "  expandedAt: ", "  version: ",
      "'2026-01-30T02:57:10.000Z'", "2026-01-30", "+05:30", "true", "false", "null", "~", "''", " # ", ": ",
      "- ", "\\x0D\\x0A", "\\x09", "\\xC3\\xA2\\xE2\\x82\\xAC\\xC2\\xA6"})
  void fastPathsAgreeWithTheFullParser(byte[] bytes) {
    DocumentResult full = FrontmatterParser.standard().parseWithFullParser("fuzz.md", bytes);
    DocumentResult fast = FrontmatterParser.standard().parse("fuzz.md", bytes);
    assertThat(fast.problems()).as("problems of the document").isEqualTo(full.problems());
    if (full.document() == null) {
      assertThat(fast.document()).isNull();
    } else {
      assertThat(fast.document().root()).as("the document's tree").isEqualTo(full.document().root());
    }
    ArticleScannerTest.assertReadsAlike(CODEC, "fuzz.md", bytes, CODEC.readWithFullParser("id", "fuzz.md", bytes),
        true);
  }

  private static int lineCount(byte[] bytes) {
    int lines = 1;
    for (byte b : bytes) {
      if (b == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
