package dev.broadsheet.bench;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleGenerator;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Sentiment;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The data and queries every benchmark shares, so Broadsheet and SQLite answer the same questions. */
final class BenchData {
  /** Seed of the generator: same seed, same articles, in every fork. */
  static final long SEED = 42;

  /** "Now" for visibility: the generator spreads articles over 2024-2026, so some are scheduled. */
  static final Instant NOW = Instant.parse("2026-07-01T00:00:00Z");

  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final String CATEGORY = "BUSINESS";
  static final Sentiment SENTIMENT = Sentiment.POSITIVE;
  static final int LIMIT = 20;

  /** The tag count the rare-tag query aims for. */
  static final int RARE_TAG_TARGET = 30;

  private BenchData() {}

  static List<Article> articles(int size) {
    return new ArticleGenerator(SEED).articles(size);
  }

  static ArticleRepository repository(List<Article> articles) {
    return ArticleRepository.builder().store(new InMemoryArticleStore(articles)).clock(CLOCK).build();
  }

  static ArticleQuery categorySentiment() {
    return ArticleQuery.builder().categories(CATEGORY).sentiments(SENTIMENT).limit(LIMIT).build();
  }

  static ArticleQuery tag(String tagKey) {
    return ArticleQuery.builder().allTags(tagKey).limit(LIMIT).build();
  }

  static ArticleQuery category() {
    return ArticleQuery.builder().categories(CATEGORY).build();
  }

  /**
   * The lower-cased tag whose article count is closest to {@link #RARE_TAG_TARGET}, ties going
   * to the smaller key. The generator's tags follow a Zipf-like curve, so at a million
   * articles even the rarest tag is on more than a hundred of them.
   */
  static String rareTag(List<Article> articles) {
    Map<String, Integer> counts = new HashMap<>();
    for (Article a : articles) {
      for (String t : a.tags()) {
        counts.merge(ArticleQuery.key(t), 1, Integer::sum);
      }
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      int d = Math.abs(e.getValue() - RARE_TAG_TARGET);
      if (d < bestDistance || (d == bestDistance && e.getKey().compareTo(best) < 0)) {
        best = e.getKey();
        bestDistance = d;
      }
    }
    if (best == null) {
      throw new IllegalStateException("the articles carry no tags");
    }
    return best;
  }

  static int tagCount(List<Article> articles, String tagKey) {
    int n = 0;
    for (Article a : articles) {
      for (String t : a.tags()) {
        if (ArticleQuery.key(t).equals(tagKey)) {
          n++;
          break;
        }
      }
    }
    return n;
  }
}
