package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.broadsheet.SyncToken;
import dev.broadsheet.fs.FileArticleStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportSinceTest {
  @TempDir Path dir;

  private static String last(Cli.Run r) {
    List<String> lines = r.outLines();
    return lines.get(lines.size() - 1);
  }

  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  @Test
  void aFullExportPrintsItsTokenLast() throws Exception {
    Path content = dir.resolve("content");
    ContentFixture.newsroom(content);
    Cli.Run r = Cli.run("export", content, dir.resolve("out"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.outLines()).hasSize(2);
    assertThat(r.outLines().get(0)).startsWith("Exported 6 articles in ");
    assertThat(SyncToken.parse(last(r))).isNotNull();
  }

  @Test
  void refusesATokenThatIsNotOneAndSinceWithAsOf() throws Exception {
    Path content = dir.resolve("content");
    ContentFixture.newsroom(content);
    Path out = dir.resolve("out");
    String token = last(Cli.run("export", content, out));

    Cli.Run altered = Cli.run("export", content, out, "--since", "x" + token);
    assertThat(altered.exitCode()).isEqualTo(2);
    assertThat(altered.err()).startsWith("Invalid value for option '--since': not a sync token, or an altered one; "
        + "export in full, without --since\n");
    assertThat(altered.out()).isEmpty();

    Cli.Run asOf = Cli.run("export", content, out, "--since", token, "--as-of", ContentFixture.AS_OF);
    assertThat(asOf.exitCode()).isEqualTo(2);
    assertThat(asOf.err()).startsWith("--since and --as-of cannot be combined");
  }

  /**
   * Each run opens the folder afresh, so its token must outlive the process that printed it: this
   * needs the file store's durable change log (the journal). Until the store keeps one, the second
   * run refuses the token as another store's (exit 2), which the test checks instead.
   */
  @Test
  void anExportSinceATokenWritesOnlyWhatChanged() throws Exception {
    Path content = dir.resolve("content");
    ContentFixture fixture = ContentFixture.newsroom(content);
    Path out = dir.resolve("out");
    Cli.Run first = Cli.run("export", content, out);
    assertThat(first.exitCode()).as(first.err()).isZero();
    String token = last(first);

    fixture.write(ContentFixture.article("2026/02/ferry-fares", "2026-02-20T12:00:00Z", "LOCAL",
        List.of("TRANSPORT"), "gazette").title("Ferry fares rise after all"));
    Files.delete(content.resolve("2026/02/stadium.md"));
    Cli.Run second = Cli.run("export", content, out, "--since", token);

    boolean durable;
    try (FileArticleStore store = FileArticleStore.builder(content).build()) {
      durable = store.changeLog().isPresent();
    }
    if (!durable) {
      assertThat(second.exitCode()).isEqualTo(2);
      assertThat(second.err()).startsWith("Invalid value for option '--since': the sync token is from another store");
      assumeTrue(false, "the file store keeps no durable change log yet: tokens do not outlive a run");
    }
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.outLines()).hasSize(2);
    assertThat(second.outLines().get(0)).startsWith("Updated " + out + ": 5 articles in ").contains(" removed");
    assertThat(out.resolve("articles/2026/02/stadium.json")).doesNotExist();
    assertThat(Files.readString(out.resolve("articles/2026/02/ferry-fares.json"))).contains("Ferry fares rise after all");
    Path full = dir.resolve("full");
    assertThat(Cli.run("export", content, full).exitCode()).isZero();
    assertThat(files(out)).isEqualTo(files(full));

    Cli.Run third = Cli.run("export", content, out, "--since", last(second));
    assertThat(third.exitCode()).as(third.err()).isZero();
    assertThat(third.outLines().get(0)).endsWith(" 0 written, 0 removed");
  }

  /**
   * Reading commands leave the change journal alone: a change they load is journaled by the next
   * command that keeps the journal, so an export since a token taken before still writes it.
   */
  @Test
  void changesReadByQueriesInBetweenStillReachTheNextExportSince() throws Exception {
    Path content = dir.resolve("content");
    ContentFixture fixture = ContentFixture.newsroom(content);
    Path out = dir.resolve("out");
    Cli.Run first = Cli.run("export", content, out);
    assertThat(first.exitCode()).as(first.err()).isZero();

    fixture.write(ContentFixture.article("2026/02/ferry-fares", "2026-02-20T12:00:00Z", "LOCAL",
        List.of("TRANSPORT"), "gazette").title("Ferry fares rise after all"));
    for (String command : List.of("query", "facets", "check")) {
      Cli.Run read = Cli.run(command, content);
      assertThat(read.exitCode()).as(command + ": " + read.err()).isIn(0, 1);
    }
    assertThat(Cli.run("query", content, "--format", "ids").out()).contains("2026/02/ferry-fares");

    Cli.Run second = Cli.run("export", content, out, "--since", last(first));
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.outLines().get(0)).startsWith("Updated " + out + ": ");
    assertThat(Files.readString(out.resolve("articles/2026/02/ferry-fares.json"))).contains("Ferry fares rise after all");
  }
}
