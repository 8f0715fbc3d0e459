package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.memory.InMemoryArticleStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random queries over generated articles, each answer compared with a plain filter-and-sort
 * over a list. The reference below is written independently of the index on purpose.
 */
class QueryRandomizedTest {
  private static final long SEED = Long.getLong("broadsheet.seed", 20260126L);
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void indexedQueriesAgreeWithAPlainFilterAndSort() throws Exception {
    runScenario(SEED, 10_000, 150, 500);
  }

  @Test
  void agreesAfterManyWritesThatForceTheIndexToBeRebuilt() throws Exception {
    runScenario(SEED + 1, 2_000, 700, 200);
  }

  @Test
  void agreesWhenTheIndexIsReadFromTheFileAnEarlierRepositoryKept(@TempDir Path dir) throws Exception {
    runScenario(SEED + 2, 10_000, 150, 300, dir.resolve("state/index"));
  }

  private void runScenario(long seed, int count, int writes, int queries) throws Exception {
    runScenario(seed, count, writes, queries, null);
  }

  private void runScenario(long seed, int count, int writes, int queries, Path indexFile) throws Exception {
    ArticleGenerator gen = new ArticleGenerator(seed, 150, 15);
    List<Article> initial = gen.articles(count);
    InMemoryArticleStore store = new InMemoryArticleStore(initial);
    ArticleRepository.Builder builder = ArticleRepository.builder().store(store)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    if (indexFile != null) {
      // An earlier repository over the same articles builds the index and keeps it; this one reads it.
      ArticleRepository.builder().store(new InMemoryArticleStore(initial)).indexFile(indexFile).build();
      Object written = Files.readAttributes(indexFile, BasicFileAttributes.class).fileKey();
      FileTime at = Files.getLastModifiedTime(indexFile);
      builder.indexFile(indexFile);
      ArticleRepository repo = builder.build();
      assertThat(Files.readAttributes(indexFile, BasicFileAttributes.class).fileKey()).as("read, not rewritten")
          .isEqualTo(written);
      assertThat(Files.getLastModifiedTime(indexFile)).isEqualTo(at);
      check(seed, gen, repo, initial, writes, queries);
      return;
    }
    check(seed, gen, builder.build(), initial, writes, queries);
  }

  private void check(long seed, ArticleGenerator gen, ArticleRepository repo, List<Article> initial, int writes,
      int queries) {
    Map<String, Article> truth = new LinkedHashMap<>();
    initial.forEach(a -> truth.put(a.id(), a));
    Random random = new Random(seed);
    List<String> ids = new ArrayList<>(truth.keySet());
    for (int i = 0; i < writes; i++) {
      int kind = random.nextInt(10);
      if (kind < 2) {
        String id = ids.get(random.nextInt(ids.size()));
        repo.delete(id);
        truth.remove(id);
      } else if (kind < 5) {
        Article a = gen.next("new/" + seed + "/" + i);
        repo.save(a);
        truth.put(a.id(), a);
        ids.add(a.id());
      } else {
        String id = ids.get(random.nextInt(ids.size()));
        Article a = gen.next(id);
        repo.save(a);
        truth.put(id, a);
      }
    }
    assertThat(repo.size()).isEqualTo(truth.size());
    for (int i = 0; i < queries; i++) {
      ArticleQuery q = randomQuery(random, gen);
      String context = "seed=" + seed + " query#" + i + " " + q + " (rerun with -Dbroadsheet.seed=" + SEED + ")";
      Instant now = q.asOf() != null ? q.asOf() : NOW;
      List<Article> expected = truth.values().stream().filter(a -> naiveMatches(a, q, now))
          .sorted(naiveOrder(q.sort())).toList();
      List<String> expectedIds = expected.stream().map(Article::id).toList();

      List<String> walked = new ArrayList<>();
      Page<Article> page = repo.query(q);
      assertThat(page.total()).as(context).isEqualTo(expected.size());
      int pages = 0;
      while (true) {
        page.items().forEach(a -> walked.add(a.id()));
        if (page.nextCursor().isEmpty() || ++pages > expected.size() + 2) {
          break;
        }
        page = repo.query(q.withCursor(page.nextCursor().get()));
      }
      assertThat(walked).as(context).containsExactlyElementsOf(expectedIds);

      int offset = random.nextInt(Math.max(1, expected.size() + 3));
      List<String> byOffset = repo.query(q.toBuilder().offset(offset).build()).items().stream().map(Article::id).toList();
      assertThat(byOffset).as(context + " offset " + offset)
          .containsExactlyElementsOf(expectedIds.subList(Math.min(offset, expectedIds.size()),
              Math.min(offset + q.limit(), expectedIds.size())));

      Facets f = repo.facets(q.toBuilder().topTags(10_000).build());
      assertThat(f.total()).as(context).isEqualTo(expected.size());
      assertThat(lower(f.categories())).as(context).isEqualTo(count(expected, a -> a.category()));
      assertThat(lower(f.langs())).as(context).isEqualTo(count(expected, Article::lang));
      assertThat(lower(f.sources())).as(context)
          .isEqualTo(count(expected, a -> a.source() == null ? null : a.source().key()));
      Map<String, Integer> tags = new HashMap<>();
      expected.forEach(a -> a.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct()
          .forEach(t -> tags.merge(t, 1, Integer::sum)));
      assertThat(lower(f.tags())).as(context).isEqualTo(tags);
      Map<Sentiment, Integer> sentiments = new HashMap<>();
      expected.stream().filter(a -> a.sentiment() != null).forEach(a -> sentiments.merge(a.sentiment(), 1, Integer::sum));
      assertThat(new HashMap<>(f.sentiments())).as(context).isEqualTo(sentiments);
    }
  }

