package dev.broadsheet.cli;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.QueryOption;
import dev.broadsheet.internal.Printable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/**
 * The query options of the command line, made from the one query grammar ({@link
 * QueryOption}): {@code --any-tag T} is the option {@code anyTag}, with the grammar's help and
 * rules, so that {@code query}, {@code facets} and the HTTP API read the same text the same way.
 */
final class QueryOptions {
  private QueryOptions() {}

  /**
   * Adds an option for each of {@code options} to {@code spec}, in the grammar's order, before
   * the command's own options in the help.
   */
  static void addTo(CommandSpec spec, Set<QueryOption> options) {
    for (QueryOption o : QueryOption.values()) {
      if (!options.contains(o)) {
        continue;
      }
      OptionSpec.Builder b = OptionSpec.builder(o.longOption())
          .description(o.description())
          .order(o.ordinal());
      if (o == QueryOption.STICKY) {
        b.arity("0").type(boolean.class); // a flag on the command line: --sticky
      } else if (o.repeatable()) {
        b.paramLabel(o.valueLabel()).arity("1").type(List.class).auxiliaryTypes(String.class);
      } else {
        b.paramLabel(o.valueLabel()).arity("1").type(String.class);
      }
      spec.addOption(b.build());
    }
  }

  /**
   * Sets on {@code into} what the grammar's options given on the command line say.
   *
   * @throws ParameterException naming each option whose value the grammar refuses
   */
  static ArticleQuery.Builder read(CommandSpec spec, ArticleQuery.Builder into) {
    return read(spec, into, Map.of());
  }

  /**
   * {@link #read(CommandSpec, ArticleQuery.Builder)}, with {@code given} read as options given
   * too (the text of {@code search}, which takes it as an argument).
   */
  static ArticleQuery.Builder read(CommandSpec spec, ArticleQuery.Builder into, Map<String, List<String>> arguments) {
    ParseResult parsed = spec.commandLine().getParseResult();
    Map<String, List<String>> values = new LinkedHashMap<>(arguments);
    for (QueryOption o : QueryOption.values()) {
      OptionSpec matched = parsed == null ? null : parsed.matchedOption(o.longOption());
      if (matched == null) {
        continue;
      }
      List<String> given = o == QueryOption.STICKY ? List.of("true") : new ArrayList<>(matched.stringValues());
      values.put(o.key(), given);
    }
    try {
      return into.options(values, QueryOption.ALL);
    } catch (InvalidQueryException e) {
      throw usage(spec.commandLine(), e);
    }
  }

  /** A usage error naming, in command-line spelling, every option of {@code e}. */
  static ParameterException usage(CommandLine commandLine, InvalidQueryException e) {
    List<String> lines = new ArrayList<>();
    for (InvalidQueryException.Violation v : e.violations()) {
      String name = QueryOption.byKey(v.option()).map(QueryOption::longOption).orElse(v.option());
      lines.add("Invalid value for option '" + name + "': " + v.reason());
    }
    return new ParameterException(commandLine, String.join(System.lineSeparator(), lines));
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
          + (Files.exists(dir) ? "not a folder: " : "no such folder: ") + Printable.of(dir.toString()));
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
