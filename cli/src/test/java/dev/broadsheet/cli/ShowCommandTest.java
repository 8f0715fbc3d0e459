package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ShowCommandTest {
  /** Written by hand: CRLF line ends, a key the model does not know, trailing spaces, non-ASCII. */
  private static final String HAND_WRITTEN = "---\r\ntitle: Caf\u00e9 opens   \r\npublishedAt: 2026-01-05\r\n"
      + "lang: fr\r\nmood: sunny\r\ncategory: LOCAL\r\n---\r\n## Menu\r\n\r\nCr\u00eapes <script>x</script> "
      + "and [a link](javascript:alert(1)).\r\n";

  @TempDir Path dir;

  @BeforeEach
  void writeContent() throws Exception {
    ContentFixture c = ContentFixture.newsroom(dir);
    c.write("2026/01/cafe.md", HAND_WRITTEN);
  }

  /** Runs show with the file's bytes captured as bytes. */
  private static Object[] show(ByteArrayOutputStream bytes, StringWriter out, StringWriter err, Object... args) {
    CommandLine cmd = BroadsheetCommand.commandLine();
    ShowCommand show = cmd.getSubcommands().get("show").getCommand();
    show.bytesOut = bytes;
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    String[] strings = new String[args.length + 1];
    strings[0] = "show";
    for (int i = 0; i < args.length; i++) {
      strings[i + 1] = String.valueOf(args[i]);
    }
    return new Object[] {cmd.execute(strings)};
  }

  @Test
  void printsTheFileByteForByte() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    Object[] exit = show(bytes, out, err, dir, "2026/01/cafe");

    assertThat(exit[0]).isEqualTo(0);
    assertThat(bytes.toByteArray()).isEqualTo(Files.readAllBytes(dir.resolve("2026/01/cafe.md")))
        .isEqualTo(HAND_WRITTEN.getBytes(StandardCharsets.UTF_8));
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void printsTheSafeRenderedBody() {
    Cli.Run r = Cli.run("show", dir, "2026/01/cafe", "--format", "html");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("<h2 id=\"menu\">Menu</h2>\n"
        + "<p>Cr\u00eapes &lt;script&gt;x&lt;/script&gt; and a link.</p>\n");
  }

  @Test
  void printsTheArticleAsJsonWithRevisionAndBody() throws Exception {
    Cli.Run r = Cli.run("show", dir, "2026/01/cafe", "--format", "json");

    assertThat(r.exitCode()).isZero();
    JsonNode a = new ObjectMapper().readTree(r.out());
    assertThat(a.get("id").asText()).isEqualTo("2026/01/cafe");
    assertThat(a.get("revision").asText()).isNotEmpty();
    assertThat(a.get("title").asText()).isEqualTo("Caf\u00e9 opens");
    assertThat(a.get("extra").get("mood").asText()).isEqualTo("sunny");
    assertThat(a.get("body").asText()).startsWith("## Menu\r\n");
    assertThat(r.out()).startsWith("{\n  \"id\": \"2026/01/cafe\",\n  \"revision\": ");
  }

  @Test
  void showsDraftsToo() {
    Cli.Run r = Cli.run("show", dir, "drafts/budget", "--format", "JSON");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("\"draft\": true");
  }

  @Test
  void aMissingOrBrokenArticleExitsOne() throws Exception {
    Cli.Run missing = Cli.run("show", dir, "2026/01/nothing");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("broadsheet show: no article '2026/01/nothing' in " + dir + "\n");
    assertThat(missing.out()).isEmpty();

    new ContentFixture(dir).write("2026/01/broken.md", "---\ntitle: Broken\npublishedAt: soon\n---\n");
    Cli.Run broken = Cli.run("show", dir, "2026/01/broken");
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.err().lines().toList()).containsExactly(
        "broadsheet show: no article '2026/01/broken' in " + dir,
        dir.resolve("2026/01/broken.md") + ":3:14: error: publishedAt must be an ISO-8601 timestamp such as "
            + "2026-01-30T02:57:10Z or 2026-01-30, was 'soon'");
  }

  @Test
  void anIdThatLeavesTheFolderIsAUsageError() {
    Cli.Run r = Cli.run("show", dir, "../outside");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("Invalid value for ID: invalid article id '../outside': it has a '..' segment\n");

    Cli.Run format = Cli.run("show", dir, "2026/01/cafe", "--format", "pdf");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("expected one of markdown, html, json, was 'pdf'");
  }
}
