package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCommandTest {
  @TempDir Path dir;

  @BeforeEach
  void writeContent() throws IOException {
    ContentFixture.newsroom(dir);
  }

  @Test
  void queryTextListsBestFirstWithAScoreColumn() {
    Cli.Run run = Cli.run("query", dir, "--as-of", ContentFixture.AS_OF, "--text", "ferry fares");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.outLines();
    assertThat(lines.get(0)).startsWith("score").contains("id").contains("title");
    assertThat(lines.get(1)).contains("2026/02/ferry-fares");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("total: 1, shown: 1");
  }

  @Test
  void textCombinesWithFiltersAndKeepsIndexInTheStateFolder() {
    assertThat(Cli.run("query", dir, "--as-of", ContentFixture.AS_OF, "--text", "ferry", "--format", "ids").outLines())
        .containsExactly("2026/02/ferry-fares", "2026/01/ferry-night"); // "ferry" as written, then "ferries"
    assertThat(Cli.run("query", dir, "--as-of", ContentFixture.AS_OF, "--text", "ferry", "--sort", "newest",
        "--format", "ids").outLines()).containsExactly("2026/02/ferry-fares", "2026/01/ferry-night");
    assertThat(Cli.run("query", dir, "--as-of", ContentFixture.AS_OF, "--text", "ferry", "--sticky",
        "--format", "ids").outLines()).containsExactly("2026/01/ferry-night");
    assertThat(dir.resolve(".broadsheet/search")).isDirectory();
  }

  @Test
  void searchIsTheShortFormWithSnippetsInJson() throws IOException {
    Cli.Run run = Cli.run("search", dir, "Stadion", "--as-of", ContentFixture.AS_OF, "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode page = new ObjectMapper().readTree(run.out());
    assertThat(page.get("total").asInt()).isEqualTo(1);
    JsonNode item = page.get("items").get(0);
    assertThat(item.get("id").asText()).isEqualTo("2026/02/stadium");
    assertThat(item.get("score").floatValue()).isPositive();
    assertThat(item.has("snippet")).isTrue();
  }

  @Test
  void refusesTextOverTheLimitsAsAUsageError() {
    Cli.Run run = Cli.run("search", dir, "x".repeat(2000));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Invalid value for option '--text': must be at most 1000 characters, was 2000");
  }

  @Test
  void aChildProcessSearchesAndTheNextReusesTheIndex() throws Exception {
    ChildBroadsheet.Result first = ChildBroadsheet.run(dir, "search", dir.toString(), "ferry", "--as-of",
        ContentFixture.AS_OF, "--format", "ids");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out().lines().toList()).containsExactly("2026/02/ferry-fares", "2026/01/ferry-night");
    long files;
    try (var s = Files.list(dir.resolve(".broadsheet/search"))) {
      files = s.count();
    }
    assertThat(files).isPositive();
    ChildBroadsheet.Result second = ChildBroadsheet.run(dir, "query", dir.toString(), "--text", "\"night ferries\"",
        "--as-of", ContentFixture.AS_OF, "--format", "ids");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out().lines().toList()).containsExactly("2026/01/ferry-night");
  }
}
