package dev.broadsheet.cli;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Inclusion;
import dev.broadsheet.Sentiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The filters and visibility options {@code query} and {@code facets} share, turned into an
 * {@link ArticleQuery}. A repeated option means any of its values, except {@code --tag}, which
 * means all of them.
 */
final class QueryOptions {
  @Option(names = "--category", paramLabel = "C",
      description = "Articles in this category (repeat for any of several).")
  List<String> categories = new ArrayList<>();

  @Option(names = "--tag", paramLabel = "T",
      description = "Articles carrying this tag (repeat: carrying all of them).")
  List<String> allTags = new ArrayList<>();

  @Option(names = "--any-tag", paramLabel = "T",
      description = "Articles carrying this tag (repeat: carrying any of them).")
  List<String> anyTags = new ArrayList<>();

  @Option(names = "--exclude-tag", paramLabel = "T",
      description = "Articles not carrying this tag (repeat: carrying none of them).")
  List<String> excludeTags = new ArrayList<>();

  @Option(names = "--sentiment", paramLabel = "S", converter = SentimentConverter.class,
      description = "positive, neutral or negative (repeat for any of several).")
  List<Sentiment> sentiments = new ArrayList<>();

  @Option(names = "--sticky", description = "Only articles with stickyWeight > 0.")
  boolean sticky;

  @Option(names = "--min-sticky", paramLabel = "N", description = "Only articles with stickyWeight >= N.")
  @Nullable Integer minSticky;

  @Option(names = "--from", paramLabel = "INSTANT", converter = InstantConverter.class,
      description = "Published at or after this instant, or this date (UTC start of day).")
  @Nullable Instant from;

  @Option(names = "--to", paramLabel = "INSTANT", converter = InstantConverter.class,
      description = "Published before this instant, or this date (UTC start of day).")
  @Nullable Instant to;

  @Option(names = "--lang", paramLabel = "L", description = "Articles in this language (repeat for any of several).")
  List<String> langs = new ArrayList<>();

  @Option(names = "--source", paramLabel = "KEY", description = "Articles from this source key (repeat for any of several).")
  List<String> sources = new ArrayList<>();

  @Option(names = "--drafts", paramLabel = "include|only|exclude", converter = InclusionConverter.class,
      defaultValue = "exclude", description = "Drafts: left out (default), taken in, or only drafts.")
  Inclusion drafts = Inclusion.EXCLUDE;

  @Option(names = "--scheduled", paramLabel = "include|only|exclude", converter = InclusionConverter.class,
      defaultValue = "exclude", description = "Articles published after now (or --as-of); default exclude.")
  Inclusion scheduled = Inclusion.EXCLUDE;

  @Option(names = "--expired", paramLabel = "include|only|exclude", converter = InclusionConverter.class,
      defaultValue = "exclude", description = "Articles whose expiresAt has passed; default exclude.")
  Inclusion expired = Inclusion.EXCLUDE;

  @Option(names = "--as-of", paramLabel = "INSTANT", converter = InstantConverter.class,
      description = "Decide what is scheduled or expired as of this instant instead of now.")
  @Nullable Instant asOf;

  /**
   * The query these options describe.
   *
   * @throws ParameterException naming the option when values do not fit together
   */
  ArticleQuery.Builder toQuery(CommandLine commandLine) {
    int minimum = 0;
    if (minSticky != null) {
      if (minSticky < 0) {
        throw new ParameterException(commandLine,
            "Invalid value for option '--min-sticky': must be a whole number >= 0, was " + minSticky);
      }
      minimum = minSticky;
    }
    if (sticky) {
      minimum = Math.max(minimum, 1);
    }
    if (from != null && to != null && !to.isAfter(from)) {
      throw new ParameterException(commandLine,
          "Invalid value for option '--to': " + to + " must be after --from " + from);
    }
    return ArticleQuery.builder()
        .categories(categories)
        .allTags(allTags)
        .anyTags(anyTags)
        .noneTags(excludeTags)
        .sentiments(sentiments)
        .minStickyWeight(minimum)
        .publishedFrom(from)
        .publishedBefore(to)
        .langs(langs)
        .sources(sources)
        .drafts(drafts)
        .scheduled(scheduled)
        .expired(expired)
        .asOf(asOf);
  }

  /**
   * {@code dir}, when it is a folder.
   *
   * @throws ParameterException when it is not: querying a mistyped path must not look like an
   *     empty result
   */
  static Path folder(CommandLine commandLine, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(commandLine, "Invalid value for DIR: "
          + (Files.exists(dir) ? "not a folder: " : "no such folder: ") + dir);
    }
    return dir;
  }

  /** An ISO-8601 instant with an offset, or a date read as the start of that day in UTC. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      Instant instant = parseInstant(value);
      if (instant == null) {
        throw new TypeConversionException("expected an ISO-8601 instant such as 2026-02-01T09:00:00Z "
            + "or a date such as 2026-02-01, was '" + value + "'");
      }
      return instant;
    }
  }

  /** An ISO-8601 instant with an offset, or a date as the start of that day in UTC; null if neither. */
  static @Nullable Instant parseInstant(String value) {
    return ArticleQuery.parseInstant(value).orElse(null);
  }

  static final class SentimentConverter implements ITypeConverter<Sentiment> {
    @Override
    public Sentiment convert(String value) {
      return Sentiment.parse(value).orElseThrow(() -> new TypeConversionException(
          "expected one of " + names(Sentiment.values()) + ", was '" + value + "'"));
    }
  }

  static final class InclusionConverter implements ITypeConverter<Inclusion> {
    @Override
    public Inclusion convert(String value) {
      return choice(Inclusion.values(), value);
    }
  }

  /** The constant of {@code values} named {@code value}, in any case. */
  static <E extends Enum<E>> E choice(E[] values, String value) {
    for (E e : values) {
      if (e.name().equalsIgnoreCase(value.strip())) {
        return e;
      }
    }
    throw new TypeConversionException("expected one of " + names(values) + ", was '" + value + "'");
  }

  static String names(Enum<?>[] values) {
    return String.join(", ", Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
  }
}
