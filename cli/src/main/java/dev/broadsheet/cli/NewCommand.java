package dev.broadsheet.cli;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.ArticleValidator;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.Sentiment;
import dev.broadsheet.internal.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code broadsheet new DIR --title T ...}: creates an article file in canonical form, through
 * the filesystem store, so the id is checked and the write is atomic.
 */
@Command(
    name = "new",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Creates an article in a content folder and prints the path of its file.",
      "",
      "The id is YYYY/MM/slug-of-the-title, from the publication date (now, in UTC, unless "
          + "--published-at is given), or the one given with --id. The file is ID.md under DIR, "
          + "in the canonical form: fields in the standard order, then an empty Overview section. "
          + "A draft without --published-at gets no publishedAt; its id uses today's date.",
      "",
      "The file is written atomically. An article that already has the id, in any spelling "
          + "of case or accents, is never overwritten.",
      "",
      "Exit 0 when the article was created. Exit 1, writing nothing, when an article with the "
          + "id exists or the file cannot be written. Exit 2 on a usage error, such as a "
          + "missing --title or an id that leaves the folder."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  broadsheet new content --title \"Harbour Ferries to Run Through the Night\" \\",
      "      --category LOCAL --tag TRANSPORT --tag CITY --lang en --sentiment positive",
      "  content/2026/11/harbour-ferries-to-run-through-the-night.md"
    })
final class NewCommand implements Callable<Integer> {
  /** Longest slug made from a title, in characters; the cut falls between words. */
  static final int MAX_SLUG = 60;

  private static final List<String> EXTENSIONS = List.of(".md", ".markdown", ".txt");

