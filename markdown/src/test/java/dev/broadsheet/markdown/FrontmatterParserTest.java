package dev.broadsheet.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Problem;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FrontmatterParserTest {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private static DocumentResult parse(String text) {
    return FrontmatterParser.standard().parse("post.md", utf8(text));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] withBom(String text) {
    byte[] body = utf8(text);
    byte[] out = new byte[BOM.length + body.length];
    System.arraycopy(BOM, 0, out, 0, BOM.length);
    System.arraycopy(body, 0, out, BOM.length, body.length);
    return out;
  }

  private static YamlNode value(FrontmatterDocument doc, String key) {
    return ((YamlNode.Mapping) doc.root()).entry(key).orElseThrow().value();
  }

  // ------------------------------------------------------------------ splitting

  @Test
  void splitsFrontmatterFromBody() {
    FrontmatterDocument doc = parse("---\ntitle: Harbour\n---\n# Heading\n\nText.\n").document();

    assertThat(doc.hasFrontmatter()).isTrue();
    assertThat(doc.yaml()).isEqualTo("title: Harbour\n");
    assertThat(doc.body()).isEqualTo("# Heading\n\nText.\n");
    assertThat(doc.newline()).isEqualTo("\n");
    assertThat(doc.hasBom()).isFalse();
    assertThat(((YamlNode.Scalar) value(doc, "title")).value()).isEqualTo("Harbour");
  }

  @Test
  void readsBomAndCrlfAndWritesThemBack() {
    byte[] bytes = withBom("---\r\ntitle: Harbour\r\n---\r\nBody line\r\n");

    FrontmatterDocument doc = FrontmatterParser.standard().parse("post.md", bytes).document();

    assertThat(doc.hasBom()).isTrue();
    assertThat(doc.newline()).isEqualTo("\r\n");
    assertThat(doc.text()).startsWith("---\r\n");
    assertThat(((YamlNode.Scalar) value(doc, "title")).value()).isEqualTo("Harbour");
    assertThat(doc.body()).isEqualTo("Body line\r\n");
    assertThat(doc.toBytes()).isEqualTo(bytes);
  }

  @Test
  void acceptsDotsAsClosingDelimiter() {
    FrontmatterDocument doc = parse("---\ntitle: Dotted\n...\nBody\n").document();

    assertThat(doc.yaml()).isEqualTo("title: Dotted\n");
    assertThat(doc.body()).isEqualTo("Body\n");
  }

  @Test
  void doesNotAcceptDotsAsOpeningDelimiter() {
    DocumentResult result = parse("...\ntitle: x\n---\nBody\n");

    assertThat(result.document().hasFrontmatter()).isFalse();
    assertThat(result.document().body()).isEqualTo("...\ntitle: x\n---\nBody\n");
  }

  @Test
  void acceptsTrailingBlanksOnDelimiterLines() {
    FrontmatterDocument doc = parse("---   \ntitle: Spaced\n--- \t\nBody\n").document();

    assertThat(doc.hasFrontmatter()).isTrue();
    assertThat(doc.yaml()).isEqualTo("title: Spaced\n");
    assertThat(doc.body()).isEqualTo("Body\n");
  }

  @Test
  void treatsFourDashesAsNoDelimiter() {
    FrontmatterDocument doc = parse("----\ntitle: x\n----\n").document();

    assertThat(doc.hasFrontmatter()).isFalse();
  }

  @Test
  void fileWithoutFrontmatterIsAllBody() {
    DocumentResult result = parse("# Only Markdown\n");

    assertThat(result.problems()).isEmpty();
    assertThat(result.document().hasFrontmatter()).isFalse();
    assertThat(result.document().root()).isNull();
    assertThat(result.document().yaml()).isEmpty();
    assertThat(result.document().body()).isEqualTo("# Only Markdown\n");
  }

  @Test
  void emptyFileIsAnEmptyBody() {
    DocumentResult result = parse("");

    assertThat(result.document().hasFrontmatter()).isFalse();
    assertThat(result.document().body()).isEmpty();
    assertThat(result.document().toBytes()).isEmpty();
  }

  @Test
  void emptyFrontmatterHasNoRoot() {
    DocumentResult result = parse("---\n---\nBody\n");

    assertThat(result.problems()).isEmpty();
    assertThat(result.document().hasFrontmatter()).isTrue();
    assertThat(result.document().root()).isNull();
    assertThat(result.document().yaml()).isEmpty();
    assertThat(result.document().body()).isEqualTo("Body\n");
  }

  @Test
  void fileThatIsOnlyTwoDelimitersWithoutFinalNewline() {
    DocumentResult result = parse("---\n---");

    assertThat(result.problems()).isEmpty();
    assertThat(result.document().hasFrontmatter()).isTrue();
    assertThat(result.document().root()).isNull();
    assertThat(result.document().body()).isEmpty();
    assertThat(result.document().toBytes()).isEqualTo(utf8("---\n---"));
  }

  @Test
  void frontmatterOfOnlyCommentsHasNoRoot() {
    DocumentResult result = parse("---\n# drafted later\n\n# nothing yet\n---\nBody\n");

    assertThat(result.problems()).isEmpty();
    assertThat(result.document().root()).isNull();
    assertThat(result.document().body()).isEqualTo("Body\n");
  }

  @Test
  void closingDelimiterWithoutNewlineLeavesEmptyBody() {
    FrontmatterDocument doc = parse("---\ntitle: x\n---").document();

    assertThat(doc.body()).isEmpty();
    assertThat(doc.yaml()).isEqualTo("title: x\n");
  }

  @Test
  void rejectsFrontmatterThatIsNeverClosed() {
    for (String text : new String[] {"---\ntitle: x\n\nBody\n", "---", "---\n", "---\r\n"}) {
      DocumentResult result = parse(text);

      assertThat(result.document()).as(text).isNull();
      assertThat(result.problems()).as(text).singleElement()
          .satisfies(p -> {
            assertThat(p.rule()).isEqualTo("frontmatter-unclosed");
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.column()).isEqualTo(1);
          });
    }
  }

  @Test
  void aDelimiterInsideTheBodyStaysInTheBody() {
    FrontmatterDocument doc = parse("---\ntitle: x\n---\nabove\n---\nbelow\n").document();

    assertThat(doc.body()).isEqualTo("above\n---\nbelow\n");
  }

  // ------------------------------------------------------------------ positions

  @Test
  void positionsCountLinesOfTheWholeFile() {
    FrontmatterDocument doc = parse("---\ntitle: Harbour\nlang: en\n---\n").document();

    YamlNode lang = value(doc, "lang");
    assertThat(lang.start().line()).isEqualTo(3);
    assertThat(lang.start().column()).isEqualTo(7);
    assertThat(lang.start().offset()).isEqualTo(doc.text().indexOf("en\n"));
    assertThat(lang.end().column()).isEqualTo(9);
  }

  @Test
  void positionsWithBomAndCrlfAreTheFilesOwn() {
    byte[] bytes = withBom("---\r\ntitle: Harbour\r\n\r\nlang: en\r\n---\r\n");

    FrontmatterDocument doc = FrontmatterParser.standard().parse("post.md", bytes).document();

    YamlNode lang = value(doc, "lang");
    assertThat(lang.start().line()).isEqualTo(4);
    assertThat(lang.start().column()).isEqualTo(7);
    assertThat(doc.text().substring(lang.start().offset(), lang.end().offset())).isEqualTo("en");
  }

  @Test
  void columnsCountCodePointsBeyondTheBasicPlane() {
    // Each newspaper emoji is two UTF-16 chars but one column.
    FrontmatterDocument doc = parse("---\ntags: [\uD83D\uDCF0\uD83D\uDCF0, b]\n---\n").document();

    YamlNode.Sequence tags = (YamlNode.Sequence) value(doc, "tags");
    YamlNode b = tags.items().get(1);
    assertThat(b.start().line()).isEqualTo(2);
    assertThat(b.start().column()).isEqualTo(12);
    assertThat(doc.text().charAt(b.start().offset())).isEqualTo('b');
  }

  @Test
  void positionMapsAnyOffsetOfTheText() {
    FrontmatterDocument doc = parse("---\r\na: 1\r\n---\r\nxy\r\n").document();

    Position p = doc.position(doc.text().indexOf('y'));

    assertThat(p.line()).isEqualTo(4);
    assertThat(p.column()).isEqualTo(2);
    assertThat(p).hasToString("4:2");
  }

  @Test
  void keepsScalarStylesAndTags() {
    FrontmatterDocument doc =
        parse("---\na: plain\nb: 'single'\nc: \"double\"\nd: |\n  literal\ne: >\n  folded\nf: !!str 12\n---\n")
            .document();

    assertThat(((YamlNode.Scalar) value(doc, "a")).style()).isEqualTo(YamlNode.Style.PLAIN);
    assertThat(((YamlNode.Scalar) value(doc, "b")).style()).isEqualTo(YamlNode.Style.SINGLE_QUOTED);
    assertThat(((YamlNode.Scalar) value(doc, "c")).style()).isEqualTo(YamlNode.Style.DOUBLE_QUOTED);
    assertThat(((YamlNode.Scalar) value(doc, "d")).style()).isEqualTo(YamlNode.Style.LITERAL);
    assertThat(((YamlNode.Scalar) value(doc, "e")).style()).isEqualTo(YamlNode.Style.FOLDED);
    assertThat(value(doc, "f").tag()).isEqualTo("tag:yaml.org,2002:str");
    assertThat(value(doc, "a").tag()).isNull();
  }

  @Test
  void scalarsStayUntyped() {
    FrontmatterDocument doc = parse("---\nlang: no\nid: 0123\nwhen: 2026-03-02\n---\n").document();

    assertThat(((YamlNode.Scalar) value(doc, "lang")).value()).isEqualTo("no");
    assertThat(((YamlNode.Scalar) value(doc, "id")).value()).isEqualTo("0123");
    assertThat(((YamlNode.Scalar) value(doc, "when")).value()).isEqualTo("2026-03-02");
  }

  @Test
  void nonSpecificTagMakesAScalarTextAndLeavesCollectionsAlone() {
    FrontmatterDocument doc = parse("---\nedition: ! 12\nnote: !\npages: ! [1]\n---\n").document();

    YamlNode.Scalar edition = (YamlNode.Scalar) value(doc, "edition");
    assertThat(edition.value()).isEqualTo("12");
    assertThat(edition.tag()).isEqualTo("tag:yaml.org,2002:str");
    assertThat(((YamlNode.Scalar) value(doc, "note")).isNull()).isFalse();
    assertThat(value(doc, "pages").tag()).isNull();
  }

  @Test
  void questionMarkRightBeforeAFlowScalarIsPartOfIt() {
    String text = "---\nrefs: { ?ferry: night, ? bus: day }\nmarks: [?draft, x]\n---\n";
    DocumentResult result = parse(text);

    YamlNode.Mapping refs = (YamlNode.Mapping) value(result.document(), "refs");
    YamlNode.Scalar ferry = (YamlNode.Scalar) refs.entries().get(0).key();
    assertThat(ferry.value()).isEqualTo("?ferry");
    assertThat(ferry.start()).isEqualTo(new Position(2, 9, text.indexOf("?ferry")));
    assertThat(((YamlNode.Scalar) refs.entries().get(1).key()).value()).isEqualTo("bus");
    YamlNode.Sequence marks = (YamlNode.Sequence) value(result.document(), "marks");
    assertThat(marks.items()).hasSize(2).first().isInstanceOfSatisfying(YamlNode.Scalar.class, s -> {
      assertThat(s.value()).isEqualTo("?draft");
      assertThat(s.start().offset()).isEqualTo(text.indexOf("?draft"));
    });
    assertThat(result.document().toBytes()).isEqualTo(utf8(text));
  }

  @Test
  void refusesAQuestionMarkGluedToAQuotedValueOrAPropertyInsideFlow() {
    // To YAML 1.2 these are plain values ('?"ferry"', '?&a x'); the YAML reader would drop the '?'.
    for (String yaml : new String[] {"refs: {?\"ferry\": 1}", "marks: [?'draft']", "refs: {?&a x: 1}"}) {
      DocumentResult result = parse("---\n" + yaml + "\n---\n");

      assertThat(result.document()).as(yaml).isNull();
      assertThat(result.problems()).as(yaml).singleElement().satisfies(p -> {
        assertThat(p.rule()).isEqualTo("yaml-syntax");
        assertThat(p.message()).isEqualTo("a '?' right before a quoted value, an anchor or a tag inside [...] or {...}"
            + " starts an unquoted value, which this YAML reader cannot read; quote the whole value or put a space"
            + " after the '?'");
        assertThat(p.column()).isEqualTo(yaml.indexOf('?') + 1);
      });
    }
  }

  @Test
  void refusesAnAnchorNameTheYamlReaderWouldCutShort() {
    DocumentResult result = parse("---\ntags: [&ed:1 a, b]\n---\n");

    assertThat(result.document()).isNull();
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("yaml-syntax");
      assertThat(p.message()).startsWith("the anchor name in '&ed:1' holds ':'");
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isEqualTo(8);
    });
    // Names the reader reads whole are fine, whatever they hold.
    assertThat(parse("---\na: &ed?1 x\nb: *ed?1\n---\n").problems()).isEmpty();
  }

  @Test
  void syntaxProblemsShowControlCharactersEscaped() {
    Problem p = parse("---\nquote: \"one\\\ttwo\"\n---\n").problems().get(0);

    assertThat(p.message()).isEqualTo("invalid YAML: found unknown escape character \\t(9)"
        + " (while scanning a double-quoted scalar at line 2)");
  }

  @Test
  void aliasesPointAtTheirAnchor() {
    FrontmatterDocument doc = parse("---\na: &shared [x, y]\nb: *shared\n---\n").document();

    YamlNode.Alias alias = (YamlNode.Alias) value(doc, "b");
    assertThat(alias.name()).isEqualTo("shared");
    assertThat(alias.target()).isSameAs(value(doc, "a"));
  }

  @Test
  void reportsProblemsWithTheSourceName() {
    DocumentResult result = FrontmatterParser.standard().parse("content/x.md", utf8("---\na: 1\na: 2\n---\n"));

    assertThat(result.isValid()).isFalse();
    assertThat(result.document()).isNotNull();
    assertThat(result.problems()).extracting(Problem::source).containsExactly("content/x.md");
  }

  // ------------------------------------------------------------------ builder

  @Test
  void builderRejectsNonPositiveLimitsWithExactMessages() {
    assertThatThrownBy(() -> FrontmatterParser.builder().maxFrontmatterBytes(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxFrontmatterBytes must be positive, was -1");
    assertThatThrownBy(() -> FrontmatterParser.builder().maxNestingDepth(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxNestingDepth must be positive, was 0");
    assertThatThrownBy(() -> FrontmatterParser.builder().maxNodes(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxNodes must be positive, was -1");
    assertThatThrownBy(() -> FrontmatterParser.builder().maxAliases(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAliases must be >= 0, was -1");
  }

  @Test
  void maxFrontmatterBytesCountsUtf8BytesBetweenTheDelimiters() {
    FrontmatterParser parser = FrontmatterParser.builder().maxFrontmatterBytes(10).build();

    // "a: \u00e9\u00e9\u00e9\n" is 3 + 6 + 1 = 10 bytes.
    assertThat(parser.parse("p.md", utf8("---\na: \u00e9\u00e9\u00e9\n---\n")).problems()).isEmpty();
    DocumentResult over = parser.parse("p.md", utf8("---\na: \u00e9\u00e9\u00e9\u00e9\n---\n"));
    assertThat(over.document()).isNull();
    assertThat(over.problems()).singleElement()
        .satisfies(p -> {
          assertThat(p.rule()).isEqualTo("limit");
          assertThat(p.message()).isEqualTo("frontmatter is larger than 10 bytes, the maxFrontmatterBytes limit"
              + " (raise it with FrontmatterParser.builder().maxFrontmatterBytes(...))");
        });
  }

  @Test
  void maxNestingDepthIsConfigurable() {
    FrontmatterParser parser = FrontmatterParser.builder().maxNestingDepth(2).build();

    assertThat(parser.parse("p.md", utf8("---\na: [x]\n---\n")).problems()).isEmpty();
    assertThat(parser.parse("p.md", utf8("---\na: [[x]]\n---\n")).problems())
        .singleElement()
        .satisfies(p -> {
          assertThat(p.message()).isEqualTo("frontmatter is nested deeper than 2 levels, the maxNestingDepth limit"
              + " (raise it with FrontmatterParser.builder().maxNestingDepth(...))");
          assertThat(p.line()).isEqualTo(2);
          assertThat(p.column()).isEqualTo(5);
        });
  }

  @Test
  void maxAliasesCountsAliasesToCollections() {
    FrontmatterParser parser = FrontmatterParser.builder().maxAliases(1).build();
    String scalars = "---\na: &s x\nb: *s\nc: *s\nd: *s\n---\n";
    String collections = "---\na: &l [x]\nb: *l\nc: *l\n---\n";

    assertThat(parser.parse("p.md", utf8(scalars)).problems()).isEmpty();
    assertThat(parser.parse("p.md", utf8(collections)).problems())
        .singleElement()
        .satisfies(p -> {
          assertThat(p.message()).isEqualTo("frontmatter uses more than 1 aliases to collections, the maxAliases limit"
              + " (raise it with FrontmatterParser.builder().maxAliases(...))");
          assertThat(p.line()).isEqualTo(4);
          assertThat(p.column()).isEqualTo(4);
        });
  }

  @Test
  void maxNodesCountsExpandedAliases() {
    FrontmatterParser parser = FrontmatterParser.builder().maxNodes(12).build();

    assertThat(parser.parse("p.md", utf8("---\na: &l [1, 2, 3]\n---\n")).problems()).isEmpty();
    DocumentResult over = parser.parse("p.md", utf8("---\na: &l [1, 2, 3]\nb: *l\nc: *l\n---\n"));
    assertThat(over.document()).isNull();
    assertThat(over.problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("frontmatter expands through its aliases to more than 12"
            + " YAML nodes (an alias bomb?), the maxNodes limit (raise it with FrontmatterParser.builder().maxNodes(...))"));
  }

  @Test
  void maxNodesCountsKeysValuesAndCollectionsWrittenOut() {
    FrontmatterParser parser = FrontmatterParser.builder().maxNodes(7).build();

    // The mapping, three keys and three values: seven nodes.
    assertThat(parser.parse("p.md", utf8("---\na: 1\nb: 2\nc: 3\n---\n")).problems()).isEmpty();
    DocumentResult over = parser.parse("p.md", utf8("---\na: 1\nb: 2\nc: [3]\n---\n"));
    assertThat(over.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("limit");
      assertThat(p.message()).isEqualTo("frontmatter holds more than 7 YAML nodes (keys, values and collections),"
          + " the maxNodes limit (raise it with FrontmatterParser.builder().maxNodes(...))");
    });
  }

  @Test
  void raisedLimitsAreTheOnlyLimits() {
    // The YAML reader underneath has limits of its own (nesting 50, 3 MB); the builder's replace them.
    FrontmatterParser generous = FrontmatterParser.builder()
        .maxNestingDepth(100).maxFrontmatterBytes(8 * 1024 * 1024).maxNodes(1_000_000).maxAliases(200).build();
    String deep = "---\na: " + "[".repeat(80) + "]".repeat(80) + "\n---\n";
    String large = "---\na: '" + "x".repeat(4 * 1024 * 1024) + "'\n---\n";
    StringBuilder aliases = new StringBuilder("---\nl: &l [x]\nall: [");
    for (int i = 0; i < 150; i++) {
      aliases.append("*l, ");
    }
    aliases.append("]\n---\n");

    assertThat(generous.parse("p.md", utf8(deep)).problems()).isEmpty();
    assertThat(generous.parse("p.md", utf8(large)).problems()).isEmpty();
    assertThat(generous.parse("p.md", utf8(aliases.toString())).problems()).isEmpty();
  }

  // ------------------------------------------------------------------ hostile input

  /** Hostile input is refused with a clear problem, quickly, and never by running out of memory or stack. */
  @Nested
  class Pathological {
    private static final String NESTED_DEEPER_THAN_32 = "frontmatter is nested deeper than 32 levels,"
        + " the maxNestingDepth limit (raise it with FrontmatterParser.builder().maxNestingDepth(...))";
    private static final String LARGER_THAN_256_KIB = "frontmatter is larger than 262144 bytes,"
        + " the maxFrontmatterBytes limit (raise it with FrontmatterParser.builder().maxFrontmatterBytes(...))";

    private Problem onlyProblem(String text) {
      DocumentResult result = parse(text);
      assertThat(result.document()).isNull();
      assertThat(result.problems()).hasSize(1);
      return result.problems().get(0);
    }

    @Test
    @Timeout(5)
    void refusesBillionLaughs() {
      StringBuilder yaml = new StringBuilder("---\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
      for (int i = 1; i <= 9; i++) {
        yaml.append('l').append(i).append(": &l").append(i).append(" [");
        for (int j = 0; j < 9; j++) {
          yaml.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
        }
        yaml.append("]\n");
      }
      yaml.append("---\n");

      Problem p = onlyProblem(yaml.toString());

      assertThat(p.rule()).isEqualTo("limit");
      assertThat(p.message()).isEqualTo("frontmatter expands through its aliases to more than 10000 YAML nodes"
          + " (an alias bomb?), the maxNodes limit (raise it with FrontmatterParser.builder().maxNodes(...))");
    }

    @Test
    @Timeout(5)
    void refusesManyAliasesToOneSmallList() {
      StringBuilder yaml = new StringBuilder("---\nbase: &b [x, y]\nall: [");
      for (int i = 0; i < 60; i++) {
        yaml.append("*b, ");
      }
      yaml.append("]\n---\n");

      Problem p = onlyProblem(yaml.toString());

      assertThat(p.message()).isEqualTo("frontmatter uses more than 50 aliases to collections, the maxAliases limit"
          + " (raise it with FrontmatterParser.builder().maxAliases(...))");
    }

    @Test
    @Timeout(5)
    void refusesTenThousandNestedFlowSequences() {
      Problem p = onlyProblem("---\na: " + "[".repeat(10_000) + "\n---\n");

      assertThat(p.rule()).isEqualTo("limit");
      assertThat(p.message()).isEqualTo(NESTED_DEEPER_THAN_32);
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isEqualTo(4 + 31);
    }

    @Test
    @Timeout(5)
    void refusesTenThousandNestedFlowMappings() {
      Problem p = onlyProblem("---\na: " + "{a: ".repeat(10_000) + "\n---\n");

      assertThat(p.message()).isEqualTo(NESTED_DEEPER_THAN_32);
    }

    @Test
    @Timeout(5)
    void refusesDeepBlockSequences() {
      Problem p = onlyProblem("---\n" + "- ".repeat(10_000) + "x\n---\n");

      assertThat(p.message()).isEqualTo(NESTED_DEEPER_THAN_32);
    }

    @Test
    @Timeout(5)
    void refusesDeepBlockMappings() {
      StringBuilder yaml = new StringBuilder("---\n");
      for (int i = 0; i < 200; i++) {
        yaml.append(" ".repeat(i)).append("k:\n");
      }
      yaml.append("---\n");

      Problem p = onlyProblem(yaml.toString());

      assertThat(p.message()).isEqualTo(NESTED_DEEPER_THAN_32);
      assertThat(p.line()).isEqualTo(2 + 32);
    }

    @Test
    @Timeout(5)
    void refusesOversizedFrontmatter() {
      Problem p = onlyProblem("---\ntitle: '" + "x".repeat(300 * 1024) + "'\n---\nBody\n");

      assertThat(p.rule()).isEqualTo("limit");
      assertThat(p.message()).isEqualTo(LARGER_THAN_256_KIB);
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isEqualTo(1);
    }

    @Test
    @Timeout(5)
    void refusesOversizedFrontmatterOfShortLinesQuickly() {
      // Regression: the size used to be measured from the start on every line (quadratic).
      Problem unclosed = onlyProblem("---\n" + "#\n".repeat(1_000_000));
      Problem closed = onlyProblem("---\n" + "#\n".repeat(140_000) + "---\n");

      assertThat(unclosed.message()).isEqualTo(LARGER_THAN_256_KIB);
      assertThat(closed.message()).isEqualTo(LARGER_THAN_256_KIB);
    }

    @Test
    @Timeout(5)
    void refusesTwentyThousandTagsNamingTheNodeLimitNotAliases() {
      // Regression: a long list written out was refused as "an alias bomb?".
      StringBuilder yaml = new StringBuilder("---\ntitle: Tagged\ndraft: true\ntags: [");
      for (int i = 0; i < 20_000; i++) {
        yaml.append(i == 0 ? "" : ", ").append('a').append(i);
      }
      byte[] bytes = utf8(yaml.append("]\n---\n").toString());
      String message = "frontmatter holds more than 10000 YAML nodes (keys, values and collections),"
          + " the maxNodes limit (raise it with FrontmatterParser.builder().maxNodes(...))";

      DocumentResult result = FrontmatterParser.standard().parse("post.md", bytes);
      ArticleCodec codec = ArticleCodec.builder().build();

      assertThat(result.document()).isNull();
      assertThat(result.problems()).singleElement().satisfies(p -> {
        assertThat(p.rule()).isEqualTo("limit");
        assertThat(p.message()).isEqualTo(message);
      });
      assertThat(FrontmatterParser.standard().parseWithFullParser("post.md", bytes).problems())
          .isEqualTo(result.problems());
      assertThat(codec.read("t", "post.md", bytes).problems()).isEqualTo(result.problems());
      assertThat(codec.readFrontmatter("t", "post.md", bytes).problems()).isEqualTo(result.problems());
      ArticleCodec generous = ArticleCodec.builder()
          .parser(FrontmatterParser.builder().maxNodes(30_000).build()).build();
      assertThat(generous.read("t", "post.md", bytes).problems()).isEmpty();
    }

    @Test
    @Timeout(5)
    void refusesManyAliasesToAScalarOnceTheyExpandTooFar() {
      StringBuilder yaml = new StringBuilder("---\ns: &s x\nall: [");
      for (int i = 0; i < 20_000; i++) {
        yaml.append("*s,");
      }
      yaml.append("]\n---\n");

      Problem p = onlyProblem(yaml.toString());

      assertThat(p.message()).startsWith("frontmatter expands through its aliases to more than 10000 YAML nodes");
    }

    @Test
    @Timeout(5)
    void readsLargeButAllowedFrontmatter() {
      IntFunction<String> line = i -> "key" + i + ": value number " + i + "\n";
      StringBuilder yaml = new StringBuilder("---\n");
      for (int i = 0; i < 4_000; i++) {
        yaml.append(line.apply(i));
      }
      yaml.append("---\n");

      DocumentResult result = parse(yaml.toString());

      assertThat(result.problems()).isEmpty();
      assertThat(((YamlNode.Mapping) result.document().root()).entries()).hasSize(4_000);
    }

    @Test
    @Timeout(5)
    void readsHugeBodyWithSmallFrontmatter() {
      String body = "Paragraph.\n\n".repeat(500_000);

      DocumentResult result = parse("---\ntitle: Long read\n---\n" + body);

      assertThat(result.problems()).isEmpty();
      assertThat(result.document().body()).hasSize(body.length());
    }
  }
}
