package dev.broadsheet.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.broadsheet.AiInfo;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleGenerator;
import dev.broadsheet.CoverImage;
import dev.broadsheet.Revision;
import dev.broadsheet.Source;
import dev.broadsheet.StoredArticle;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Article to JSON to article is the identity, for thousands of articles from core's {@link
 * ArticleGenerator} with the fields it leaves empty (cover image, AI info, updatedAt, extra
 * values of every kind, awkward text) filled in at random.
 *
 * <p>The seed is fixed so builds are repeatable; pass {@code -Dbroadsheet.seed=N} to explore
 * others and {@code -Dbroadsheet.iterations=N} to run more or fewer articles. A failure names
 * the seed and the article.
 */
class RoundTripPropertyTest {
  private static final long SEED = Long.getLong("broadsheet.seed", 20260126L);
  private static final int ITERATIONS = Integer.getInteger("broadsheet.iterations", 5_000);

  /** Text that JSON must escape or that is easy to get wrong; all of it valid in frontmatter. */
  private static final String[] AWKWARD = {
    "plain", "", " ", "quote \" and backslash \\", "line\nbreak", "tab\tstop", "slash / and </script>",
    "Grüße aus Köln", "日本語の見出し", "emoji 🚢 and 👩‍👩‍👧", "\u2028 line separator", "nbsp\u00a0",
    "{\"looks\": \"like json\"}", "null", "true", "12", "2026-01-30", "$.tags[0]", "'single'"
  };

  private final ObjectMapper mapper = new ObjectMapper().registerModule(new BroadsheetModule());

  @BeforeAll
  static void printSeed() {
    System.out.println("RoundTripPropertyTest: seed " + SEED + ", " + ITERATIONS
        + " articles (replay with -Dbroadsheet.seed=" + SEED + ")");
  }

  @Test
  void articleToJsonToArticleIsTheIdentity() throws Exception {
    ArticleGenerator gen = new ArticleGenerator(SEED);
    Random random = new Random(SEED ^ 0x5DEECE66DL);
    ObjectMapper indenting = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
    int withExtra = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      Article a = enrich(gen.next(String.format("%04d/%02d/article-%07d", 2024 + i % 3, 1 + i % 12, i)), random);
      withExtra += a.extra().isEmpty() ? 0 : 1;
      String json = (i % 2 == 0 ? mapper : indenting).writeValueAsString(a);
      String context = "article " + i + " of seed " + SEED + ":\n" + json;

      assertThat(mapper.readValue(json, Article.class)).as(context).isEqualTo(a);
      assertThat(mapper.readValue(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Article.class))
          .as(context).isEqualTo(a);
    }
    assertThat(withExtra).as("articles with extra values").isGreaterThan(ITERATIONS / 3);
  }

  @Test
  void storedArticleAndTreeRoundTripsAreTheIdentityToo() throws Exception {
    ArticleGenerator gen = new ArticleGenerator(SEED + 1);
    Random random = new Random(SEED + 1);
    for (int i = 0; i < ITERATIONS / 5; i++) {
      StoredArticle s = new StoredArticle(enrich(gen.next("stored/a-" + i), random), Revision.of("r" + random.nextLong()));
      JsonNode tree = mapper.valueToTree(s);

      assertThat(mapper.treeToValue(tree, StoredArticle.class)).as("stored article %s of seed %s", i, SEED).isEqualTo(s);
      assertThat(mapper.readValue(mapper.writeValueAsString(s), StoredArticle.class)).isEqualTo(s);
    }
  }

  /** The generated article with the fields the generator leaves out filled in, some of the time. */
  static Article enrich(Article a, Random r) {
    Article.Builder b = a.toBuilder();
    if (r.nextInt(3) == 0) {
      String title = awkward(r);
      b.title(title.isBlank() ? "t" + title : title); // a blank title is invalid
    }
    if (r.nextInt(4) == 0) {
      b.description(r.nextBoolean() ? null : awkward(r));
    }
    if (r.nextInt(3) == 0 && a.publishedAt() != null) {
      // Nanosecond precision, written and read exactly.
      b.updatedAt(a.publishedAt().plusNanos(Math.floorMod(r.nextLong(), 400L * 86_400_000_000_000L)));
    }
    if (r.nextInt(5) == 0) {
      b.source(new Source(maybe(r), maybe(r), maybe(r)));
    }
    if (r.nextInt(4) == 0) {
      b.coverImage(new CoverImage(maybe(r), maybe(r), maybe(r), maybe(r), maybe(r), maybe(r)));
    }
    if (r.nextInt(4) == 0) {
      b.ai(new AiInfo(r.nextBoolean() ? null : r.nextBoolean(),
          r.nextBoolean() ? null : Instant.ofEpochSecond(r.nextInt(2_000_000_000), r.nextInt(1_000_000_000)),
          r.nextBoolean() ? null : r.nextInt(Integer.MAX_VALUE)));
    }
    if (r.nextInt(4) == 0) {
      b.score(r.nextBoolean() ? r.nextDouble() * 1e6 - 5e5 : r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
    }
    if (r.nextInt(5) == 0) {
      b.body(awkward(r) + "\n\n" + awkward(r));
    }
    if (r.nextBoolean()) {
      int n = 1 + r.nextInt(4);
      for (int i = 0; i < n; i++) {
        String key = r.nextInt(4) == 0 ? awkward(r) : "key" + r.nextInt(20);
        if (!Article.isField(key)) {
          b.putExtra(key, value(r, 0));
        }
      }
    }
    return b.build();
  }

  private static @Nullable Object value(Random r, int depth) {
    int kind = r.nextInt(depth > 2 ? 7 : 9);
    return switch (kind) {
      case 0 -> null;
      case 1 -> awkward(r);
      case 2 -> r.nextBoolean();
      case 3 -> r.nextLong() >> r.nextInt(64);
      case 4 -> new BigInteger(64 + r.nextInt(100), r).add(BigInteger.ONE.shiftLeft(64)).multiply(
          BigInteger.valueOf(r.nextBoolean() ? 1 : -1));
      case 5 -> r.nextBoolean() ? r.nextDouble() : Double.longBitsToDouble(r.nextLong() & 0x7FEFFFFFFFFFFFFFL);
      case 6 -> r.nextBoolean() ? 0.0 : -1.5e-300;
      case 7 -> {
        List<@Nullable Object> list = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          list.add(value(r, depth + 1));
        }
        yield list;
      }
      default -> {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          map.put(r.nextBoolean() ? awkward(r) : "k" + i, value(r, depth + 1));
        }
        yield map;
      }
    };
  }

  private static String awkward(Random r) {
    return AWKWARD[r.nextInt(AWKWARD.length)];
  }

  private static @Nullable String maybe(Random r) {
    return r.nextBoolean() ? null : awkward(r);
  }
}