  /** Where "now" comes from, for the default publishedAt and id. */
  Clock clock = Clock.systemUTC();

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The content folder, or a PostgreSQL database as a JDBC URL (jdbc:postgresql://host:5432/news?user=name; the password from BROADSHEET_DB_PASSWORD).")
  String dir;

  @Option(names = "--title", required = true, paramLabel = "TEXT", description = "The title (required).")
  String title;

  @Option(names = "--description", paramLabel = "TEXT", description = "A one-sentence summary.")
  @Nullable String description;

  @Option(names = "--category", paramLabel = "C", description = "The category, such as BUSINESS.")
  @Nullable String category;

  @Option(names = "--tag", paramLabel = "T", description = "A tag (repeat for several).")
  List<String> tags = new ArrayList<>();

  @Option(names = "--lang", paramLabel = "L", description = "The language, such as en.")
  @Nullable String lang;

  @Option(names = "--sentiment", paramLabel = "S", converter = SentimentConverter.class,
      description = "positive, neutral or negative.")
  @Nullable Sentiment sentiment;

  @Option(names = "--sticky", paramLabel = "N", defaultValue = "0",
      description = "The stickyWeight, a whole number >= 0; pinned articles have more. Default 0.")
  int sticky;

  @Option(names = "--draft", description = "Create a draft, hidden from queries until published.")
  boolean draft;

  @Option(names = "--published-at", paramLabel = "INSTANT", converter = InstantConverter.class,
      description = "The publication instant, or a date (UTC start of day); default now. "
          + "A future instant schedules the article.")
  @Nullable Instant publishedAt;

  @Option(names = "--id", paramLabel = "ID",
      description = "The id, a path without extension such as news/2026/ferries; default from date and title.")
  @Nullable String id;

  @Override
  public Integer call() {
    if (sticky < 0) {
      throw usage("Invalid value for option '--sticky': must be a whole number >= 0, was " + sticky);
    }
    if (title.isBlank()) {
      throw usage("Invalid value for option '--title': must not be blank");
    }
    StoreLocation location = StoreLocation.of(spec.commandLine(), "DIR", dir);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant published = publishedAt != null ? publishedAt : draft ? null : now;
    String articleId = id != null ? checkedId(id) : defaultId(published != null ? published : now);
    Article article = Article.builder(articleId)
        .title(title)
        .description(description)
        .publishedAt(published)
        .lang(lang)
        .category(category)
        .tags(tags)
        .stickyWeight(sticky)
        .sentiment(sentiment)
        .draft(draft)
        .body("## Overview\n\n")
        .build();
    for (Problem p : ArticleValidator.validate(article, articleId)) {
      if (p.isError()) {
        throw usage("Invalid value" + (p.field() == null ? "" : " for " + p.field()) + ": " + p.message());
      }
    }

    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (StoreLocation.Opened store = location.open(StoreLocation.Use.ONE_SHOT, false)) {
      // Revision.NONE: create only. The store checks under its write lock (a file's) or in one
      // conditional statement (a database's) that nothing holds the id, so two writers cannot
      // both create it.
      store.store().put(article, Revision.NONE);
    } catch (ArticleConflictException e) {
      err.println("refused: an article with the id '" + articleId + "' already exists in " + location.shown()
          + "; choose another --title or --id. Nothing was written.");
      err.flush();
      return BroadsheetCommand.FAILED;
    } catch (InvalidIdException e) {
      err.println("refused: " + Printable.of(e.getMessage()) + ". Nothing was written.");
      err.flush();
      return BroadsheetCommand.FAILED;
    } catch (IOException e) {
      err.println(location.shown() + ": error: cannot write the article: " + ContentFiles.describe(e));
      err.flush();
      return BroadsheetCommand.FAILED;
    }
    // What was made: the new file, or the id in the database.
    out.println(location instanceof StoreLocation.Folder f ? ContentFiles.shown(f.path().resolve(articleId + ".md")) : articleId);
    out.flush();
    return 0;
  }

  private String checkedId(String given) {
    for (String ext : EXTENSIONS) {
      if (given.toLowerCase(Locale.ROOT).endsWith(ext)) {
        throw usage("Invalid value for option '--id': give the id without the file extension, was '" + given + "'");
      }
    }
    try {
      return ArticleIds.validate(given);
    } catch (InvalidIdException e) {
      throw usage("Invalid value for option '--id': " + e.getMessage());
    }
  }

  private String defaultId(Instant date) {
    String slug = slug(title);
    if (slug.isEmpty()) {
      throw usage("Invalid value for option '--title': '" + title
          + "' has no letters or digits to make an id from; give one with --id");
    }
    ZonedDateTime at = date.atZone(ZoneOffset.UTC);
    return String.format(Locale.ROOT, "%04d/%02d/%s", at.getYear(), at.getMonthValue(), slug);
  }

  /**
   * The last part of an id made from a title: lower case, accents dropped, every run of
   * characters other than letters and digits one hyphen, at most {@link #MAX_SLUG} characters,
   * cut between words.
   */
  static String slug(String title) {
    String plain = Normalizer.normalize(title.replace("ß", "ss"), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String slug = Normalizer.normalize(plain, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}]+", "-")
        .replaceAll("^-+|-+$", "");
    if (slug.length() > MAX_SLUG) {
      int cut = slug.lastIndexOf('-', MAX_SLUG);
      slug = slug.substring(0, cut > 0 ? cut : MAX_SLUG);
    }
    return slug;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  static final class SentimentConverter implements ITypeConverter<Sentiment> {
    @Override
    public Sentiment convert(String value) {
      return Sentiment.parse(value).orElseThrow(() -> new TypeConversionException("expected one of "
          + Arrays.toString(Sentiment.values()).toLowerCase(Locale.ROOT) + ", was '" + value + "'"));
    }
  }

  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      Instant instant = QueryOptions.parseInstant(value);
      if (instant == null) {
        throw new TypeConversionException("expected an ISO-8601 instant such as 2026-02-01T09:00:00Z "
            + "or a date such as 2026-02-01, was '" + value + "'");
      }
      return instant;
    }
  }
}
