package dev.broadsheet.search.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

/**
 * A query's matching as a tree: its boolean structure down to leaves (terms, phrases,
 * prefixes), each leaf's weight made once, boosts dropped (they change scores, not matches).
 * What {@link DocMatcher} asks per document and {@link MatchBits} reads whole.
 */
sealed interface QueryTree {
  /** A query without boolean structure, matched as Lucene matches it. */
  record Leaf(Weight weight) implements QueryTree {}

  /**
   * A boolean query: it matches where every required clause does, at least {@code minShould}
   * optional ones do, and no excluded one does. {@code minShould} is as Lucene reads it: a
   * query with no requirement and no minimum needs one optional clause.
   */
  record Bool(List<QueryTree> required, List<QueryTree> optional, int minShould, List<QueryTree> excluded)
      implements QueryTree {}

  /** The tree of {@code q}, each leaf rewritten and weighed by {@code searcher}. */
  static QueryTree of(IndexSearcher searcher, Query q) throws IOException {
    if (q instanceof BoostQuery b) {
      return of(searcher, b.getQuery());
    }
    if (q instanceof BooleanQuery bq) {
      List<QueryTree> required = new ArrayList<>();
      List<QueryTree> optional = new ArrayList<>();
      List<QueryTree> excluded = new ArrayList<>();
      for (BooleanClause c : bq.clauses()) {
        QueryTree n = of(searcher, c.getQuery());
        switch (c.getOccur()) {
          case MUST, FILTER -> required.add(n);
          case SHOULD -> optional.add(n);
          case MUST_NOT -> excluded.add(n);
        }
      }
      int minShould = bq.getMinimumNumberShouldMatch();
      if (required.isEmpty() && minShould == 0) {
        minShould = 1; // a disjunction matches when one clause does
      }
      return new Bool(List.copyOf(required), List.copyOf(optional), minShould, List.copyOf(excluded));
    }
    return new Leaf(searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f));
  }
}
