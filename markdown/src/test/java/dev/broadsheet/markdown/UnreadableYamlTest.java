package dev.broadsheet.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's table of valid YAML 1.2 that the reader cannot read is checked here, example by
 * example: each, as a key of an otherwise valid article, gives exactly one problem, the one its
 * row shows ('…' in the message standing for any text), whichever way the file is read.
 */
class UnreadableYamlTest {
  private static final String HEADING = "### YAML the reader cannot read";
  private static final ArticleCodec CODEC = ArticleCodec.builder().build();
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

  /** One example as written in the README, with its row's rule and the start of the message. */
  record Row(String example, String rule, String message) {
    @Override
    public String toString() {
      return example;
    }
  }

  static List<Row> rows() throws IOException {
    List<String> lines = Files.readAllLines(readme(), StandardCharsets.UTF_8);
    int heading = lines.indexOf(HEADING);
    assertThat(heading).as("README section %s", HEADING).isNotNegative();
    List<Row> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : lines.subList(heading + 1, lines.size())) {
      if (!line.startsWith("|")) {
        if (inTable) {
          break;
        }
        continue;
      }
      inTable = true;
      String[] cells = line.split(" \\| ");
      if (cells.length < 4 || !cells[1].startsWith("`")) {
        continue; // the header and its rule
      }
      String problem = unquote(cells[2]);
      int colon = problem.indexOf(": ");
      Matcher example = CODE_SPAN.matcher(cells[1]);
      while (example.find()) {
        rows.add(new Row(example.group(1), problem.substring(0, colon), problem.substring(colon + 2)));
      }
    }
    return rows;
  }

  @Test
  void readmeListsTheCases() throws IOException {
    assertThat(rows()).hasSizeGreaterThanOrEqualTo(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void givesTheProblemTheReadmeShows(Row row) {
    String yaml = row.example().replace("⇥", "\t").replace("↵", "\n");
    byte[] file = ("---\ntitle: Night crossings\npublishedAt: 2026-03-02\n" + yaml + "\n---\nBody\n")
        .getBytes(StandardCharsets.UTF_8);

    ArticleResult whole = CODEC.read("2026/03/night", "night.md", file);
    ArticleResult head = CODEC.readFrontmatter("2026/03/night", "night.md", file);

    assertThat(whole.article()).isNull();
    assertThat(whole.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo(row.rule());
      assertThat(p.message()).matches(pattern(row.message()));
      assertThat(p.line()).as("line of %s", p).isBetween(4, 5);
    });
    assertThat(head.problems()).extracting(Problem::message).isEqualTo(
        whole.problems().stream().map(Problem::message).toList());
  }

  /** The documented message as a pattern for the start of the real one: '…' is any text. */
  private static Pattern pattern(String documented) {
    String[] parts = documented.split("…", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      regex.append(i == 0 ? "" : ".*?").append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.append(".*").toString(), Pattern.DOTALL);
  }

  private static String unquote(String cell) {
    String c = cell.strip();
    assertThat(c).as("a code span").startsWith("`").endsWith("`");
    return c.substring(1, c.length() - 1);
  }

  private static Path readme() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("README.md");
      if (Files.isRegularFile(candidate) && Files.isDirectory(dir.resolve("markdown"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
  }
}
