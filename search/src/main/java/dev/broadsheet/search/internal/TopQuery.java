package dev.broadsheet.search.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;

/**
 * The scores of a query as one flat disjunction of its scoring leaves. A query's score is the
 * sum of the scores of the clauses that match, through every level of nesting, so it equals the
 * sum over the leaves that match (each with the product of the boosts above it); and every
 * document the query matches, the disjunction matches too. Searched with the query's own
 * matching as a filter on what is collected, it finds the same documents with the same scores.
 *
 * <p>Why: a query of two words over four fields is a conjunction of two disjunctions, and
 * Lucene bounds a conjunction's score block by block with the sum of each disjunction's bound,
 * which a title match anywhere near inflates; so it scores nearly every match. A flat
 * disjunction lets Lucene's max-score skipping bound each leaf alone: once the best matches so
 * far score above what the body words can add, it walks only the postings of the words in
 * titles, descriptions and tags, and the filter is asked only about those documents.
 */
public final class TopQuery {
  private TopQuery() {}

  /**
   * The flat disjunction of the scoring leaves of {@code query}; {@code query} itself when it is
   * one already or has a single leaf, which a caller may test by identity.
   */
  public static Query of(Query query) {
    List<Query> leaves = new ArrayList<>();
    leaves(query, 1f, leaves);
    if (leaves.size() < 2 || leaves.size() > BooleanQuery.getMaxClauseCount() || flat(query)) {
      return query;
    }
    BooleanQuery.Builder scored = new BooleanQuery.Builder();
    for (Query leaf : leaves) {
      scored.add(leaf, BooleanClause.Occur.SHOULD);
    }
    return scored.build();
  }

  /** Whether {@code q} is a disjunction of leaves already: it is then its own flat form. */
  private static boolean flat(Query q) {
    if (!(q instanceof BooleanQuery bq) || bq.getMinimumNumberShouldMatch() > 0) {
      return false;
    }
    for (BooleanClause c : bq.clauses()) {
      Query inner = c.getQuery() instanceof BoostQuery b ? b.getQuery() : c.getQuery();
      if (c.getOccur() != BooleanClause.Occur.SHOULD || inner instanceof BooleanQuery || inner instanceof BoostQuery) {
        return false;
      }
    }
    return true;
  }

  /** Adds the scoring leaves of {@code q}, each boosted by {@code boost} times its own boosts. */
  private static void leaves(Query q, float boost, List<Query> out) {
    if (q instanceof BoostQuery b) {
      leaves(b.getQuery(), boost * b.getBoost(), out);
    } else if (q instanceof BooleanQuery bq && bq.getMinimumNumberShouldMatch() <= 1) {
      for (BooleanClause c : bq.clauses()) {
        if (c.getOccur() == BooleanClause.Occur.MUST || c.getOccur() == BooleanClause.Occur.SHOULD) {
          leaves(c.getQuery(), boost, out);
        }
      }
    } else {
      out.add(boost == 1f ? q : new BoostQuery(q, boost));
    }
  }
}
