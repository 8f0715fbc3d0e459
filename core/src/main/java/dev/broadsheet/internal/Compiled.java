package dev.broadsheet.internal;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Inclusion;
import dev.broadsheet.Sentiment;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A query with its filter values turned into the repository's numbers. */
final class Compiled {
  final ArticleQuery query;
  final int @Nullable [] categories;
  final int @Nullable [] langs;
  final int @Nullable [] sources;
  final int @Nullable [] sentiments;
  final int @Nullable [] anyTags;
  final int[] allTags;
  final int[] noneTags;
  final int minSticky;
  final @Nullable Instant from;
  final @Nullable Instant before;
  final Inclusion drafts;
  final Inclusion scheduled;
  final Inclusion expired;
  /** A filter names only values no article has: nothing can match. */
  final boolean impossible;

  Compiled(ArticleQuery q, Dicts d) {
    this.query = q;
    boolean none = false;
    categories = q.categories().isEmpty() ? null : lookup(d.categories, q.categories());
    langs = q.langs().isEmpty() ? null : lookup(d.langs, q.langs());
    sources = q.sources().isEmpty() ? null : lookup(d.sources, q.sources());
    anyTags = q.anyTags().isEmpty() ? null : lookup(d.tags, q.anyTags());
    if (q.sentiments().isEmpty()) {
      sentiments = null;
    } else {
      int[] sent = new int[q.sentiments().size()];
      int j = 0;
      for (Sentiment s : q.sentiments()) {
        sent[j++] = s.ordinal();
      }
      sentiments = sent;
    }
    int[] all = new int[q.allTags().size()];
    int i = 0;
    for (String t : q.allTags()) {
      int o = d.tags.find(t);
      none |= o < 0;
      all[i++] = o;
    }
    allTags = all;
    noneTags = lookup(d.tags, q.noneTags());
    none |= categories != null && categories.length == 0;
    none |= langs != null && langs.length == 0;
    none |= sources != null && sources.length == 0;
    none |= anyTags != null && anyTags.length == 0;
    impossible = none;
    minSticky = q.minStickyWeight();
    from = q.publishedFrom();
    before = q.publishedBefore();
    drafts = q.drafts();
    scheduled = q.scheduled();
    expired = q.expired();
  }

  private static int[] lookup(Dict dict, Set<String> keys) {
    int[] out = new int[keys.size()];
    int n = 0;
    for (String k : keys) {
      int o = dict.find(k);
      if (o >= 0) {
        out[n++] = o;
      }
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  /** Whether any tag filter is set. */
  boolean hasTagFilters() {
    return allTags.length > 0 || anyTags != null || noneTags.length > 0;
  }

  /** The language, source, sentiment and draft filters on a packed row of {@code Segment}. */
  boolean rowMatches(long row) {
    return in(langs, (int) (row & Segment.ROW_CODE_MASK) - 1)
        && in(sources, (int) ((row >>> Segment.ROW_CODE_BITS) & Segment.ROW_CODE_MASK) - 1)
        && in(sentiments, (int) ((row >>> 40) & 0xFF) - 1)
        && include(drafts, (row & Segment.ROW_DRAFT) != 0);
  }

  static boolean in(int @Nullable [] set, int value) {
    if (set == null) {
      return true;
    }
    for (int v : set) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }

  /** The tag filters on tags held in {@code data[from, to)}. */
  boolean tagsMatch(int[] data, int from, int to) {
    for (int t : allTags) {
      if (!contains(data, from, to, t)) {
        return false;
      }
    }
    if (anyTags != null) {
      boolean any = false;
      for (int t : anyTags) {
        if (contains(data, from, to, t)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    for (int t : noneTags) {
      if (contains(data, from, to, t)) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(int[] data, int from, int to, int value) {
    for (int i = from; i < to; i++) {
      if (data[i] == value) {
        return true;
      }
    }
    return false;
  }

  static boolean include(Inclusion inclusion, boolean is) {
    return switch (inclusion) {
      case EXCLUDE -> !is;
      case INCLUDE -> true;
      case ONLY -> is;
    };
  }
}
