package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
  @TempDir Path dir;

  @Test
  void exportsThePublicContentAndReplacesItOnTheNextRun() throws Exception {
    Path content = dir.resolve("content");
    ContentFixture.newsroom(content);
    Path out = dir.resolve("public");

    Cli.Run first = Cli.run("export", content, out, "--as-of", ContentFixture.AS_OF, "--page-size", "2");

    assertThat(first.exitCode()).isZero();
    assertThat(first.outLines()).hasSize(2);
    assertThat(first.outLines().get(0)).isEqualTo("Exported 5 articles in 19 files to " + out);
    assertThat(first.err()).isEmpty();
    assertThat(out.resolve("articles/2026/02/chip-plant.json")).exists();
    assertThat(out.resolve("articles/drafts/budget.json")).doesNotExist();
    assertThat(out.resolve("articles/2026/01/winter-offer.json")).doesNotExist();
    assertThat(Files.readString(out.resolve("feed/page-1.json")))
        .startsWith("{\"items\":[{\"id\":\"2026/01/ferry-night\"")
        .endsWith(",\"total\":5,\"page\":1,\"pages\":3,\"next\":\"feed/page-2.json\",\"previous\":null}\n");
    byte[] index = Files.readAllBytes(out.resolve("index.json"));

    Cli.Run again = Cli.run("export", content, out, "--as-of", ContentFixture.AS_OF, "--page-size", "2");
    assertThat(again.exitCode()).isZero();
    assertThat(Files.readAllBytes(out.resolve("index.json"))).isEqualTo(index);
  }

  @Test
  void refusesToReplaceAFolderThatIsNotAnExport() throws Exception {
    Path content = dir.resolve("content");
    ContentFixture.newsroom(content);
    Path out = dir.resolve("notes");
    Files.createDirectories(out);
    Files.writeString(out.resolve("todo.txt"), "keep me");

    Cli.Run r = Cli.run("export", content, out);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("broadsheet export: will not replace " + out
        + ": it is not empty and holds no index.json, so it is not an earlier export\n");
    assertThat(Files.readString(out.resolve("todo.txt"))).isEqualTo("keep me");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void reportsSkippedFilesAndBadOptions() throws Exception {
    Path content = dir.resolve("content");
    ContentFixture fixture = ContentFixture.newsroom(content);
    fixture.write("2026/01/broken.md", "---\ntitle: Broken\npublishedAt: soon\n---\n");

    Cli.Run r = Cli.run("export", content, dir.resolve("out"), "--as-of", ContentFixture.AS_OF);
    assertThat(r.exitCode()).isZero();
    assertThat(r.err().lines().toList()).containsExactly(content.resolve("2026/01/broken.md")
        + ":3:14: error: publishedAt must be an ISO-8601 timestamp such as 2026-01-30T02:57:10Z or 2026-01-30, was 'soon'");

    for (List<String> options : List.of(List.of("--page-size", "0"), List.of("--page-size", "1001"))) {
      Cli.Run bad = Cli.run("export", content, dir.resolve("out2"), options.get(0), options.get(1));
      assertThat(bad.exitCode()).isEqualTo(2);
      assertThat(bad.err()).startsWith("Invalid value for option '--page-size': must be from 1 to 1000, was "
          + options.get(1));
    }
    assertThat(dir.resolve("out2")).doesNotExist();
  }
}
