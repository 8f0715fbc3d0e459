package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundtripCommandTest {
  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] withBom(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    out.writeBytes(utf8(text));
    return out.toByteArray();
  }

  @Test
  void oddlyWrittenFilesAreIdentical() throws IOException {
    String commented = """
        ---
        # the editor's note stays
        title:   "Ferry strike ends"   # spaced out
        publishedAt: 2026-01-05
        tags: [ TRANSPORT,   'CITY' ]
        lang: no
        source:
            name: Harbourside Gazette
            key: harbourside-gazette

        extraNote: |
          kept
          as written
        ---
        Body without a final line break""";
    write("commented.md", utf8(commented));
    write("crlf.md", utf8(commented.replace("\n", "\r\n")));
    write("bom.md", withBom(commented));
    write("bom-crlf.md", withBom(commented.replace("\n", "\r\n") + "\r\n"));
    write("no-frontmatter.md", utf8("# Just Markdown\n\nNothing else.\n"));
    write("empty.md", new byte[0]);

    Cli.Run run = Cli.run("roundtrip", dir);

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).containsExactly("6 files, 6 identical, 0 different, 0 unreadable");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void unreadableFilesAreCountedWithAProblemLineAndExitOne() throws IOException {
    write("a.md", utf8("---\ntitle: fine\n---\n"));
    write("b.md", utf8("---\ntitle: never closed\n"));
    write("c.md", new byte[] {'-', '-', '-', '\n', 'x', ':', ' ', (byte) 0xC3, '\n', '-', '-', '-', '\n'});

    Cli.Run run = Cli.run("roundtrip", dir);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).containsExactly(
        dir.resolve("b.md") + ":1:1: error: frontmatter opened at line 1 is never closed (no closing '---' line)",
        dir.resolve("c.md") + ":2:4: error: invalid UTF-8 (byte 0xC3 at offset 7); files must be UTF-8",
        "3 files, 1 identical, 0 different, 2 unreadable");
    assertThat(run.out()).doesNotContain("Exception");
  }

  @Test
  void duplicateKeysStillRoundTrip() throws IOException {
    write("dup.md", utf8("---\ntitle: one\ntitle: two\n---\n"));

    Cli.Run run = Cli.run("roundtrip", dir);

    assertThat(run.outLines()).containsExactly("1 files, 1 identical, 0 different, 0 unreadable");
  }

  @Test
  void noPathIsAUsageError() {
    Cli.Run run = Cli.run("roundtrip");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
  }
}
