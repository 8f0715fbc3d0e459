package dev.broadsheet.cli;

import dev.broadsheet.BroadsheetException;
import dev.broadsheet.InvalidSyncTokenException;
import dev.broadsheet.SyncToken;
import dev.broadsheet.SyncTokenExpiredException;
import dev.broadsheet.feeds.NewsFeeds;
import dev.broadsheet.internal.Printable;
import dev.broadsheet.json.StaticExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code broadsheet export DIR OUT}: the public content as static JSON files. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes what the public sees of a content folder as static JSON files, for a CDN or any static host.",
      "",
      "OUT receives index.json, facets.json, articles/{id}.json (with body), feed/page-N.json and "
          + "category/{key}/page-N.json and tag/{key}/page-N.json (without bodies, sticky first then newest). "
          + "Drafts, scheduled and expired articles are left out. The same content gives the same bytes.",
      "",
      "The export is built beside OUT and renamed into place, replacing an earlier export; a folder that "
          + "is neither empty nor an earlier export is never replaced.",
      "",
      "The last line of standard output is a sync token. Given back with --since, the next export writes only the "
          + "files that changed since (changed articles, and the feeds and indexes whose bytes changed), removes those of "
          + "articles deleted or unpublished, and keeps every other file as it was, so that a sync to a CDN uploads "
          + "only what changed. A token lasts across runs only where the store keeps a durable change log.",
      "",
      "Exit 0 when exported (even if files were skipped), 1 when OUT cannot be written or the token has expired, "
          + "2 on a usage error or a token that is not this store's (export in full, without --since)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  broadsheet export content public/api",
      "  broadsheet export content public/api --page-size 50 --as-of 2027-01-01",
      "  broadsheet export content public --base-url https://news.example.com",
      "  token=$(broadsheet export content public/api | tail -n 1)",
      "  token=$(broadsheet export content public/api --since \"$token\" | tail -n 1)"
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The content folder, or a PostgreSQL database as a JDBC URL (jdbc:postgresql://host:5432/news?user=name; the password from BROADSHEET_DB_PASSWORD).")
  String dir;

  @Parameters(index = "1", paramLabel = "OUT", description = "The folder to write the export to.")
  Path out;

  @Option(names = "--page-size", paramLabel = "N", defaultValue = "20",
      description = "Articles per feed page, 1 to " + StaticExport.MAX_PAGE_SIZE + "; default ${DEFAULT-VALUE}.")
  int pageSize = 20;

  @Option(names = "--as-of", paramLabel = "INSTANT", converter = QueryOptions.InstantConverter.class,
      description = "Decide what is published, scheduled or expired as of this instant instead of now.")
  @Nullable Instant asOf;

  @Option(names = "--since", paramLabel = "TOKEN",
      description = "Update the export in OUT with what changed since TOKEN, the last line an earlier export printed.")
  @Nullable String since;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "The site's address: also write feeds (feed.rss, feed.atom, feed.json, and per category and tag), "
          + "sitemap.xml, news-sitemap.xml and robots.txt, with links that start with it.")
  @Nullable String baseUrl;

  @Override
  public Integer call() {
    if (pageSize < 1 || pageSize > StaticExport.MAX_PAGE_SIZE) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--page-size': must be from 1 to "
          + StaticExport.MAX_PAGE_SIZE + ", was " + pageSize);
    }
    SyncToken token = null;
    if (since != null) {
      if (asOf != null) {
        throw new ParameterException(spec.commandLine(), "--since and --as-of cannot be combined: an update follows "
            + "the changes as they happen");
      }
      try {
        token = SyncToken.parse(since);
      } catch (InvalidSyncTokenException e) {
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--since': "
            + reason(e) + "; export in full, without --since");
      }
    }
    Clock clock = asOf == null ? Clock.systemUTC() : Clock.fixed(asOf, ZoneOffset.UTC);
    StaticExport export = StaticExport.builder()
        .pageSize(pageSize)
        .clock(clock)
        .build();
    NewsFeeds feeds = null;
    if (baseUrl != null) {
      try {
        feeds = NewsFeeds.builder(baseUrl).clock(clock).build();
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--base-url': " + e.getMessage());
      }
    }
    ContentRepository.Opened opened = ContentRepository.open(location(), StoreLocation.Use.ONE_SHOT, false);
    PrintWriter err = spec.commandLine().getErr();
    opened.problems().forEach(err::println);
    err.flush();
    try (opened) {
      StaticExport.Update r = export.update(opened.repository(), out, token);
      PrintWriter stdout = spec.commandLine().getOut();
      if (token == null) {
        stdout.println("Exported " + r.articles() + (r.articles() == 1 ? " article" : " articles") + " in "
            + r.files() + " files to " + ContentFiles.shown(out));
      } else {
        stdout.println("Updated " + ContentFiles.shown(out) + ": " + r.articles()
            + (r.articles() == 1 ? " article" : " articles") + " in " + r.files() + " files, " + r.written()
            + " written, " + r.removed() + " removed");
      }
      if (feeds != null) {
        NewsFeeds.Result f = feeds.export(opened.repository(), out);
        stdout.println("Wrote " + f.feeds() + " feeds, " + f.sitemaps() + " sitemaps and robots.txt to "
            + ContentFiles.shown(out));
      }
      stdout.println(r.token());
      stdout.flush();
      return 0;
    } catch (SyncTokenExpiredException e) {
      err.println("broadsheet export: the --since token has expired: the store no longer keeps the changes since "
          + "it; export in full, without --since");
      err.flush();
      return BroadsheetCommand.FAILED;
    } catch (InvalidSyncTokenException e) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--since': "
          + reason(e) + "; export in full, without --since");
    } catch (BroadsheetException | java.io.UncheckedIOException e) {
      err.println("broadsheet export: " + Printable.of(String.valueOf(e.getMessage())));
      err.flush();
      return BroadsheetCommand.FAILED;
    }
  }

  /** The core's reason for refusing a token, without its advice to clients of the feed. */
  private static String reason(InvalidSyncTokenException e) {
    return Printable.of(String.valueOf(e.getMessage()).replace("; sync from scratch, without a token", ""));
  }

  private StoreLocation location() {
    StoreLocation location = StoreLocation.of(spec.commandLine(), "DIR", dir);
    return location;
  }
}
