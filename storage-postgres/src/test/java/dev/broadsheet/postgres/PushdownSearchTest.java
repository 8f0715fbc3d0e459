package dev.broadsheet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Facets;
import dev.broadsheet.Page;
import dev.broadsheet.Revision;
import dev.broadsheet.SearchHit;
import dev.broadsheet.Sort;
import dev.broadsheet.search.LuceneSearch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text queries on a store with {@code queryPushdown(true)}: the repository keeps a search index
 * of its own current with every change it hears, from this instance or another, and SQL applies
 * the query's filters, order and page to the index's matches.
 */
class PushdownSearchTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Instant T = Instant.parse("2026-01-20T08:00:00Z");

  private final String schema = TestDatabase.freshSchema();
  @TempDir Path folder;

  private PostgresArticleStore store(boolean pushdown) {
    return PostgresArticleStore.builder(db.dataSource()).schema(schema).queryPushdown(pushdown).build();
  }

  private ArticleRepository repository(PostgresArticleStore store, LuceneSearch search) {
    return ArticleRepository.builder().store(store).clock(CLOCK).search(search).build();
  }

  private static Article article(String id, String title, String category) {
    return Article.builder(id).title(title).description("A report from the harbour.").category(category)
        .lang("en").publishedAt(T).body("The harbour ferries run again after the storm.\n").build();
  }

  @Test
  void findsWhatAnyInstanceWritesAndFiltersRanksAndPagesInSql() throws Exception {
    try (PostgresArticleStore writer = store(false)) {
      writer.put(article("2026/01/ferry", "Harbour ferry returns", "CITY"), Revision.NONE);
      writer.put(article("2026/01/tram", "Tram line closes", "CITY"), Revision.NONE);
      writer.put(article("2026/01/port", "Port strike ends", "PORT"), Revision.NONE);
    }
    LuceneSearch search = LuceneSearch.builder().folder(folder.resolve("search")).build();
    try (PostgresArticleStore store = store(true); ArticleRepository repo = repository(store, search);
        PostgresArticleStore other = store(false)) {
      assertThat(search.lastOpen()).hasValueSatisfying(o -> assertThat(o.indexed()).isEqualTo(3));

      // Title matches rank above the description and body matches every article has.
      Page<SearchHit> hits = repo.search(ArticleQuery.builder().text("ferry").build());
      assertThat(hits.total()).isEqualTo(3);
      assertThat(hits.items()).extracting(h -> h.article().id()).first().isEqualTo("2026/01/ferry");
      assertThat(hits.items().get(0).score()).isGreaterThan(hits.items().get(1).score());
      assertThat(hits.items().get(0).snippet()).hasValueSatisfying(s -> assertThat(s).contains("<mark>ferries</mark>"));

      ArticleQuery city = ArticleQuery.builder().text("harbour").categories("city").limit(1).build();
      Page<Article> first = repo.query(city);
      assertThat(first.total()).isEqualTo(2);
      Page<Article> second = repo.query(city.withCursor(first.nextCursor().orElseThrow()));
      List<String> walked = new ArrayList<>();
      first.items().forEach(a -> walked.add(a.id()));
      second.items().forEach(a -> walked.add(a.id()));
      assertThat(walked).containsExactlyInAnyOrder("2026/01/ferry", "2026/01/tram");
      assertThat(second.nextCursor()).isEmpty();
      assertThat(repo.count(city)).isEqualTo(2);
      Facets facets = repo.facets(ArticleQuery.builder().text("strike").build());
      assertThat(facets.total()).isEqualTo(1);
      assertThat(facets.categories()).isEqualTo(Map.of("PORT", 1));
      assertThat(ids(repo.query(ArticleQuery.builder().text("harbour -tram").sort(Sort.NEWEST).build())))
          .containsExactlyInAnyOrder("2026/01/ferry", "2026/01/port");
      ArticleRepository.Adjacent around = repo.adjacent("2026/01/tram",
          ArticleQuery.builder().text("tram").build());
      assertThat(around.previous()).isNull();
      assertThat(around.next()).isNull();

      // Another instance writes: the change reaches this one's index through the store.
      other.put(article("2026/01/lighthouse", "Lighthouse keeper retires", "CITY"), Revision.NONE);
      TestDatabase.await("another instance's article found by its words", 10,
          () -> ids(repo.query(ArticleQuery.builder().text("lighthouse").build())).equals(List.of("2026/01/lighthouse")));
      other.delete("2026/01/port", null);
      TestDatabase.await("another instance's delete gone from the text matches", 10,
          () -> repo.query(ArticleQuery.builder().text("strike").build()).items().isEmpty());
      repo.save(article("2026/01/tram", "Tram line reopens to the lighthouse", "CITY"));
      assertThat(ids(repo.query(ArticleQuery.builder().text("lighthouse").categories("CITY").build())))
          .containsExactlyInAnyOrder("2026/01/lighthouse", "2026/01/tram");
    }

    // A restart reads the index again and indexes only what changed while it was down.
    try (PostgresArticleStore writer = store(false)) {
      writer.put(article("2026/01/ferry", "Ferry timetable changes", "CITY"), null);
    }
    LuceneSearch again = LuceneSearch.builder().folder(folder.resolve("search")).build();
    try (PostgresArticleStore store = store(true); ArticleRepository repo = repository(store, again)) {
      assertThat(again.lastOpen()).hasValueSatisfying(o -> {
        assertThat(o.indexed()).isEqualTo(1);
        assertThat(o.kept()).isEqualTo(2);
        assertThat(o.removed()).isZero(); // the delete reached the index while it ran
      });
      assertThat(ids(repo.query(ArticleQuery.builder().text("timetable").build()))).containsExactly("2026/01/ferry");
    }
  }

  private static List<String> ids(Page<Article> page) {
    return page.items().stream().map(Article::id).toList();
  }
}
