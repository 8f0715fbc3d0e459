package dev.broadsheet.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.fs.FileArticleStore;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text a user may type to break a search: every one is answered or refused, quickly. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HostileQueryTest {
  @TempDir static Path dir;
  private static ArticleRepository repo;

  @BeforeAll
  static void open() throws Exception {
    repo = ArticleRepository.builder()
        .store(FileArticleStore.builder(Samples.copy(dir.resolve("content"))).build())
        .search(LuceneSearch.builder().build())
        .build();
  }

  @AfterAll
  static void close() {
    repo.close();
  }

  private static int search(String text) {
    return repo.search(ArticleQuery.builder().text(text).limit(5).build()).total();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"unbalanced quote anemone", "anemone\"", "\"\"\"", "*", "**", "a*", "-", "--anemone", "-\"", "\"-\"",
      "+-&|!(){}[]^\"~*?:\\/", "anemone~2", "anemone^10", "title:anemone", "(anemone", "anemone)", "[a TO z]",
      "/regex.*/", "\\", "&&", "||", "NOT", "AND OR NOT", "\u0000\u0001anemone\u001f", "\u202eanemone",
      "\ud800", "\uffff", "💥 anemone"})
  void answersOddSyntax(String text) {
    assertThat(search(text)).isGreaterThanOrEqualTo(0);
  }

  @Test
  void readsSyntaxCharactersAsSeparators() {
    assertThat(search("(anemone)")).isEqualTo(1);
    assertThat(search("anemone~")).isEqualTo(1);
    assertThat(search("\"unbalanced anemone")).isZero(); // an unclosed phrase runs to the end
    assertThat(search("*")).isZero();
  }

  @Test
  void refusesTenKilobytes() {
    assertThatThrownBy(() -> search("anemone ".repeat(1280)))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.option()).isEqualTo("q"))
        .hasMessageContaining("must be at most 1000 characters, was 10239");
  }

  @Test
  void refusesAThousandWords() {
    assertThatThrownBy(() -> search("a b c d ".repeat(250).strip()))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.option()).isEqualTo("q"))
        .hasMessageContaining("must be at most");
    assertThatThrownBy(() -> search("anemone ".repeat(33).strip()))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.option()).isEqualTo("q"))
        .hasMessageContaining("must be at most 32 words, was 33");
  }

  @Test
  void answersManyDifferentLongWords() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      b.append("zzq").append(Integer.toString(i * 7919, 36)).append("xyz ");
    }
    assertThat(search(b.toString())).isZero(); // 32 fuzzy words in every language: answered
  }
}
