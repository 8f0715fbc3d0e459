package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NewCommandTest {
  private static final Instant NOW = Instant.parse("2026-11-26T09:15:30.250Z");

  @TempDir Path dir;

  /** As {@link Cli#run}, with "now" at {@link #NOW}. */
  private static Cli.Run run(Object... args) {
    List<String> strings = new ArrayList<>();
    for (Object arg : args) {
      strings.add(String.valueOf(arg));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = BroadsheetCommand.commandLine();
    ((NewCommand) cmd.getSubcommands().get("new").getCommand()).clock = Clock.fixed(NOW, ZoneOffset.UTC);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(strings.toArray(String[]::new));
    return new Cli.Run(code, out.toString().replace(System.lineSeparator(), "\n"),
        err.toString().replace(System.lineSeparator(), "\n"));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !dir.relativize(p).startsWith(".broadsheet"))
          .sorted()
          .toList();
    }
  }

  @Test
  void writesTheArticleInCanonicalFormUnderAnIdFromDateAndTitle() throws IOException {
    Cli.Run run = run("new", dir, "--title", "Harbour Ferries to Run Through the Night",
        "--description", "Two boats will sail after midnight, every forty minutes.",
        "--category", "LOCAL", "--tag", "TRANSPORT", "--tag", "CITY", "--lang", "en",
        "--sentiment", "Positive", "--sticky", "2");

    Path file = dir.resolve("2026/11/harbour-ferries-to-run-through-the-night.md");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines()).containsExactly(file.toString());
    assertThat(run.err()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo("""
        ---
        title: Harbour Ferries to Run Through the Night
        description: 'Two boats will sail after midnight, every forty minutes.'
        publishedAt: '2026-11-26T09:15:30.000Z'
        lang: en
        category: LOCAL
        tags:
          - TRANSPORT
          - CITY
        stickyWeight: 2
        sentiment: POSITIVE
        score: 0
        draft: false
        ---
        ## Overview

        """);
    assertThat(files()).containsExactly(file);
  }

  @Test
  void createdFileIsValidAndFoundByQuery() {
    run("new", dir, "--title", "Solar Ferry Trial Begins", "--category", "TECHNOLOGY");

    // Valid; lint reminds the writer that the skeleton still needs a description and text.
    assertThat(Cli.run("check", dir).outLines()).endsWith("1 files, 1 valid, 0 invalid, 2 warnings")
        .anyMatch(l -> l.endsWith("[missing-description]")).anyMatch(l -> l.endsWith("[empty-section]"));
    Cli.Run query = Cli.run("query", dir, "--category", "technology", "--format", "ids", "--as-of", "2026-12-01");
    assertThat(query.outLines()).containsExactly("2026/11/solar-ferry-trial-begins");
  }

  @Test
  void publishedAtSetsTheDateAndTheFoldersOfTheId() throws IOException {
    Cli.Run run = run("new", dir, "--title", "Fähre fährt künftig auch nachts – Straße gesperrt",
        "--published-at", "2025-03-04T10:00:00+01:00", "--lang", "de");

    Path file = dir.resolve("2025/03/fahre-fahrt-kunftig-auch-nachts-strasse-gesperrt.md");
    assertThat(run.outLines()).containsExactly(file.toString());
    assertThat(Files.readString(file)).contains("publishedAt: '2025-03-04T09:00:00.000Z'\n");
  }

  @Test
  void aDateAloneIsTheStartOfThatDayInUtc() throws IOException {
    run("new", dir, "--title", "Scheduled Story", "--published-at", "2027-06-01");

    assertThat(Files.readString(dir.resolve("2027/06/scheduled-story.md")))
        .contains("publishedAt: '2027-06-01T00:00:00.000Z'\n");
  }

  @Test
  void aDraftWithoutADateHasNoPublishedAtAndTakesTodayForItsId() throws IOException {
    Cli.Run run = run("new", dir, "--title", "Coach Talks", "--draft");

    Path file = dir.resolve("2026/11/coach-talks.md");
    assertThat(run.outLines()).containsExactly(file.toString());
    assertThat(Files.readString(file)).doesNotContain("publishedAt").contains("draft: true\n");
  }

  @Test
  void usesTheIdGivenAsItIs() {
    Cli.Run run = run("new", dir, "--title", "Anything", "--id", "desk/Ferries");

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).containsExactly(dir.resolve("desk/Ferries.md").toString());
    assertThat(dir.resolve("desk/Ferries.md")).isRegularFile();
  }

  @Test
  void longTitlesAreCutBetweenWords() {
    Cli.Run run = run("new", dir, "--title",
        "Coast Road in Harbourside Closed for Four Weeks While a Water Main Is Replaced");

    assertThat(run.outLines()).containsExactly(
        dir.resolve("2026/11/coast-road-in-harbourside-closed-for-four-weeks-while-a.md").toString());
  }

  @Test
  void refusesToOverwriteAnExistingArticle() throws IOException {
    run("new", dir, "--title", "Ferry Fares Frozen");
    Path file = dir.resolve("2026/11/ferry-fares-frozen.md");
    String before = Files.readString(file);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));

    Cli.Run again = run("new", dir, "--title", "Ferry Fares Frozen", "--category", "LOCAL");

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.out()).isEmpty();
    assertThat(again.err()).isEqualTo("refused: an article with the id '2026/11/ferry-fares-frozen' already exists in "
        + dir + "; choose another --title or --id. Nothing was written.\n");
    assertThat(Files.readString(file)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void refusesAnIdThatAnotherFileHoldsInAnotherCase() throws IOException {
    Path existing = dir.resolve("2026/11/Ferry-Fares.markdown");
    Files.createDirectories(existing.getParent());
    Files.writeString(existing, "---\ntitle: Ferry fares\ndraft: true\n---\n");

    Cli.Run run = run("new", dir, "--title", "Ferry Fares");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("refused: invalid article id '2026/11/ferry-fares': it names the same article as "
        + "'2026/11/Ferry-Fares'").endsWith("Nothing was written.\n");
    assertThat(files()).containsExactly(existing);
  }

  @Test
  void rejectsAnIdThatLeavesTheFolder() throws IOException {
    Files.createDirectories(dir.resolve("content"));

    Cli.Run run = run("new", dir.resolve("content"), "--title", "Escape", "--id", "../outside");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith(
        "Invalid value for option '--id': invalid article id '../outside': it has a '..' segment\n");
    assertThat(files()).isEmpty();
  }

  @Test
  void rejectsAnIdWithAFileExtension() throws IOException {
    Cli.Run run = run("new", dir, "--title", "Ferries", "--id", "2026/11/ferries.md");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Invalid value for option '--id': give the id without the file extension");
    assertThat(files()).isEmpty();
  }

  @Test
  void usageErrorsNameTheOptionAndWriteNothing() throws IOException {
    List<List<String>> cases = List.of(
        List.of("--sticky", "-1", "Invalid value for option '--sticky': must be a whole number >= 0, was -1"),
        List.of("--sentiment", "happy", "Invalid value for option '--sentiment': expected one of [positive, neutral, negative], was 'happy'"),
        List.of("--published-at", "soon", "Invalid value for option '--published-at': expected an ISO-8601 instant"),
        List.of("--title", "!!!", "Invalid value for option '--title': '!!!' has no letters or digits"),
        List.of("--title", "Bell\u0007", "Invalid value for title: title holds the control character U+0007"),
        List.of("--title", "  ", "Invalid value for option '--title': must not be blank"));
    for (List<String> c : cases) {
      List<Object> args = new ArrayList<>(List.of("new", dir));
      if (!c.get(0).equals("--title")) {
        args.addAll(List.of("--title", "A Title"));
      }
      args.addAll(c.subList(0, 2));
      Cli.Run run = run(args.toArray());

      assertThat(run.exitCode()).as(c.toString()).isEqualTo(2);
      assertThat(run.err()).as(c.toString()).startsWith(c.get(2));
      assertThat(run.err()).as(c.toString()).contains("Try 'broadsheet new --help' for more information.");
    }
    assertThat(files()).isEmpty();
  }

  @Test
  void requiresATitleAndAnExistingFolder() {
    Cli.Run noTitle = run("new", dir);
    Cli.Run noFolder = run("new", dir.resolve("missing"), "--title", "Ferries");

    assertThat(noTitle.exitCode()).isEqualTo(2);
    assertThat(noTitle.err()).startsWith("Missing required option: '--title=TEXT'");
    assertThat(noFolder.exitCode()).isEqualTo(2);
    assertThat(noFolder.err()).startsWith("Invalid value for DIR: no such folder: " + dir.resolve("missing"));
    assertThat(dir.resolve("missing")).doesNotExist();
  }

  @Test
  void helpShowsAnExample() {
    Cli.Run run = Cli.run("new", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: broadsheet new ")
        .contains("Example:\n  broadsheet new content --title \"Harbour Ferries to Run Through the Night\"");
  }

  @Test
  void defaultClockIsTheSystemClock() {
    Instant before = Instant.now();
    Cli.Run run = Cli.run("new", dir, "--title", "Now");
    Instant after = Instant.now();

    Path file = Path.of(run.outLines().get(0));
    ArticleResult read = readArticle(file);
    assertThat(read.article().publishedAt())
        .isBetween(before.truncatedTo(ChronoUnit.SECONDS), after);
  }

  private ArticleResult readArticle(Path file) {
    try {
      String relative = dir.relativize(file).toString();
      ArticleResult read = ArticleCodec.builder().build()
          .read(relative.substring(0, relative.length() - 3), relative, Files.readAllBytes(file));
      Article article = read.article();
      assertThat(article).as(read.problems().toString()).isNotNull();
      return read;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
