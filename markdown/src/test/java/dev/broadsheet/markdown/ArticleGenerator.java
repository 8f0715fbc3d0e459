package dev.broadsheet.markdown;

import dev.broadsheet.AiInfo;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleValidator;
import dev.broadsheet.CoverImage;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
import dev.broadsheet.internal.Texts;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Random valid articles whose every text, number and timestamp is chosen to trip a YAML
 * writer: strings YAML would type as something else, strings that start with an indicator,
 * line breaks, quotes, astral-plane characters, right-to-left text, extreme numbers, instants
 * at the edges of the years 0001 to 9999, and unknown keys nested in lists in maps.
 *
 * <p>Every article it returns passes {@link ArticleValidator}. Deterministic for a given
 * {@link SplittableRandom}, so a failing case can be replayed from its seed.
 */
final class ArticleGenerator {

  /** Top-level fields whose value is a single scalar line in the canonical form. */
  static final List<String> SIMPLE_FIELDS =
      List.of(
          "title", "description", "publishedAt", "updatedAt", "expiresAt", "lang", "externalId",
          "category", "stickyWeight", "sentiment", "score", "draft");

  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  private static final List<String> TYPED_LOOKING =
      List.of(
          "true", "True", "TRUE", "false", "FALSE", "yes", "Yes", "no", "NO", "on", "Off", "y", "N",
          "null", "Null", "NULL", "~", "0", "-0", "+1", "007", "123", "-42", "1_000", "0o17", "0x1F",
          "0b101", "1e3", "1E-3", "3.14", "-.5", "1.", ".", ".inf", "-.Inf", "+.INF", ".nan", ".NaN",
          "NaN", "Infinity", "2026-01-30", "2026-1-3", "2026-01-30T02:57:10Z",
          "2001-12-14t21:59:43.10-05:00", "2026-01-30 02:57:10", "12:30", "1:30:00", "<<", "=",
          "9223372036854775808", "-9223372036854775809", "1e400", "0.1", "+0.0", "-0.0");

  private static final List<String> YAML_LOOKING =
      List.of(
          "---", "...", "--- x", "- item", "? key", ": value", "key: value", "a:b", "a #b", "#",
          "# comment", "!!str", "!!java.lang.Object", "!!binary aGk=", "!local", "&anchor",
          "*alias", "|", "|-", ">", ">+", "{a: b}", "[1, 2]", "[", "}", "%YAML 1.2", "@at",
          "`tick`", "'", "''", "\"", "\"\"", "\\", "\\n", "\\u0041", "a\\", "key:", "http://x.y/z?a=b&c=d#f",
          "  ", " ", "\t", "\n", "\n\n", " \n ", "a\tb", "end\n", "\nstart");

  private static final List<String> UNICODE =
      List.of(
          "\u00e9", "e\u0301", "a\u0308\u0304", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
          "\u202e", "\u202bRTL\u202c", "\u200f", "\ud83d\ude00", "\ud83d\udc69\u200d\ud83d\udcbb",
          "\ud83c\uddfa\ud83c\udde6", "\ud800\udc00", "\udbff\udfff", "\u200b", "\u00a0", "\u3000",
          "\u2028", "\u2029", "\ufeff", "\ufffd", "\ufffe", "\uffff", "\u4e2d\u6587", "\u00df",
          "\u0130", "\ud835\udd04", "\u2603", "\u00bd");

  private static final List<String> WORDS =
      List.of("Tech", "giants", "circle", "funding", "round", "AI", "market", "x", "a b", "Z");

  private final SplittableRandom random;

  ArticleGenerator(SplittableRandom random) {
    this.random = random;
  }

  // ------------------------------------------------------------------ articles

  /** A valid article with this id; any optional field may be absent or present. */
  Article article(String id) {
    Article.Builder b = Article.builder(id);
    b.title(title());
    b.description(maybe(this::text));
    boolean draft = chance(4);
    b.draft(draft);
    b.publishedAt(draft && chance(2) ? null : instant());
    b.updatedAt(maybe(this::instant));
    b.expiresAt(maybe(this::instant));
    b.lang(maybe(this::text));
    b.externalId(maybe(this::text));
    if (chance(2)) {
      b.source(new Source(maybe(this::text), maybe(this::text), maybe(this::text)));
    }
    b.category(maybe(this::text));
    b.tags(tags());
    b.stickyWeight(stickyWeight());
    b.sentiment(chance(2) ? null : pick(List.of(Sentiment.values())));
    b.score(score());
    if (chance(2)) {
      b.coverImage(
          new CoverImage(
              maybe(this::text), maybe(this::text), maybe(this::text), maybe(this::text),
              maybe(this::text), maybe(this::text)));
    }
    if (chance(2)) {
      b.ai(
          new AiInfo(
              chance(2) ? null : random.nextBoolean(),
              maybe(this::instant),
              chance(2) ? null : stickyWeight()));
    }
    b.extra(extra());
    b.body(body());
    Article a = b.build();
    if (!ArticleValidator.validate(a, id).isEmpty()) {
      throw new IllegalStateException(
          "generated an invalid article: " + ArticleValidator.validate(a, id));
    }
    return a;
  }

