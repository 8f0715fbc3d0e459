package dev.broadsheet.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.QueryOption;
import dev.broadsheet.Sort;
import dev.broadsheet.server.BadRequest.InvalidParam;
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
  /** How many distinct query strings {@link #read(Call, Set, Sort)} keeps read. */
  static final int KEPT = 1024;

  /** What {@code /articles} and the preview page take: filters, previews, sort, limit, cursor. */
  static final Set<QueryOption> LIST = options(QueryOption.Kind.FILTER, QueryOption.Kind.VISIBILITY,
      QueryOption.SORT, QueryOption.LIMIT, QueryOption.CURSOR);
  /** What {@code /facets} takes: filters, previews, topTags. */
  static final Set<QueryOption> FACETS = options(QueryOption.Kind.FILTER, QueryOption.Kind.VISIBILITY,
      QueryOption.TOP_TAGS);

  private final int maxLimit;
  /**
   * Queries read from a query string, by the string and what was accepted: the same list asked
   * again (a front page, a category page) is not read again. A query string that fails is not
   * kept; it fails again.
   */
  private final Cache<Key, ArticleQuery> read = Caffeine.newBuilder().maximumSize(KEPT).build();

  private record Key(String rawQuery, Set<QueryOption> accepted, Sort defaultSort) {}

  /** @param maxLimit the longest page a query may ask for */
  QueryReader(int maxLimit) {
    this.maxLimit = maxLimit;
  }

  /**
   * The query of {@code c}'s parameters, read once per distinct query string, answered at
   * {@code c}'s moment when it names no {@code asOf}.
   */
  ArticleQuery read(Call c, Set<QueryOption> accepted, Sort defaultSort) {
    Key key = new Key(c.request().query().orElse(""), accepted, defaultSort);
    ArticleQuery q = read.getIfPresent(key);
    if (q == null) {
      q = read(c.params(), accepted, defaultSort, maxLimit);
      read.put(key, q);
    }
    return q.asOf() != null ? q : q.withAsOf(c.now());
  }

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
   * @throws BadRequest listing every parameter that is unknown, repeated, empty or malformed
   */
  private static ArticleQuery read(Params params, Set<QueryOption> accepted, Sort defaultSort, int maxLimit) {
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
    return q;
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
