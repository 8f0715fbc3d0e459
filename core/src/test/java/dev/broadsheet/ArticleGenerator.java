package dev.broadsheet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic articles shaped like a news feed: a few categories and tags carry most
 * articles, about 2% are sticky, about 3% are drafts, publishedAt spans three years (a few in
 * the future, a few expiring). Same seed, same articles.
 */
public final class ArticleGenerator {
  public static final String[] CATEGORIES = {"BUSINESS", "MARKETS", "TECHNOLOGY", "POLICY", "DEFI", "BITCOIN",
      "ETHEREUM", "NFT", "SECURITY", "AI", "GAMING", "CULTURE"};
  public static final String[] LANGS = {"en", "en", "en", "en", "en", "en", "en", "en", "de", "es", "fr", "ja"};
  public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  public static final Instant END = Instant.parse("2027-01-01T00:00:00Z");

  private final Random random;
  private final int tagCount;
  private final int sourceCount;

  public ArticleGenerator(long seed) {
    this(seed, 2_000, 40);
  }

  public ArticleGenerator(long seed, int tagCount, int sourceCount) {
    this.random = new Random(seed);
    this.tagCount = tagCount;
    this.sourceCount = sourceCount;
  }

  /** Index skewed towards 0: a Zipf-like pick among {@code n}. */
  public int skewed(int n) {
    double u = random.nextDouble();
    return Math.min(n - 1, (int) Math.floor(Math.pow(n + 1, u)) - 1);
  }

  public String tag(int i) {
    return i % 7 == 0 ? "Tag" + i : "TAG" + i;
  }

  public String sourceKey(int i) {
    return "source" + i;
  }

  public Article next(String id) {
    long span = Duration.between(START, END).toMillis();
    Instant published = START.plusMillis((long) (random.nextDouble() * span));
    boolean draft = random.nextInt(100) < 3;
    Set<String> tags = new LinkedHashSet<>();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      tags.add(tag(skewed(tagCount)));
    }
    int sticky = random.nextInt(100) < 2 ? 1 + random.nextInt(10) : 0;
    Article.Builder b = Article.builder(id)
        .title("Article " + id)
        .description("About " + id)
        .publishedAt(draft && random.nextBoolean() ? null : published)
        .lang(LANGS[random.nextInt(LANGS.length)])
        .externalId(Long.toString(random.nextInt(100_000_000)))
        .source(new Source("Source " + skewed(sourceCount), sourceKey(skewed(sourceCount)), "RSS"))
        .category(random.nextInt(50) == 0 ? null : CATEGORIES[skewed(CATEGORIES.length)])
        .tags(new ArrayList<>(tags))
        .stickyWeight(sticky)
        .sentiment(random.nextInt(20) == 0 ? null : Sentiment.values()[random.nextInt(3)])
        .score(random.nextInt(100) / 10.0)
        .draft(draft)
        .body("## Overview\n\nText of " + id + ".\n");
    if (random.nextInt(100) == 0) {
      b.expiresAt(published.plus(Duration.ofDays(random.nextInt(400))));
    }
    if (random.nextInt(10) == 0) {
      b.category(b.build().category() == null ? null : b.build().category().toLowerCase(java.util.Locale.ROOT));
    }
    return b.build();
  }

  public List<Article> articles(int count) {
    List<Article> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(next(String.format("%04d/%02d/article-%07d", 2024 + i % 3, 1 + i % 12, i)));
    }
    return out;
  }

  public Random random() {
    return random;
  }
}
