package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example in README.md is compiled here: the method between the markers below must
 * be the README's snippet, whitespace aside, and it must do what the README says.
 */
class ReadmeExampleTest {
  @TempDir Path content;

  // README example begins
  void pinArticle(Path content) throws IOException {
    ArticleCodec codec = ArticleCodec.builder().build(); // immutable: build once, share
    Path file = content.resolve("2026/01/harbour-ferry.md");
    ArticleResult read = codec.read("2026/01/harbour-ferry", file.toString(), Files.readAllBytes(file));
    if (!read.isValid()) {
      read.problems().forEach(System.err::println); // content/2026/01/harbour-ferry.md:4:8: error: ...
      return;
    }
    Article pinned = read.article().withStickyWeight(5);
    byte[] updated = codec.update(read.document(), pinned); // only "stickyWeight: 0" became "stickyWeight: 5"
    Files.write(file, updated);
  }
  // README example ends

  @Test
  void readmeShowsTheCodeCompiledHere() throws IOException {
    Path root = RepositoryFiles.root();
    String readme = Files.readString(root.resolve("README.md"));
    Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    List<String> blocks = new ArrayList<>();
    while (block.find()) {
      blocks.add(block.group(1));
    }
    String source = Files.readString(root.resolve(
        "cli/src/test/java/dev/broadsheet/cli/ReadmeExampleTest.java"));
    String compiled = source.substring(
        source.indexOf("// README example begins") + "// README example begins".length(),
        source.indexOf("  // README example ends"));

    assertThat(blocks).hasSize(1);
    assertThat(normalized(blocks.get(0))).isEqualTo(normalized(compiled));
  }

  @Test
  void readmeExampleChangesOnlyTheStickyWeightLine() throws IOException {
    Path file = content.resolve("2026/01/harbour-ferry.md");
    Files.createDirectories(file.getParent());
    String original = """
        ---
        title: Harbour Ferries to Run Through the Night
        publishedAt: '2026-01-12T07:30:00.000Z'
        # editors: do not reorder
        tags: [TRANSPORT, CITY]
        stickyWeight: 0
        draft: false
        ---
        ## Overview

        Night owls will no longer need a taxi.
        """;
    Files.writeString(file, original);

    pinArticle(content);

    assertThat(Files.readString(file)).isEqualTo(original.replace("stickyWeight: 0", "stickyWeight: 5"));
  }

  private static String normalized(String code) {
    return code.strip().replaceAll("\\s+", " ");
  }
}
