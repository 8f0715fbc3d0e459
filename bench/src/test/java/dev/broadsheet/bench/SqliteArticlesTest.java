package dev.broadsheet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Facets;
import dev.broadsheet.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SQLite side of the comparison answers exactly what the repository answers. */
class SqliteArticlesTest {
  private static List<Article> articles;
  private static ArticleRepository repository;
  private static SqliteArticles db;

  @BeforeAll
  static void load() throws Exception {
    articles = BenchData.articles(5_000);
    repository = BenchData.repository(articles);
    db = new SqliteArticles(articles);
  }

  @AfterAll
  static void close() throws Exception {
    repository.close();
    db.close();
  }

  @Test
  void categorySentimentPageAndTotalMatchTheRepository() throws Exception {
    Page<Article> page = repository.query(BenchData.categorySentiment());
    int sentiment = BenchData.SENTIMENT.ordinal();

    assertThat(page.items()).hasSize(BenchData.LIMIT);
    assertThat(db.categorySentimentTop(BenchData.CATEGORY, sentiment, BenchData.NOW, BenchData.LIMIT))
        .containsExactlyElementsOf(page.items().stream().map(Article::id).toList());
    assertThat(db.categorySentimentCount(BenchData.CATEGORY, sentiment, BenchData.NOW)).isEqualTo(page.total());
  }

  @Test
  void rareTagPageMatchesTheRepository() throws Exception {
    String tag = BenchData.rareTag(articles);
    List<String> expected = repository.query(BenchData.tag(tag)).items().stream().map(Article::id).toList();

    assertThat(expected).isNotEmpty();
    assertThat(db.tagTop(tag, BenchData.NOW, BenchData.LIMIT)).containsExactlyElementsOf(expected);
  }

  @Test
  void facetsMatchTheRepository() throws Exception {
    assertSameFacets(db.facets(BenchData.NOW), repository.facets(ArticleQuery.all()));
    assertSameFacets(db.facets(BenchData.CATEGORY, BenchData.NOW), repository.facets(BenchData.category()));
  }

  private static void assertSameFacets(List<Map<String, Integer>> sql, Facets facets) {
    assertThat(sql.get(0).values()).containsExactly(facets.total());
    assertThat(sql.get(1)).isEqualTo(lowerCased(facets.categories()));
    Map<String, Integer> sentiments = new LinkedHashMap<>();
    facets.sentiments().forEach((s, c) -> sentiments.put(Integer.toString(s.ordinal()), c));
    assertThat(sql.get(2)).isEqualTo(sentiments);
    assertThat(sql.get(3)).isEqualTo(lowerCased(facets.langs()));
    assertThat(sql.get(4)).isEqualTo(lowerCased(facets.sources()));
    assertThat(sql.get(5)).containsExactlyEntriesOf(lowerCased(facets.tags()));
  }

  private static Map<String, Integer> lowerCased(Map<String, Integer> counts) {
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.forEach((k, v) -> out.put(ArticleQuery.key(k), v));
    return out;
  }
}
