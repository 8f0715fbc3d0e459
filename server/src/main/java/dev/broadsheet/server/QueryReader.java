package dev.broadsheet.server;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Inclusion;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Sort;
import dev.broadsheet.server.BadRequest.InvalidParam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns query parameters into an {@link ArticleQuery}, the way the command line's options do:
 * a repeated parameter means any of its values, except {@code tag}, which means all of them.
 * Every bad parameter is reported, not just the first.
 */
final class QueryReader {
  static final List<String> FILTERS = List.of(
      "category", "tag", "anyTag", "excludeTag", "sentiment", "sticky", "minSticky", "from", "to", "lang", "source");
  static final List<String> PAGING = List.of("sort", "limit", "cursor");
  /** Parameters that show what the public does not see; they need the preview token. */
  static final List<String> PREVIEW = List.of("drafts", "scheduled", "expired", "asOf");
  static final List<String> FACET_OPTIONS = List.of("topTags");

  private static final Set<String> MULTI = Set.of("category", "tag", "anyTag", "excludeTag", "sentiment", "lang", "source");
  /** The most tags {@code /facets} reports. */
  static final int MAX_TOP_TAGS = 1000;

  private QueryReader() {}

  /** The preview parameters among {@code params}, in the order of {@link #PREVIEW}. */
  static List<String> previewParams(Params params) {
    return PREVIEW.stream().filter(params::has).toList();
  }

  /**
   * The query {@code params} describe.
   *
   * @param allowed the parameters this endpoint takes; any other is refused
   * @param now the moment visibility is decided at when {@code asOf} is not given
   * @throws BadRequest listing every parameter that is unknown, repeated, empty or malformed
   */
  static ArticleQuery read(Params params, List<String> allowed, Sort defaultSort, int maxLimit, Instant now) {
    List<InvalidParam> bad = new ArrayList<>();
    ArticleQuery.Builder q = ArticleQuery.builder().sort(defaultSort);
    Instant from = null;
    Instant to = null;
    Instant asOf = null;
    int minSticky = 0;
    for (Map.Entry<String, List<String>> e : params.all().entrySet()) {
      String name = e.getKey();
      List<String> values = e.getValue();
      if (!allowed.contains(name)) {
        bad.add(new InvalidParam(Params.printable(name),
            "unknown parameter; this endpoint takes " + (allowed.isEmpty() ? "none" : String.join(", ", allowed))));
        continue;
      }
      if (values.size() > 1 && !MULTI.contains(name)) {
        bad.add(new InvalidParam(name, "given " + values.size() + " times; give it once"));
        continue;
      }
      if (values.stream().anyMatch(String::isEmpty)) {
        bad.add(new InvalidParam(name, "must not be empty"));
        continue;
      }
      String one = values.get(0);
      try {
        switch (name) {
          case "category" -> q.categories(values);
          case "tag" -> q.allTags(values);
          case "anyTag" -> q.anyTags(values);
          case "excludeTag" -> q.noneTags(values);
          case "lang" -> q.langs(values);
          case "source" -> q.sources(values);
          case "sentiment" -> {
            for (String v : values) {
              q.sentiments(Sentiment.parse(v).orElseThrow(() -> invalid(
                  "expected positive, neutral or negative, was '" + v + "'")));
            }
          }
          case "sticky" -> {
            if (choice(one, "true", "false").equals("true")) {
              minSticky = Math.max(minSticky, 1);
            }
          }
          case "minSticky" -> minSticky = Math.max(minSticky, wholeNumber(one, 0, Integer.MAX_VALUE));
          case "from" -> from = instant(one);
          case "to" -> to = instant(one);
          case "asOf" -> asOf = instant(one);
          case "sort" -> q.sort(switch (choice(one, "sticky", "newest", "oldest")) {
            case "newest" -> Sort.NEWEST;
            case "oldest" -> Sort.OLDEST;
            default -> Sort.STICKY_FIRST;
          });
          case "limit" -> q.limit(wholeNumber(one, 1, maxLimit));
          case "cursor" -> q.cursor(one);
          case "drafts" -> q.drafts(inclusion(one));
          case "scheduled" -> q.scheduled(inclusion(one));
          case "expired" -> q.expired(inclusion(one));
          case "topTags" -> q.topTags(wholeNumber(one, 0, MAX_TOP_TAGS));
          default -> throw new IllegalStateException("parameter without a reader: " + name);
        }
      } catch (Invalid x) {
        bad.add(new InvalidParam(name, x.getMessage()));
      }
    }
    if (from != null && to != null && !to.isAfter(from)) {
      bad.add(new InvalidParam("to", to + " must be after from " + from));
    }
    if (!bad.isEmpty()) {
      throw new BadRequest(bad);
    }
    return q.minStickyWeight(minSticky)
        .publishedFrom(from)
        .publishedBefore(to)
        .asOf(asOf != null ? asOf : now)
        .build();
  }

  /** A value refused; the message is the reason the problem document gives. */
  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }

  private static Invalid invalid(String reason) {
    return new Invalid(reason);
  }

  private static String choice(String value, String... choices) {
    String lower = value.strip().toLowerCase(Locale.ROOT);
    for (String c : choices) {
      if (c.equals(lower)) {
        return c;
      }
    }
    throw invalid("expected " + String.join(", ", choices) + ", was '" + value + "'");
  }

  private static Inclusion inclusion(String value) {
    return Inclusion.valueOf(choice(value, "include", "only", "exclude").toUpperCase(Locale.ROOT));
  }

  private static int wholeNumber(String value, int min, int max) {
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw invalid("expected a whole number from " + min + " to " + max + ", was '" + value + "'");
    }
    if (n < min || n > max) {
      throw invalid("must be from " + min + " to " + max + ", was " + n);
    }
    return (int) n;
  }

  private static Instant instant(String value) {
    Instant i = parseInstant(value);
    if (i == null) {
      throw invalid("expected an ISO-8601 instant such as 2026-02-01T09:00:00Z or a date such as 2026-02-01, was '"
          + value + "'");
    }
    return i;
  }

  /** An ISO-8601 instant with an offset, or a date as the start of that day in UTC; null if neither. */
  static @Nullable Instant parseInstant(String value) {
    return ArticleQuery.parseInstant(value).orElse(null);
  }
}
