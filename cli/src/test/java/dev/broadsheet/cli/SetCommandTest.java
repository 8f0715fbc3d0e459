package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetCommandTest {
  @TempDir Path dir;
  private Path file;

  private static final String ARTICLE = """
      ---
      # Edited by the night desk
      title: Harbour Ferries to Run Through the Night
      description: Two boats will sail after midnight.
      publishedAt: '2026-01-12T07:30:00.000Z'
      lang: en
      source:
        name: Harbourside Gazette
        key: harbourside-gazette
      category: LOCAL
      tags:
        - TRANSPORT
      stickyWeight: 0   # pinned stories get more
      sentiment: POSITIVE
      score: 0
      draft: false
      ---
      ## Overview

      Night owls will no longer need a taxi.
      """;

  @BeforeEach
  void writeArticle() throws IOException {
    file = dir.resolve("ferry.md");
    Files.writeString(file, ARTICLE);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-12-01T00:00:00Z")));
  }

  private List<String> lines() throws IOException {
    return Files.readAllLines(file);
  }

  private static List<String> replaced(List<String> lines, String from, String... to) {
    List<String> out = new ArrayList<>(lines);
    int at = out.indexOf(from);
    assertThat(at).as("line %s", from).isNotNegative();
    out.remove(at);
    out.addAll(at, List.of(to));
    return out;
  }

  private void assertUntouched() throws IOException {
    assertThat(Files.readString(file)).isEqualTo(ARTICLE);
    assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(Instant.parse("2025-12-01T00:00:00Z"));
  }

  @Test
  void changesOnlyTheLineOfTheField() throws IOException {
    List<String> before = lines();

    Cli.Run run = Cli.run("set", file, "stickyWeight=5");

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).containsExactly(file + ": set stickyWeight");
    assertThat(lines()).isEqualTo(replaced(before, "stickyWeight: 0   # pinned stories get more",
        "stickyWeight: 5   # pinned stories get more"));
  }

  @Test
  void setsEveryKindOfValueInOneEdit() throws IOException {
    List<String> expected = lines();
    expected = replaced(expected, "description: Two boats will sail after midnight.");
    expected = replaced(expected, "publishedAt: '2026-01-12T07:30:00.000Z'", "publishedAt: '2026-02-01T09:00:00.000Z'");
    expected = replaced(expected, "  key: harbourside-gazette", "  key: decrypt");
    expected = replaced(expected, "  - TRANSPORT", "  - AI", "  - ETF");
    expected = replaced(expected, "sentiment: POSITIVE", "sentiment: NEGATIVE");
    expected = replaced(expected, "score: 0", "score: 0.5");
    expected = replaced(expected, "draft: false", "draft: true", "coverImage:",
        "  thumb: 'https://images.example.com/ferry/thumb.jpg'", "ai:", "  version: 2", "desk: night");

    Cli.Run run = Cli.run("set", file, "tags=AI, ETF", "draft=true", "publishedAt=2026-02-01T09:00:00Z",
        "source.key=decrypt", "coverImage.thumb=https://images.example.com/ferry/thumb.jpg", "ai.version=2",
        "sentiment=negative", "score=0.5", "description=", "desk=night");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(lines()).isEqualTo(expected);
    assertThat(Cli.run("check", file).exitCode()).isZero();
  }

  @Test
  void emptyTagsRemoveTheList() throws IOException {
    List<String> expected = replaced(replaced(lines(), "tags:"), "  - TRANSPORT");

    Cli.Run run = Cli.run("set", file, "tags=");

    assertThat(run.exitCode()).isZero();
    assertThat(lines()).isEqualTo(expected);
  }

  @Test
  void keepsCrlfLineBreaks() throws IOException {
    Files.writeString(file, ARTICLE.replace("\n", "\r\n"));

    Cli.Run run = Cli.run("set", file, "category=TRANSPORT");

    assertThat(run.exitCode()).isZero();
    assertThat(Files.readString(file)).isEqualTo(
        ARTICLE.replace("category: LOCAL", "category: TRANSPORT").replace("\n", "\r\n"));
  }

  @Test
  void sameValueLeavesTheFileAlone() throws IOException {
    Cli.Run run = Cli.run("set", file, "category=LOCAL", "stickyWeight=0");

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).containsExactly(file + ": unchanged");
    assertUntouched();
  }

  @Test
  void wrongTypeIsAUsageErrorNamingTheField() throws IOException {
    Cli.Run run = Cli.run("set", file, "stickyWeight=abc");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("stickyWeight must be a whole number >= 0, was 'abc'\n");
    assertUntouched();
  }

  @Test
  void otherBadValuesAreUsageErrors() throws IOException {
    assertThat(Cli.run("set", file, "draft=yes").err()).startsWith("draft must be true or false, was 'yes'");
    assertThat(Cli.run("set", file, "score=NaN").err()).startsWith("score must be a finite number such as 0.5, was 'NaN'");
    assertThat(Cli.run("set", file, "publishedAt=tomorrow").err()).startsWith(
        "publishedAt must be an ISO-8601 timestamp such as 2026-02-01T09:00:00Z or 2026-02-01, was 'tomorrow'");
    assertThat(Cli.run("set", file, "sentiment=happy").err()).startsWith(
        "sentiment must be one of [positive, neutral, negative], was 'happy'");
    assertThat(Cli.run("set", file, "source.url=x").err()).startsWith("source has no field 'url'");
    assertThat(Cli.run("set", file, "tags=a,,b").err()).startsWith(
        "tags must be a comma-separated list without empty items, was 'a,,b'");
    assertThat(Cli.run("set", file, "stickyWeight").err()).startsWith("expected FIELD=VALUE, was 'stickyWeight'");
    assertThat(Cli.run("set", file).exitCode()).isEqualTo(2);
    assertUntouched();
  }

  @Test
  void refusesAnEditThatMakesTheArticleInvalid() throws IOException {
    Cli.Run run = Cli.run("set", file, "title=");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).containsExactly(
        file + ":3:1: error: title is required",
        "refused: the edit would make " + file + " invalid. Nothing was changed.");
    assertUntouched();
  }

  @Test
  void refusesToPublishADraftWithoutPublishedAt() throws IOException {
    String draft = """
        ---
        title: Riverside FC close in on a coach
        draft: true
        ---
        Not yet.
        """;
    Files.writeString(file, draft);

    Cli.Run run = Cli.run("set", file, "draft=false");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).containsExactly(
        file + ":1:1: error: publishedAt is required unless draft is true",
        "refused: the edit would make " + file + " invalid. Nothing was changed.");
    assertThat(Files.readString(file)).isEqualTo(draft);
  }

  @Test
  void refusesAnInvalidFileBeforeAnyEdit() throws IOException {
    String invalid = ARTICLE.replace("score: 0", "score: lots");
    Files.writeString(file, invalid);

    Cli.Run run = Cli.run("set", file, "stickyWeight=5");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).containsExactly(
        file + ":15:8: error: score must be a finite number, was 'lots'",
        "refused: " + file + " is invalid; fix it first. Nothing was changed.");
    assertThat(Files.readString(file)).isEqualTo(invalid);
  }

  @Test
  void missingFileIsAProblemLine() {
    Path missing = dir.resolve("missing.md");

    Cli.Run run = Cli.run("set", missing, "stickyWeight=1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).containsExactly(missing + ":0:0: error: cannot read file: no such file or directory");
    assertThat(missing).doesNotExist();
  }

  @Test
  void leavesNoTemporaryFileAndKeepsPermissions() throws IOException {
    boolean posix = Files.getFileStore(file).supportsFileAttributeView("posix");
    if (posix) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    }

    assertThat(Cli.run("set", file, "stickyWeight=2").exitCode()).isZero();

    try (Stream<Path> files = Files.list(dir)) {
      // The store's state folder holds the write lock every writer of the folder takes.
      assertThat(files).containsExactlyInAnyOrder(file, dir.resolve(".broadsheet"));
    }
    if (posix) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("stickyWeight: 2   # pinned stories get more");
  }
}