  /**
   * {@code a} with exactly one of {@link #SIMPLE_FIELDS} changed (set, replaced or removed),
   * still valid.
   */
  Change changeOneSimpleField(Article a) {
    while (true) {
      String field = pick(SIMPLE_FIELDS);
      Article.Builder b = a.toBuilder();
      switch (field) {
        case "title" -> b.title(title());
        case "description" -> b.description(maybe(this::text));
        case "publishedAt" -> b.publishedAt(maybe(this::instant));
        case "updatedAt" -> b.updatedAt(maybe(this::instant));
        case "expiresAt" -> b.expiresAt(maybe(this::instant));
        case "lang" -> b.lang(maybe(this::text));
        case "externalId" -> b.externalId(maybe(this::text));
        case "category" -> b.category(maybe(this::text));
        case "stickyWeight" -> b.stickyWeight(stickyWeight());
        case "sentiment" -> b.sentiment(chance(3) ? null : pick(List.of(Sentiment.values())));
        case "score" -> b.score(score());
        case "draft" -> b.draft(!a.draft());
        default -> throw new IllegalStateException(field);
      }
      Article changed = b.build();
      if (!changed.equals(a) && ArticleValidator.validate(changed, changed.id()).isEmpty()) {
        return new Change(field, changed);
      }
    }
  }

  /** An article and the one field in which it differs from another. */
  record Change(String field, Article article) {}

  // ------------------------------------------------------------------ scalars

  /** Text that may hold anything a valid frontmatter value may hold, blank included. */
  String text() {
    int kind = random.nextInt(60);
    String s =
        switch (kind) {
          case 0, 1, 2, 3, 4 -> "";
          case 5, 6, 7, 8, 9, 10 -> pick(TYPED_LOOKING);
          case 11, 12, 13, 14, 15, 16 -> pick(YAML_LOOKING);
          case 17, 18, 19, 20, 21 -> INDICATORS.charAt(random.nextInt(INDICATORS.length())) + compound(3);
          case 22 -> longText();
          case 23, 24, 25, 26 -> " " + compound(3) + (chance(2) ? " " : "");
          default -> compound(4);
        };
    return valid(s);
  }

  private String title() {
    String t = text();
    return t.isBlank() ? "T" + t : t;
  }

  /** A few pieces of any kind run together, so that hazards meet in one string. */
  private String compound(int maxPieces) {
    StringBuilder out = new StringBuilder();
    int n = 1 + random.nextInt(maxPieces);
    for (int i = 0; i < n; i++) {
      out.append(
          switch (random.nextInt(6)) {
            case 0 -> pick(TYPED_LOOKING);
            case 1 -> pick(YAML_LOOKING);
            case 2, 3 -> pick(UNICODE);
            default -> pick(WORDS);
          });
      if (chance(3)) {
        out.append(pick(List.of(" ", ": ", " #", ",", "'", "\"", "\t", "\n", ":", "#")));
      }
    }
    return out.toString();
  }

  private String longText() {
    StringBuilder out = new StringBuilder();
    int target = 1_000 + random.nextInt(2_000);
    while (out.length() < target) {
      out.append(compound(4)).append(' ');
    }
    return out.toString();
  }

  /** Drops what no frontmatter value may hold (the generator's pieces hold none, but be sure). */
  private static String valid(String s) {
    String out = s;
    int bad;
    while ((bad = Texts.forbiddenCharacter(out)) >= 0) {
      out = out.substring(0, bad) + out.substring(bad + 1);
    }
    return out;
  }

