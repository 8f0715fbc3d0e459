package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-shot commands leave the metadata snapshot behind when they exit, so that the next command
 * reads no file that has not changed. Shown from outside: files are changed in place keeping
 * their size, time and identity, which a command trusting the snapshot cannot see.
 */
class CommandSnapshotTest {
  private static final int FILES = 40;

  @TempDir Path dir;

  private List<Path> files;

  private void content() throws Exception {
    files = new ArrayList<>();
    FileTime anHourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
    for (int i = 0; i < FILES; i++) {
      Path f = dir.resolve("content/2026/" + String.format("a%03d.md", i));
      Files.createDirectories(f.getParent());
      Files.writeString(f, """
          ---
          title: Article %d
          publishedAt: '2026-01-02T08:00:00.000Z'
          category: AAAA
          ---
          Body.
          """.formatted(i), StandardCharsets.UTF_8);
      Files.setLastModifiedTime(f, anHourAgo); // well before the racy window of the first read
      files.add(f);
    }
  }

  /** The count of each category, as {@code facets --format json} prints it, by a child process. */
  private java.util.Map<String, Integer> categories() throws Exception {
    ChildBroadsheet.Result r = ChildBroadsheet.run(dir, "facets", "content", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    for (JsonNode c : JsonMapper.builder().build().readTree(r.out()).get("categories")) {
      counts.put(c.get("value").asText(), c.get("count").asInt());
    }
    return counts;
  }

  /** Changes each file's category in place, keeping its size, modification time and identity. */
  private void changeBehindTheStoresBack() throws Exception {
    for (Path f : files) {
      FileTime time = Files.getLastModifiedTime(f);
      String text = Files.readString(f).replace("category: AAAA", "category: BBBB");
      Files.write(f, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.TRUNCATE_EXISTING);
      Files.setLastModifiedTime(f, time);
    }
  }

  @Test
  void aSecondCommandReadsNoFileTheFirstLeftUnchanged() throws Exception {
    content();
    assertThat(categories()).containsExactly(java.util.Map.entry("AAAA", FILES));
    assertThat(dir.resolve("content/.broadsheet/metadata.snapshot")).as("left by the first command").isRegularFile();

    changeBehindTheStoresBack();

    assertThat(categories()).as("what the snapshot holds: the second command read none of the files")
        .containsExactly(java.util.Map.entry("AAAA", FILES));
    Files.delete(dir.resolve("content/.broadsheet/metadata.snapshot"));
    assertThat(categories()).as("without the snapshot every file is read again")
        .containsExactly(java.util.Map.entry("BBBB", FILES));
  }

  /** The index file's identity and time: a rewrite renames a new file into place. */
  private static String identity(Path file) throws Exception {
    java.nio.file.attribute.BasicFileAttributes a =
        Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
    return a.fileKey() + " " + a.lastModifiedTime().toInstant() + " " + a.size();
  }

  @Test
  void theIndexKeptBetweenCommandsFollowsEveryChangeMadeMeanwhile() throws Exception {
    content();
    Path index = dir.resolve("content/.broadsheet/index");
    assertThat(categories()).containsExactly(java.util.Map.entry("AAAA", FILES));
    assertThat(index).as("kept by the first command").isRegularFile();
    String kept = identity(index);

    assertThat(categories()).containsExactly(java.util.Map.entry("AAAA", FILES));
    assertThat(identity(index)).as("read, not written, when nothing changed").isEqualTo(kept);

    // An ordinary edit, a new file and a deleted one, as an editor or a copy makes them.
    Files.writeString(files.get(5), Files.readString(files.get(5)).replace("category: AAAA", "category: CCCCC"));
    Path added = dir.resolve("content/2026/added.md");
    Files.writeString(added,
        "---\ntitle: Added\npublishedAt: '2026-01-03T08:00:00.000Z'\ncategory: DDDD\n---\nBody.\n");
    Files.delete(files.get(7));
    assertThat(categories()).as("the index of the articles as they are now")
        .containsExactly(java.util.Map.entry("AAAA", FILES - 2), java.util.Map.entry("CCCCC", 1),
            java.util.Map.entry("DDDD", 1));
    assertThat(identity(index)).as("built and written anew").isNotEqualTo(kept);
    ChildBroadsheet.Result listed =
        ChildBroadsheet.run(dir, "query", "content", "--category", "dddd", "--format", "ids");
    assertThat(listed.out().lines().toList()).containsExactly("2026/added");

    Files.writeString(index, "not an index");
    assertThat(categories()).as("a damaged index is not used")
        .containsExactly(java.util.Map.entry("AAAA", FILES - 2), java.util.Map.entry("CCCCC", 1),
            java.util.Map.entry("DDDD", 1));
    assertThat(Files.size(index)).as("and replaced").isGreaterThan(100);
  }
}
