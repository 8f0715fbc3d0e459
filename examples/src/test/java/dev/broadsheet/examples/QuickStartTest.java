package dev.broadsheet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickStartTest {

  @Test
  void printsTheTenArticlesOfTheHomeFeedPinnedFirst() throws Exception {
    List<String> lines = Output.of(QuickStart::main, SampleFiles.FOLDER.toString());

    List<Article> visible = SampleFiles.read(SampleFiles.FOLDER).stream()
        .filter(a -> SampleFiles.visible(a, Instant.now()))
        .sorted(SampleFiles.STICKY_FIRST)
        .toList();
    List<String> expected = visible.stream().limit(10)
        .map(a -> a.id() + " | " + a.title() + " | " + a.category() + " | sticky " + a.stickyWeight())
        .toList();
    assertThat(lines.get(0)).isEqualTo("Home feed: 10 of " + visible.size() + " articles, pinned first");
    assertThat(lines.subList(1, 11)).isEqualTo(expected);
  }

  @Test
  void firstArticleOfTheFeedIsTheStickiestOneVisible() throws Exception {
    List<String> lines = Output.of(QuickStart::main, SampleFiles.FOLDER.toString());

    int highest = SampleFiles.read(SampleFiles.FOLDER).stream()
        .filter(a -> SampleFiles.visible(a, Instant.now()))
        .mapToInt(Article::stickyWeight).max().orElseThrow();
    assertThat(highest).isPositive();
    assertThat(lines.get(1)).endsWith(" | sticky " + highest);
  }

  @Test
  void printsTheTitleExcerptAndSectionsOfTheFirstArticle() throws Exception {
    List<String> lines = Output.of(QuickStart::main, SampleFiles.FOLDER.toString());

    String firstId = lines.get(1).substring(0, lines.get(1).indexOf(" | "));
    Article first = SampleFiles.read(SampleFiles.FOLDER).stream()
        .filter(a -> a.id().equals(firstId)).findFirst().orElseThrow();
    List<String> headings = first.body().lines().filter(l -> l.startsWith("## ")).map(l -> l.substring(3)).toList();
    assertThat(headings).hasSizeGreaterThanOrEqualTo(3);
    List<String> page = lines.subList(11, lines.size());
    assertThat(page.get(0)).isEmpty();
    assertThat(page.get(1)).startsWith(first.title() + " (").endsWith(" min read)");
    String firstParagraph = java.util.Arrays.stream(first.body().strip().split("\n\n"))
        .filter(block -> !block.startsWith("#")).findFirst().orElseThrow().replaceAll("\\s+", " ");
    assertThat(firstParagraph).startsWith(page.get(2).replaceAll("…$", "").strip());
    assertThat(page.subList(3, page.size())).hasSize(headings.size());
    for (int i = 0; i < headings.size(); i++) {
      assertThat(page.get(3 + i)).startsWith("  " + headings.get(i) + "  #").endsWith(" bytes of HTML");
    }
  }

  @Test
  void findsTheSampleFolderWithoutArguments() throws Exception {
    assertThat(Output.of(QuickStart::main)).isEqualTo(Output.of(QuickStart::main, SampleFiles.FOLDER.toString()));
  }
}
