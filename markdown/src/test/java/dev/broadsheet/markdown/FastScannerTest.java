package dev.broadsheet.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fast scanner and the full parser give identical documents, positions included, on every
 * input the project has: the conformance cases, the real corpus, the fuzz inputs and generated
 * articles. Where the fast scanner declines, the full parser's answer stands, so only
 * agreement matters; the test also checks that it takes ordinary articles.
 */
class FastScannerTest {
  private static final FrontmatterParser PARSER = FrontmatterParser.standard();

  /** Whether the fast path took the input (it agrees whenever it does). */
  static boolean assertAgrees(String name, byte[] bytes) {
    DocumentResult full = PARSER.parseWithFullParser(name, bytes);
    DocumentResult fast = PARSER.parse(name, bytes);
    assertThat(fast.problems()).as("problems of %s", name).isEqualTo(full.problems());
    if (full.document() == null) {
      assertThat(fast.document()).as(name).isNull();
      return false;
    }
    assertThat(fast.document()).as(name).isNotNull();
    assertThat(fast.document().root()).as("tree of %s", name).isEqualTo(full.document().root());
    assertThat(fast.document().body()).isEqualTo(full.document().body());
    return FastScanner.scan(fast.document().text(), fast.document().lineStarts(), fast.document().yamlStart(),
        fast.document().yamlEnd(), 10_000, 32) != null;
  }

