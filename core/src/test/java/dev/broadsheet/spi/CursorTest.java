package dev.broadsheet.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.Page;
import dev.broadsheet.Sort;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void encodesAndDecodesEveryKeyExactly() {
    Cursor c = Cursor.of(Sort.STICKY_FIRST, 7, Instant.parse("2026-01-02T03:04:05.123456789Z"), "2026/01/köln");
    assertThat(Cursor.decode(c.encode(), Sort.STICKY_FIRST)).isEqualTo(c);
  }

  @Test
  void anUndatedArticleKeepsNoDate() {
    Cursor c = Cursor.of(Sort.OLDEST, 0, null, "drafts/one");
    assertThat(Cursor.decode(c.encode(), Sort.OLDEST).publishedAt()).isNull();
  }

  @Test
  void rejectsTextThatIsNoCursorNamingTheOption() {
    assertThatThrownBy(() -> Cursor.decode("not-a-cursor!", Sort.NEWEST))
        .isInstanceOf(InvalidQueryException.class)
        .satisfies(e -> assertThat(((InvalidQueryException) e).option()).isEqualTo("cursor"))
        .hasMessageContaining("is not a cursor this library made");
  }

  @Test
  void rejectsACursorOfAnotherSort() {
    String text = Cursor.of(Sort.NEWEST, 0, Instant.EPOCH, "a").encode();
    assertThatThrownBy(() -> Cursor.decode(text, Sort.OLDEST))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("was made for sort newest, not oldest");
  }

  @Test
  void theIndexHandsOutCursorsOfTheLastItemOfAPage() {
    Instant now = Instant.parse("2026-03-01T00:00:00Z");
    ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore())
        .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    repo.save(Article.builder("a").title("A").publishedAt(Instant.parse("2026-02-01T00:00:00.000000001Z")).build());
    repo.save(Article.builder("b").title("B").publishedAt(Instant.parse("2026-02-01T00:00:00Z")).stickyWeight(2).build());
    Page<Article> first = repo.query(ArticleQuery.builder().sort(Sort.NEWEST).limit(1).build());
    Cursor c = Cursor.decode(first.nextCursor().orElseThrow(), Sort.NEWEST);
    assertThat(c).isEqualTo(Cursor.of(Sort.NEWEST, 0, Instant.parse("2026-02-01T00:00:00.000000001Z"), "a"));
    String handMade = Cursor.of(Sort.NEWEST, 0, c.publishedAt(), "a").encode();
    assertThat(repo.query(ArticleQuery.builder().sort(Sort.NEWEST).limit(1).cursor(handMade).build()).items())
        .extracting(Article::id).containsExactly("b");
  }
}
