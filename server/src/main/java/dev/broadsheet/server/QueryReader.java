package dev.broadsheet.server;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.QueryOption;
import dev.broadsheet.Sort;
import dev.broadsheet.server.BadRequest.InvalidParam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads query parameters by the one query grammar ({@link QueryOption}), as the command line
 * reads its options: a parameter is an option's {@link QueryOption#key() key}. Every bad
 * parameter is reported, not just the first.
 */
final class QueryReader {
  /** What {@code /articles} and the preview page take: filters, previews, sort, limit, cursor. */
  static final Set<QueryOption> LIST = options(QueryOption.Kind.FILTER, QueryOption.Kind.VISIBILITY,
      QueryOption.SORT, QueryOption.LIMIT, QueryOption.CURSOR);
  /** What {@code /facets} takes: filters, previews, topTags. */
  static final Set<QueryOption> FACETS = options(QueryOption.Kind.FILTER, QueryOption.Kind.VISIBILITY,
      QueryOption.TOP_TAGS);

  private QueryReader() {}

  private static Set<QueryOption> options(QueryOption.Kind a, QueryOption.Kind b, QueryOption... more) {
    EnumSet<QueryOption> set = EnumSet.noneOf(QueryOption.class);
    for (QueryOption o : QueryOption.values()) {
      if (o.kind() == a || o.kind() == b) {
        set.add(o);
      }
    }
    set.addAll(List.of(more));
    return Set.copyOf(set);
  }

  /** The parameters among {@code params} that show what the public does not see; they need the preview token. */
  static List<String> previewParams(Params params) {
    List<String> out = new ArrayList<>();
    for (QueryOption o : QueryOption.values()) {
      if (o.kind() == QueryOption.Kind.VISIBILITY && params.has(o.key())) {
        out.add(o.key());
      }
    }
    return out;
  }

  /**
   * The query {@code params} describe.
   *
   * @param accepted the options this endpoint takes; any other parameter is refused
   * @param now the moment visibility is decided at when {@code asOf} is not given
   * @throws BadRequest listing every parameter that is unknown, repeated, empty or malformed
   */
  static ArticleQuery read(Params params, Set<QueryOption> accepted, Sort defaultSort, int maxLimit, Instant now) {
    // A page without a limit given is as long as the API allows, up to the usual default.
    ArticleQuery.Builder b = ArticleQuery.builder().sort(defaultSort)
        .limit(Math.min(ArticleQuery.DEFAULT_LIMIT, maxLimit));
    try {
      b.options(params.all(), accepted);
    } catch (InvalidQueryException e) {
      throw badRequest(e);
    }
    ArticleQuery q = b.build();
    if (q.limit() > maxLimit) {
      throw BadRequest.of(QueryOption.LIMIT.key(), "must be a whole number from 1 to " + maxLimit + ", was " + q.limit());
    }
    return q.asOf() != null ? q : q.toBuilder().asOf(now).build();
  }

  /** The problem document's list of a query the grammar or the repository refused. */
  static BadRequest badRequest(InvalidQueryException e) {
    List<InvalidParam> bad = new ArrayList<>();
    for (InvalidQueryException.Violation v : e.violations()) {
      bad.add(new InvalidParam(Params.printable(v.option()), v.reason()));
    }
    return new BadRequest(bad);
  }
}
