package dev.broadsheet.examples;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Article;
import dev.broadsheet.Sentiment;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleContentTest {
  private static final List<Article> ARTICLES = SampleContent.articles();
  private static final Instant NOW = SampleContent.WRITTEN_AT;

  @Test
  void sampleFolderIsExactlyWhatTheGeneratorWrites(@TempDir Path generated) throws IOException {
    SampleContent.write(generated);

    List<String> expected = relative(generated, SampleFiles.files(generated));
    List<String> actual = relative(SampleFiles.FOLDER, SampleFiles.files(SampleFiles.FOLDER));
    String hint = "examples/content must be exactly the output of SampleContent; regenerate it with "
        + "java -cp \"examples/target/classes:$(cat examples/target/classpath.txt)\" "
        + "dev.broadsheet.examples.SampleContent examples/content";
    assertThat(actual).as(hint).isEqualTo(expected);
    for (String file : expected) {
      assertThat(Files.readString(SampleFiles.FOLDER.resolve(file), StandardCharsets.UTF_8))
          .as("%s; %s", file, hint)
          .isEqualTo(Files.readString(generated.resolve(file), StandardCharsets.UTF_8));
    }
    assertThat(expected).hasSize(SampleContent.COUNT);
  }

  @Test
  void generatesTheSameArticlesEveryTime() {
    assertThat(SampleContent.articles()).isEqualTo(ARTICLES);
  }

  @Test
  void everyArticleReadsBackAsWritten() {
    ArticleCodec codec = ArticleCodec.builder().build();
    for (Article a : ARTICLES) {
      ArticleResult read = codec.read(a.id(), a.id() + ".md", codec.write(a));
      assertThat(read.problems()).as(a.id()).isEmpty();
      assertThat(read.article()).as(a.id()).isEqualTo(a);
    }
  }

  @Test
  void coversEveryCategorySentimentAndLanguage() {
    assertThat(values(Article::category)).containsExactlyInAnyOrder(
        "BUSINESS", "CULTURE", "ECONOMY", "LOCAL", "POLITICS", "SCIENCE", "SPORTS", "TECHNOLOGY");
    assertThat(values(Article::sentiment)).containsExactlyInAnyOrder(Sentiment.values());
    assertThat(ARTICLES).anyMatch(a -> a.sentiment() == null);
    assertThat(values(Article::lang)).contains("en", "de", "fr", "es");
    assertThat(values(a -> a.source() == null ? null : a.source().key())).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void holdsStickyDraftScheduledAndExpiredArticles() {
    assertThat(ARTICLES.stream().filter(a -> a.stickyWeight() > 0 && SampleFiles.visible(a, NOW)))
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(ARTICLES.stream().filter(Article::draft)).hasSize(3)
        .anyMatch(a -> a.publishedAt() == null)
        .anyMatch(a -> a.publishedAt() != null);
    assertThat(ARTICLES.stream().filter(a -> !a.draft() && a.publishedAt().isAfter(NOW)))
        .singleElement()
        .satisfies(a -> assertThat(a.publishedAt()).isEqualTo(SampleContent.SCHEDULED_AT))
        .satisfies(a -> assertThat(a.stickyWeight()).isGreaterThan(
            ARTICLES.stream().filter(b -> b != a).mapToInt(Article::stickyWeight).max().orElseThrow()));
    assertThat(ARTICLES.stream().filter(a -> a.expiresAt() != null && !a.expiresAt().isAfter(NOW))).isNotEmpty();
    assertThat(ARTICLES.stream().filter(a -> a.publishedAt() != null && !a.draft()))
        .allMatch(a -> a.publishedAt().isBefore(NOW) || a.publishedAt().equals(SampleContent.SCHEDULED_AT));
  }

  @Test
  void bodiesHaveThreeToFiveSectionsAndSomeTablesAndLinks() {
    for (Article a : ARTICLES) {
      long sections = a.body().lines().filter(l -> l.startsWith("## ")).count();
      assertThat(sections).as(a.id()).isBetween(3L, 5L);
      assertThat(a.body()).as(a.id()).doesNotContain("{").endsWith("\n");
      assertThat(a.title() + a.description()).as(a.id()).doesNotContain("{");
    }
    assertThat(ARTICLES.stream().filter(a -> a.body().contains("\n|---"))).hasSizeGreaterThanOrEqualTo(5);
    assertThat(ARTICLES.stream().filter(a -> a.body().contains("](https://"))).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void aFewTagsCarryManyArticlesAndManyTagsFew() {
    Map<String, Long> perTag = ARTICLES.stream().flatMap(a -> a.tags().stream())
        .collect(groupingBy(Function.identity(), counting()));

    assertThat(perTag.values().stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThanOrEqualTo(8);
    assertThat(perTag.values().stream().filter(n -> n == 1)).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void titlesAndIdsAreUnique() {
    assertThat(ARTICLES.stream().map(Article::title)).doesNotHaveDuplicates();
    assertThat(ARTICLES.stream().map(Article::id)).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("\\d{4}/\\d{2}/[a-z0-9-]+"));
  }

  @Test
  void writeReplacesTheArticlesOfAnEarlierRun(@TempDir Path folder) throws IOException {
    Path stale = folder.resolve("2020/01/an-article-no-longer-generated.md");
    Files.createDirectories(stale.getParent());
    Files.writeString(stale, "---\ntitle: Old\ndraft: true\n---\n");

    SampleContent.write(folder);

    assertThat(stale).doesNotExist();
    assertThat(folder.resolve("2020")).doesNotExist();
    assertThat(SampleFiles.files(folder)).hasSize(SampleContent.COUNT);
  }

  @Test
  void writeRefusesAFolderHoldingOtherFiles(@TempDir Path folder) throws IOException {
    Path notes = folder.resolve("notes.txt");
    Files.writeString(notes, "not an article");
    Path article = folder.resolve("kept.md");
    Files.writeString(article, "---\ntitle: Kept\ndraft: true\n---\n");

    assertThatThrownBy(() -> SampleContent.write(folder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("notes.txt");
    assertThat(notes).exists();
    assertThat(article).exists();
  }

  @Test
  void slugDropsAccentsAndPunctuationAndCutsBetweenWords() {
    assertThat(SampleContent.slug("Falkenhof Werke eröffnet neues Werk in Kesselbrück"))
        .isEqualTo("falkenhof-werke-eroffnet-neues-werk-in-kesselbruck");
    assertThat(SampleContent.slug("Saint-Brévin : le marché s'installe, 2–0!")).isEqualTo("saint-brevin-le-marche-s-installe-2-0");
    assertThat(SampleContent.slug("Coast Road in Harbourside Closed for Four Weeks While a Water Main Is Replaced"))
        .isEqualTo("coast-road-in-harbourside-closed-for-four-weeks-while-a");
  }

  private static <T> Set<T> values(Function<Article, T> field) {
    return ARTICLES.stream().map(field).filter(Objects::nonNull).collect(Collectors.toSet());
  }

  private static List<String> relative(Path root, List<Path> files) {
    return files.stream().map(f -> root.relativize(f).toString().replace('\\', '/')).toList();
  }
}
