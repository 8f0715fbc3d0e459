package dev.broadsheet.json.jackson3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleGenerator;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Facets;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.Page;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.SchemaSamples;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.json.BroadsheetModule.Bodies;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Jackson 3 module writes the bytes the Jackson 2 module writes, for articles, stored
 * articles, pages and facets, and reads them back with the same problems.
 */
class SameJsonTest {
  /**
   * Jackson 2 as Jackson 3 writes characters beyond the Basic Multilingual Plane in UTF-8: as
   * they are, where Jackson 2 escapes them by default ({@code \uD83D\uDE80}), the same string
   * either way.
   */
  private final ObjectMapper jackson2 = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .addModule(new dev.broadsheet.json.BroadsheetModule()).build();
  private final ObjectMapper jackson2Listing = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .addModule(dev.broadsheet.json.BroadsheetModule.builder().bodies(Bodies.OMIT).build()).build();
  private final JsonMapper jackson3 = JsonMapper.builder().addModule(new BroadsheetModule()).build();
  private final JsonMapper jackson3Listing = JsonMapper.builder()
      .addModule(BroadsheetModule.builder().bodies(Bodies.OMIT).build()).build();

  /**
   * Every field, text the generators escape, and extra values of every kind JSON holds, and some
   * it does not.
   */
  static Article everything() {
    Map<String, Object> seo = new LinkedHashMap<>();
    seo.put("slug", "harbour-crane");
    seo.put("weights", List.of(0.1, 1e-7, 12345678.9, -0.0));
    return SchemaSamples.everyFieldPublic("2026/01/harbour-crane", 1).toBuilder()
        .title("Harbour crane \"Big Ada\" retires \u2014 \u00e9t\u00e9 \ud83d\ude80 </script>")
        .description("After forty years on the quay,\n the crane\tis taken down.")
        .score(0.1 + 0.2)
        .putExtra("big", Long.MAX_VALUE)
        .putExtra("views", new BigInteger("123456789012345678901234567890"))
        .putExtra("nan", Double.NaN)
        .putExtra("inf", Double.NEGATIVE_INFINITY)
        .putExtra("seo", seo)
        .putExtra("related", new ArrayList<>(Arrays.asList("2026/01/quay-works", 2L, null, true, 1.5)))
        .body("## Overview\n\nThe crane\tleaves on Monday. \u2028\u0001\n")
        .build();
  }

  private List<Article> articles() {
    List<Article> out = new ArrayList<>();
    out.add(everything());
    out.add(Article.builder("2026/01/bare").title("Bare").publishedAt(Instant.parse("2026-01-02T03:04:05Z")).body("").build());
    for (int variant = 0; variant < 4; variant++) {
      out.add(SchemaSamples.everyField("2026/02/sample-" + variant, variant));
    }
    out.addAll(new ArticleGenerator(7).articles(200));
    return out;
  }

  @Test
  void writesEveryArticleByteForByteAsTheJackson2Module() throws Exception {
    for (Article a : articles()) {
      assertThat(jackson3.writeValueAsBytes(a)).as(a.id()).isEqualTo(jackson2.writeValueAsBytes(a));
      assertThat(jackson3Listing.writeValueAsBytes(a)).as(a.id()).isEqualTo(jackson2Listing.writeValueAsBytes(a));
      StoredArticle stored = new StoredArticle(a, Revision.of("rev-" + a.id().hashCode()));
      assertThat(jackson3.writeValueAsBytes(stored)).as(a.id()).isEqualTo(jackson2.writeValueAsBytes(stored));
    }
  }

