package dev.broadsheet;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What to find: filters, visibility, order and page. Immutable; build one with {@link
 * #builder()}.
 *
 * <pre>{@code
 * ArticleQuery q = ArticleQuery.builder()
 *     .categories("BUSINESS")
 *     .sentiments(Sentiment.POSITIVE)
 *     .allTags("AI")
 *     .limit(20)
 *     .build();
 * Page<Article> page = repository.query(q);
 * ArticleQuery next = q.withCursor(page.nextCursor().orElseThrow());
 * }</pre>
 *
 * <p>Category, tag, language, source and sentiment match case-insensitively. Several values
 * for one filter mean any of them, except {@link Builder#allTags}, which means all. Drafts,
 * scheduled articles (publishedAt after now) and expired ones (expiresAt at or before now) are
 * excluded unless asked for; "now" is the repository clock's, or {@link Builder#asOf}.
 *
 * <p>With {@link Builder#text}, only articles matching the words are found, through the
 * repository's {@link dev.broadsheet.spi.SearchIndex}, best first ({@link Sort#RELEVANCE}) unless
 * another sort is set; every filter still applies.
 *
 * @since 0.1.0
 */
public final class ArticleQuery {
  /** The page size when none is given. */
  public static final int DEFAULT_LIMIT = 20;

  /** The most tags facets count when the query is read from options ({@link QueryOption#TOP_TAGS}). */
  public static final int MAX_TOP_TAGS = 1000;

  private final Set<String> categories;
  private final Set<String> allTags;
  private final Set<String> anyTags;
  private final Set<String> noneTags;
  private final Set<Sentiment> sentiments;
  private final int minStickyWeight;
  private final @Nullable Instant publishedFrom;
  private final @Nullable Instant publishedBefore;
  private final Set<String> langs;
  private final Set<String> sources;
  private final @Nullable String text;
  private final Inclusion drafts;
  private final Inclusion scheduled;
  private final Inclusion expired;
  private final @Nullable Instant asOf;
  private final Sort sort;
  private final boolean sortGiven;
  private final int limit;
  private final int offset;
  private final @Nullable String cursor;
  private final int topTags;

  private ArticleQuery(Builder b) {
    categories = Set.copyOf(b.categories);
    allTags = Set.copyOf(b.allTags);
    anyTags = Set.copyOf(b.anyTags);
    noneTags = Set.copyOf(b.noneTags);
    sentiments = b.sentiments.isEmpty() ? Set.of() : Set.copyOf(b.sentiments);
    minStickyWeight = b.minStickyWeight;
    publishedFrom = b.publishedFrom;
    publishedBefore = b.publishedBefore;
    langs = Set.copyOf(b.langs);
    sources = Set.copyOf(b.sources);
    text = b.text;
    drafts = b.drafts;
    scheduled = b.scheduled;
    expired = b.expired;
    asOf = b.asOf;
    sort = b.text != null && !b.sortGiven ? Sort.RELEVANCE : b.sort;
    sortGiven = b.sortGiven;
    limit = b.limit;
    offset = b.offset;
    cursor = b.cursor;
    topTags = b.topTags;
  }

  /** {@code q} as it is but for its {@code asOf}: sets shared, nothing checked again. */
  private ArticleQuery(ArticleQuery q, @Nullable Instant asOf) {
    categories = q.categories;
    allTags = q.allTags;
    anyTags = q.anyTags;
    noneTags = q.noneTags;
    sentiments = q.sentiments;
    minStickyWeight = q.minStickyWeight;
    publishedFrom = q.publishedFrom;
    publishedBefore = q.publishedBefore;
    langs = q.langs;
    sources = q.sources;
    text = q.text;
    drafts = q.drafts;
    scheduled = q.scheduled;
    expired = q.expired;
    this.asOf = asOf;
    sort = q.sort;
    sortGiven = q.sortGiven;
    limit = q.limit;
    offset = q.offset;
    cursor = q.cursor;
    topTags = q.topTags;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Everything visible now, in the default order, first page. */
  public static ArticleQuery all() {
    return builder().build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * This query with visibility evaluated at {@code asOf} ({@link Builder#asOf}); cheaper than
   * {@code toBuilder().asOf(asOf).build()}, for a server that reads a query once and answers it
   * at each request's moment.
   *
   * @since 0.1.0
   */
  public ArticleQuery withAsOf(@Nullable Instant asOf) {
    return Objects.equals(asOf, this.asOf) ? this : new ArticleQuery(this, asOf);
  }

  /** This query, continued after the page that gave {@code nextCursor}. */
  public ArticleQuery withCursor(@Nullable String nextCursor) {
    return toBuilder().cursor(nextCursor).build();
  }

  /** Lower-cased category keys; empty means any. */
  public Set<String> categories() {
    return categories;
  }

  public Set<String> allTags() {
    return allTags;
  }

  public Set<String> anyTags() {
    return anyTags;
  }

  public Set<String> noneTags() {
    return noneTags;
  }

  public Set<Sentiment> sentiments() {
    return sentiments;
  }

  /** 0 for no sticky filter; 1 for sticky only; more for a minimum weight. */
  public int minStickyWeight() {
    return minStickyWeight;
  }

  public @Nullable Instant publishedFrom() {
    return publishedFrom;
  }

  public @Nullable Instant publishedBefore() {
    return publishedBefore;
  }

  public Set<String> langs() {
    return langs;
  }

  /** Lower-cased source keys; empty means any. */
  public Set<String> sources() {
    return sources;
  }

  /**
   * The words to search for, as given (stripped); null for no text search.
   *
   * @since 0.1.0
   */
  public @Nullable String text() {
    return text;
  }

  public Inclusion drafts() {
    return drafts;
  }

  public Inclusion scheduled() {
    return scheduled;
  }

  public Inclusion expired() {
    return expired;
  }

  public @Nullable Instant asOf() {
    return asOf;
  }

  public Sort sort() {
    return sort;
  }

  public int limit() {
    return limit;
  }

  public int offset() {
    return offset;
  }

  public @Nullable String cursor() {
    return cursor;
  }

  /** How many tags {@link ArticleRepository#facets} reports. */
  public int topTags() {
    return topTags;
  }

  /**
   * Reads a time bound the way the command line and the HTTP API read {@code from}, {@code to}
   * and {@code asOf}: an ISO-8601 timestamp with an offset ({@code 2026-02-01T09:00:00Z},
   * {@code 2026-02-01T10:00:00+01:00}) or a date ({@code 2026-02-01}, the start of that day in
   * UTC).
   *
   * @return the instant, or empty when the text is neither form
   */
  public static Optional<Instant> parseInstant(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      // not a full timestamp; try a date
    }
    try {
      return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Lower-cases a filter value the way matching does. */
  public static String key(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "ArticleQuery[categories=" + categories + ", allTags=" + allTags + ", anyTags=" + anyTags
        + ", noneTags=" + noneTags + ", sentiments=" + sentiments + ", minSticky=" + minStickyWeight
        + ", from=" + publishedFrom + ", before=" + publishedBefore + ", langs=" + langs
        + ", sources=" + sources + (text == null ? "" : ", text=" + text) + ", drafts=" + drafts + ", scheduled=" + scheduled
        + ", expired=" + expired + ", asOf=" + asOf + ", sort=" + sort + ", limit=" + limit
        + ", offset=" + offset + ", cursor=" + cursor + "]";
  }

  /** Builds an {@link ArticleQuery}. Not thread-safe. */
  public static final class Builder {
    private Set<String> categories = new LinkedHashSet<>();
    private Set<String> allTags = new LinkedHashSet<>();
    private Set<String> anyTags = new LinkedHashSet<>();
    private Set<String> noneTags = new LinkedHashSet<>();
    private Set<Sentiment> sentiments = EnumSet.noneOf(Sentiment.class);
    private int minStickyWeight;
    private @Nullable Instant publishedFrom;
    private @Nullable Instant publishedBefore;
    private Set<String> langs = new LinkedHashSet<>();
    private Set<String> sources = new LinkedHashSet<>();
    private @Nullable String text;
    private Inclusion drafts = Inclusion.EXCLUDE;
    private Inclusion scheduled = Inclusion.EXCLUDE;
    private Inclusion expired = Inclusion.EXCLUDE;
    private @Nullable Instant asOf;
    private Sort sort = Sort.STICKY_FIRST;
    private boolean sortGiven;
    private int limit = DEFAULT_LIMIT;
    private int offset;
    private @Nullable String cursor;
    private int topTags = 20;

    private Builder() {}

    private Builder(ArticleQuery q) {
      load(q);
    }

    /** Takes every setting of {@code q}. */
    private void load(ArticleQuery q) {
      categories = new LinkedHashSet<>(q.categories);
      allTags = new LinkedHashSet<>(q.allTags);
      anyTags = new LinkedHashSet<>(q.anyTags);
      noneTags = new LinkedHashSet<>(q.noneTags);
      sentiments = q.sentiments.isEmpty() ? EnumSet.noneOf(Sentiment.class) : EnumSet.copyOf(q.sentiments);
      minStickyWeight = q.minStickyWeight;
      publishedFrom = q.publishedFrom;
      publishedBefore = q.publishedBefore;
      langs = new LinkedHashSet<>(q.langs);
      sources = new LinkedHashSet<>(q.sources);
      text = q.text;
      drafts = q.drafts;
      scheduled = q.scheduled;
      expired = q.expired;
      asOf = q.asOf;
      sort = q.sort;
      sortGiven = q.sortGiven;
      limit = q.limit;
      offset = q.offset;
      cursor = q.cursor;
      topTags = q.topTags;
    }

    /** Articles in any of these categories. */
    public Builder categories(String... values) {
      return categories(List.of(values));
    }

    public Builder categories(Collection<String> values) {
      keys(categories, values);
      return this;
    }

    /** Articles carrying every one of these tags. */
    public Builder allTags(String... values) {
      return allTags(List.of(values));
    }

    public Builder allTags(Collection<String> values) {
      keys(allTags, values);
      return this;
    }

    /** Articles carrying at least one of these tags. */
    public Builder anyTags(String... values) {
      return anyTags(List.of(values));
    }

    public Builder anyTags(Collection<String> values) {
      keys(anyTags, values);
      return this;
    }

    /** Articles carrying none of these tags. */
    public Builder noneTags(String... values) {
      return noneTags(List.of(values));
    }

    public Builder noneTags(Collection<String> values) {
      keys(noneTags, values);
      return this;
    }

    public Builder sentiments(Sentiment... values) {
      return sentiments(List.of(values));
    }

    public Builder sentiments(Collection<Sentiment> values) {
      for (Sentiment s : values) {
        sentiments.add(Objects.requireNonNull(s, "sentiment"));
      }
      return this;
    }

    /** Only articles with {@code stickyWeight > 0}. */
    public Builder stickyOnly() {
      return minStickyWeight(1);
    }

    /** Only articles with {@code stickyWeight >= weight}; 0 removes the filter. */
    public Builder minStickyWeight(int weight) {
      if (weight < 0) {
        throw new IllegalArgumentException("minStickyWeight must be >= 0, was " + weight);
      }
      this.minStickyWeight = weight;
      return this;
    }

    /** Only articles published at or after {@code from}. */
    public Builder publishedFrom(@Nullable Instant from) {
      this.publishedFrom = from;
      return this;
    }

    /** Only articles published before {@code before}. */
    public Builder publishedBefore(@Nullable Instant before) {
      this.publishedBefore = before;
      return this;
    }

    public Builder langs(String... values) {
      return langs(List.of(values));
    }

    public Builder langs(Collection<String> values) {
      keys(langs, values);
      return this;
    }

    /** Articles from any of these source keys. */
    public Builder sources(String... values) {
      return sources(List.of(values));
    }

    public Builder sources(Collection<String> values) {
      keys(sources, values);
      return this;
    }

    /**
     * Only articles matching these words, as a search box takes them: words (all required),
     * {@code "a phrase"}, {@code -excluded}, {@code prefix*}; the repository's {@link
     * dev.broadsheet.spi.SearchIndex} reads them. Null or blank removes the text search. The
     * sort becomes {@link Sort#RELEVANCE} unless one is set.
     *
     * @since 0.1.0
     */
    public Builder text(@Nullable String value) {
      this.text = value == null || value.isBlank() ? null : value.strip();
      return this;
    }

    public Builder drafts(Inclusion value) {
      this.drafts = Objects.requireNonNull(value, "drafts");
      return this;
    }

    public Builder scheduled(Inclusion value) {
      this.scheduled = Objects.requireNonNull(value, "scheduled");
      return this;
    }

    public Builder expired(Inclusion value) {
      this.expired = Objects.requireNonNull(value, "expired");
      return this;
    }

    /** Evaluates visibility at this moment instead of now, to preview the feed. */
    public Builder asOf(@Nullable Instant value) {
      this.asOf = value;
      return this;
    }

    public Builder sort(Sort value) {
      this.sort = Objects.requireNonNull(value, "sort");
      this.sortGiven = true;
      return this;
    }

    /** Page size, 1 to the repository's maximum (1000 by default); default 20. */
    public Builder limit(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("limit must be >= 1, was " + value);
      }
      this.limit = value;
      return this;
    }

    /** Matches to skip before the page; prefer cursors, which stay exact under change. */
    public Builder offset(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("offset must be >= 0, was " + value);
      }
      this.offset = value;
      return this;
    }

    /** Continue after the page that returned this cursor. */
    public Builder cursor(@Nullable String value) {
      this.cursor = value;
      return this;
    }

    /** How many tags facets report; default 20. */
    public Builder topTags(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("topTags must be >= 0, was " + value);
      }
      this.topTags = value;
      return this;
    }

    /**
     * Sets what {@code values} say, each by its name ({@link QueryOption#key()}), the way the
     * command line and the HTTP API read a query. Every value is checked before any is refused,
     * so that all problems are reported at once; nothing is set when one is.
     *
     * @param values option names to their values as given, in order; a repeated option has
     *     several
     * @param accepted the options the caller takes; any other name is refused
     * @throws InvalidQueryException naming each option that is unknown, not accepted, repeated
     *     though not {@linkplain QueryOption#repeatable() repeatable}, empty, or malformed, and
     *     {@code to} when it is not after {@code from}
     */
    public Builder options(Map<String, ? extends Collection<String>> values, Set<QueryOption> accepted) {
      Objects.requireNonNull(values, "values");
      Objects.requireNonNull(accepted, "accepted");
      Builder trial = new Builder(new ArticleQuery(this));
      QueryOption.apply(values, accepted, trial); // throws before this builder changes
      load(new ArticleQuery(trial));
      return this;
    }

    @Nullable Instant publishedFrom() {
      return publishedFrom;
    }

    @Nullable Instant publishedBefore() {
      return publishedBefore;
    }

    int minStickyWeight() {
      return minStickyWeight;
    }

    /**
     * @throws IllegalArgumentException when {@code publishedBefore} is not after {@code
     *     publishedFrom}: such a range holds nothing, which is surely a mistake
     */
    public ArticleQuery build() {
      if (publishedFrom != null && publishedBefore != null && !publishedBefore.isAfter(publishedFrom)) {
        throw new IllegalArgumentException(
            "publishedBefore must be after publishedFrom " + publishedFrom + ", was " + publishedBefore);
      }
      return new ArticleQuery(this);
    }

    private static void keys(Set<String> into, Collection<String> values) {
      for (String v : values) {
        into.add(key(Objects.requireNonNull(v, "filter value")));
      }
    }
  }
}