  private static List<Path> files(Path root, String... suffixes) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isRegularFile).filter(p -> {
        for (String suffix : suffixes) {
          if (p.toString().endsWith(suffix)) {
            return true;
          }
        }
        return suffixes.length == 0;
      }).forEach(out::add);
    }
    return out;
  }

  @Test
  void agreesOnEveryConformanceInputAndFuzzInput() throws IOException {
    int taken = 0;
    List<Path> inputs = new ArrayList<>(files(Path.of("src/test/resources/conformance"), "input.md"));
    inputs.addAll(files(Path.of("src/test/resources/dev/broadsheet/markdown/FrontmatterFuzzTestInputs")));
    for (Path p : inputs) {
      if (assertAgrees(p.toString(), Files.readAllBytes(p))) {
        taken++;
      }
    }
    assertThat(taken).as("inputs the fast scanner took").isGreaterThan(10);
  }

  @Test
  void agreesOnTheRealCorpus() throws IOException {
    Path real = RealCorpusTest.real();
    assumeTrue(real != null && Files.isDirectory(real), "shared/corpus/real not found above the working directory; skipping");
    int taken = 0;
    List<Path> all = files(real, ".md", ".markdown");
    for (Path p : all) {
      if (assertAgrees(p.toString(), Files.readAllBytes(p))) {
        taken++;
      }
    }
    System.out.println("fast scanner took " + taken + " of " + all.size() + " real files");
    assertThat(taken).isGreaterThan(all.size() / 3);
  }

  @Test
  void agreesOnHostileGeneratedArticles() {
    ArticleCodec codec = ArticleCodec.builder().build();
    int taken = 0;
    int n = 3_000;
    for (int i = 0; i < n; i++) {
      ArticleGenerator gen = new ArticleGenerator(new SplittableRandom(7_000_000L + i));
      byte[] bytes = codec.write(gen.article("gen/" + i));
      if (assertAgrees("generated #" + i, bytes)) {
        taken++;
      }
    }
    // Hostile text mostly needs escapes or quoting the fast scanner leaves to the full parser.
    assertThat(taken).as("generated articles taken").isGreaterThan(n / 100);
  }

  @Test
  void countsMappingsTowardsTheNodeLimitAsTheFullParserDoes() {
    // 5,000 keys and 5,000 values are 10,000 scalars; with the mapping itself the full parser
    // counts 10,001 values, one more than the default limit allows.
    StringBuilder yaml = new StringBuilder("---\n");
    for (int i = 0; i < 5_000; i++) {
      yaml.append("key").append(i).append(": v\n");
    }
    byte[] bytes = yaml.append("---\n").toString().getBytes(StandardCharsets.UTF_8);
    DocumentResult fast = PARSER.parse("many.md", bytes);
    assertThat(fast.problems()).singleElement().satisfies(p -> assertThat(p.rule()).isEqualTo("limit"));
    assertThat(fast.problems()).isEqualTo(PARSER.parseWithFullParser("many.md", bytes).problems());
  }

  @Test
  void refusesAFlowSequenceNestedBeyondTheDepthLimit() {
    FrontmatterParser shallow = FrontmatterParser.builder().maxNestingDepth(1).build();
    byte[] bytes = "---\ntags: [harbour]\n---\n".getBytes(StandardCharsets.UTF_8);
    DocumentResult fast = shallow.parse("shallow.md", bytes);
    assertThat(fast.document()).isNull();
    assertThat(fast.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("limit");
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isEqualTo(7);
    });
    assertThat(fast.problems()).isEqualTo(shallow.parseWithFullParser("shallow.md", bytes).problems());
  }

  @Test
  void agreesOnHandWrittenShapesAndTakesTheReferenceShape() {
    String reference = """
        ---
        title: Harbour ferry adds night crossings
        description: The city ferry will run until 2 a.m. on weekends, a first for the line.
        publishedAt: '2026-01-30T02:57:10.000Z'
        lang: en
        externalId: '0042'
        source:
          name: Harbour Times
          key: harbourtimes
          type: RSS
        category: CITY
        tags:
          - TRANSPORT
          - NIGHTLIFE
        stickyWeight: 0
        sentiment: POSITIVE
        score: 0
        draft: false
        coverImage:
          raw: 'https://images.example.com/ferry?ixid=abc&q=85'
        ai:
          rewritten: true
          expandedAt: '2026-01-30T04:31:50.603Z'
          version: 1
        ---
        ## Overview
        """;
    assertThat(assertAgrees("reference shape", reference.getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(assertAgrees("crlf", reference.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))).isTrue();
    String[] shapes = {
        "---\n---\n",
        "---\n# only a comment\n\n---\n",
        "---\ntitle: a # comment\ntags: [a, 'b c', \"d\"]  # trailing\n---\n",
        "---\ntags:\n- a\n- b\nnext: 1\n---\n",
        "---\nempty:\nafter: 1\n---\n",
        "---\nempty:   \nafter: 1\n---\n",
        "---\nk: it's fine\nq: 'it''s quoted'\n---\n",
        "---\nk: a: b\n---\n",
        "---\nk: [a, [b]]\n---\n",
        "---\nk: [a, b,]\n---\n",
        "---\nk: [:a, b]\n---\n",
        "---\nk: [a:b, -c, -]\n---\n",
        "---\nk: :a\n---\n",
        "---\nk: []\nm: {}\n---\n",
        "---\nk: >\n  folded\n---\n",
        "---\nk: multi\n  line\n---\n",
        "---\nk: 'multi\n  line'\n---\n",
        "---\nk: \"esc\\n\"\n---\n",
        "---\nk: &a 1\nj: *a\n---\n",
        "---\nk: !!str 1\n---\n",
        "---\nk: 1\nk: 2\n---\n",
        "---\n  indented: 1\n  root: 2\n---\n",
        "---\nnested:\n  deeper:\n    deepest: x\n  back: y\nroot: z\n---\n",
        "---\nemoji: 🚢 ferry 🚢\nafter: 1\n---\n",
        "---\nk: value #not-a-comment\n---\n",
        "---\nk: 'a'#b\n---\n",
        "---\n- a\n- b\n---\n",
        "---\nk: -5\nj: ?x\nl: -\n---\n",
        "---\nlist:\n  - a # c\n  - 'b'\n\n  - \"c\"\nend: 1\n---\n",
        "---\nk: v\n\t\n---\n",
        "---\nurl: https://example.com/a?b=c#frag\n---\n",
    };
    for (String s : shapes) {
      assertAgrees(s.replace("\n", "\\n"), s.getBytes(StandardCharsets.UTF_8));
    }
  }
}
