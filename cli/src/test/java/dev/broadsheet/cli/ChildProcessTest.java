package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the command as a separate JVM, as a shell does, to prove that exit codes reach the
 * operating system and that nothing but results reaches standard output.
 */
class ChildProcessTest {
  @TempDir Path dir;

  private static ChildBroadsheet.Result broadsheet(Path workDir, String... args) throws IOException, InterruptedException {
    return ChildBroadsheet.run(workDir, args);
  }

  @Test
  void checkExitsOneWithProblemsOnStandardOutput() throws Exception {
    Files.createDirectories(dir.resolve("content/2026"));
    Files.writeString(dir.resolve("content/2026/good.md"), "---\ntitle: Good\ndescription: Fine.\npublishedAt: 2026-01-01\n---\n");
    Files.writeString(dir.resolve("content/2026/bad.md"), "---\ntitle: Bad\npublishedAt: soon\n---\n");

    ChildBroadsheet.Result r = broadsheet(dir, "check", "content");

    String bad = "content" + File.separator + "2026" + File.separator + "bad.md";
    assertThat(r.out().lines()).containsExactly(
        bad + ":3:14: error: publishedAt must be an ISO-8601 timestamp such as 2026-01-30T02:57:10Z"
            + " or 2026-01-30, was 'soon'",
        "2 files, 1 valid, 1 invalid");
    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void validContentExitsZero() throws Exception {
    Files.writeString(dir.resolve("good.md"), "---\ntitle: Good\ndescription: Fine.\ndraft: true\n---\n");

    ChildBroadsheet.Result r = broadsheet(dir, "check", "good.md");

    assertThat(r.out().lines()).containsExactly("1 files, 1 valid, 0 invalid");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void usageErrorExitsTwoWithMessageOnStandardError() throws Exception {
    ChildBroadsheet.Result r = broadsheet(dir, "set", "missing.md", "stickyWeight=abc");

    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("stickyWeight must be a whole number >= 0, was 'abc'");
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void queryKeepsStandardOutputForIdsAndReportsSkippedFilesOnStandardError() throws Exception {
    ContentFixture content = new ContentFixture(dir.resolve("content"));
    content.write(ContentFixture.article("2026/01/first", "2026-01-01T08:00:00Z"));
    content.write(ContentFixture.article("2026/01/second", "2026-01-02T08:00:00Z"));
    content.write("2026/01/broken.md", "---\ntitle: Broken\npublishedAt: soon\n---\n");

    ChildBroadsheet.Result r = broadsheet(dir, "query", "content", "--sort", "oldest", "--format", "ids");

    String bad = "content" + File.separator + "2026" + File.separator + "01" + File.separator + "broken.md";
    assertThat(r.out()).isEqualTo("2026/01/first" + System.lineSeparator() + "2026/01/second" + System.lineSeparator());
    assertThat(r.err().lines()).containsExactly(bad + ":3:14: error: publishedAt must be an ISO-8601 timestamp"
        + " such as 2026-01-30T02:57:10Z or 2026-01-30, was 'soon'");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void queryUsageErrorExitsTwoWithoutStackTrace() throws Exception {
    Files.createDirectories(dir.resolve("content"));

    ChildBroadsheet.Result r = broadsheet(dir, "query", "content", "--limit", "5000");

    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("Invalid value for option '--limit': must be a whole number from 1 to 1000, was 5000")
        .doesNotContain("Exception");
    assertThat(r.exitCode()).isEqualTo(2);
  }
}
