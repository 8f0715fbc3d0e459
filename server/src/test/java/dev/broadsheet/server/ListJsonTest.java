package dev.broadsheet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Inclusion;
import dev.broadsheet.Page;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.json.BroadsheetModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lists made from each article's kept JSON are the bytes the listing writer writes. */
class ListJsonTest {
  @TempDir Path dir;

  private static ObjectWriter listing() {
    return JsonMapper.builder().build()
        .registerModule(BroadsheetModule.builder().bodies(BroadsheetModule.Bodies.OMIT).build()).writer();
  }

  private ArticleRepository newsroom() throws Exception {
    Newsroom.write(dir);
    Clock clock = Clock.fixed(Newsroom.NOW, ZoneOffset.UTC);
    return ArticleRepository.builder()
        .store(FileArticleStore.builder(dir).watching(Watching.OFF).withoutJournal().build())
        .clock(clock).build();
  }

  /** Every page of a walk over everything, hidden articles too, two at a time. */
  private static void assertEveryPageSame(ArticleRepository repo, ObjectWriter writer, ListJson lists) {
    ArticleQuery q = ArticleQuery.builder().drafts(Inclusion.INCLUDE).scheduled(Inclusion.INCLUDE)
        .expired(Inclusion.INCLUDE).limit(2).build();
    int pages = 0;
    while (true) {
      Page<Article> page = repo.query(q);
      for (int twice = 0; twice < 2; twice++) { // the second from kept bytes
        assertThat(new String(lists.page(page).bytes(), StandardCharsets.UTF_8))
            .isEqualTo(new String(Reads.json(writer, page), StandardCharsets.UTF_8));
      }
      pages++;
      if (page.nextCursor().isEmpty()) {
        break;
      }
      q = q.withCursor(page.nextCursor().get());
    }
    assertThat(pages).isGreaterThan(2);
  }

  @Test
  void pagesAreTheWritersBytes() throws Exception {
    try (ArticleRepository repo = newsroom()) {
      ObjectWriter writer = listing();
      ListJson lists = new ListJson(writer, 1 << 20);
      assertThat(lists.assembled()).isTrue();
      assertEveryPageSame(repo, writer, lists);
      // Indented output cannot be assembled from compact items: written whole, still the same.
      ObjectWriter indented = writer.withDefaultPrettyPrinter();
      ListJson whole = new ListJson(indented, 1 << 20);
      assertThat(whole.assembled()).isFalse();
      assertEveryPageSame(repo, indented, whole);
      // A cache too small to keep anything still gives the same bytes.
      assertEveryPageSame(repo, writer, new ListJson(writer, 1));
    }
  }

  @Test
  void aChangedArticleIsWrittenAgain() throws Exception {
    try (ArticleRepository repo = newsroom()) {
      ObjectWriter writer = listing();
      ListJson lists = new ListJson(writer, 1 << 20);
      ArticleQuery q = ArticleQuery.builder().limit(50).build();
      String before = new String(lists.page(repo.query(q)).bytes(), StandardCharsets.UTF_8);
      assertThat(before).contains("\"id\":\"2026/01/harbour-pier\"").doesNotContain("Pier, again");
      repo.save(repo.get("2026/01/harbour-pier").orElseThrow().withTitle("Pier, again"));
      Page<Article> after = repo.query(q);
      assertThat(new String(lists.page(after).bytes(), StandardCharsets.UTF_8)).contains("Pier, again")
          .isEqualTo(new String(Reads.json(writer, after), StandardCharsets.UTF_8));
    }
  }
}
