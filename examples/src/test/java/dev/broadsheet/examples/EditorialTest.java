package dev.broadsheet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditorialTest {

  @Test
  void createsUpdatesHitsAConflictResolvesItAndDeletesInThatOrder() throws Exception {
    List<String> lines = Output.of(Editorial::main, SampleFiles.FOLDER.toString());

    List<Integer> at = new ArrayList<>();
    for (String start : List.of("event: CREATED ", "created ", "event: UPDATED ", "updated ", "conflict: ",
        "event: UPDATED ", "resolved: ", "event: DELETED ", "deleted ")) {
      int from = at.isEmpty() ? 0 : at.get(at.size() - 1) + 1;
      int found = indexOf(lines, start, from);
      assertThat(found).as("a line starting '%s' after line %d of %s", start, from, lines).isNotNegative();
      at.add(found);
    }
    assertThat(lines.get(0)).isEqualTo("working on a copy of " + SampleContent.COUNT + " sample articles");
    assertThat(lines.get(at.get(8))).endsWith(": true, file left: false");
  }

  @Test
  void conflictNamesTheStaleAndTheStoredRevision() throws Exception {
    List<String> lines = Output.of(Editorial::main, SampleFiles.FOLDER.toString());

    String created = lastWord(lines.get(indexOf(lines, "created ", 0)));
    String updated = lastWord(lines.get(indexOf(lines, "updated ", 0)));
    assertThat(created).isNotEqualTo(updated).matches("[0-9a-f]{32}");
    assertThat(lines.get(indexOf(lines, "conflict: ", 0)))
        .contains("expected revision " + created)
        .contains("the stored revision is " + updated);
    assertThat(lines.get(indexOf(lines, "resolved: ", 0))).contains("over revision " + updated).endsWith("stickyWeight still 2");
    assertThat(lines).contains("  title: Harbourside Library Extends Thursday Opening Hours");
  }

  @Test
  void printsTheSameOnEveryRunAndLeavesTheSampleFolderAlone() throws Exception {
    List<Path> before = SampleFiles.files(SampleFiles.FOLDER);
    List<byte[]> bytes = new ArrayList<>();
    for (Path p : before) {
      bytes.add(Files.readAllBytes(p));
    }

    List<String> first = Output.of(Editorial::main, SampleFiles.FOLDER.toString());
    List<String> second = Output.of(Editorial::main, SampleFiles.FOLDER.toString());

    assertThat(second).isEqualTo(first);
    assertThat(SampleFiles.files(SampleFiles.FOLDER)).isEqualTo(before);
    for (int i = 0; i < before.size(); i++) {
      assertThat(Files.readAllBytes(before.get(i))).as(before.get(i).toString()).isEqualTo(bytes.get(i));
    }
  }

  private static int indexOf(List<String> lines, String start, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return i;
      }
    }
    return -1;
  }

  private static String lastWord(String line) {
    return line.substring(line.lastIndexOf(' ') + 1);
  }
}
