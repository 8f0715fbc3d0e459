package dev.broadsheet.internal;

import dev.broadsheet.Sort;
import dev.broadsheet.StoredArticle;
import java.time.Instant;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * A match as a query walk yields it: base document {@code doc} of a segment, or an overlay
 * {@code entry} (then {@code doc} is -1). Either kind compares with the other in any sort's
 * order, which is what lets a walk merge the two.
 */
record Hit(int doc, @Nullable Entry entry) {
  static Hit of(int doc) {
    return new Hit(doc, null);
  }

  static Hit of(Entry entry) {
    return new Hit(-1, entry);
  }

  StoredArticle stored(Segment base) {
    return entry != null ? entry.stored : base.stored(doc);
  }

  String id(Segment base) {
    return entry != null ? entry.id : base.id(doc);
  }

  int sticky(Segment base) {
    return entry != null ? entry.sticky : base.sticky[doc];
  }

  /** The cursor that resumes a walk in {@code sort}'s order just after this hit. */
  String cursor(Sort sort, Segment base) {
    if (entry != null) {
      return Cursors.encode(sort, entry.sticky, entry.published, entry.id);
    }
    return Cursors.encode(sort, base.sticky[doc], base.published(doc), base.id(doc));
  }

  /** The order of {@code sort} on hits of {@code base} and its overlay. */
  static Comparator<Hit> order(Sort sort, Segment base) {
    Comparator<Hit> newest = (a, b) -> {
      int c = comparePublished(b, a, base);
      return c != 0 ? c : a.id(base).compareTo(b.id(base));
    };
    return switch (sort) {
      case NEWEST -> newest;
      case OLDEST -> (a, b) -> {
        int c = comparePublished(a, b, base);
        return c != 0 ? c : a.id(base).compareTo(b.id(base));
      };
      case STICKY_FIRST -> (a, b) -> {
        int c = Integer.compare(b.sticky(base), a.sticky(base));
        return c != 0 ? c : newest.compare(a, b);
      };
      case RELEVANCE -> throw new IllegalStateException("relevance order needs the text matches");
    };
  }

  private static int comparePublished(Hit a, Hit b, Segment base) {
    Instant pa = a.entry != null ? a.entry.published : null;
    Instant pb = b.entry != null ? b.entry.published : null;
    if (pa != null && pb != null) {
      return pa.compareTo(pb);
    }
    if (pa == null && pb == null) {
      return base.published(a.doc).compareTo(base.published(b.doc));
    }
    return pa != null ? -base.comparePublished(b.doc, pa) : base.comparePublished(a.doc, pb);
  }
}
