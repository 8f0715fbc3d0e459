package dev.broadsheet.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.broadsheet.Article;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reading only the frontmatter gives what a full read gives, without the body: the same
 * article (body empty), the same problems, or the same refusal.
 */
class FrontmatterOnlyTest {
  private static final ArticleCodec CODEC = ArticleCodec.builder().build();

  private static void assertSameAsFullRead(String name, byte[] bytes) {
    ArticleResult full = CODEC.read("id", name, bytes);
    ArticleResult head = CODEC.readFrontmatter("id", name, bytes);
    assertThat(head.problems()).as(name).isEqualTo(full.problems());
    assertThat(head.isValid()).as(name).isEqualTo(full.isValid());
    if (full.article() != null) {
      assertThat(head.article()).as(name).isEqualTo(full.article().withBody(""));
    } else {
      assertThat(head.article()).as(name).isNull();
    }
  }

  @Test
  void agreesWithTheFullReadOnEveryConformanceInput() throws IOException {
    Path root = Path.of("src/test/resources/conformance");
    List<Path> inputs;
    try (Stream<Path> s = Files.walk(root)) {
      inputs = s.filter(p -> p.getFileName().toString().equals("input.md")).toList();
    }
    assertThat(inputs).hasSizeGreaterThan(20);
    for (Path input : inputs) {
      assertSameAsFullRead(input.toString(), Files.readAllBytes(input));
    }
  }

  @Test
  void agreesWithTheFullReadOnTheRealCorpus() throws IOException {
    Path real = RealCorpusTest.real();
    assumeTrue(real != null && Files.isDirectory(real), "shared/corpus/real not found above the working directory; skipping");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(real)) {
      s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".markdown"))
          .forEach(files::add);
    }
    for (Path f : files) {
      assertSameAsFullRead(f.toString(), Files.readAllBytes(f));
    }
  }

  @Test
  void invalidUtf8InTheBodyIsReportedAtTheSamePlace() {
    byte[] head = "---\ntitle: Tide tables\npublishedAt: 2026-01-02\n---\nGood line\nBad ".getBytes(StandardCharsets.UTF_8);
    for (byte[] bad : List.of(new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAF},
        new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xFF})) {
      byte[] file = new byte[head.length + bad.length + 2];
      System.arraycopy(head, 0, file, 0, head.length);
      System.arraycopy(bad, 0, file, head.length, bad.length);
      file[file.length - 2] = 'x';
      file[file.length - 1] = '\n';
      ArticleResult r = CODEC.readFrontmatter("id", "tide.md", file);
      assertThat(r.problems()).singleElement().satisfies(p -> {
        assertThat(p.rule()).isEqualTo("encoding");
        assertThat(p.line()).isEqualTo(6);
        assertThat(p.column()).isEqualTo(5);
      });
      assertSameAsFullRead("tide.md", file);
    }
  }

  @Test
  void invalidUtf8InBothPartsIsReportedWhereItFirstOccurs() {
    String text = "---\ntitle: Tide X\npublishedAt: 2026-01-02\n---\nBad Y\n";
    byte[] file = text.getBytes(StandardCharsets.UTF_8);
    file[text.indexOf('X')] = (byte) 0xD9; // a lead byte without its continuation
    file[text.indexOf('Y')] = (byte) 0xFE; // never valid
    ArticleResult r = CODEC.readFrontmatter("id", "tide.md", file);
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("encoding");
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isEqualTo(13);
    });
    assertSameAsFullRead("tide.md", file);
  }

  @Test
  void validMultiByteBodiesAreAccepted() {
    String body = "Grüße, 東京, emoji 🚢, and U+10FFFF \uDBFF\uDFFF\n";
    byte[] file = ("---\ntitle: Ferry\npublishedAt: 2026-01-02\n---\n" + body).getBytes(StandardCharsets.UTF_8);
    Article a = CODEC.readFrontmatter("id", "f.md", file).article();
    assertThat(a).isNotNull();
    assertThat(a.body()).isEmpty();
  }

  @Test
  void aFrontmatterOnlyDocumentCannotBeWrittenBack() {
    byte[] file = "---\ntitle: Ferry\npublishedAt: 2026-01-02\n---\nBody\n".getBytes(StandardCharsets.UTF_8);
    ArticleResult r = CODEC.readFrontmatter("id", "f.md", file);
    assertThat(r.document().isComplete()).isFalse();
    assertThatThrownBy(() -> r.document().toBytes()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only the frontmatter of f.md was read");
    assertThatThrownBy(() -> CODEC.update(r.document(), r.article().withTitle("Other")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
