package dev.broadsheet.search.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.FixedBitSet;
import org.jspecify.annotations.Nullable;

/**
 * The documents of one segment a query matches, as a bit set made from whole lists: each
 * leaf's documents (a term's postings, a phrase's matches) set in one pass, then combined by the
 * query's boolean structure: required clauses and-ed, optional ones or-ed, exclusions taken
 * out. Where a count would otherwise check many documents one by one (each check advancing
 * several lists), reading the lists the query names once costs less. Deleted documents are not
 * taken out.
 *
 * <p>Made per query; {@link #in} gives one segment's. Not thread-safe.
 */
public final class MatchBits {
  private final Node root;

  private MatchBits(Node root) {
    this.root = root;
  }

  /**
   * The bits of {@code query} (rewritten by {@code searcher} leaf by leaf); null when its
   * structure needs a count of optional matches per document (a minimum above one).
   */
  public static @Nullable MatchBits of(IndexSearcher searcher, Query query) throws IOException {
    Node root = node(QueryTree.of(searcher, query));
    return root == null ? null : new MatchBits(root);
  }

  /** The query in {@code segment}: what reading it costs, and its bits. */
  public Segment in(LeafReaderContext segment) throws IOException {
    return new Segment(root.in(segment), segment.reader().maxDoc());
  }

  /** The query in one segment. */
  public static final class Segment {
    private final Part part;
    private final int maxDoc;

    private Segment(Part part, int maxDoc) {
      this.part = part;
      this.maxDoc = maxDoc;
    }

    /** About how many list entries making the bits reads: the sum of the leaves' documents. */
    public long cost() {
      return part.cost();
    }

    /** The documents the query matches, deleted ones included. */
    public FixedBitSet bits() throws IOException {
      return part.bits(maxDoc);
    }
  }

  /** The node of {@code tree}; null when a part of it needs a count of optional matches above one. */
  private static @Nullable Node node(QueryTree tree) {
    if (tree instanceof QueryTree.Bool b) {
      if (b.minShould() > 1) {
        return null;
      }
      List<Node> required = nodes(b.required());
      List<Node> optional = nodes(b.optional());
      List<Node> excluded = nodes(b.excluded());
      if (required == null || optional == null || excluded == null) {
        return null;
      }
      // Beside a requirement, an optional clause changes nothing unless a minimum says so.
      return new All(required, b.minShould() == 1 ? optional : List.of(), excluded);
    }
    return new Leaf(((QueryTree.Leaf) tree).weight());
  }

  private static @Nullable List<Node> nodes(List<QueryTree> trees) {
    List<Node> out = new ArrayList<>(trees.size());
    for (QueryTree t : trees) {
      Node n = node(t);
      if (n == null) {
        return null;
      }
      out.add(n);
    }
    return out;
  }

  private interface Node {
    Part in(LeafReaderContext segment) throws IOException;
  }

  private interface Part {
    long cost();

    FixedBitSet bits(int maxDoc) throws IOException;
  }

  private record Leaf(Weight weight) implements Node {
    @Override
    public Part in(LeafReaderContext segment) throws IOException {
      ScorerSupplier supplier = weight.scorerSupplier(segment);
      return new Part() {
        @Override
        public long cost() {
          return supplier == null ? 0 : supplier.cost();
        }

        @Override
        public FixedBitSet bits(int maxDoc) throws IOException {
          FixedBitSet out = new FixedBitSet(Math.max(1, maxDoc));
          if (supplier != null) {
            Scorer s = supplier.get(Long.MAX_VALUE);
            TwoPhaseIterator twoPhase = s.twoPhaseIterator();
            DocIdSetIterator it = twoPhase == null ? s.iterator() : TwoPhaseIterator.asDocIdSetIterator(twoPhase);
            out.or(it);
          }
          return out;
        }
      };
    }
  }

  private record All(List<Node> required, List<Node> optional, List<Node> excluded) implements Node {
    @Override
    public Part in(LeafReaderContext segment) throws IOException {
      Part[] must = parts(required, segment);
      Part[] any = parts(optional, segment);
      Part[] not = parts(excluded, segment);
      return new Part() {
        @Override
        public long cost() {
          long c = 0;
          for (Part[] ps : List.of(must, any, not)) {
            for (Part p : ps) {
              c += p.cost();
            }
          }
          return c;
        }

        @Override
        public FixedBitSet bits(int maxDoc) throws IOException {
          FixedBitSet out = null;
          for (Part p : must) {
            FixedBitSet b = p.bits(maxDoc);
            if (out == null) {
              out = b;
            } else {
              out.and(b);
            }
          }
          if (any.length > 0) {
            FixedBitSet b = or(any, maxDoc);
            if (out == null) {
              out = b;
            } else {
              out.and(b);
            }
          }
          if (out == null) { // only exclusions: matches nothing, as Lucene's own matching
            return new FixedBitSet(Math.max(1, maxDoc));
          }
          if (not.length > 0) {
            out.andNot(or(not, maxDoc));
          }
          return out;
        }
      };
    }

    private static FixedBitSet or(Part[] parts, int maxDoc) throws IOException {
      FixedBitSet out = parts[0].bits(maxDoc);
      for (int i = 1; i < parts.length; i++) {
        out.or(parts[i].bits(maxDoc));
      }
      return out;
    }

    private static Part[] parts(List<Node> nodes, LeafReaderContext segment) throws IOException {
      Part[] out = new Part[nodes.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = nodes.get(i).in(segment);
      }
      return out;
    }
  }
}
