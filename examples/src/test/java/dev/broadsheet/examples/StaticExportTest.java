package dev.broadsheet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.broadsheet.Article;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticExportTest {
  @TempDir Path dir;

  @Test
  void exportsEveryVisibleArticleAndTheFeeds() throws Exception {
    Path out = dir.resolve("api");
    List<String> printed = Output.of(StaticExport::main, SampleFiles.FOLDER.toString(), out.toString());

    List<Article> visible = SampleFiles.read(SampleFiles.FOLDER).stream()
        .filter(a -> SampleFiles.visible(a, Instant.now())).toList();
    long articleFiles;
    try (Stream<Path> files = Files.walk(out.resolve("articles"))) {
      articleFiles = files.filter(Files::isRegularFile).count();
    }
    long allFiles;
    try (Stream<Path> files = Files.walk(out)) {
      allFiles = files.filter(Files::isRegularFile).count();
    }
    assertThat(articleFiles).isEqualTo(visible.size());
    assertThat(printed.get(0)).isEqualTo(
        "Exported " + visible.size() + " articles in " + allFiles + " files to " + out);
    for (Article a : visible) {
      JsonNode json = new ObjectMapper().readTree(out.resolve("articles/" + a.id() + ".json").toFile());
      assertThat(json.get("title").asText()).isEqualTo(a.title());
    }
    JsonNode front = new ObjectMapper().readTree(out.resolve("feed/page-1.json").toFile());
    assertThat(front.get("total").asInt()).isEqualTo(visible.size());
    assertThat(front.get("items")).hasSize(10);
    int top = visible.stream().mapToInt(Article::stickyWeight).max().orElseThrow();
    assertThat(front.get("items").get(0).get("stickyWeight").asInt()).isEqualTo(top);

    byte[] index = Files.readAllBytes(out.resolve("index.json"));
    Output.of(StaticExport::main, SampleFiles.FOLDER.toString(), out.toString());
    assertThat(Files.readAllBytes(out.resolve("index.json"))).isEqualTo(index);
  }
}
