package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.broadsheet.Article;
import dev.broadsheet.Page;
import dev.broadsheet.json.BroadsheetModule;
import dev.broadsheet.markdown.ArticleCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueryCommandTest {
  @TempDir Path dir;
  private ContentFixture content;

  private static final String BANK = "2026/01/bank-rates";
  private static final String NIGHT = "2026/01/ferry-night";
  private static final String CHIP = "2026/02/chip-plant";
  private static final String STADIUM = "2026/02/stadium";
  private static final String FARES = "2026/02/ferry-fares";
  private static final String DRAFT = "drafts/budget";
  private static final String LAUNCH = "2026/03/chip-launch";
  private static final String OFFER = "2026/01/winter-offer";

  @BeforeEach
  void writeContent() throws IOException {
    content = ContentFixture.newsroom(dir);
  }

  /** Runs query on the newsroom with {@code options}, as of its fixed moment unless they give another. */
  private Cli.Run query(String... options) {
    List<Object> args = new ArrayList<>(List.of("query", dir));
    if (!List.of(options).contains("--as-of")) {
      args.addAll(List.of("--as-of", ContentFixture.AS_OF));
    }
    args.addAll(List.of(options));
    return Cli.run(args.toArray());
  }

  private List<String> ids(String... options) {
    List<String> all = new ArrayList<>(List.of(options));
    all.addAll(List.of("--format", "ids"));
    Cli.Run run = query(all.toArray(String[]::new));
    assertThat(run.err().lines()).allMatch(l -> l.startsWith("next cursor: "));
    assertThat(run.exitCode()).isZero();
    return run.outLines();
  }

  static Stream<Arguments> filters() {
    return Stream.of(
        Arguments.of(List.of(), List.of(BANK, NIGHT, CHIP, STADIUM, FARES)),
        Arguments.of(List.of("--category", "BUSINESS"), List.of(BANK, CHIP)),
        Arguments.of(List.of("--category", "business"), List.of(BANK, CHIP)),
        Arguments.of(List.of("--tag", "CITY"), List.of(NIGHT, STADIUM)),
        Arguments.of(List.of("--any-tag", "TECH"), List.of(CHIP)),
        Arguments.of(List.of("--exclude-tag", "CITY"), List.of(BANK, CHIP, FARES)),
        Arguments.of(List.of("--sentiment", "positive"), List.of(NIGHT, STADIUM)),
        Arguments.of(List.of("--sticky"), List.of(NIGHT, CHIP)),
        Arguments.of(List.of("--min-sticky", "2"), List.of(NIGHT)),
        Arguments.of(List.of("--from", "2026-02-01"), List.of(CHIP, STADIUM, FARES)),
        Arguments.of(List.of("--to", "2026-02-01"), List.of(BANK, NIGHT)),
        Arguments.of(List.of("--from", "2026-01-12T07:30:00Z", "--to", "2026-02-15T18:00:00Z"), List.of(NIGHT, CHIP)),
        Arguments.of(List.of("--from", "2026-01-12T08:30:00+01:00"), List.of(NIGHT, CHIP, STADIUM, FARES)),
        Arguments.of(List.of("--lang", "de"), List.of(STADIUM)),
        Arguments.of(List.of("--source", "ledger"), List.of(BANK, CHIP)),
        Arguments.of(List.of("--category", "LOCAL", "--sentiment", "positive"), List.of(NIGHT)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  void eachFilterSelectsItsArticles(List<String> options, List<String> expected) {
    assertThat(ids(options.toArray(String[]::new))).containsExactlyInAnyOrderElementsOf(expected);
  }

  static Stream<Arguments> repeatedOptions() {
    return Stream.of(
        Arguments.of(List.of("--category", "BUSINESS", "--category", "SPORTS"), List.of(BANK, CHIP, STADIUM)),
        Arguments.of(List.of("--any-tag", "TECH", "--any-tag", "FOOTBALL"), List.of(CHIP, STADIUM)),
        Arguments.of(List.of("--exclude-tag", "CITY", "--exclude-tag", "ECONOMY"), List.of(FARES)),
        Arguments.of(List.of("--sentiment", "positive", "--sentiment", "NEGATIVE"), List.of(NIGHT, CHIP, STADIUM)),
        Arguments.of(List.of("--lang", "en", "--lang", "de"), List.of(BANK, NIGHT, CHIP, STADIUM, FARES)),
        Arguments.of(List.of("--source", "gazette", "--source", "bote"), List.of(NIGHT, STADIUM, FARES)),
        // --tag alone means all of its values
        Arguments.of(List.of("--tag", "CITY", "--tag", "TRANSPORT"), List.of(NIGHT)),
        Arguments.of(List.of("--tag", "CITY", "--tag", "ECONOMY"), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repeatedOptions")
  void repeatedOptionMeansAnyOfItsValuesExceptTagWhichMeansAll(List<String> options, List<String> expected) {
    assertThat(ids(options.toArray(String[]::new))).containsExactlyInAnyOrderElementsOf(expected);
  }

  static Stream<Arguments> visibility() {
    List<String> visible = List.of(BANK, NIGHT, CHIP, STADIUM, FARES);
    return Stream.of(
        Arguments.of(List.of("--drafts", "include"), concat(visible, DRAFT)),
        Arguments.of(List.of("--drafts", "only"), List.of(DRAFT)),
        Arguments.of(List.of("--drafts", "EXCLUDE"), visible),
        Arguments.of(List.of("--scheduled", "include"), concat(visible, LAUNCH)),
        Arguments.of(List.of("--scheduled", "only"), List.of(LAUNCH)),
        Arguments.of(List.of("--expired", "include"), concat(visible, OFFER)),
        Arguments.of(List.of("--expired", "only"), List.of(OFFER)),
        // later, the scheduled article is simply published
        Arguments.of(List.of("--as-of", "2026-03-15T00:00:00Z"), concat(visible, LAUNCH)),
        // earlier, the later articles are scheduled and the offer has not expired yet
        Arguments.of(List.of("--as-of", "2026-01-20"), List.of(BANK, NIGHT, OFFER)),
        Arguments.of(List.of("--as-of", "2026-01-20", "--scheduled", "only"), List.of(CHIP, STADIUM, FARES, LAUNCH)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("visibility")
  void draftsScheduledAndExpiredAreShownOnlyWhenAskedFor(List<String> options, List<String> expected) {
    assertThat(ids(options.toArray(String[]::new))).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static List<String> concat(List<String> list, String extra) {
    List<String> all = new ArrayList<>(list);
    all.add(extra);
    return all;
  }

  @Test
  void sortsStickyFirstByDefaultThenNewest() {
    assertThat(ids()).containsExactly(NIGHT, CHIP, FARES, STADIUM, BANK);
    assertThat(ids("--sort", "sticky")).containsExactly(NIGHT, CHIP, FARES, STADIUM, BANK);
  }

  @Test
  void sortsNewestAndOldestByPublishedAt() {
    assertThat(ids("--sort", "newest")).containsExactly(FARES, STADIUM, CHIP, NIGHT, BANK);
    assertThat(ids("--sort", "oldest")).containsExactly(BANK, NIGHT, CHIP, STADIUM, FARES);
  }

  @Test
  void breaksTiesInPublishedAtById() throws IOException {
    content.write(ContentFixture.article("2026/02/zz-same-moment", "2026-02-20T12:00:00Z"));
    content.write(ContentFixture.article("2026/02/aa-same-moment", "2026-02-20T12:00:00Z"));

    assertThat(ids("--sort", "newest").subList(0, 3))
        .containsExactly("2026/02/aa-same-moment", FARES, "2026/02/zz-same-moment");
  }

  @Test
  void idsFormatPrintsExactlyTheIdsOneALine() {
    Cli.Run run = query("--sort", "oldest", "--category", "LOCAL", "--format", "ids");

    assertThat(run.out()).isEqualTo(NIGHT + "\n" + FARES + "\n");
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void idsFormatOfNoMatchesPrintsNothing() {
    Cli.Run run = query("--category", "WEATHER", "--format", "ids");

    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void tablePrintsAlignedColumnsAndTheTotal() {
    Cli.Run run = query("--sort", "newest", "--sentiment", "positive", "--sentiment", "neutral");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("""
        id                   publishedAt           category  sentiment  sticky  title
        2026/02/stadium      2026-02-15T18:00:00Z  SPORTS    POSITIVE   0       Vereinsmitglieder stimmen für den Ausbau des Stadions an ...
        2026/01/ferry-night  2026-01-12T07:30:00Z  LOCAL     POSITIVE   3       Night ferries start in March
        2026/01/bank-rates   2026-01-10T09:00:00Z  BUSINESS  NEUTRAL    0       Central bank keeps its main rate where it was
        total: 3, shown: 3
        """);
  }

  @Test
  void tableShowsDashesForMissingValues() {
    Cli.Run run = query("--drafts", "only");

    assertThat(run.outLines()).containsExactly(
        "id             publishedAt  category  sentiment  sticky  title",
        "drafts/budget  -            BUSINESS  -          0       Draft drafts/budget",
        "total: 1, shown: 1");
  }

  @Test
  void tableOfNoMatchesPrintsHeaderAndZeroTotal() {
    Cli.Run run = query("--lang", "fr");

    assertThat(run.outLines()).containsExactly(
        "id  publishedAt  category  sentiment  sticky  title",
        "total: 0, shown: 0");
    assertThat(run.exitCode()).isZero();
  }

  private static final Pattern NEXT = Pattern.compile("next cursor: (\\S+)");

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonNode json(String... options) throws IOException {
    List<String> all = new ArrayList<>(List.of(options));
    all.addAll(List.of("--format", "json"));
    Cli.Run run = query(all.toArray(String[]::new));
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    return JSON.readTree(run.out());
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(item -> ids.add(item.get("id").textValue()));
    return ids;
  }

  @Test
  void jsonFormatPrintsOnePageObjectWithItemsTotalAndNextCursor() throws IOException {
    JsonNode page = json("--sort", "newest");

    assertThat(page.properties()).extracting(Map.Entry::getKey).containsExactly("items", "total", "nextCursor");
    assertThat(ids(page)).containsExactly(FARES, STADIUM, CHIP, NIGHT, BANK);
    assertThat(page.get("total").intValue()).isEqualTo(5);
    assertThat(page.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void jsonItemsHoldTheFrontmatterFieldsButNoBody() throws IOException {
    JsonNode night = json("--category", "LOCAL", "--sentiment", "positive").get("items").get(0);

    assertThat(night.get("id").textValue()).isEqualTo(NIGHT);
    assertThat(night.get("title").textValue()).isEqualTo("Night ferries start in March");
    assertThat(night.get("publishedAt").textValue()).isEqualTo("2026-01-12T07:30:00Z");
    assertThat(night.get("stickyWeight").intValue()).isEqualTo(3);
    assertThat(night.get("sentiment").textValue()).isEqualTo("POSITIVE");
    assertThat(night.get("source").toString()).isEqualTo("{\"key\":\"gazette\"}");
    assertThat(night.has("body")).isFalse();
  }

  @Test
  void jsonItemsReadBackAsTheArticlesOfTheFilesWithoutTheirBodies() throws IOException {
    ObjectMapper mapper = new ObjectMapper().registerModule(new BroadsheetModule());
    Cli.Run run = query("--format", "json", "--drafts", "include");

    Page<Article> page = mapper.readValue(run.out(), new TypeReference<Page<Article>>() {});

    ArticleCodec codec = ArticleCodec.builder().build();
    assertThat(page.items()).hasSize(6).allSatisfy(item -> {
      byte[] file = Files.readAllBytes(dir.resolve(item.id() + ".md"));
      assertThat(item).isEqualTo(codec.read(item.id(), item.id(), file).article().withBody(""));
    });
  }

  @Test
  void jsonNextCursorContinuesThePage() throws IOException {
    JsonNode first = json("--limit", "3");
    assertThat(ids(first)).containsExactly(NIGHT, CHIP, FARES);
    assertThat(first.get("total").intValue()).isEqualTo(5);
    String cursor = first.get("nextCursor").textValue();
    assertThat(cursor).isNotBlank();

    JsonNode second = json("--limit", "3", "--cursor", cursor);

    assertThat(ids(second)).containsExactly(STADIUM, BANK);
    assertThat(second.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void jsonOfNoMatchesIsAnEmptyPage() {
    Cli.Run run = query("--lang", "fr", "--format", "json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("""
        {
          "items": [],
          "total": 0,
          "nextCursor": null
        }
        """);
  }

  @Test
  void jsonFormatKeepsSkippedFilesOnStandardError() throws IOException {
    Path bad = content.write("2026/02/broken.md", """
        ---
        title: Ferry timetable changes
        publishedAt: 2026-02-21T08:00:00Z
        draft: maybe
        ---
        Body
        """);

    Cli.Run run = query("--category", "LOCAL", "--sort", "oldest", "--format", "json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEqualTo(bad + ":4:8: error: draft must be true or false, was 'maybe'\n");
    assertThat(ids(JSON.readTree(run.out()))).containsExactly(NIGHT, FARES);
  }

  @Test
  void pagesThroughEveryMatchWithTheCursorEachPagePrints() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Cli.Run run = cursor == null
          ? query("--limit", "2", "--sort", "newest")
          : query("--limit", "2", "--sort", "newest", "--cursor", cursor);
      assertThat(run.exitCode()).isZero();
      List<String> lines = run.outLines();
      String footer = lines.get(lines.size() - 1);
      assertThat(footer).startsWith("total: 5, shown: ");
      for (String row : lines.subList(1, lines.size() - 1)) {
        seen.add(row.substring(0, row.indexOf(' ')));
      }
      Matcher m = NEXT.matcher(footer);
      cursor = m.find() ? m.group(1) : null;
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly(FARES, STADIUM, CHIP, NIGHT, BANK);
  }

  @Test
  void idsFormatPutsTheNextCursorOnStandardErrorAndItContinuesThePage() {
    Cli.Run first = query("--limit", "3", "--format", "ids");
    assertThat(first.outLines()).containsExactly(NIGHT, CHIP, FARES);
    Matcher m = NEXT.matcher(first.err());
    assertThat(m.find()).isTrue();
    assertThat(first.err()).isEqualTo("next cursor: " + m.group(1) + "\n");

    Cli.Run second = query("--limit", "3", "--format", "ids", "--cursor", m.group(1));

    assertThat(second.outLines()).containsExactly(STADIUM, BANK);
    assertThat(second.err()).isEmpty();
  }

  @Test
  void lastPagePrintsNoCursor() {
    Cli.Run run = query("--limit", "5");

    assertThat(run.outLines()).last().isEqualTo("total: 5, shown: 5");
  }

  @Test
  void offsetSkipsMatches() {
    assertThat(ids("--sort", "newest", "--offset", "3")).containsExactly(NIGHT, BANK);
    assertThat(ids("--sort", "newest", "--offset", "1", "--limit", "1")).containsExactly(STADIUM);
    assertThat(ids("--offset", "5")).isEmpty();
  }

  @Test
  void invalidFileIsReportedOnStandardErrorWhileTheOthersAreQueried() throws IOException {
    Path bad = content.write("2026/02/broken.md", """
        ---
        title: Ferry timetable changes
        publishedAt: 2026-02-21T08:00:00Z
        draft: maybe
        ---
        Body
        """);
    content.write("2026/02/no-frontmatter.md", "Just some text.\n");

    Cli.Run run = query("--category", "LOCAL", "--sort", "oldest", "--format", "ids");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(NIGHT + "\n" + FARES + "\n");
    assertThat(run.err().lines().toList()).contains(bad + ":4:8: error: draft must be true or false, was 'maybe'");
    assertThat(run.err().lines()).hasSize(2).allMatch(l -> l.matches(".+\\.md:\\d+:\\d+: error: .+"));
    assertThat(run.err()).doesNotContain("Exception");
  }

  @Test
  void twoFilesWithTheSameIdAreBothReportedAsACollisionAndNeitherIsShown() throws IOException {
    content.write("2026/02/ferry-fares.markdown", """
        ---
        title: A second copy under another extension
        publishedAt: 2026-02-22T08:00:00Z
        category: LOCAL
        ---
        """);

    Cli.Run run = query("--category", "LOCAL", "--format", "table");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err().lines().toList()).hasSize(2).allSatisfy(line -> assertThat(line)
        .contains("id collision", dir.resolve("2026/02/ferry-fares.md").toString(),
            dir.resolve("2026/02/ferry-fares.markdown").toString()));
    assertThat(run.out()).doesNotContain("second copy").doesNotContain("Ferry fares stay the same");
  }

  @Test
  void hiddenFilesAndOtherExtensionsAreNotRead() throws IOException {
    content.write(".trash/old.md", "---\ntitle: Old\npublishedAt: 2026-01-01\n---\n");
    content.write("2026/02/photo.jpg", "not an article");

    assertThat(ids()).hasSize(5);
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of(List.of("--sentiment", "happy"), "--sentiment", "must be positive, neutral or negative, was 'happy'"),
        Arguments.of(List.of("--from", "yesterday"), "--from", "was 'yesterday'"),
        Arguments.of(List.of("--to", "2026-13-01"), "--to", "was '2026-13-01'"),
        Arguments.of(List.of("--as-of", "2026-02-01 10:00"), "--as-of", "ISO-8601"),
        Arguments.of(List.of("--from", "2026-02-01", "--to", "2026-01-01"), "--to", "must be after from (2026-02-01T00:00:00Z), was 2026-01-01T00:00:00Z"),
        Arguments.of(List.of("--limit", "1001"), "--limit", "must be a whole number from 1 to 1000, was 1001"),
        Arguments.of(List.of("--limit", "0"), "--limit", "must be a whole number >= 1, was 0"),
        Arguments.of(List.of("--limit", "many"), "--limit", "must be a whole number >= 1, was 'many'"),
        Arguments.of(List.of("--offset", "-1"), "--offset", "must be a whole number >= 0, was -1"),
        Arguments.of(List.of("--min-sticky", "-2"), "--min-sticky", "must be a whole number >= 0, was -2"),
        Arguments.of(List.of("--cursor", "not-a-cursor"), "--cursor", "cursor"),
        Arguments.of(List.of("--cursor", "%%%"), "--cursor", "is not a cursor this library made"),
        Arguments.of(List.of("--drafts", "sometimes"), "--drafts", "must be include, only or exclude, was 'sometimes'"),
        Arguments.of(List.of("--sort", "random"), "--sort", "must be sticky, newest, oldest, relevance, was 'random'"),
        Arguments.of(List.of("--format", "csv"), "--format", "expected one of table, ids, json, was 'csv'"),
        Arguments.of(List.of("--colour"), "--colour", "Unknown option"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOptions")
  void badOptionValueExitsTwoNamingTheOption(List<String> options, String option, String message) {
    Cli.Run run = query(options.toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    String first = run.err().lines().findFirst().orElse("");
    assertThat(first).contains(option).contains(message);
    assertThat(run.err()).contains("Try 'broadsheet query --help' for more information.")
        .doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void cursorOfAnotherSortIsAUsageError() {
    Matcher m = NEXT.matcher(query("--limit", "1", "--sort", "newest").out());
    assertThat(m.find()).isTrue();

    Cli.Run run = query("--limit", "1", "--sort", "oldest", "--cursor", m.group(1));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Invalid value for option '--cursor': was made for sort newest, not oldest");
  }

  @Test
  void missingFolderIsAUsageError() {
    Cli.Run run = Cli.run("query", dir.resolve("nowhere"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("Invalid value for DIR: no such folder: " + dir.resolve("nowhere"));
  }

  @Test
  void fileInsteadOfFolderIsAUsageError() {
    Cli.Run run = Cli.run("query", dir.resolve("2026/02/stadium.md"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Invalid value for DIR: not a folder: ");
  }
}
