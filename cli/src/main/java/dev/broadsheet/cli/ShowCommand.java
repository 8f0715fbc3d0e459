package dev.broadsheet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.internal.Printable;
import dev.broadsheet.json.BroadsheetModule;
import dev.broadsheet.markdown.render.ArticleRenderer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code broadsheet show DIR ID}: one article, as its file, rendered, or as JSON. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints one article of a content folder, whatever its visibility (drafts too).",
      "",
      "--format markdown (the default) prints the file's bytes exactly as they are on disk; html the "
          + "body rendered to HTML as the server renders it (raw HTML escaped, unsafe links dropped); "
          + "json the article with its revision and body.",
      "",
      "Exit 0 when printed, 1 when there is no such article (a file that cannot be read is reported "
          + "on standard error), 2 on a usage error."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  broadsheet show content 2026/01/harbour-ferry    # the file, byte for byte",
      "  broadsheet show content 2026/01/harbour-ferry --format html",
      "  broadsheet show content 2026/01/harbour-ferry --format json"
    })
final class ShowCommand implements Callable<Integer> {
  enum Format { MARKDOWN, HTML, JSON }

  /** Made when first printed, not when the command line is built. */
  private static final class Json {
    static final ObjectWriter WRITER = QueryCommand.jsonWriter(new BroadsheetModule());
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The content folder, or a PostgreSQL database as a JDBC URL (jdbc:postgresql://host:5432/news?user=name; the password from BROADSHEET_DB_PASSWORD).")
  String dir;

  @Parameters(index = "1", paramLabel = "ID", description = "The article's id: its path below DIR without extension.")
  String id;

  @Option(names = "--format", paramLabel = "markdown|html|json", converter = FormatConverter.class,
      defaultValue = "markdown", description = "markdown (the file as it is; default), html or json.")
  Format format = Format.MARKDOWN;

  /** Where the file's bytes go: they are written as bytes, so no character encoding can change them. */
  OutputStream bytesOut = System.out;

  @Override
  public Integer call() throws IOException {
    try {
      ArticleIds.validate(id);
    } catch (InvalidIdException e) {
      throw new ParameterException(spec.commandLine(), "Invalid value for ID: " + e.getMessage());
    }
    StoreLocation location = StoreLocation.of(spec.commandLine(), "DIR", dir);
    ContentRepository.Opened opened = ContentRepository.open(location, StoreLocation.Use.READ, false);
    PrintWriter err = spec.commandLine().getErr();
    try (opened) {
      Optional<StoredArticle> found = opened.repository().find(id);
      Optional<byte[]> file = found.isPresent() ? opened.store().store().file(id) : Optional.empty();
      if (found.isEmpty() || file.isEmpty()) {
        err.println("broadsheet show: no article '" + Printable.of(id) + "' in " + location.shown());
        // The problems of what would have been the article: a broken file or row of that id.
        String prefix = location instanceof StoreLocation.Folder f ? f.path().resolve(id) + "." : null;
        opened.problems().stream()
            .filter(p -> prefix != null ? p.source().startsWith(prefix) : p.source().equals(id))
            .forEach(err::println);
        err.flush();
        return BroadsheetCommand.FAILED;
      }
      PrintWriter out = spec.commandLine().getOut();
      switch (format) {
        case MARKDOWN -> {
          out.flush();
          bytesOut.write(file.get());
          bytesOut.flush();
        }
        case HTML -> {
          out.print(ArticleRenderer.builder().build().render(found.get()).html());
          out.flush();
        }
        case JSON -> {
          try {
            out.println(Json.WRITER.writeValueAsString(found.get()));
          } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the article as JSON", e);
          }
          out.flush();
        }
      }
      return 0;
    }
  }

  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return QueryOptions.choice(Format.values(), value.toLowerCase(Locale.ROOT));
    }
  }
}