  @Test
  void writesPagesAndFacetsByteForByteAsTheJackson2Module() throws Exception {
    try (ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore()).build()) {
      for (Article a : articles()) {
        repo.save(a);
      }
      ArticleQuery query = ArticleQuery.builder().limit(7).build();
      Page<Article> first = repo.query(query);
      assertThat(first.nextCursor()).isPresent();
      Page<Article> last = repo.query(ArticleQuery.builder().limit(500).build());
      assertThat(last.nextCursor()).isEmpty();
      Page<StoredArticle> stored = Page.of(first.items().stream()
          .map(a -> new StoredArticle(a, Revision.of("r-" + a.id()))).toList(), "cursor", 99);
      for (Page<?> page : List.of(first, last, stored)) {
        assertThat(jackson3.writeValueAsBytes(page)).isEqualTo(jackson2.writeValueAsBytes(page));
        assertThat(jackson3Listing.writeValueAsBytes(page)).isEqualTo(jackson2Listing.writeValueAsBytes(page));
      }
      Facets facets = repo.facets(ArticleQuery.all());
      assertThat(facets.categories()).hasSizeGreaterThan(3);
      assertThat(jackson3.writeValueAsBytes(facets)).isEqualTo(jackson2.writeValueAsBytes(facets));
    }
  }

  @Test
  void writesTheSameTextWithEachJacksonsDefaults() throws Exception {
    ObjectMapper plain2 = new ObjectMapper().registerModule(new dev.broadsheet.json.BroadsheetModule());
    for (Article a : articles()) {
      assertThat(jackson3.writeValueAsString(a)).as(a.id()).isEqualTo(plain2.writeValueAsString(a));
    }
  }

  @Test
  void indentsAsTheJackson3MapperIsSet() throws Exception {
    JsonMapper indenting = jackson3.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
    String json = indenting.writeValueAsString(Article.builder("2026/01/bare").title("Bare").publishedAt(Instant.parse("2026-01-02T03:04:05Z")).tags("A").body("").build());
    assertThat(json).startsWith("{\n  \"id\" : \"2026/01/bare\",\n  \"title\" : \"Bare\",");
    assertThat(json).contains("\"tags\" : [ \"A\" ]");
  }

  @Test
  void readsBackWhatItWrites() throws Exception {
    for (Article a : articles()) {
      String json = jackson3.writeValueAsString(a);
      assertThat(jackson3.readValue(json, Article.class)).as(a.id()).isEqualTo(jackson2.readValue(json, Article.class));
    }
    Article a = Article.builder("2026/01/bare").title("Bare").publishedAt(Instant.parse("2026-01-02T03:04:05Z")).tags("A").body("text").build();
    assertThat(jackson3.readValue(jackson3.writeValueAsString(a), Article.class)).isEqualTo(a);
    StoredArticle stored = new StoredArticle(a, Revision.of("r1"));
    assertThat(jackson3.readValue(jackson3.writeValueAsString(stored), StoredArticle.class)).isEqualTo(stored);
  }

  @Test
  void readsPagesAndFacetsBack() throws Exception {
    try (ArticleRepository repo = ArticleRepository.builder().store(new InMemoryArticleStore()).build()) {
      new ArticleGenerator(3).articles(30).forEach(repo::save);
      Page<Article> page = repo.query(ArticleQuery.builder().limit(5).build());
      Page<Article> back = jackson3.readValue(jackson3.writeValueAsString(page), new TypeReference<Page<Article>>() {});
      assertThat(back.items()).isEqualTo(page.items());
      assertThat(back.total()).isEqualTo(page.total());
      assertThat(back.nextCursor()).isEqualTo(page.nextCursor());
      Facets facets = repo.facets(ArticleQuery.all());
      assertThat(jackson3.readValue(jackson3.writeValueAsString(facets), Facets.class)).isEqualTo(facets);
    }
  }

  @Test
  void reportsTheSameProblemsAsTheJackson2ModuleAtTheirPaths() {
    String json = """
        {"id": "2026/01/bad", "title": 1, "tags": ["OK", 2], "stickyWeight": "3",
         "publishedAt": "2026-01-02T00:00:00Z", "source": {"name": "x", "colour": "red"}, "body": ""}""";
    List<Problem> expected = problems(() -> jackson2.readValue(json, Article.class));
    List<Problem> actual = problems(() -> jackson3.readValue(json, Article.class));
    assertThat(expected).hasSizeGreaterThanOrEqualTo(4);
    assertThat(actual).extracting(Problem::field, Problem::rule, Problem::message)
        .containsExactlyInAnyOrderElementsOf(
            expected.stream().map(p -> org.assertj.core.groups.Tuple.tuple(p.field(), p.rule(), p.message())).toList());
    assertThat(actual).extracting(Problem::field).contains("$.title", "$.tags[1]", "$.stickyWeight");
  }

  @Test
  void namesTheItemOfAPageInAProblemsPath() {
    String json = """
        {"items": [{"id": "2026/01/a", "title": "A", "publishedAt": "2026-01-02T00:00:00Z", "body": ""},
                   {"id": "2026/01/b", "title": 2, "publishedAt": "2026-01-02T00:00:00Z", "body": ""}],
         "total": 2, "nextCursor": null}""";
    assertThat(problems(() -> jackson3.readValue(json, new TypeReference<Page<Article>>() {})))
        .extracting(Problem::field).containsExactly("$.items[1].title");
  }

  @Test
  void refusesPagesOfOtherItems() {
    assertThatThrownBy(() -> jackson3.readValue("{\"items\": [], \"total\": 0, \"nextCursor\": null}",
        new TypeReference<Page<String>>() {}))
        .hasMessageContaining("Broadsheet reads pages of Article or StoredArticle, not of java.lang.String");
  }

  @Test
  void readsAnArticleInsideTheApplicationsOwnRecord() throws Exception {
    Desk desk = jackson3.readValue("""
        {"name": "harbour", "lead": {"id": "2026/01/a", "title": "A", "publishedAt": "2026-01-02T00:00:00Z",
                  "tags": ["PORT"], "body": "b"}}""", Desk.class);
    assertThat(desk.lead()).isEqualTo(Article.builder("2026/01/a").title("A")
        .publishedAt(Instant.parse("2026-01-02T00:00:00Z")).tags("PORT").body("b").build());
    assertThat(jackson3.writeValueAsString(desk))
        .isEqualTo("{\"name\":\"harbour\",\"lead\":" + jackson2.writeValueAsString(desk.lead()) + "}");
  }

  record Desk(String name, Article lead) {}

  @FunctionalInterface
  private interface Read {
    Object run() throws Exception;
  }

  private static List<Problem> problems(Read read) {
    try {
      read.run();
    } catch (InvalidArticleException e) {
      return e.problems();
    } catch (Exception e) {
      throw new AssertionError("expected an InvalidArticleException", e);
    }
    throw new AssertionError("expected an InvalidArticleException, read the value");
  }
}
