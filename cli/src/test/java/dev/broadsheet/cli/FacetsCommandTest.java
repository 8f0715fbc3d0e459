package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.broadsheet.Facets;
import dev.broadsheet.Sentiment;
import dev.broadsheet.json.BroadsheetModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FacetsCommandTest {
  @TempDir Path dir;
  private ContentFixture content;

  @BeforeEach
  void writeContent() throws IOException {
    content = ContentFixture.newsroom(dir);
  }

  private Cli.Run facets(String... options) {
    List<Object> args = new ArrayList<>(List.of("facets", dir));
    if (!List.of(options).contains("--as-of")) {
      args.addAll(List.of("--as-of", ContentFixture.AS_OF));
    }
    args.addAll(List.of(options));
    return Cli.run(args.toArray());
  }

  @Test
  void countsEveryFacetOfTheVisibleArticlesMostFrequentFirst() {
    Cli.Run run = facets();

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("""
        total: 5

        categories:
          BUSINESS  2
          LOCAL     2
          SPORTS    1

        tags:
          CITY       2
          ECONOMY    2
          TRANSPORT  2
          FOOTBALL   1
          RATES      1
          TECH       1

        sentiments:
          POSITIVE  2
          NEUTRAL   1
          NEGATIVE  1

        langs:
          en  4
          de  1

        sources:
          gazette  2
          ledger   2
          bote     1
        """);
  }

  @Test
  void countsOnlyArticlesMatchingTheFilters() {
    Cli.Run run = facets("--category", "LOCAL", "--expired", "include");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("""
        total: 3

        categories:
          LOCAL  3

        tags:
          CITY       2
          TRANSPORT  2

        sentiments:
          POSITIVE  1

        langs:
          en  3

        sources:
          gazette  3
        """);
  }

  @Test
  void topTagsLimitsTheTagSectionOnly() {
    Cli.Run run = facets("--top-tags", "2");

    assertThat(run.out()).contains("""
        tags:
          CITY     2
          ECONOMY  2

        sentiments:
        """);
    assertThat(run.out()).startsWith("total: 5\n");
  }

  @Test
  void emptySectionsSayNone() {
    Cli.Run run = facets("--lang", "fr");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("""
        total: 0

        categories:
          (none)

        tags:
          (none)

        sentiments:
          (none)

        langs:
          (none)

        sources:
          (none)
        """);
  }

  @Test
  void invalidFileIsReportedOnStandardErrorAndNotCounted() throws IOException {
    Path bad = content.write("2026/02/broken.md", """
        ---
        title: Ferry timetable changes
        publishedAt: 2026-02-21T08:00:00Z
        stickyWeight: -1
        category: LOCAL
        ---
        """);

    Cli.Run run = facets();

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEqualTo(bad + ":4:15: error: stickyWeight must be a whole number >= 0, was '-1'\n");
    assertThat(run.out()).startsWith("total: 5\n").contains("  LOCAL     2\n");
  }

  /** Each facet of a JSON answer as {@code value=count} strings, in order. */
  private static List<String> counts(JsonNode facets, String facet) {
    List<String> out = new ArrayList<>();
    facets.get(facet).forEach(c -> {
      assertThat(c.properties()).extracting(Map.Entry::getKey).containsExactly("value", "count");
      out.add(c.get("value").textValue() + "=" + c.get("count").intValue());
    });
    return out;
  }

  @Test
  void jsonFormatPrintsEveryFacetAsValueCountPairsMostFrequentFirst() throws IOException {
    Cli.Run run = facets("--format", "json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode facets = new ObjectMapper().readTree(run.out());
    assertThat(facets.properties()).extracting(Map.Entry::getKey)
        .containsExactly("total", "categories", "tags", "sentiments", "langs", "sources");
    assertThat(facets.get("total").intValue()).isEqualTo(5);
    assertThat(counts(facets, "categories")).containsExactly("BUSINESS=2", "LOCAL=2", "SPORTS=1");
    assertThat(counts(facets, "tags"))
        .containsExactly("CITY=2", "ECONOMY=2", "TRANSPORT=2", "FOOTBALL=1", "RATES=1", "TECH=1");
    assertThat(counts(facets, "sentiments")).containsExactly("POSITIVE=2", "NEUTRAL=1", "NEGATIVE=1");
    assertThat(counts(facets, "langs")).containsExactly("en=4", "de=1");
    assertThat(counts(facets, "sources")).containsExactly("gazette=2", "ledger=2", "bote=1");
  }

  @Test
  void jsonFormatReadsBackAsFacets() throws IOException {
    Cli.Run run = facets("--format", "json", "--top-tags", "1", "--category", "LOCAL");

    Facets facets = new ObjectMapper().registerModule(new BroadsheetModule()).readValue(run.out(), Facets.class);

    assertThat(facets.total()).isEqualTo(2);
    assertThat(facets.tags()).containsExactly(Map.entry("TRANSPORT", 2));
    assertThat(facets.sentiments()).containsExactly(Map.entry(Sentiment.POSITIVE, 1));
  }

  @Test
  void jsonOfNoMatchesHasEmptyArrays() {
    Cli.Run run = facets("--lang", "fr", "--format", "json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("""
        {
          "total": 0,
          "categories": [],
          "tags": [],
          "sentiments": [],
          "langs": [],
          "sources": []
        }
        """);
  }

  @Test
  void idsFormatIsNotApplicable() {
    Cli.Run run = facets("--format", "ids");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(
        "Invalid value for option '--format': facets print a table or json; ids is not applicable");
  }

  @Test
  void badFilterValueExitsTwoNamingTheOption() {
    Cli.Run run = facets("--sentiment", "cheerful");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("Invalid value for option '--sentiment'")
        .contains("was 'cheerful'")
        .contains("Try 'broadsheet facets --help' for more information.")
        .doesNotContain("Exception");
  }

  @Test
  void negativeTopTagsExitsTwo() {
    Cli.Run run = facets("--top-tags", "-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Invalid value for option '--top-tags': must be a whole number from 0 to 1000, was -1");
  }

  @Test
  void pagingOptionsAreNotFacetOptions() {
    Cli.Run run = facets("--limit", "5");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Unknown options: '--limit', '5'");
  }
}
