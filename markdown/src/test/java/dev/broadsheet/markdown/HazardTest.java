package dev.broadsheet.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where YAML is lax and the article format is strict: each hazard is an error at the exact line
 * and column of the file as an editor shows it, BOM and CRLF included. The bulk of the cases
 * live in the conformance suite; these need code to build or to check.
 */
class HazardTest {
  /** How many times the class below was initialized or instantiated; must stay 0. */
  static final AtomicInteger CONSTRUCTED = new AtomicInteger();

  /** A class a YAML tag could name; it records any attempt to load or build it. */
  public static final class Gadget {
    static {
      CONSTRUCTED.incrementAndGet();
    }

    public Gadget() {
      CONSTRUCTED.incrementAndGet();
    }

    public Gadget(String ignored) {
      CONSTRUCTED.incrementAndGet();
    }
  }

  private final ArticleCodec codec = ArticleCodec.builder().build();

  private List<Problem> problems(byte[] bytes) {
    return codec.read("a", "a.md", bytes).problems();
  }

  private List<Problem> problems(String text) {
    return problems(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      } else if (part instanceof Integer b) {
        out.write(b);
      } else {
        out.writeBytes((byte[]) part);
      }
    }
    return out.toByteArray();
  }

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private static void assertOnly(List<Problem> problems, int line, int column, String rule) {
    assertThat(problems).as("problems").singleElement().satisfies(p -> {
      assertThat(p.rule()).as("rule of %s", p).isEqualTo(rule);
      assertThat(p.line()).as("line of %s", p).isEqualTo(line);
      assertThat(p.column()).as("column of %s", p).isEqualTo(column);
      assertThat(p.isError()).isTrue();
    });
  }

  // ------------------------------------------------------------------ object construction

  @Test
  void tagNamingAClassConstructsNothing() {
    String gadget = Gadget.class.getName();

    List<Problem> found = problems(
        "---\ntitle: Gadget\npublishedAt: 2026-03-02\nw: !!" + gadget + " [x]\nv: !<tag:yaml.org,2002:"
            + gadget + "> y\n---\n");

    assertThat(CONSTRUCTED).hasValue(0);
    assertThat(found).extracting(Problem::rule).containsExactly("tag", "tag");
    assertThat(found).extracting(Problem::line).containsExactly(4, 5);
    assertThat(found).extracting(Problem::column).containsExactly(4, 4);
  }

  @Test
  void fileTagIsAnErrorAndTouchesNoFile(@TempDir Path dir) {
    Path target = dir.resolve("created-by-yaml");

    List<Problem> found = problems("---\ntitle: !!java.io.File " + target + "\npublishedAt: 2026-03-02\n---\n");

    assertOnly(found, 2, 8, "tag");
    assertThat(found.get(0).message()).contains("never construct objects");
    assertThat(target).doesNotExist();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void scriptEngineGadgetChainIsAnErrorAtEveryTag() {
    List<Problem> found = problems(
        "---\ntitle: Chain\npublishedAt: 2026-03-02\nx: !!javax.script.ScriptEngineManager "
            + "[!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n---\n");

    assertThat(found).extracting(Problem::rule).containsOnly("tag");
    assertThat(found).extracting(Problem::column).containsExactly(4, 40, 68);
    assertThat(found).allSatisfy(p -> assertThat(p.line()).isEqualTo(4));
  }

  // ------------------------------------------------------------------ duplicate keys

  @Test
  void duplicateKeyInFlowMappingIsAnError() {
    assertOnly(problems("---\ntitle: Flow\npublishedAt: 2026-03-02\nmeta: {a: 1, b: 2, a: 3}\n---\n"), 4, 20, "duplicate-key");
  }

  @Test
  void duplicateKeyWrittenWithOtherQuotesIsStillADuplicate() {
    assertOnly(problems("---\ntitle: One\npublishedAt: 2026-03-02\n\"title\": Two\n---\n"), 4, 1, "duplicate-key");
  }

  @Test
  void duplicateKeyAfterBomAndCrlfKeepsTheFilesPosition() {
    byte[] file = bytes(BOM, "---\r\ntitle: One\r\npublishedAt: 2026-03-02\r\nsource:\r\n  name: A\r\n  name: B\r\n---\r\n");

    List<Problem> found = problems(file);

    assertOnly(found, 6, 3, "duplicate-key");
    assertThat(found.get(0).message()).isEqualTo("duplicate key 'name' (first at line 5)");
    assertThat(found.get(0).field()).isEqualTo("name");
  }

  // ------------------------------------------------------------------ tabs

  @Test
  void tabInIndentationIsAnError() {
    assertOnly(problems("---\ntitle: Tab\npublishedAt: 2026-03-02\ntags:\n\t- a\n---\n"), 5, 1, "tab-indentation");
  }

  @Test
  void tabAfterSpacesInIndentationIsReportedWhereTheTabIs() {
    assertOnly(problems("---\ntitle: Tab\npublishedAt: 2026-03-02\nsource:\n  name: A\n  \tkey: b\n---\n"), 6, 3, "tab-indentation");
  }

  @Test
  void tabInIndentationWithBomAndCrlf() {
    byte[] file = bytes(BOM, "---\r\ntitle: Tab\r\npublishedAt: 2026-03-02\r\ntags: [a,\r\n\tb]\r\n---\r\n");

    assertOnly(problems(file), 5, 1, "tab-indentation");
  }

  @Test
  void tabsInsideValuesAndBlockScalarsAreFine() {
    List<Problem> found = problems(
        "---\ntitle: \"A\\tB\"\npublishedAt: 2026-03-02\ndescription: |\n  first\n  \tindented with a tab\nnote: a\tb   # comment\n---\n");

    assertThat(found).isEmpty();
  }

  // ------------------------------------------------------------------ control characters

  @Test
  void rawNulInAValueIsAnError() {
    assertOnly(problems(bytes("---\ntitle: Nul", 0, "here\npublishedAt: 2026-03-02\n---\n")), 2, 11, "control-character");
  }

  @Test
  void rawDeleteCharacterIsAnError() {
    assertOnly(problems(bytes("---\ntitle: ok\ndescription: x", 0x7F, "\npublishedAt: 2026-03-02\n---\n")), 3, 15, "control-character");
  }

  @Test
  void escapedNulIsAnErrorAtTheValue() {
    List<Problem> found = problems("---\ntitle: ok\npublishedAt: 2026-03-02\ncategory: \"tech\\0\"\n---\n");

    assertOnly(found, 4, 11, "control-character");
    assertThat(found.get(0).message()).contains("U+0000");
  }

  @Test
  void escapedC1ControlIsAnError() {
    List<Problem> found = problems("---\ntitle: \"next\\x85line\"\npublishedAt: 2026-03-02\n---\n");

    assertOnly(found, 2, 8, "control-character");
    assertThat(found.get(0).message()).contains("U+0085");
  }

  @Test
  void escapedControlCharacterInAKeyIsAnError() {
    assertOnly(problems("---\ntitle: ok\npublishedAt: 2026-03-02\n\"bad\\x01key\": 1\n---\n"), 4, 1, "control-character");
  }

  @Test
  void escapedControlCharacterInAListItemIsAnError() {
    assertOnly(problems("---\ntitle: ok\npublishedAt: 2026-03-02\ntags:\n  - fine\n  - \"bell\\a\"\n---\n"), 6, 5, "control-character");
  }

  @Test
  void unpairedSurrogateEscapeIsAnError() {
    assertOnly(problems("---\ntitle: \"half \\uD800 pair\"\npublishedAt: 2026-03-02\n---\n"), 2, 8, "control-character");
  }

  @Test
  void rawControlCharacterAfterAstralCharactersWithCrlf() {
    byte[] file = bytes("---\r\ntitle: ok\r\ndescription: \uD83D\uDCF0 \uD83D\uDCF0 ", 0x01, "\r\npublishedAt: 2026-03-02\r\n---\r\n");

    assertOnly(problems(file), 3, 18, "control-character");
  }

  // ------------------------------------------------------------------ encoding

  @Test
  void invalidUtf8InFrontmatterIsAnErrorAtItsPosition() {
    List<Problem> found = problems(bytes("---\ntitle: Caf", 0xE9, "\npublishedAt: 2026-03-02\n---\n"));

    assertOnly(found, 2, 11, "encoding");
  }

  @Test
  void invalidUtf8InBodyIsAnErrorAtItsPosition() {
    List<Problem> found = problems(bytes("---\ntitle: ok\npublishedAt: 2026-03-02\n---\nfine\nna", 0xC3, 0x28, "ve\n"));

    assertOnly(found, 6, 3, "encoding");
  }

  @Test
  void invalidUtf8PositionIgnoresBomAndCountsCodePoints() {
    byte[] file = bytes(BOM, "---\r\ntitle: ok\r\npublishedAt: 2026-03-02\r\n---\r\n\u00e9\u00e9\uD83D\uDCF0", 0xFF, "\r\n");

    assertOnly(problems(file), 5, 4, "encoding");
  }

  @Test
  void truncatedSequenceAtEndOfFileIsAnError() {
    assertOnly(problems(bytes("---\ntitle: ok\npublishedAt: 2026-03-02\n---\nend", 0xE2, 0x82)), 5, 4, "encoding");
  }

  @Test
  void overlongEncodingIsAnError() {
    // 0xC0 0xAF is an overlong '/', which lenient decoders accept.
    assertOnly(problems(bytes("---\ntitle: a", 0xC0, 0xAF, "b\npublishedAt: 2026-03-02\n---\n")), 2, 9, "encoding");
  }

  @Test
  void utf16FileIsRefusedAsInvalidUtf8() {
    byte[] utf16 = bytes(0xFF, 0xFE, "-\0-\0-\0\n\0".getBytes(StandardCharsets.ISO_8859_1));

    assertOnly(problems(utf16), 1, 1, "encoding");
  }

  // ------------------------------------------------------------------ tags on fields

  @Test
  void binaryTagOnATextFieldIsAnError() {
    assertOnly(problems("---\ntitle: ok\npublishedAt: 2026-03-02\ndescription: !!binary SGVsbG8=\n---\n"), 4, 14, "tag");
  }

  @Test
  void setTagOnAListFieldIsAnError() {
    List<Problem> found = problems("---\ntitle: ok\npublishedAt: 2026-03-02\ntags: !!set\n  ? a\n  ? b\n---\n");

    assertOnly(found, 4, 7, "tag");
    assertThat(found.get(0).message()).isEqualTo("the tag !!set is not allowed on tags");
  }

  @Test
  void numericTagOnATextFieldIsAnError() {
    assertOnly(problems("---\ntitle: ok\npublishedAt: 2026-03-02\nexternalId: !!int 12\n---\n"), 4, 13, "tag");
  }

  @Test
  void strTagOnATextFieldIsFine() {
    ArticleResult result = codec.read("a", "a.md",
        "---\ntitle: !!str 2026\npublishedAt: !!timestamp 2026-03-02\n---\n".getBytes(StandardCharsets.UTF_8));

    assertThat(result.problems()).isEmpty();
    assertThat(result.article().title()).isEqualTo("2026");
  }

  // ------------------------------------------------------------------ aliases

  @Test
  void valueContainingItselfThroughAnAliasIsAnError() {
    List<Problem> found = problems("---\ntitle: Loop\npublishedAt: 2026-03-02\na: &x [*x]\n---\n");

    assertOnly(found, 4, 8, "alias-recursive");
    assertThat(found.get(0).message()).contains("&x").contains("*x");
  }

  @Test
  void mappingContainingItselfDeeperDownIsAnError() {
    assertOnly(problems("---\ntitle: Loop\npublishedAt: 2026-03-02\nm: &m\n  child:\n    again: *m\n---\n"), 6, 12, "alias-recursive");
  }

  @Test
  void aliasToAnEarlierSiblingIsFine() {
    ArticleResult result = codec.read("a", "a.md",
        "---\ntitle: &t Shared\ndescription: *t\npublishedAt: 2026-03-02\nx: &l [a]\ny: *l\n---\n".getBytes(StandardCharsets.UTF_8));

    assertThat(result.problems()).isEmpty();
    assertThat(result.article().description()).isEqualTo("Shared");
    assertThat(result.article().extra()).containsEntry("y", List.of("a"));
  }

  // ------------------------------------------------------------------ many at once

  @Test
  void distinctProblemsAreReportedTogetherInFileOrder() {
    List<Problem> found = problems(
        "---\ntitle: Many\npublishedAt: 2026-03-02\nstickyWeight: lots\ntitle: Again\nscore: '1'\n---\n");

    assertThat(found).extracting(Problem::rule).containsExactly("type", "duplicate-key", "type");
    assertThat(found).extracting(Problem::line).containsExactly(4, 5, 6);
    assertThat(found).extracting(Problem::column).containsExactly(15, 1, 8);
  }

  @Test
  void problemsReadFromAFileOnDisk(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("post.md");
    Files.write(file, bytes(BOM, "---\r\ntitle: x\r\ntitle: y\r\n---\r\n"));

    ArticleResult result = codec.read("post", file.toString(), Files.readAllBytes(file));

    assertThat(result.problems()).extracting(Problem::toString)
        .contains(file + ":3:1: error: duplicate key 'title' (first at line 2)");
  }
}