  private static Map<String, Integer> lower(Map<String, Integer> m) {
    Map<String, Integer> out = new HashMap<>();
    m.forEach((k, v) -> out.merge(k.toLowerCase(Locale.ROOT), v, Integer::sum));
    return out;
  }

  private static Map<String, Integer> count(List<Article> list, java.util.function.Function<Article, String> f) {
    Map<String, Integer> out = new HashMap<>();
    for (Article a : list) {
      String v = f.apply(a);
      if (v != null) {
        out.merge(v.toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
    }
    return out;
  }

  private static ArticleQuery randomQuery(Random r, ArticleGenerator gen) {
    ArticleQuery.Builder b = ArticleQuery.builder();
    if (r.nextInt(3) == 0) {
      int n = 1 + r.nextInt(2);
      for (int i = 0; i < n; i++) {
        String c = ArticleGenerator.CATEGORIES[gen.skewed(ArticleGenerator.CATEGORIES.length)];
        b.categories(r.nextBoolean() ? c : c.toLowerCase(Locale.ROOT));
      }
    }
    if (r.nextInt(4) == 0) {
      b.allTags(gen.tag(gen.skewed(150)));
    }
    if (r.nextInt(4) == 0) {
      b.anyTags(gen.tag(gen.skewed(150)), gen.tag(gen.skewed(150)).toLowerCase(Locale.ROOT));
    }
    if (r.nextInt(5) == 0) {
      b.noneTags(gen.tag(gen.skewed(150)));
    }
    if (r.nextInt(3) == 0) {
      b.sentiments(Sentiment.values()[r.nextInt(3)]);
      if (r.nextBoolean()) {
        b.sentiments(Sentiment.values()[r.nextInt(3)]);
      }
    }
    if (r.nextInt(8) == 0) {
      b.minStickyWeight(r.nextInt(4));
    }
    if (r.nextInt(4) == 0) {
      Instant from = ArticleGenerator.START.plus(Duration.ofDays(r.nextInt(1000)));
      b.publishedFrom(from);
      if (r.nextBoolean()) {
        b.publishedBefore(from.plus(Duration.ofDays(r.nextInt(200))));
      }
    } else if (r.nextInt(6) == 0) {
      b.publishedBefore(ArticleGenerator.START.plus(Duration.ofDays(r.nextInt(1100))));
    }
    if (r.nextInt(5) == 0) {
      b.langs(ArticleGenerator.LANGS[r.nextInt(ArticleGenerator.LANGS.length)].toUpperCase(Locale.ROOT));
    }
    if (r.nextInt(5) == 0) {
      b.sources(gen.sourceKey(gen.skewed(15)), gen.sourceKey(gen.skewed(15)));
    }
    b.drafts(Inclusion.values()[r.nextInt(6) < 4 ? 0 : 1 + r.nextInt(2)]);
    b.scheduled(Inclusion.values()[r.nextInt(6) < 4 ? 0 : 1 + r.nextInt(2)]);
    b.expired(Inclusion.values()[r.nextInt(6) < 4 ? 0 : 1 + r.nextInt(2)]);
    if (r.nextInt(6) == 0) {
      b.asOf(ArticleGenerator.START.plus(Duration.ofDays(r.nextInt(1100))));
    }
    b.sort(Sort.values()[r.nextInt(3)]);
    b.limit(1 + r.nextInt(r.nextBoolean() ? 5 : 200));
    return b.build();
  }

  /** The query semantics, spelled out plainly. */
  static boolean naiveMatches(Article a, ArticleQuery q, Instant now) {
    if (!q.categories().isEmpty() && (a.category() == null || !lc(q.categories()).contains(a.category().toLowerCase(Locale.ROOT)))) {
      return false;
    }
    Set<String> tags = a.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    if (!tags.containsAll(lc(q.allTags()))) {
      return false;
    }
    if (!q.anyTags().isEmpty() && lc(q.anyTags()).stream().noneMatch(tags::contains)) {
      return false;
    }
    if (lc(q.noneTags()).stream().anyMatch(tags::contains)) {
      return false;
    }
    if (!q.sentiments().isEmpty() && (a.sentiment() == null || !q.sentiments().contains(a.sentiment()))) {
      return false;
    }
    if (a.stickyWeight() < q.minStickyWeight()) {
      return false;
    }
    Instant p = a.publishedAt();
    if (q.publishedFrom() != null && (p == null || p.isBefore(q.publishedFrom()))) {
      return false;
    }
    if (q.publishedBefore() != null && (p == null || !p.isBefore(q.publishedBefore()))) {
      return false;
    }
    if (!q.langs().isEmpty() && (a.lang() == null || !lc(q.langs()).contains(a.lang().toLowerCase(Locale.ROOT)))) {
      return false;
    }
    String src = a.source() == null ? null : a.source().key();
    if (!q.sources().isEmpty() && (src == null || !lc(q.sources()).contains(src.toLowerCase(Locale.ROOT)))) {
      return false;
    }
    boolean scheduled = p != null && p.isAfter(now);
    boolean expired = a.expiresAt() != null && !a.expiresAt().isAfter(now);
    boolean shown = allowed(q.drafts(), a.draft()) && allowed(q.scheduled(), scheduled) && allowed(q.expired(), expired);
    if (q.drafts() == Inclusion.EXCLUDE && q.scheduled() == Inclusion.EXCLUDE && q.expired() == Inclusion.EXCLUDE
        && shown != Visibility.of(a, now).isPublic()) {
      throw new AssertionError("the oracle and Visibility disagree on " + a.id() + " at " + now);
    }
    return shown;
  }

  private static Set<String> lc(Set<String> s) {
    return s.stream().map(x -> x.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  private static boolean allowed(Inclusion i, boolean is) {
    return i == Inclusion.INCLUDE || (i == Inclusion.ONLY) == is;
  }

  static Comparator<Article> naiveOrder(Sort sort) {
    Comparator<Article> published = Comparator.comparing(a -> a.publishedAt() == null ? Instant.MIN : a.publishedAt());
    Comparator<Article> id = Comparator.comparing(Article::id);
    return switch (sort) {
      case NEWEST -> published.reversed().thenComparing(id);
      case OLDEST -> published.thenComparing(id);
      case STICKY_FIRST -> Comparator.comparingInt(Article::stickyWeight).reversed()
          .thenComparing(published.reversed()).thenComparing(id);
      case RELEVANCE -> throw new IllegalArgumentException("relevance needs a text query");
    };
  }
}
