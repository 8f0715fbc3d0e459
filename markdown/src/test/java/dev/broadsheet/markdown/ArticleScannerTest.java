package dev.broadsheet.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.broadsheet.Article;
import dev.broadsheet.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Reading the frontmatter straight from bytes gives exactly what the full parser gives (the
 * same article, body left out, and no problem at all), or declines and leaves the file to the
 * usual read; either way {@link ArticleCodec#readFrontmatter} agrees with the full parser, and
 * its document, read on first use, is the one the usual read gives.
 */
class ArticleScannerTest {
  private static final ArticleCodec CODEC = ArticleCodec.builder().build();

  /** The direct read of {@code bytes} with the codec's limits, or null when it declines. */
  static @Nullable Article direct(ArticleCodec codec, byte[] bytes) {
    FrontmatterParser p = codec.parser();
    return ArticleScanner.read("id", "direct.md", bytes, p.maxFrontmatterBytes(), p.maxNodes(), p.maxNestingDepth(),
        ZoneOffset.UTC, new StringCache());
  }

  /** Whether the direct path took the input (it agrees with the full parser whenever it does). */
  static boolean assertReadsAlike(ArticleCodec codec, String name, byte[] bytes) {
    return assertReadsAlike(codec, name, bytes, codec.readWithFullParser("id", name, bytes), true);
  }

  /**
   * As {@link #assertReadsAlike(ArticleCodec, String, byte[])} against a full read already made;
   * {@code documents} also compares the document read on first use with the usual one.
   */
  static boolean assertReadsAlike(ArticleCodec codec, String name, byte[] bytes, ArticleResult full,
      boolean documents) {
    Article expected = full.article() == null ? null : full.article().withBody("");
    ArticleResult head = codec.readFrontmatter("id", name, bytes);
    assertThat(head.problems()).as("problems of %s", name).isEqualTo(full.problems());
    assertThat(head.article()).as("article of %s", name).isEqualTo(expected);
    assertThat(head.isValid()).as(name).isEqualTo(full.isValid());
    if (documents && full.document() != null) {
      FrontmatterDocument doc = head.document();
      FrontmatterDocument usual = codec.readFrontmatterUsually("id", name, bytes).document();
      assertThat(doc).as("document of %s", name).isNotNull();
      assertThat(doc.root()).as("tree of %s", name).isEqualTo(full.document().root());
      assertThat(doc.yaml()).isEqualTo(full.document().yaml());
      assertThat(doc.text()).isEqualTo(usual.text());
      assertThat(doc.body()).isEqualTo(usual.body());
      assertThat(doc.isComplete()).isEqualTo(usual.isComplete());
      assertThat(doc.hasBom()).isEqualTo(usual.hasBom());
      assertThat(doc.hasFrontmatter()).isEqualTo(usual.hasFrontmatter());
      assertThat(doc.newline()).isEqualTo(usual.newline());
      assertThat(List.of(doc.yamlStart(), doc.yamlEnd(), doc.bodyStart()))
          .isEqualTo(List.of(usual.yamlStart(), usual.yamlEnd(), usual.bodyStart()));
    }
    ArticleResult whole = codec.read("id", name, bytes);
    assertThat(whole.problems()).as("problems of the whole read of %s", name).isEqualTo(full.problems());
    assertThat(whole.article()).as("whole article of %s", name).isEqualTo(full.article());
    if (documents && full.document() != null) {
      FrontmatterDocument doc = whole.document();
      assertThat(doc).as("whole document of %s", name).isNotNull();
      assertThat(doc.root()).as("tree of %s", name).isEqualTo(full.document().root());
      assertThat(doc.text()).isEqualTo(full.document().text());
      assertThat(doc.body()).isEqualTo(full.document().body());
      assertThat(doc.isComplete()).isEqualTo(full.document().isComplete());
      assertThat(doc.toBytes()).as("bytes of %s written back", name).isEqualTo(full.document().toBytes());
    }
    Article direct = direct(codec, bytes);
    if (direct == null) {
      return false;
    }
    assertThat(full.problems()).as("problems of %s, which the direct read took", name).isEmpty();
    assertThat(direct).as("direct article of %s", name).isEqualTo(expected);
    return true;
  }

  static boolean assertReadsAlike(String name, byte[] bytes) {
    return assertReadsAlike(CODEC, name, bytes);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static final String FERRY = """
      ---
      title: Harbour ferry adds night crossings
      description: The city ferry will run until 2 a.m. on weekends, a first for the line…
      publishedAt: '2026-01-30T02:57:10.000Z'
      updatedAt: '2026-01-30T04:31:50.603Z'
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
        small_s3: 'https://s3.example.com/small/ferry'
      ai:
        rewritten: true
        expandedAt: '2026-01-30T04:31:50.603Z'
        version: 1
      ---
      ## Overview

      The ferry runs later from Friday.
      """;

  @Test
  void takesTheReferenceShapeWithLfCrlfAndBom() {
    assertThat(assertReadsAlike("ferry", utf8(FERRY))).isTrue();
    assertThat(assertReadsAlike("ferry crlf", utf8(FERRY.replace("\n", "\r\n")))).isTrue();
    byte[] plain = utf8(FERRY);
    byte[] bom = new byte[plain.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(plain, 0, bom, 3, plain.length);
    assertThat(assertReadsAlike("ferry bom", bom)).isTrue();
    Article a = direct(CODEC, plain);
    assertThat(a.title()).isEqualTo("Harbour ferry adds night crossings");
    assertThat(a.externalId()).isEqualTo("0042");
    assertThat(a.tags()).containsExactly("TRANSPORT", "NIGHTLIFE");
    assertThat(a.coverImage().smallS3()).isEqualTo("https://s3.example.com/small/ferry");
    assertThat(a.ai().version()).isEqualTo(1);
  }

  @Test
  void takesTheReferenceArticle() throws IOException {
    Path corpus = CanonicalWriteTest.corpus();
    Path reference = corpus == null ? null : corpus.resolve("000_ffa8cbb01aacd3ec.txt");
    assumeTrue(reference != null && Files.exists(reference),
        "reference article not found above the working directory; skipping");
    assertThat(assertReadsAlike(reference.toString(), Files.readAllBytes(reference))).isTrue();
  }

  @Test
  void takesEverydayVariations() {
    String[] taken = {
        // comments, blank lines, trailing spaces
        "---\n# a comment\ntitle: Tide tables # trailing\n\npublishedAt: 2026-01-02   \n---\nBody\n",
        // flow tags, quoted items, doubled single quotes
        "---\ntitle: 'It''s high tide'\npublishedAt: \"2026-01-02T03:04:05Z\"\ntags: [tides, 'sea level', \"coast\"]\n---\n",
        // block list at the key's indentation, empty lists and nulls
        "---\ntitle: Tides\npublishedAt: 2026-01-02 03:04:05.5 +02:00\ntags:\n- a\n- b\ndescription: ~\nlang: null\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02t03:04+0530\ntags: []\nsource:\ncoverImage: NULL\nai: Null\n---\n",
        // unknown keys of every shape
        "---\ntitle: Tides\npublishedAt: 2026-01-02\nweight: 0x1F\nratio: .5\nbig: 123456789012345678901234567890\n"
            + "flag: True\nnothing:\nnested:\n  depth: 2\n  list: [1, two, 3.0]\n  inner:\n    x: ~\nlist:\n  - 1\n  - 'a'\n---\n",
        // numbers in their other forms, draft without a date
        "---\ntitle: Tides\ndraft: TRUE\nstickyWeight: 0o17\nscore: 1.5e3\n---\n",
        "---\ntitle: Tides\ndraft: true\nstickyWeight: 2147483647\nscore: -0.0\nsentiment: negative\n---\n",
        // text beyond ASCII and beyond the BMP
        "---\ntitle: Grüße aus 東京 🚢\npublishedAt: 2026-01-02\ncategory: 'Öffentlich'\ntags: [🚢, ä]\n---\n",
        // an indented root mapping, dots closing, a closing line without a line break
        "---\n  title: Tides\n  publishedAt: 2026-01-02\n...\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\n---",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\n--- \t\r\nbody",
        // keys the model does not know that look like its own
        "---\nTitle: Tides\ntitle: Tides\npublishedAt: 2026-01-02\nsource_name: x\n---\n",
    };
    for (String s : taken) {
      assertThat(assertReadsAlike(s.replace("\n", "\\n"), utf8(s))).as(s).isTrue();
    }
  }

  @Test
  void takesLongFrontmatterAndLongLists() {
    StringBuilder yaml = new StringBuilder("---\ntitle: Every harbour\npublishedAt: 2026-01-02\ntags:\n");
    for (int i = 0; i < 40; i++) {
      yaml.append("  - harbour-").append(i).append('\n');
    }
    yaml.append("ports: [");
    for (int i = 0; i < 30; i++) {
      yaml.append(i == 0 ? "" : ", ").append("port").append(i);
    }
    yaml.append("]\n");
    for (int i = 0; i < 120; i++) {
      yaml.append("note").append(i).append(": ").append(i % 2 == 0 ? "calm" : "'rough'").append('\n');
    }
    byte[] bytes = utf8(yaml.append("---\n").toString());
    assertThat(assertReadsAlike("long", bytes)).isTrue();
    Article a = direct(CODEC, bytes);
    assertThat(a.tags()).hasSize(40).endsWith("harbour-39");
    assertThat(a.extra()).hasSize(121).containsEntry("note119", "rough");
  }

  @Test
  void declinesWhatNeedsTheFullParserOrHasProblems() {
    String[] declined = {
        // problems
        "---\ntitle: Tides\n---\n",
        "---\ntitle: '  '\npublishedAt: 2026-01-02\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-02-30\n---\n",
        "---\ntitle: Tides\npublishedAt: 0000-12-31T00:00:00Z\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\ntitle: again\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\nstickyWeight: -1\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\nstickyWeight: 2147483648\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\nstickyWeight: '3'\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\nscore: .inf\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\ndraft: yes\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\nsentiment: happy\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\ntags: [a, ~]\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\ntags: a\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\nsource:\n  name: x\n  owner: y\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\nsource:\n  name: x\n  name: y\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\nai:\n  version: 1.5\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\nextra: 1\nextra: 2\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\n\tx: 1\n---\n",
        "---\ntitle: Tides\u0085\npublishedAt: 2026-01-02\n---\n",
        // shapes left to the full parser
        "---\ntitle: \"Tides\\tand waves\"\npublishedAt: 2026-01-02\n---\n",
        "---\ntitle: >\n  Tides\npublishedAt: 2026-01-02\n---\n",
        "---\ntitle: &t Tides\npublishedAt: 2026-01-02\nalso: *t\n---\n",
        "---\ntitle: Tides\npublishedAt: !!timestamp 2026-01-02\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\nnested: {a: 1}\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\ntags: [:tides]\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\nTítulo: x\n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\nempty:  \n---\n",
        "---\ntitle: Tides\npublishedAt: 2026-01-02\n",
        "---\n---\n",
        "no frontmatter\n",
    };
    for (String s : declined) {
      assertThat(assertReadsAlike(s.replace("\n", "\\n"), utf8(s))).as(s).isFalse();
    }
  }

  @Test
  void declinesInvalidUtf8InTheBody() {
    byte[] head = utf8("---\ntitle: Tides\npublishedAt: 2026-01-02\n---\nBody ");
    byte[] file = new byte[head.length + 2];
    System.arraycopy(head, 0, file, 0, head.length);
    file[head.length] = (byte) 0xC3;
    file[head.length + 1] = '\n';
    assertThat(assertReadsAlike("bad body", file)).isFalse();
    assertThat(CODEC.readFrontmatter("id", "bad body", file).problems())
        .extracting(Problem::rule).containsExactly("encoding");
  }

  @Test
  void keepsToTheParsersLimits() {
    String nested = "---\ntitle: Tides\npublishedAt: 2026-01-02\nsource:\n  name: x\n---\n";
    ArticleCodec shallow = ArticleCodec.builder().parser(FrontmatterParser.builder().maxNestingDepth(1).build()).build();
    assertThat(assertReadsAlike(shallow, "shallow", utf8(nested))).isFalse();
    ArticleCodec small = ArticleCodec.builder().parser(FrontmatterParser.builder().maxFrontmatterBytes(40).build()).build();
    assertThat(assertReadsAlike(small, "small", utf8(nested))).isFalse();
    ArticleCodec few = ArticleCodec.builder().parser(FrontmatterParser.builder().maxNodes(8).build()).build();
    assertThat(assertReadsAlike(few, "few", utf8(nested))).isFalse();
    ArticleCodec enough = ArticleCodec.builder().parser(FrontmatterParser.builder().maxNodes(9).build()).build();
    assertThat(assertReadsAlike(enough, "enough", utf8(nested))).isTrue();
  }

  @Test
  void sharesRepeatedValuesBetweenArticles() {
    Article a = CODEC.readFrontmatter("a", "a.md", utf8(FERRY)).article();
    Article b = CODEC.readFrontmatter("b", "b.md", utf8(FERRY)).article();
    assertThat(b.category()).isSameAs(a.category());
    assertThat(b.tags().get(0)).isSameAs(a.tags().get(0));
    assertThat(b.source().name()).isSameAs(a.source().name());
    assertThat(b.title()).isEqualTo(a.title()).isNotSameAs(a.title());
  }

  @Test
  void takesTheSeedsTheFuzzerStartsFrom() throws IOException {
    Path seeds = Path.of("src/test/resources/dev/broadsheet/markdown/FrontmatterFuzzTestInputs/fastPathsAgreeWithTheFullParser");
    for (String seed : List.of("reference-shape", "crlf-flow-extras", "bom-indented-no-final-newline")) {
      assertThat(assertReadsAlike(seed, Files.readAllBytes(seeds.resolve(seed)))).as(seed).isTrue();
    }
  }

  @Test
  void agreesOnEveryConformanceAndSavedFuzzInput() throws IOException {
    List<Path> inputs = new ArrayList<>();
    try (Stream<Path> s = Files.walk(Path.of("src/test/resources/conformance"))) {
      s.filter(p -> p.getFileName().toString().equals("input.md")).forEach(inputs::add);
    }
    try (Stream<Path> s = Files.walk(Path.of("src/test/resources/dev/broadsheet/markdown"))) {
      s.filter(Files::isRegularFile).forEach(inputs::add);
    }
    int taken = 0;
    for (Path p : inputs) {
      if (assertReadsAlike(p.toString(), Files.readAllBytes(p))) {
        taken++;
      }
    }
    assertThat(taken).as("inputs the direct read took").isGreaterThan(5);
  }

  @Test
  void agreesOnTheRealCorpus() throws IOException {
    Path real = RealCorpusTest.real();
    assumeTrue(real != null && Files.isDirectory(real), "shared/corpus/real not found above the working directory; skipping");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(real)) {
      s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".markdown"))
          .forEach(files::add);
    }
    int taken = 0;
    for (Path f : files) {
      if (assertReadsAlike(f.toString(), Files.readAllBytes(f))) {
        taken++;
      }
    }
    System.out.println("direct read took " + taken + " of " + files.size() + " real files");
    assertThat(files).isNotEmpty();
  }

  @Test
  void agreesOnHostileGeneratedArticles() {
    int taken = 0;
    int n = 500;
    for (int i = 0; i < n; i++) {
      ArticleGenerator gen = new ArticleGenerator(new SplittableRandom(9_000_000L + i));
      byte[] bytes = CODEC.write(gen.article("gen/" + i));
      if (assertReadsAlike("generated #" + i, bytes)) {
        taken++;
      }
    }
    assertThat(taken).as("generated articles taken").isGreaterThan(n / 100);
  }
}
