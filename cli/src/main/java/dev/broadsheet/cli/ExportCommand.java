package dev.broadsheet.cli;

import dev.broadsheet.BroadsheetException;
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
      "Exit 0 when exported (even if files were skipped), 1 when OUT cannot be written, 2 on a usage error."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  broadsheet export content public/api",
      "  broadsheet export content public/api --page-size 50 --as-of 2027-01-01"
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

  @Override
  public Integer call() {
    if (pageSize < 1 || pageSize > StaticExport.MAX_PAGE_SIZE) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--page-size': must be from 1 to "
          + StaticExport.MAX_PAGE_SIZE + ", was " + pageSize);
    }
    StaticExport export = StaticExport.builder()
        .pageSize(pageSize)
        .clock(asOf == null ? Clock.systemUTC() : Clock.fixed(asOf, ZoneOffset.UTC))
        .build();
    ContentRepository.Opened opened = ContentRepository.open(location(), StoreLocation.Use.ONE_SHOT, false);
    PrintWriter err = spec.commandLine().getErr();
    opened.problems().forEach(err::println);
    err.flush();
    try (opened) {
      StaticExport.Result r = export.write(opened.repository(), out);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println("Exported " + r.articles() + (r.articles() == 1 ? " article" : " articles") + " in "
          + r.files() + " files to " + ContentFiles.shown(out));
      stdout.flush();
      return 0;
    } catch (BroadsheetException e) {
      err.println("broadsheet export: " + Printable.of(String.valueOf(e.getMessage())));
      err.flush();
      return BroadsheetCommand.FAILED;
    }
  }

  private StoreLocation location() {
    StoreLocation location = StoreLocation.of(spec.commandLine(), "DIR", dir);
    return location;
  }
}
