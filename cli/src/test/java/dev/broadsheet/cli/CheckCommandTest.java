package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path dir;

  private static final String VALID = """
      ---
      title: Ferry strike ends after two days
      description: Boats run again on every route.
      publishedAt: '2026-01-05T10:00:00Z'
      tags:
        - TRANSPORT
      ---
      ## Overview

      Boats are running again.
      """;

  /** Valid, with three things lint warns about. */
  private static final String WARNED = """
      ---
      title: Ferry strike ends after two days
      description: Boats are running again on every route\u00e2\u20ac\u00a6
      publishedAt: '2026-01-05T10:00:00Z'
      externalId: '3001'
      coverImage:
        thumb: 'http://images.example.com/ferry.jpg'
      ---
      ## Overview

      ## What Happened

      Boats are running again.
      """;

  private static final String GARBLED_DESCRIPTION = ":3:52: warning: description has mojibake: "
      + "'\u00e2\u20ac\u00a6' looks like '\u2026' read with the wrong encoding [mojibake]";
  private static final String HTTP_THUMB = ":7:10: warning: coverImage.thumb is served over http, not https"
      + " [insecure-cover-image]";
  private static final String EMPTY_OVERVIEW = ":9:1: warning: section 'Overview' is empty [empty-section]";

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  @Test
  void validFolderExitsZeroWithSummaryOnly() throws IOException {
    write("2026/01/ferry.md", VALID);
    write("2026/01/ferry-update.markdown", VALID);
    write("notes.txt", VALID);

    Cli.Run run = Cli.run("check", dir);

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).containsExactly("3 files, 3 valid, 0 invalid");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void printsEveryProblemWithPathLineAndColumn() throws IOException {
    Path file = write("bad.md", """
        ---
        title: Ferry strike ends
        publishedAt: 2026-01-05T10:00:00Z
        draft: maybe
        stickyWeight: -1
        ---
        Body
        """);

    Cli.Run run = Cli.run("check", file);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).containsExactly(
        file + ":4:8: error: draft must be true or false, was 'maybe'",
        file + ":5:15: error: stickyWeight must be a whole number >= 0, was '-1'",
        "1 files, 0 valid, 1 invalid");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void showsPathsBelowTheFolderAsGiven() throws IOException {
    write("2026/02/untitled.md", "---\npublishedAt: 2026-02-01\n---\n");

    Cli.Run run = Cli.run("check", dir);

    assertThat(run.outLines()).containsExactly(
        dir.resolve("2026/02/untitled.md") + ":1:1: error: title is required",
        "1 files, 0 valid, 1 invalid");
  }

  @Test
  void badFilesDoNotStopTheOthersAndPrintNoStackTrace() throws IOException {
    write("a-valid.md", VALID);
    write("b-yaml.md", "---\ntitle: [unclosed\n---\nx\n");
    write("c-encoding.md", new byte[] {'-', '-', '-', '\n', 't', 'i', 't', 'l', 'e', ':', ' ', (byte) 0xE9, '\n', '-', '-', '-', '\n'});
    write("d-plain.md", "no frontmatter here\n");
    write("e-valid.md", VALID);

    Cli.Run run = Cli.run("check", dir, dir.resolve("missing.md"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).containsExactly(
        dir.resolve("b-yaml.md") + ":3:1: error: invalid YAML: expected ',' or ']', but got <stream end>"
            + " (while parsing a flow sequence at line 2)",
        dir.resolve("c-encoding.md") + ":2:8: error: invalid UTF-8 (byte 0xE9 at offset 11); files must be UTF-8",
        dir.resolve("d-plain.md") + ":1:1: error: no YAML frontmatter: an article starts with a '---' line,"
            + " its fields, and another '---' line",
        dir.resolve("missing.md") + ":0:0: error: no such file or directory",
        "6 files, 2 valid, 4 invalid");
    assertThat(run.out() + run.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void unreadableFileBecomesAProblemLine() throws IOException {
    Path file = write("locked.md", VALID);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    } catch (UnsupportedOperationException e) {
      assumeFalse(true, "the file system has no POSIX permissions");
    }
    assumeFalse(Files.isReadable(file), "permissions do not stop this user (root) from reading");

    Cli.Run run = Cli.run("check", dir);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).containsExactly(
        file + ":0:0: error: cannot read file: permission denied", "1 files, 0 valid, 1 invalid");
  }

  @Test
  void linkInAFolderIsSkippedAsTheStoreSkipsIt() throws IOException {
    write("a.md", VALID);
    Path link = dir.resolve("b.md");
    try {
      Files.createSymbolicLink(link, dir.resolve("gone.md"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeFalse(true, "symbolic links cannot be created here: " + e);
    }

    Cli.Run run = Cli.run("check", dir);

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).containsExactly(
        link + ":0:0: warning: a symbolic link, which is not followed; skipped [not-a-file]",
        "1 files, 1 valid, 0 invalid, 1 skipped");
  }

  @Test
  void skipsHiddenEntriesAndOtherExtensions() throws IOException {
    write("visible.md", VALID);
    write(".hidden.md", "not an article");
    write(".drafts/secret.md", "not an article");
    write("image.png", "not an article");
    write("data.yaml", "not an article");

    Cli.Run run = Cli.run("check", dir);

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).containsExactly("1 files, 1 valid, 0 invalid");
  }

  @Test
  void readsAFileNamedExplicitlyWhateverItsExtension() throws IOException {
    Path file = write("article.yaml", VALID);

    Cli.Run run = Cli.run("check", file);

    assertThat(run.outLines()).containsExactly("1 files, 1 valid, 0 invalid");
  }

  @Test
  void emptyFolderIsValid() {
    Cli.Run run = Cli.run("check", dir);

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).containsExactly("0 files, 0 valid, 0 invalid");
  }

  @Test
  void missingPathIsAUsageErrorOnStandardError() {
    Cli.Run run = Cli.run("check");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("Missing required parameter: 'PATH'");
  }

  @Test
  void unknownOptionAndUnknownCommandAreUsageErrors() {
    assertThat(Cli.run("check", "--strict", dir).exitCode()).isEqualTo(2);
    assertThat(Cli.run("lint", dir).exitCode()).isEqualTo(2);
    Cli.Run none = Cli.run();
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).startsWith("Missing required subcommand");
  }

  @Test
  void helpExitsZero() {
    Cli.Run run = Cli.run("check", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: broadsheet check");
  }

  // ---------------------------------------------------------------- lint warnings

  @Test
  void warningsNameTheirRuleAndLeaveTheFileValid() throws IOException {
    Path file = write("warned.md", WARNED);

    Cli.Run run = Cli.run("check", dir);

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).containsExactly(
        file + GARBLED_DESCRIPTION,
        file + HTTP_THUMB,
        file + EMPTY_OVERVIEW,
        "1 files, 1 valid, 0 invalid, 3 warnings");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void warningsDoNotChangeTheExitCodeOfAnInvalidFolder() throws IOException {
    Path warned = write("a-warned.md", WARNED);
    Path bad = write("b-bad.md", VALID.replace("title: Ferry strike ends after two days\n", "title: ''\n"));

    Cli.Run run = Cli.run("check", dir);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).containsExactly(
        warned + GARBLED_DESCRIPTION,
        warned + HTTP_THUMB,
        warned + EMPTY_OVERVIEW,
        bad + ":2:8: error: title is required",
        "2 files, 1 valid, 1 invalid, 3 warnings");
  }

  @Test
  void fileWithErrorsShowsItsErrorsOnly() throws IOException {
    Path file = write("bad.md", WARNED.replace("publishedAt: '2026-01-05T10:00:00Z'", "publishedAt: soon"));

    Cli.Run run = Cli.run("check", file);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).hasSize(2).last().isEqualTo("1 files, 0 valid, 1 invalid");
    assertThat(run.outLines().get(0)).startsWith(file + ":4:14: error: publishedAt must be");
  }

  @Test
  void duplicateExternalIdNamesTheEarlierFile() throws IOException {
    String withId = VALID.replace("tags:", "externalId: '3001'\ntags:");
    write("2026/01/a.md", withId);
    Path later = write("2026/01/b.md", withId);

    Cli.Run run = Cli.run("check", dir);

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).containsExactly(
        later + ":5:13: warning: externalId '3001' is also used by " + dir.resolve("2026/01/a.md")
            + " [duplicate-external-id]",
        "2 files, 2 valid, 0 invalid, 1 warnings");
  }

  @Test
  void noLintPrintsErrorsOnly() throws IOException {
    write("warned.md", WARNED);

    Cli.Run run = Cli.run("check", "--no-lint", dir);

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).containsExactly("1 files, 1 valid, 0 invalid");
  }

  @Test
  void disableTurnsRulesOffOneAtATime() throws IOException {
    Path file = write("warned.md", WARNED);

    Cli.Run run = Cli.run("check", "--disable", "mojibake", "--disable=empty-section", dir);

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).containsExactly(file + HTTP_THUMB, "1 files, 1 valid, 0 invalid, 1 warnings");
  }

  @Test
  void enableTurnsBackOnARuleAfterNoLint() throws IOException {
    Path file = write("ferry.md", VALID.replace("description: Boats run again on every route.\n", ""));

    Cli.Run run = Cli.run("check", "--no-lint", "--enable", "missing-description", file);

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).containsExactly(
        file + ":1:1: warning: description is missing; listings and link previews show it [missing-description]",
        "1 files, 1 valid, 0 invalid, 1 warnings");
  }

  @Test
  void unknownRuleIsAUsageErrorListingTheRules() throws IOException {
    write("ferry.md", VALID);

    Cli.Run run = Cli.run("check", "--disable", "mojibak", dir);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("unknown lint rule 'mojibak'; the rules are mojibake, missing-description,"
        + " empty-section, updated-before-published, duplicate-external-id, duplicate-translation,"
        + " lonely-translation-key, insecure-cover-image, long-title\n");
    assertThat(run.err()).contains("Try 'broadsheet check --help'");
  }

  @Test
  void aFileNameWithALineBreakCannotForgeALineAndBreaksTheIdRules() throws IOException {
    write("a\nb.md", VALID);
    write("ok.md", VALID);

    Cli.Run run = Cli.run("check", dir);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).hasSize(2);
    assertThat(run.outLines().get(0))
        .startsWith(dir.resolve("a") + "\\u000Ab.md:0:0: error: the file's path is not a valid id: ");
    assertThat(run.outLines().get(1)).isEqualTo("2 files, 1 valid, 1 invalid");
  }

  @Test
  void twoFilesWithOneIdAreBothErrorsAsTheStoreHasThem() throws IOException {
    write("ferry.md", VALID);
    write("Ferry.markdown", VALID);

    Cli.Run run = Cli.run("check", dir);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).hasSize(3).last().isEqualTo("2 files, 0 valid, 2 invalid");
    assertThat(run.outLines().get(0)).contains("id collision");
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void aPipeNamedLikeAnArticleIsSkippedNotOpened() throws Exception {
    write("a.md", VALID);
    Path pipe = dir.resolve("pipe.md");
    boolean made;
    try {
      made = new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      made = false;
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(made, "mkfifo is not available here; skipping");

    Cli.Run folder = Cli.run("check", dir);
    assertThat(folder.exitCode()).isZero();
    assertThat(folder.outLines()).containsExactly(
        pipe + ":0:0: warning: not a regular file (a pipe, a socket or a device); skipped [not-a-file]",
        "1 files, 1 valid, 0 invalid, 1 skipped");

    Cli.Run named = Cli.run("check", pipe);
    assertThat(named.exitCode()).isEqualTo(1);
    assertThat(named.outLines()).containsExactly(
        pipe + ":0:0: error: cannot read file: not a regular file (a pipe, a socket or a device); skipped",
        "1 files, 0 valid, 1 invalid");

    Cli.Run roundtrip = Cli.run("roundtrip", dir);
    assertThat(roundtrip.outLines()).first().asString().contains("not a regular file");
    assertThat(roundtrip.outLines()).last().isEqualTo("2 files, 1 identical, 0 different, 1 unreadable");
  }

  @Test
  void aFileLargerThanTheStoreReadsIsRefusedWithTheStoresLimit() throws IOException {
    byte[] big = new byte[16 * 1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) 'x');
    Path file = write("big.md", big);

    Cli.Run run = Cli.run("check", file);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).containsExactly(
        file + ":0:0: error: cannot read file: the file is larger than 16777216 bytes (16 MiB); it was not read",
        "1 files, 0 valid, 1 invalid");
  }
}
