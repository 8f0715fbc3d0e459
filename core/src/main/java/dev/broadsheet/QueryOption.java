package dev.broadsheet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The options a query can be given as text, by name: the one grammar the command line's
 * options ({@code --any-tag}), the HTTP API's parameters ({@code anyTag}) and every later layer
 * read, so that the same text means the same query everywhere.
 *
 * <pre>{@code
 * ArticleQuery q = ArticleQuery.builder()
 *     .sort(Sort.NEWEST)                                   // a default the options may change
 *     .options(Map.of("category", List.of("SPORTS"), "limit", List.of("5")), QueryOption.ALL)
 *     .build();
 * }</pre>
 *
 * <p>Values: filters are text and match case-insensitively; a repeated filter means any of its
 * values, except {@link #TAG}, which means all of them. Instants are ISO-8601 with an offset
 * ({@code 2026-02-01T09:00:00Z}) or a date ({@code 2026-02-01}, the start of that day in UTC).
 * {@link #STICKY} and {@link #MIN_STICKY} together ask for the larger minimum. {@link #TO} must
 * be after {@link #FROM}. An option given more than once that is not repeatable, an empty value
 * and a value that does not parse are each reported; see {@link ArticleQuery.Builder#options}.
 *
 * @since 0.1.0
 */
public enum QueryOption {
  CATEGORY("category", Kind.FILTER, true, "C", "Articles in this category (repeat for any of several)."),
  TAG("tag", Kind.FILTER, true, "T", "Articles carrying this tag (repeat: carrying all of them)."),
  ANY_TAG("anyTag", Kind.FILTER, true, "T", "Articles carrying this tag (repeat: carrying any of them)."),
  EXCLUDE_TAG("excludeTag", Kind.FILTER, true, "T", "Articles not carrying this tag (repeat: carrying none of them)."),
  SENTIMENT("sentiment", Kind.FILTER, true, "positive|neutral|negative",
      "Articles of this sentiment (repeat for any of several)."),
  STICKY("sticky", Kind.FILTER, false, "true|false", "Only articles with stickyWeight > 0."),
  MIN_STICKY("minSticky", Kind.FILTER, false, "N", "Only articles with stickyWeight >= N."),
  FROM("from", Kind.FILTER, false, "INSTANT", "Published at or after this instant, or this date (UTC start of day)."),
  TO("to", Kind.FILTER, false, "INSTANT", "Published before this instant, or this date (UTC start of day)."),
  LANG("lang", Kind.FILTER, true, "L", "Articles in this language (repeat for any of several)."),
  SOURCE("source", Kind.FILTER, true, "KEY", "Articles from this source key (repeat for any of several)."),
  TEXT("q", "--text", Kind.FILTER, false, "TEXT",
      "Articles matching these words, best first: \"a phrase\", -excluded, prefix*. Needs a search index."),
  DRAFTS("drafts", Kind.VISIBILITY, false, "include|only|exclude",
      "Drafts: left out (default), taken in, or only drafts."),
  SCHEDULED("scheduled", Kind.VISIBILITY, false, "include|only|exclude",
      "Articles published after now (or the as-of instant): left out (default), taken in, or only them."),
  EXPIRED("expired", Kind.VISIBILITY, false, "include|only|exclude",
      "Articles whose expiresAt has passed: left out (default), taken in, or only them."),
  AS_OF("asOf", Kind.VISIBILITY, false, "INSTANT",
      "Decide what is scheduled or expired as of this instant instead of now."),
  SORT("sort", Kind.PAGE, false, "sticky|newest|oldest|relevance",
      "sticky: stickyWeight, then newest (default); newest or oldest by publishedAt; relevance: best text "
          + "match first (the default with text). Ties by id."),
  LIMIT("limit", Kind.PAGE, false, "N", "Articles per page, from 1; default " + ArticleQuery.DEFAULT_LIMIT + "."),
  OFFSET("offset", Kind.PAGE, false, "N", "Matches to skip first; prefer cursors."),
  CURSOR("cursor", Kind.PAGE, false, "C",
      "Continue after the page that gave this next cursor (with the same filters and sort)."),
  TOP_TAGS("topTags", Kind.FACETS, false, "N",
      "How many tags facets count, 0 to " + ArticleQuery.MAX_TOP_TAGS + "; default 20.");

  /** What an option is about. */
  public enum Kind {
    /** Which articles match. */
    FILTER,
    /** Which of the matches the public does not see to show: previews. */
    VISIBILITY,
    /** Order and paging. */
    PAGE,
    /** Facet counts. */
    FACETS
  }

  /** Every option. */
  public static final Set<QueryOption> ALL = Set.copyOf(EnumSet.allOf(QueryOption.class));
  /** The options that choose which articles match: filters and visibility. */
  public static final Set<QueryOption> MATCHING = Set.copyOf(EnumSet.of(CATEGORY, TAG, ANY_TAG, EXCLUDE_TAG,
      SENTIMENT, STICKY, MIN_STICKY, FROM, TO, LANG, SOURCE, TEXT, DRAFTS, SCHEDULED, EXPIRED, AS_OF));

  private static final Map<String, QueryOption> BY_KEY = new HashMap<>();

  static {
    for (QueryOption o : values()) {
      BY_KEY.put(o.key, o);
    }
  }

  private final String key;
  private final String longOption;
  private final Kind kind;
  private final boolean repeatable;
  private final String valueLabel;
  private final String description;

  QueryOption(String key, Kind kind, boolean repeatable, String valueLabel, String description) {
    this(key, dashed(key), kind, repeatable, valueLabel, description);
  }

  QueryOption(String key, String longOption, Kind kind, boolean repeatable, String valueLabel, String description) {
    this.key = key;
    this.longOption = longOption;
    this.kind = kind;
    this.repeatable = repeatable;
    this.valueLabel = valueLabel;
    this.description = description;
  }

  /** The name, as HTTP parameters spell it: {@code anyTag}. */
  public String key() {
    return key;
  }

  /** The name as a command-line option: {@code --any-tag}; {@code --text} for {@link #TEXT}. */
  public String longOption() {
    return longOption;
  }

  private static String dashed(String key) {
    StringBuilder b = new StringBuilder("--");
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isUpperCase(c)) {
        b.append('-').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  public Kind kind() {
    return kind;
  }

  /** Whether the option may be given more than once. */
  public boolean repeatable() {
    return repeatable;
  }

  /** What a value looks like, for help: {@code N}, {@code INSTANT}, {@code include|only|exclude}. */
  public String valueLabel() {
    return valueLabel;
  }

  /** One sentence of help. */
  public String description() {
    return description;
  }

  /** The option with this {@link #key()}, if any. */
  public static Optional<QueryOption> byKey(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  // ------------------------------------------------------------------ reading

  /** A value refused; the message is the reason. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * Applies {@code values} to {@code into}, checking all of them; see {@link
   * ArticleQuery.Builder#options}.
   */
  static void apply(Map<String, ? extends Collection<String>> values, Set<QueryOption> accepted,
      ArticleQuery.Builder into) {
    List<InvalidQueryException.Violation> bad = new ArrayList<>();
    Instant from = into.publishedFrom();
    Instant to = into.publishedBefore();
    boolean fromGiven = false;
    boolean toGiven = false;
    int minSticky = into.minStickyWeight();
    for (Map.Entry<String, ? extends Collection<String>> e : values.entrySet()) {
      String name = Objects.requireNonNull(e.getKey(), "option name");
      List<String> given = List.copyOf(e.getValue());
      QueryOption option = BY_KEY.get(name);
      if (option == null || !accepted.contains(option)) {
        bad.add(new InvalidQueryException.Violation(name, "is not an option here; the options are "
            + (accepted.isEmpty() ? "none" : String.join(", ", keys(accepted)))));
        continue;
      }
      if (given.isEmpty()) {
        continue;
      }
      if (given.size() > 1 && !option.repeatable) {
        bad.add(new InvalidQueryException.Violation(name, "is given " + given.size() + " times; give it once"));
        continue;
      }
      if (given.stream().anyMatch(String::isEmpty)) {
        bad.add(new InvalidQueryException.Violation(name, "must not be empty"));
        continue;
      }
      String one = given.get(0);
      try {
        switch (option) {
          case CATEGORY -> into.categories(given);
          case TAG -> into.allTags(given);
          case ANY_TAG -> into.anyTags(given);
          case EXCLUDE_TAG -> into.noneTags(given);
          case LANG -> into.langs(given);
          case SOURCE -> into.sources(given);
          case TEXT -> {
            into.text(one);
            if (!values.containsKey(SORT.key)) {
              into.sort(Sort.RELEVANCE); // over a default the caller set: text means best first
            }
          }
          case SENTIMENT -> {
            for (String v : given) {
              into.sentiments(Sentiment.parse(v).orElseThrow(() -> new Refused(
                  "must be positive, neutral or negative, was '" + v + "'")));
            }
          }
          case STICKY -> {
            if (choice(one, "true", "false").equals("true")) {
              minSticky = Math.max(minSticky, 1);
            }
          }
          case MIN_STICKY -> minSticky = Math.max(minSticky, whole(one, 0, Integer.MAX_VALUE));
          case FROM -> {
            from = instant(one);
            fromGiven = true;
          }
          case TO -> {
            to = instant(one);
            toGiven = true;
          }
          case AS_OF -> into.asOf(instant(one));
          case DRAFTS -> into.drafts(inclusion(one));
          case SCHEDULED -> into.scheduled(inclusion(one));
          case EXPIRED -> into.expired(inclusion(one));
          case SORT -> into.sort(Sort.parse(one).orElseThrow(() -> new Refused(
              "must be " + String.join(", ", Arrays.stream(Sort.values()).map(Sort::key).toList())
                  + ", was '" + one + "'")));
          case LIMIT -> into.limit(whole(one, 1, Integer.MAX_VALUE));
          case OFFSET -> into.offset(whole(one, 0, Integer.MAX_VALUE));
          case CURSOR -> into.cursor(one);
          case TOP_TAGS -> into.topTags(whole(one, 0, ArticleQuery.MAX_TOP_TAGS));
        }
      } catch (Refused r) {
        bad.add(new InvalidQueryException.Violation(name, r.getMessage()));
      }
    }
    if (from != null && to != null && !to.isAfter(from)) {
      bad.add(new InvalidQueryException.Violation(toGiven || !fromGiven ? TO.key : FROM.key,
          toGiven || !fromGiven ? "must be after from (" + from + "), was " + to
              : "must be before to (" + to + "), was " + from));
    }
    if (!bad.isEmpty()) {
      throw new InvalidQueryException(bad);
    }
    into.minStickyWeight(minSticky).publishedFrom(from).publishedBefore(to);
  }

  private static List<String> keys(Set<QueryOption> options) {
    List<String> out = new ArrayList<>();
    for (QueryOption o : values()) {
      if (options.contains(o)) {
        out.add(o.key);
      }
    }
    return out;
  }

  private static String choice(String value, String... choices) throws Refused {
    String lower = value.strip().toLowerCase(Locale.ROOT);
    for (String c : choices) {
      if (c.equals(lower)) {
        return c;
      }
    }
    throw new Refused("must be " + String.join(" or ", choices) + ", was '" + value + "'");
  }

  private static Inclusion inclusion(String value) throws Refused {
    return Inclusion.parse(value).orElseThrow(() -> new Refused(
        "must be include, only or exclude, was '" + value + "'"));
  }

  private static int whole(String value, int min, int max) throws Refused {
    String range = max == Integer.MAX_VALUE ? "a whole number >= " + min : "a whole number from " + min + " to " + max;
    long n;
    try {
      n = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new Refused("must be " + range + ", was '" + value + "'");
    }
    if (n < min || n > max) {
      throw new Refused("must be " + range + ", was " + n);
    }
    return (int) n;
  }

  private static Instant instant(String value) throws Refused {
    return ArticleQuery.parseInstant(value).orElseThrow(() -> new Refused(
        "must be an ISO-8601 instant such as 2026-02-01T09:00:00Z or a date such as 2026-02-01, was '" + value + "'"));
  }
}
