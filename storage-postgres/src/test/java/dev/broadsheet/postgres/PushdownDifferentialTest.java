package dev.broadsheet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleGenerator;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Facets;
import dev.broadsheet.Inclusion;
import dev.broadsheet.Page;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Sort;
import dev.broadsheet.Source;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.search.LuceneSearch;
import dev.broadsheet.spi.SearchIndex;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random queries over 10,000 generated articles and a few hundred odd ones (case variants,
 * Unicode case rules, articles without publishedAt, equal timestamps, instants a nanosecond
 * apart, expiring and scheduled around now), each answered by an instance that pushes queries
 * down to SQL and by one that answers from its in-memory index, on the same tables: pages,
 * cursors, totals, offsets, counts, facets, related and adjacent articles must be the same. A
 * third of the queries have text, some in relevance order: both instances read the one search
 * index, so that SQL gets the matches (and scores) the index repository filters itself.
 * Writes happen between batches of queries. Reproducible: the seed is printed with every
 * failing query; rerun with {@code -Dbroadsheet.seed=...}.
 */
class PushdownDifferentialTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private static final long SEED = Long.getLong("broadsheet.seed", 20261203L);
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final int GENERATED = 10_000;
  private static final int BATCHES = 5;
  private static final int QUERIES_PER_BATCH = 104;
  private static final String[] ODD_CATEGORIES = {"Business", "business", "BUSINESS", "ÉCONOMIE", "économie",
      "Économie"};
  private static final String[] ODD_TAGS = {"AI", "ai", "Ai", "Ärger", "ÄRGER", "İstanbul", "i̇stanbul", "ΟΔΟΣ",
      "οδος", "οδοσ", "STRASSE", "straße", "TAG3", "Tag7"};
  /** Instants around which the odd articles cluster, and which queries use as bounds. */
  private static final Instant T0 = NOW.minus(Duration.ofDays(10));
  private static final Instant[] MOMENTS = {T0, T0.plusNanos(1), T0.plusNanos(999), T0.plusNanos(1000),
      T0.plusNanos(1001), NOW.minusNanos(1), NOW, NOW.plusNanos(1), NOW.plusNanos(1000), NOW.plus(Duration.ofDays(3))};

  private final List<String> ids = new ArrayList<>();
  private int queries;

  @Test
  void pushdownAnswersEveryQueryAsTheIndexDoes() throws Exception {
    String schema = TestDatabase.freshSchema();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    Random random = new Random(SEED);
    ArticleGenerator gen = new ArticleGenerator(SEED, 150, 15);
    List<Article> initial = new ArrayList<>(gen.articles(GENERATED));
    for (int i = 0; i < 300; i++) {
      initial.add(odd(random, "odd/" + i + "/" + oddName(random)));
    }
    try (PostgresArticleStore indexed = PostgresArticleStore.builder(db.dataSource()).schema(schema).build();
        PostgresArticleStore pushed = PostgresArticleStore.builder(db.dataSource()).schema(schema)
            .queryPushdown(true).build()) {
      putAll(indexed, initial);
      initial.forEach(a -> ids.add(a.id()));
      LuceneSearch search = LuceneSearch.builder().build();
      try (ArticleRepository index = ArticleRepository.builder().store(indexed).clock(clock).search(search).build();
          ArticleRepository pushdown = ArticleRepository.builder().store(pushed).clock(clock)
              .search(new Borrowed(search)).build()) {
        assertThat(pushdown.size()).isEqualTo(index.size()).isEqualTo(initial.size());
        for (int batch = 0; batch < BATCHES; batch++) {
          if (batch > 0) {
            write(random, gen, index, batch);
            TestDatabase.await("the pushdown instance hears of every write", 30,
                () -> pushdown.size() == index.size());
          }
          for (int i = 0; i < QUERIES_PER_BATCH; i++) {
            ArticleQuery q = randomQuery(random, gen);
            String context = "seed=" + SEED + " batch " + batch + " query #" + queries + " " + q
                + " (rerun with -Dbroadsheet.seed=" + SEED + ")";
            compare(random, context, q, index, pushdown);
            queries++;
          }
          for (int i = 0; i < 20; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            int limit = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(30);
            assertThat(ids(pushdown.related(id, limit))).as("seed=" + SEED + " related(" + id + ", " + limit + ")")
                .isEqualTo(ids(index.related(id, limit)));
          }
        }
      }
    }
    assertThat(queries).isGreaterThanOrEqualTo(500);
  }

  private static void putAll(PostgresArticleStore store, List<Article> articles) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      int slice = (articles.size() + 3) / 4;
      for (int t = 0; t < 4; t++) {
        List<Article> part = articles.subList(Math.min(articles.size(), t * slice),
            Math.min(articles.size(), (t + 1) * slice));
        done.add(pool.submit(() -> {
          for (Article a : part) {
            store.put(a, null);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void write(Random random, ArticleGenerator gen, ArticleRepository index, int batch) {
    for (int i = 0; i < 120; i++) {
      int kind = random.nextInt(10);
      if (kind < 2) {
        String id = ids.remove(random.nextInt(ids.size()));
        index.delete(id);
      } else if (kind < 4) {
        Article a = gen.next("new/" + batch + "/" + i);
        index.save(a);
        ids.add(a.id());
      } else if (kind < 6) {
        Article a = odd(random, "new/" + batch + "/odd-" + i + "-" + oddName(random));
        index.save(a);
        ids.add(a.id());
      } else if (kind < 8) {
        String id = ids.get(random.nextInt(ids.size()));
        index.save(gen.next(id));
      } else {
        String id = ids.get(random.nextInt(ids.size()));
        index.save(odd(random, id));
      }
    }
  }

  private static String oddName(Random random) {
    String[] names = {"Zeta", "alpha", "Ängel", "beta", "Ωmega", "émile", "Alpha-2", "ß", "z", "A"};
    return names[random.nextInt(names.length)];
  }

  /** An article made of the values that are hard to get exactly right. */
  private static Article odd(Random random, String id) {
    boolean draft = random.nextInt(4) == 0;
    Instant published = draft && random.nextBoolean() ? null : MOMENTS[random.nextInt(MOMENTS.length)];
    Article.Builder b = Article.builder(id).title("Odd " + id).publishedAt(published).draft(draft)
        .category(random.nextInt(8) == 0 ? null : ODD_CATEGORIES[random.nextInt(ODD_CATEGORIES.length)])
        .lang(random.nextBoolean() ? "EN" : "en")
        .source(new Source("Odd source", random.nextBoolean() ? "Source1" : "source1", "RSS"))
        .stickyWeight(random.nextInt(3) == 0 ? random.nextInt(4) : 0)
        .sentiment(random.nextInt(5) == 0 ? null : Sentiment.values()[random.nextInt(3)])
        .body("Odd.\n");
    List<String> tags = new ArrayList<>();
    for (int n = random.nextInt(4); n > 0; n--) {
      String t = ODD_TAGS[random.nextInt(ODD_TAGS.length)];
      if (!tags.contains(t)) {
        tags.add(t);
      }
    }
    b.tags(tags);
    if (random.nextInt(3) == 0) {
      b.expiresAt(MOMENTS[random.nextInt(MOMENTS.length)]);
    }
    return b.build();
  }

  /** Words of the generated and odd articles: their titles, bodies, tags and ids. */
  private static final String[] WORDS = {"article", "overview", "text", "about", "odd", "alpha", "zeta", "émile",
      "ängel", "tag3", "tag7", "ai", "straße", "0001", "0042", "2025", "source1"};

  private static String text(Random r) {
    String w = WORDS[r.nextInt(WORDS.length)];
    return switch (r.nextInt(6)) {
      case 0 -> w + " " + WORDS[r.nextInt(WORDS.length)];
      case 1 -> "\"text of\"";
      case 2 -> w + " -odd";
      case 3 -> w.substring(0, Math.min(w.length(), 3)) + "*";
      default -> w;
    };
  }

  private static ArticleQuery randomQuery(Random r, ArticleGenerator gen) {
    ArticleQuery.Builder b = ArticleQuery.builder();
    boolean text = r.nextInt(3) == 0;
    if (text) {
      b.text(text(r));
    }
    if (r.nextInt(3) == 0) {
      for (int n = 1 + r.nextInt(2); n > 0; n--) {
        String c = r.nextInt(3) == 0 ? ODD_CATEGORIES[r.nextInt(ODD_CATEGORIES.length)]
            : ArticleGenerator.CATEGORIES[gen.skewed(ArticleGenerator.CATEGORIES.length)];
        b.categories(r.nextBoolean() ? c : c.toLowerCase(Locale.ROOT));
      }
    }
    if (r.nextInt(4) == 0) {
      b.allTags(tag(r, gen));
    }
    if (r.nextInt(4) == 0) {
      b.anyTags(tag(r, gen), tag(r, gen).toLowerCase(Locale.ROOT));
    }
    if (r.nextInt(5) == 0) {
      b.noneTags(tag(r, gen));
    }
    if (r.nextInt(3) == 0) {
      b.sentiments(Sentiment.values()[r.nextInt(3)]);
      if (r.nextBoolean()) {
        b.sentiments(Sentiment.values()[r.nextInt(3)]);
      }
    }
    if (r.nextInt(6) == 0) {
      b.minStickyWeight(r.nextInt(5));
    }
    if (r.nextInt(4) == 0) {
      Instant from = r.nextBoolean() ? MOMENTS[r.nextInt(MOMENTS.length)]
          : ArticleGenerator.START.plus(Duration.ofDays(r.nextInt(1000)));
      b.publishedFrom(from);
      if (r.nextBoolean()) {
        b.publishedBefore(from.plusNanos(1 + r.nextInt(2000)).plus(Duration.ofDays(r.nextInt(3) == 0 ? 0 : r.nextInt(200))));
      }
    } else if (r.nextInt(6) == 0) {
      b.publishedBefore(r.nextBoolean() ? MOMENTS[r.nextInt(MOMENTS.length)]
          : ArticleGenerator.START.plus(Duration.ofDays(r.nextInt(1100))));
    }
    if (r.nextInt(5) == 0) {
      b.langs(r.nextBoolean() ? "EN" : ArticleGenerator.LANGS[r.nextInt(ArticleGenerator.LANGS.length)]);
    }
    if (r.nextInt(5) == 0) {
      b.sources(gen.sourceKey(gen.skewed(15)), r.nextBoolean() ? "SOURCE1" : gen.sourceKey(gen.skewed(15)));
    }
    b.drafts(Inclusion.values()[r.nextInt(6) < 4 ? 0 : 1 + r.nextInt(2)]);
    b.scheduled(Inclusion.values()[r.nextInt(6) < 4 ? 0 : 1 + r.nextInt(2)]);
    b.expired(Inclusion.values()[r.nextInt(6) < 4 ? 0 : 1 + r.nextInt(2)]);
    if (r.nextInt(5) == 0) {
      b.asOf(r.nextBoolean() ? MOMENTS[r.nextInt(MOMENTS.length)]
          : ArticleGenerator.START.plus(Duration.ofDays(r.nextInt(1100))));
    }
    b.sort(text && r.nextBoolean() ? Sort.RELEVANCE : Sort.values()[r.nextInt(3)]);
    // Small pages walk far: they get a narrow filter, so that walking to the end stays quick.
    if (r.nextInt(5) == 0) {
      b.limit(1 + r.nextInt(5)).allTags(r.nextBoolean() ? ODD_TAGS[r.nextInt(ODD_TAGS.length)] : gen.tag(40 + r.nextInt(100)));
    } else {
      b.limit(20 + r.nextInt(400));
    }
    b.topTags(r.nextInt(4) == 0 ? 0 : r.nextBoolean() ? 1 + r.nextInt(10) : 10_000);
    return b.build();
  }

  private static String tag(Random r, ArticleGenerator gen) {
    return r.nextInt(3) == 0 ? ODD_TAGS[r.nextInt(ODD_TAGS.length)] : gen.tag(gen.skewed(150));
  }

  private void compare(Random random, String context, ArticleQuery q, ArticleRepository index,
      ArticleRepository pushdown) {
    Page<Article> expected = index.query(q);
    Page<Article> actual = pushdown.query(q);
    assertThat(actual.total()).as(context + " total").isEqualTo(expected.total());
    assertThat(pushdown.count(q)).as(context + " count").isEqualTo(expected.total());
    List<String> walked = new ArrayList<>();
    int pages = 0;
    while (true) {
      assertThat(ids(actual.items())).as(context + " page " + pages).isEqualTo(ids(expected.items()));
      assertThat(actual.nextCursor()).as(context + " cursor after page " + pages).isEqualTo(expected.nextCursor());
      walked.addAll(ids(expected.items()));
      if (expected.nextCursor().isEmpty() || ++pages > expected.total() + 2) {
        break;
      }
      ArticleQuery next = q.withCursor(expected.nextCursor().get());
      expected = index.query(next);
      actual = pushdown.query(next);
    }
    assertThat(walked).as(context + " walked").hasSize(index.count(q));

    int offset = random.nextInt(Math.max(1, walked.size() + 3));
    ArticleQuery skipping = q.toBuilder().offset(offset).build();
    assertThat(ids(pushdown.query(skipping).items())).as(context + " offset " + offset)
        .isEqualTo(ids(index.query(skipping).items()));

    Facets f = pushdown.facets(q);
    Facets g = index.facets(q);
    assertThat(f.total()).as(context + " facet total").isEqualTo(g.total());
    assertThat(keyed(f.categories())).as(context + " categories").isEqualTo(keyed(g.categories()));
    assertThat(keyed(f.tags())).as(context + " tags").isEqualTo(keyed(g.tags()));
    assertThat(keyed(f.langs())).as(context + " langs").isEqualTo(keyed(g.langs()));
    assertThat(keyed(f.sources())).as(context + " sources").isEqualTo(keyed(g.sources()));
    assertThat(new ArrayList<>(f.sentiments().entrySet())).as(context + " sentiments")
        .isEqualTo(new ArrayList<>(g.sentiments().entrySet()));

    List<String> around = new ArrayList<>();
    if (!walked.isEmpty()) {
      around.add(walked.get(random.nextInt(walked.size())));
      around.add(walked.get(0));
      around.add(walked.get(walked.size() - 1));
    }
    around.add(ids.get(random.nextInt(ids.size())));
    for (String id : around) {
      ArticleRepository.Adjacent a = pushdown.adjacent(id, q);
      ArticleRepository.Adjacent e = index.adjacent(id, q);
      assertThat(id(a.previous())).as(context + " before " + id).isEqualTo(id(e.previous()));
      assertThat(id(a.next())).as(context + " after " + id).isEqualTo(id(e.next()));
    }
  }

  /**
   * A facet as its keys (values lower-cased as queries match them) with their counts, in order.
   * The labels are compared by key: the index labels a value with the first spelling it met,
   * which depends on the order it read articles in; SQL labels it with the first spelling in
   * code point order among the matches.
   */
  private static List<String> keyed(Map<String, Integer> facet) {
    List<String> out = new ArrayList<>();
    facet.forEach((label, count) -> out.add(ArticleQuery.key(label) + "=" + count));
    return out;
  }

  /**
   * The search index of another repository, read and never written: the repository that
   * registered it keeps it current, opens and closes it.
   */
  private static final class Borrowed implements SearchIndex {
    private final SearchIndex index;

    Borrowed(SearchIndex index) {
      this.index = index;
    }

    @Override
    public void open(Source source) {}

    @Override
    public void put(StoredArticle stored) {}

    @Override
    public void remove(String id) {}

    @Override
    public TextMatches search(String text) throws IOException {
      return index.search(text);
    }

    @Override
    public TextMatches matching(String text) throws IOException {
      return index.matching(text);
    }

    @Override
    public TextMatches best(String text, int n, java.util.function.Predicate<String> allowed) throws IOException {
      return index.best(text, n, allowed);
    }

    @Override
    public Optional<String> snippet(String text, Article article) {
      return index.snippet(text, article);
    }

    @Override
    public void close() {}
  }

  private static List<String> ids(List<Article> articles) {
    return articles.stream().map(Article::id).toList();
  }

  private static String id(Article a) {
    return a == null ? null : a.id();
  }
}
