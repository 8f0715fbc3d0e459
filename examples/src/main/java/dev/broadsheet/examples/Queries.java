package dev.broadsheet.examples;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Facets;
import dev.broadsheet.Inclusion;
import dev.broadsheet.Page;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Sort;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every kind of query the repository answers, once each, over the sample articles. Each line
 * shows what was asked, how many articles match, and the first few ids.
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
 *     dev.broadsheet.examples.Queries [CONTENT_FOLDER]
 * }</pre>
 */
public final class Queries {
  private Queries() {}

  public static void main(String[] args) throws IOException {
    Path content = SampleFolder.of(args);
    FileArticleStore store = FileArticleStore.builder(content).watching(Watching.OFF).build();
    try (ArticleRepository repository = ArticleRepository.builder().store(store).build()) {

      // ---- Filters. Values match ignoring case; several values of one filter mean "any of".
      show("category SPORTS", repository.query(ArticleQuery.builder().categories("SPORTS").build()));
      show("tags CITY and TRANSPORT", repository.query(ArticleQuery.builder().allTags("CITY", "TRANSPORT").build()));
      show("tags CLIMATE or WATER", repository.query(ArticleQuery.builder().anyTags("CLIMATE", "WATER").build()));
      show("LOCAL without TRANSPORT",
          repository.query(ArticleQuery.builder().categories("LOCAL").noneTags("TRANSPORT").build()));
      show("sentiment NEGATIVE", repository.query(ArticleQuery.builder().sentiments(Sentiment.NEGATIVE).build()));
      show("sticky only", repository.query(ArticleQuery.builder().stickyOnly().build()));
      show("published in March 2026", repository.query(ArticleQuery.builder()
          .publishedFrom(Instant.parse("2026-03-01T00:00:00Z"))      // inclusive
          .publishedBefore(Instant.parse("2026-04-01T00:00:00Z"))    // exclusive
          .build()));
      show("lang de or fr", repository.query(ArticleQuery.builder().langs("de", "fr").build()));
      show("source market-ledger", repository.query(ArticleQuery.builder().sources("market-ledger").build()));

      // ---- Visibility. Drafts, scheduled (publishedAt in the future) and expired (expiresAt
      // passed) articles are excluded by default; INCLUDE takes them in, ONLY shows just them.
      show("drafts only", repository.query(ArticleQuery.builder().drafts(Inclusion.ONLY).build()));
      show("scheduled only", repository.query(ArticleQuery.builder().scheduled(Inclusion.ONLY).build()));
      show("expired only", repository.query(ArticleQuery.builder().expired(Inclusion.ONLY).build()));
      // asOf previews the feed at another moment: here, the day after the scheduled article
      // goes live, when its sticky weight puts it first.
      show("home as of 2027-06-02", repository.query(ArticleQuery.builder()
          .asOf(Instant.parse("2027-06-02T00:00:00Z")).build()));

      // ---- Paging. A cursor continues exactly after the last article shown, even when
      // articles are added or removed in between, which an offset cannot promise.
      ArticleQuery newest = ArticleQuery.builder().sort(Sort.NEWEST).limit(5).build();
      Page<Article> page = repository.query(newest);
      for (int n = 1; n <= 3; n++) {
        System.out.println("newest, page " + n + ": " + ids(page.items()));
        if (page.nextCursor().isEmpty()) {
          break;
        }
        page = repository.query(newest.withCursor(page.nextCursor().get()));
      }

      // ---- Facets: how all matches of a query spread, for filter menus with counts.
      Facets facets = repository.facets(ArticleQuery.builder().topTags(5).build());
      System.out.println("facets total: " + facets.total());
      System.out.println("facets categories: " + facets.categories());
      System.out.println("facets top tags: " + facets.tags());
      System.out.println("facets sentiments: " + facets.sentiments());
      System.out.println("facets langs: " + facets.langs());
      System.out.println("facets sources: " + facets.sources());

      // ---- One article's neighbours: related by shared tags, and previous/next in a feed.
      ArticleQuery byDate = ArticleQuery.builder().sort(Sort.NEWEST).build();
      String id = repository.query(byDate.toBuilder().offset(10).limit(1).build()).items().get(0).id();
      List<Article> related = repository.related(id, 3);
      System.out.println("related to " + id + ": " + ids(related));
      ArticleRepository.Adjacent adjacent = repository.adjacent(id, byDate);
      System.out.println("newer than " + id + ": " + (adjacent.previous() == null ? "-" : adjacent.previous().id()));
      System.out.println("older than " + id + ": " + (adjacent.next() == null ? "-" : adjacent.next().id()));
    }
  }

  /** One line: what was asked, the number of matches on all pages, the first ids of this page. */
  private static void show(String label, Page<Article> page) {
    System.out.println(label + ": " + page.total() + " | " + ids(page.items().stream().limit(3).toList()));
  }

  private static String ids(List<Article> articles) {
    return articles.isEmpty() ? "-" : articles.stream().map(Article::id).collect(Collectors.joining(", "));
  }
}
