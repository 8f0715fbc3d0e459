package dev.broadsheet.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleGenerator;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Page;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The total of a query with text is the number of articles its cursor walk visits, for seeded
 * random words, exclusions, prefixes and phrases under filters selective or not, over articles
 * of several languages whose words sit in titles, tags or bodies, before and after saves and
 * deletes.
 */
class CountOracleTest {
  private static final String[] WORDS = {"ai", "odd", "harbour", "ferry", "alpha", "zeta", "émile", "straße",
      "ängel", "report", "tag3"};
  private static final String[] LANGS = {"en", "EN", "de", "fr", "es", "ja"};

  private static Article article(Random r, String id, int i) {
    StringBuilder title = new StringBuilder("Report " + i);
    StringBuilder body = new StringBuilder("Text " + i + ".");
    List<String> tags = new ArrayList<>();
    for (int n = r.nextInt(4); n > 0; n--) {
      String w = WORDS[r.nextInt(WORDS.length)];
      switch (r.nextInt(3)) {
        case 0 -> title.append(' ').append(w);
        case 1 -> body.append(' ').append(w).append('.');
        default -> {
          if (!tags.contains(w)) {
            tags.add(w.toUpperCase(java.util.Locale.ROOT));
          }
        }
      }
    }
    return Article.builder(id).title(r.nextInt(10) == 0 ? "" : title.toString()).body(body + "\n")
        .lang(LANGS[r.nextInt(LANGS.length)]).tags(tags)
        .category(ArticleGenerator.CATEGORIES[r.nextInt(6)])
        .stickyWeight(r.nextInt(5) == 0 ? 1 + r.nextInt(3) : 0)
        .publishedAt(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * i)).build();
  }

  private static String text(Random r) {
    String w = WORDS[r.nextInt(WORDS.length)];
    return switch (r.nextInt(5)) {
      case 0 -> w + " " + WORDS[r.nextInt(WORDS.length)];
      case 1 -> w + " -" + WORDS[r.nextInt(WORDS.length)];
      case 2 -> w.substring(0, Math.min(w.length(), 3)) + "*";
      case 3 -> '"' + "report " + r.nextInt(50) + '"';
      default -> w;
    };
  }

  @Test
  void aTotalCountsWhatTheWalkVisits() {
    Random r = new Random(41);
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      articles.add(article(r, "a" + i, i));
    }
    try (ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore(articles))
        .clock(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC))
        .search(LuceneSearch.builder().build()).build()) {
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 150; i++) {
          ArticleQuery.Builder b = ArticleQuery.builder().text(text(r)).limit(1000);
          switch (r.nextInt(4)) {
            case 0 -> b.categories(ArticleGenerator.CATEGORIES[r.nextInt(6)]);
            case 1 -> b.minStickyWeight(1);
            case 2 -> b.langs("de", "fr");
            default -> { }
          }
          ArticleQuery q = b.build();
          Page<Article> page = repo.query(q);
          assertThat(repo.count(q)).as("round %d: %s", round, q).isEqualTo(page.items().size());
          assertThat(page.total()).as("round %d: %s", round, q).isEqualTo(page.items().size());
        }
        for (int i = 0; i < 60; i++) { // saves (the overlay) and deletes between rounds
          int n = r.nextInt(articles.size());
          if (r.nextInt(4) == 0) {
            repo.delete("a" + n);
          } else {
            Article a = article(r, "a" + n, n);
            repo.save(a.title().isEmpty() ? a.toBuilder().title("Saved " + n).build() : a); // a save needs a title
          }
        }
      }
    }
  }
}