  private List<String> tags() {
    int n = switch (random.nextInt(5)) {
      case 0 -> 0;
      case 1 -> chance(4) ? 100 + random.nextInt(100) : 10 + random.nextInt(20);
      default -> 1 + random.nextInt(4);
    };
    List<String> tags = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tags.add(text());
    }
    return tags;
  }

  private int stickyWeight() {
    return switch (random.nextInt(5)) {
      case 0 -> 0;
      case 1 -> Integer.MAX_VALUE;
      case 2 -> random.nextInt(1, Integer.MAX_VALUE);
      default -> random.nextInt(10);
    };
  }

  private double score() {
    return switch (random.nextInt(14)) {
      case 0 -> 0.0;
      case 1 -> -0.0;
      case 2 -> Double.MIN_VALUE;
      case 3 -> -Double.MIN_VALUE;
      case 4 -> Double.MAX_VALUE;
      case 5 -> -Double.MAX_VALUE;
      case 6 -> 1e15;
      case 7 -> 999_999_999_999_999.0;
      case 8 -> Math.scalb(random.nextDouble() - 0.5, random.nextInt(-1074, 1024));
      case 9 -> random.nextInt(-1_000, 1_000);
      case 10 -> random.nextInt(-1_000, 1_000) / 8.0;
      case 11 -> 0.1 + 0.2;
      case 12 -> anyFiniteDouble();
      default -> (random.nextDouble() - 0.5) * 200;
    };
  }

  private double anyFiniteDouble() {
    double d;
    do {
      d = Double.longBitsToDouble(random.nextLong());
    } while (!Double.isFinite(d));
    return d;
  }

  private static final long MIN_SECOND = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
  private static final long MAX_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

  /** An instant between the years 0001 and 9999, to the second, milli, micro or nanosecond. */
  Instant instant() {
    long second = switch (random.nextInt(8)) {
      case 0 -> MIN_SECOND;
      case 1 -> MAX_SECOND;
      case 2 -> 0;
      default -> random.nextLong(MIN_SECOND, MAX_SECOND + 1);
    };
    int nanos = switch (random.nextInt(5)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1_000) * 1_000_000;
      case 2 -> random.nextInt(1_000_000) * 1_000;
      case 3 -> random.nextInt(1_000_000_000);
      default -> pick(List.of(1, 999_999_999, 1_000, 999_999_000, 100_000_000));
    };
    return Instant.ofEpochSecond(second, nanos);
  }

  // ------------------------------------------------------------------ unknown keys

  private Map<String, @Nullable Object> extra() {
    Map<String, @Nullable Object> extra = new LinkedHashMap<>();
    if (chance(3)) {
      return extra;
    }
    int n = 1 + random.nextInt(chance(10) ? 20 : 4);
    for (int i = 0; i < n; i++) {
      String key = key();
      if (!Article.isField(key)) {
        extra.put(key, value(0));
      }
    }
    return extra;
  }

  private static final List<String> KEYS =
      List.of(
          "1", "-1", "1.5", "0x10", "true", "no", "null", "~", "", " ", "a b", "a: b", "a:b", "k:",
          "#k", "- k", "? k", "<<", "=", "with space", "\u05de\u05e4\u05ea\u05d7", "\ud83d\udd11",
          "multi\nline", "tab\tkey", "'q'", "\"dq\"", "[k]", "{k}", "&a", "*a", "!t", "slug",
          "Title", "draft ", "tags.x");

  private String key() {
    if (chance(400)) {
      return "long key " + "k".repeat(1_016 + random.nextInt(64));
    }
    return chance(2) ? pick(KEYS) : valid(compound(3));
  }

  /** A frontmatter value of the kinds {@link Article#extra()} holds, nested up to 4 deep. */
  private @Nullable Object value(int depth) {
    int kinds = depth >= 4 ? 7 : 10;
    return switch (random.nextInt(kinds)) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> pick(List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, random.nextLong()));
      case 3 -> bigInteger();
      case 4 -> pick(
          List.of(
              Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, 2.0,
              Double.MIN_VALUE, Double.MAX_VALUE, 1e15, 1e-7, 0.1, random.nextDouble() * 1e6));
      case 5, 6 -> text();
      case 7 -> list(depth);
      default -> map(depth);
    };
  }

  /** A whole number outside the range of a {@code long}, as YAML reads such numbers. */
  private BigInteger bigInteger() {
    BigInteger magnitude = BigInteger.ONE.shiftLeft(63 + random.nextInt(200));
    magnitude = magnitude.add(BigInteger.valueOf(random.nextLong(0, Long.MAX_VALUE)));
    return random.nextBoolean() ? magnitude : magnitude.negate().subtract(BigInteger.ONE);
  }

  private List<@Nullable Object> list(int depth) {
    int n = chance(4) ? 0 : 1 + random.nextInt(4);
    List<@Nullable Object> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(value(depth + 1));
    }
    return list;
  }

  private Map<String, @Nullable Object> map(int depth) {
    int n = chance(4) ? 0 : 1 + random.nextInt(4);
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      map.put(key(), value(depth + 1));
    }
    return map;
  }

  // ------------------------------------------------------------------ body

  private static final List<String> BODY_PIECES =
      List.of(
          "## Overview\n", "\n", "\r\n", "---\n", "---", "...\n", "--- \n", "\ufeff", "\ufeff---\n",
          "title: not a field\n", "plain text ", "- a list item\n", "\u0000", "\r", "\u007f",
          "\u0085", "\u2028", "\t", "```yaml\nkey: value\n```\n", "> quote\n", "\ud83d\ude80");

  private String body() {
    if (chance(6)) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int n = random.nextInt(chance(20) ? 300 : 10);
    for (int i = 0; i < n; i++) {
      out.append(chance(3) ? pick(BODY_PIECES) : compound(3));
    }
    return out.toString();
  }

  // ------------------------------------------------------------------ helpers

  private boolean chance(int oneIn) {
    return random.nextInt(oneIn) == 0;
  }

  private <T> @Nullable T maybe(Supplier<T> value) {
    return random.nextBoolean() ? null : value.get();
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
