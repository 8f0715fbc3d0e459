package dev.broadsheet.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** {@link ArticleCodec#update}: unchanged means the same bytes, a change means the smallest edit. */
class MinimalDiffTest {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final ArticleCodec codec = ArticleCodec.builder().build();

  /** A hand-edited file: comments, mixed quoting, blank lines, unusual key order, unknown keys. */
  private static final String EDITED = """
      ---
      # Edited by hand; keep this comment.
      title: "Ferry timetable changes"   # headline from the desk
      publishedAt: 2026-03-02T08:00:00Z

      description: >
        Winter sailings are cut
        to two a day.
      source:
        name: Coastal Wire  # display name
        key: coastal-wire
        type: RSS
      tags: [TRANSPORT, LOCAL]
      stickyWeight: 0
      layout: wide
      series:
        - ferries
        - winter
      ---
      ## What changes

      Fewer boats.
      """;

  private ArticleResult read(byte[] bytes) {
    ArticleResult result = codec.read("ferries", "ferries.md", bytes);
    assertThat(result.problems()).as("problems of the fixture").isEmpty();
    return result;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String crlf(String s) {
    return s.replace("\n", "\r\n");
  }

  private static byte[] bom(byte[] bytes) {
    byte[] out = new byte[bytes.length + 3];
    System.arraycopy(BOM, 0, out, 0, 3);
    System.arraycopy(bytes, 0, out, 3, bytes.length);
    return out;
  }

  /** Updates the file with {@code change} and checks the result reads back as the changed article. */
  private String update(byte[] original, UnaryOperator<Article> change) {
    ArticleResult before = read(original);
    Article edited = change.apply(before.article());
    byte[] out = codec.update(before.document(), edited);
    ArticleResult after = codec.read("ferries", "ferries.md", out);
    assertThat(after.problems()).as("problems after update").isEmpty();
    assertThat(after.article()).as("article read back").isEqualTo(edited);
    return new String(out, StandardCharsets.UTF_8);
  }

  private String update(String original, UnaryOperator<Article> change) {
    return update(utf8(original), change);
  }

  // ------------------------------------------------------------------ line diff

  /** Lines with their terminators, so a changed line break counts as a change. */
  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  /** The lines only in {@code before} and the lines only in {@code after}, by longest common subsequence. */
  record Diff(List<String> removed, List<String> added) {}

  static Diff diff(String before, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> removed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      if (a.get(i).equals(b.get(j))) {
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        removed.add(a.get(i++));
      } else {
        added.add(b.get(j++));
      }
    }
    removed.addAll(a.subList(i, a.size()));
    added.addAll(b.subList(j, b.size()));
    return new Diff(removed, added);
  }

  @Test
  void diffHelperSeesOneChangedLine() {
    Diff d = diff("a\nb\nc\n", "a\nB\nc\n");

    assertThat(d.removed()).containsExactly("b\n");
    assertThat(d.added()).containsExactly("B\n");
    assertThat(diff("a\r\n", "a\n").added()).containsExactly("a\n");
  }

  // ------------------------------------------------------------------ unchanged

  @Test
  void unchangedArticleIsWrittenAsTheSameBytes() {
    ArticleResult read = read(utf8(EDITED));

    assertThat(codec.update(read.document(), read.article())).isEqualTo(utf8(EDITED));
    assertThat(read.document().toBytes()).isEqualTo(utf8(EDITED));
  }

  @Test
  void unchangedArticleWithCrlfAndBomIsWrittenAsTheSameBytes() {
    byte[] original = bom(utf8(crlf(EDITED)));
    ArticleResult read = read(original);

    assertThat(codec.update(read.document(), read.article())).isEqualTo(original);
    assertThat(read.document().toBytes()).isEqualTo(original);
  }

  @Test
  void equalButSeparatelyBuiltArticleIsWrittenAsTheSameBytes() {
    ArticleResult read = read(utf8(EDITED));
    Article rebuilt = read.article().toBuilder().tags(List.of("TRANSPORT", "LOCAL")).build();

    assertThat(codec.update(read.document(), rebuilt)).isEqualTo(utf8(EDITED));
  }

  // ------------------------------------------------------------------ one field, one line

  @Test
  void changingOneFieldChangesExactlyOneLine() {
    String out = update(EDITED, a -> a.withStickyWeight(7));

    Diff d = diff(EDITED, out);
    assertThat(d.removed()).containsExactly("stickyWeight: 0\n");
    assertThat(d.added()).containsExactly("stickyWeight: 7\n");
  }

  @Test
  void replacedValueKeepsItsTrailingComment() {
    String out = update(EDITED, a -> a.withTitle("Ferry timetable cut"));

    Diff d = diff(EDITED, out);
    assertThat(d.removed()).containsExactly("title: \"Ferry timetable changes\"   # headline from the desk\n");
    assertThat(d.added()).containsExactly("title: Ferry timetable cut   # headline from the desk\n");
  }

  @Test
  void valueThatYamlWouldMisreadIsQuotedInPlace() {
    String out = update(EDITED, a -> a.withTitle("Ferries: fewer # boats"));

    assertThat(diff(EDITED, out).added()).containsExactly("title: 'Ferries: fewer # boats'   # headline from the desk\n");
  }

  @Test
  void nestedSourceKeyChangeRewritesOneLine() {
    String out = update(EDITED, a -> a.toBuilder().source(Source.of("Coastal Wire", "coast", "RSS")).build());

    Diff d = diff(EDITED, out);
    assertThat(d.removed()).containsExactly("  key: coastal-wire\n");
    assertThat(d.added()).containsExactly("  key: coast\n");
  }

  @Test
  void nestedChangeNextToACommentKeepsTheComment() {
    String out = update(EDITED, a -> a.toBuilder().source(Source.of("Coastal Wire Service", "coastal-wire", "RSS")).build());

    assertThat(diff(EDITED, out).added()).containsExactly("  name: Coastal Wire Service  # display name\n");
  }

  @Test
  void flowListStaysAFlowList() {
    String out = update(EDITED, a -> a.withTags(List.of("TRANSPORT", "LOCAL", "WEATHER")));

    Diff d = diff(EDITED, out);
    assertThat(d.removed()).containsExactly("tags: [TRANSPORT, LOCAL]\n");
    assertThat(d.added()).containsExactly("tags: [TRANSPORT, LOCAL, WEATHER]\n");
  }

  @Test
  void blockListItemChangeTouchesOnlyThatItem() {
    String original = "---\ntitle: t\npublishedAt: 2026-03-02\ntags:\n  - a\n  - b\n  - c\n---\n";

    String out = update(original, a -> a.withTags(List.of("a", "B", "c")));

    Diff d = diff(original, out);
    assertThat(d.removed()).containsExactly("  - b\n");
    assertThat(d.added()).containsExactly("  - B\n");
  }

  @Test
  void unknownKeyChangeRewritesItsLines() {
    String out = update(EDITED, a -> a.toBuilder().putExtra("layout", "narrow").build());

    Diff d = diff(EDITED, out);
    assertThat(d.removed()).containsExactly("layout: wide\n");
    assertThat(d.added()).containsExactly("layout: narrow\n");
  }

  @Test
  void foldedScalarIsReplacedWhole() {
    String out = update(EDITED, a -> a.toBuilder().description("Two sailings a day.").build());

    Diff d = diff(EDITED, out);
    assertThat(d.removed()).containsExactly("description: >\n", "  Winter sailings are cut\n", "  to two a day.\n");
    assertThat(d.added()).containsExactly("description: Two sailings a day.\n");
  }

  // ------------------------------------------------------------------ new and removed keys

  @Test
  void newFieldGoesToItsCanonicalPlace() {
    String out = update(EDITED, a -> a.toBuilder().lang("no").build());

    Diff d = diff(EDITED, out);
    assertThat(d.removed()).isEmpty();
    assertThat(d.added()).containsExactly("lang: 'no'\n");
    List<String> lines = lines(out);
    // Canonical order puts lang after publishedAt and before source; the file has description
    // between them, after publishedAt, so lang lands right after publishedAt.
    assertThat(lines.indexOf("lang: 'no'\n")).isEqualTo(lines.indexOf("publishedAt: 2026-03-02T08:00:00Z\n") + 1);
  }

  @Test
  void newFieldFollowsItsCanonicalPredecessorWhereverThatIs() {
    String original = "---\n# top\ndraft: true\ntitle: t\n---\n";

    String out = update(original, a -> a.toBuilder().description("d").build());

    assertThat(out).isEqualTo("---\n# top\ndraft: true\ntitle: t\ndescription: d\n---\n");
  }

  @Test
  void newTimestampIsWrittenCanonically() {
    String out = update(EDITED, a -> a.toBuilder().updatedAt(Instant.parse("2026-03-03T10:00:00Z")).build());

    Diff d = diff(EDITED, out);
    assertThat(d.removed()).isEmpty();
    assertThat(d.added()).containsExactly("updatedAt: '2026-03-03T10:00:00.000Z'\n");
  }

  @Test
  void newUnknownKeyGoesToTheEnd() {
    String out = update(EDITED, a -> a.toBuilder().putExtra("canonicalUrl", "https://example.org/ferries").build());

    Diff d = diff(EDITED, out);
    assertThat(d.removed()).isEmpty();
    // A colon could be misread, so the writer quotes it as the reference files quote URLs.
    assertThat(d.added()).containsExactly("canonicalUrl: 'https://example.org/ferries'\n");
    assertThat(out).contains("  - winter\ncanonicalUrl: 'https://example.org/ferries'\n---\n");
  }

  @Test
  void newListValueIsWrittenAsABlockList() {
    String original = "---\ntitle: t\npublishedAt: 2026-03-02\n---\n";

    String out = update(original, a -> a.withTags(List.of("A", "B")));

    assertThat(out).isEqualTo("---\ntitle: t\npublishedAt: 2026-03-02\ntags:\n  - A\n  - B\n---\n");
  }

  @Test
  void removedFieldLosesAllItsLines() {
    String out = update(EDITED, a -> a.toBuilder().source(null).build());

    Diff d = diff(EDITED, out);
    assertThat(d.removed()).containsExactly("source:\n", "  name: Coastal Wire  # display name\n", "  key: coastal-wire\n", "  type: RSS\n");
    assertThat(d.added()).isEmpty();
  }

  @Test
  void removedUnknownKeyLosesAllItsLines() {
    String out = update(EDITED, a -> a.toBuilder().removeExtra("series").build());

    Diff d = diff(EDITED, out);
    assertThat(d.removed()).containsExactly("series:\n", "  - ferries\n", "  - winter\n");
    assertThat(d.added()).isEmpty();
  }

  @Test
  void removedNestedFieldLosesOnlyItsLine() {
    String out = update(EDITED, a -> a.toBuilder().source(Source.of("Coastal Wire", "coastal-wire", null)).build());

    assertThat(diff(EDITED, out).removed()).containsExactly("  type: RSS\n");
    assertThat(diff(EDITED, out).added()).isEmpty();
  }

  @Test
  void severalChangesTouchOnlyTheirLines() {
    String out = update(EDITED, a -> a.toBuilder()
        .stickyWeight(2)
        .draft(true)
        .putExtra("layout", "full")
        .build());

    Diff d = diff(EDITED, out);
    assertThat(d.removed()).containsExactlyInAnyOrder("stickyWeight: 0\n", "layout: wide\n");
    assertThat(d.added()).containsExactlyInAnyOrder("stickyWeight: 2\n", "draft: true\n", "layout: full\n");
  }

  // ------------------------------------------------------------------ body

  @Test
  void bodyIsReplacedVerbatim() {
    String body = "New body with --- inside\n---\nand \r\n mixed breaks, no final newline";

    String out = update(EDITED, a -> a.withBody(body));

    assertThat(out).endsWith("---\n" + body);
    assertThat(out.substring(0, out.length() - body.length())).isEqualTo(EDITED.substring(0, EDITED.indexOf("## What")));
  }

  @Test
  void emptyBodyLeavesTheFrontmatterAlone() {
    String out = update(EDITED, a -> a.withBody(""));

    assertThat(out).isEqualTo(EDITED.substring(0, EDITED.indexOf("## What")));
  }

  @Test
  void bodyAfterAClosingLineWithoutLineBreakGetsOne() {
    // Regression: the new body ran into the closing '---' line, so the file had to be rewritten whole.
    assertThat(update("---\ntitle: t\npublishedAt: 2026-03-02\n---", a -> a.withBody("Hello\n")))
        .isEqualTo("---\ntitle: t\npublishedAt: 2026-03-02\n---\nHello\n");
    assertThat(update("---\r\ntitle: t\r\npublishedAt: 2026-03-02\r\n---", a -> a.withBody("Hello")))
        .isEqualTo("---\r\ntitle: t\r\npublishedAt: 2026-03-02\r\n---\r\nHello");
  }

  @Test
  void dotsClosingLineIsKept() {
    String original = "---\ntitle: t\npublishedAt: 2026-03-02\n...\nBody\n";

    String out = update(original, a -> a.withStickyWeight(2));

    assertThat(out).isEqualTo("---\ntitle: t\npublishedAt: 2026-03-02\nstickyWeight: 2\n...\nBody\n");
  }

  @Test
  void editsAfterCharactersBeyondTheBasicPlaneLandInTheRightPlace() {
    String original = "---\ndescription: \uD83D\uDCF0\uD83D\uDCF0 news\ntitle: old \uD83D\uDCF0 # note\npublishedAt: 2026-03-02\n---\n";

    String out = update(original, a -> a.withTitle("new \uD83D\uDCF0"));

    assertThat(out).isEqualTo(original.replace("title: old", "title: new"));
  }

  @Test
  void existingIndentationIsFollowedForNestedAndListEdits() {
    String original = "---\ntitle: t\npublishedAt: 2026-03-02\nsource:\n    name: A\n    key: b\ntags:\n- a\n---\n";

    String out = update(original, a -> a.toBuilder().source(Source.of("A", "c", "RSS")).tags(List.of("a", "z")).build());

    assertThat(out).isEqualTo(
        "---\ntitle: t\npublishedAt: 2026-03-02\nsource:\n    name: A\n    key: c\n    type: RSS\ntags:\n- a\n- z\n---\n");
  }

  @Test
  void valueOnTheLineAfterItsKeyIsReplacedWhereItIs() {
    String original = "---\ntitle:\n  a title\npublishedAt: 2026-03-02\n---\n";

    assertThat(update(original, a -> a.withTitle("other"))).isEqualTo("---\ntitle:\n  other\npublishedAt: 2026-03-02\n---\n");
  }

  @Test
  void emptyValueBecomesABlockList() {
    String original = "---\ntitle: t\ntags:\npublishedAt: 2026-03-02\n---\n";

    assertThat(update(original, a -> a.withTags(List.of("a")))).isEqualTo("---\ntitle: t\ntags:\n  - a\npublishedAt: 2026-03-02\n---\n");
  }

  @Test
  void changingAnAnchoredValueKeepsTheAliasMeaningWhatItMeant() {
    String original = "---\ntitle: &t Same\ndescription: *t\npublishedAt: 2026-03-02\n---\n";

    String out = update(original, a -> a.withTitle("Other"));

    ArticleResult back = codec.read("x", "x.md", utf8(out));
    assertThat(back.article().title()).isEqualTo("Other");
    assertThat(back.article().description()).isEqualTo("Same");
  }

  // ------------------------------------------------------------------ line breaks and BOM

  @Test
  void crlfIsKeptForChangedAndInsertedLines() {
    String original = crlf(EDITED);

    String out = update(original, a -> a.toBuilder()
        .stickyWeight(4)
        .lang("en")
        .category("LOCAL")
        .putExtra("extraList", List.of("x", "z"))
        .build());

    Diff d = diff(original, out);
    assertThat(d.removed()).containsExactly("stickyWeight: 0\r\n");
    assertThat(d.added()).containsExactlyInAnyOrder(
        "lang: en\r\n", "category: LOCAL\r\n", "stickyWeight: 4\r\n", "extraList:\r\n", "  - x\r\n", "  - z\r\n");
    assertThat(out.replace("\r\n", "")).doesNotContain("\n");
  }

  @Test
  void bomIsKeptWhenTheArticleChanges() {
    byte[] original = bom(utf8(EDITED));
    ArticleResult read = read(original);

    byte[] out = codec.update(read.document(), read.article().withStickyWeight(1));

    assertThat(out).startsWith(BOM);
    assertThat(new String(out, 3, out.length - 3, StandardCharsets.UTF_8)).isEqualTo(EDITED.replace("stickyWeight: 0", "stickyWeight: 1"));
  }

  // ------------------------------------------------------------------ documents the editor cannot edit in place

  @Test
  void flowMappingFrontmatterIsRewrittenCanonicallyKeepingLineBreaks() {
    String original = "---\r\n{title: Flow, publishedAt: 2026-03-02}\r\n---\r\nBody\r\n";

    String out = update(original, a -> a.withStickyWeight(1));

    assertThat(out).isEqualTo(
        "---\r\ntitle: Flow\r\npublishedAt: '2026-03-02T00:00:00.000Z'\r\nstickyWeight: 1\r\nscore: 0\r\ndraft: false\r\n---\r\nBody\r\n");
  }

  @Test
  void unchangedFlowMappingFrontmatterKeepsItsBytes() {
    String original = "---\n{title: Flow, publishedAt: 2026-03-02}\n---\nBody\n";
    ArticleResult read = read(utf8(original));

    assertThat(codec.update(read.document(), read.article())).isEqualTo(utf8(original));
  }

  @Test
  void unknownNestedMapChangeKeepsSiblings() {
    String original = "---\ntitle: t\npublishedAt: 2026-03-02\nseo:\n  slug: ferries # short\n  index: true\n---\n";

    String out = update(original, a -> a.toBuilder().putExtra("seo", Map.of("slug", "ferries", "index", false)).build());

    Diff d = diff(original, out);
    assertThat(d.removed()).containsExactly("  index: true\n");
    assertThat(d.added()).containsExactly("  index: false\n");
  }
}
