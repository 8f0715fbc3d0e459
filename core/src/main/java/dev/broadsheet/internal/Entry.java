package dev.broadsheet.internal;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Inclusion;
import dev.broadsheet.Sort;
import dev.broadsheet.StoredArticle;
import java.time.Instant;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/** One indexed article with its match keys precomputed. */
public final class Entry {
  static final Instant NO_DATE = Instant.MIN;

  final StoredArticle stored;
  final String id;
  final Instant published;
  final int sticky;
  final @Nullable String category;
  final @Nullable String lang;
  final @Nullable String source;
  final String[] tags;
  final int sentiment;
  final boolean draft;
  final @Nullable Instant expiresAt;

  public Entry(StoredArticle stored) {
    this.stored = stored;
    Article a = stored.article();
    this.id = a.id();
    this.published = a.publishedAt() == null ? NO_DATE : a.publishedAt();
    this.sticky = a.stickyWeight();
    this.category = a.category() == null ? null : ArticleQuery.key(a.category());
    this.lang = a.lang() == null ? null : ArticleQuery.key(a.lang());
    this.source = a.source() == null || a.source().key() == null ? null : ArticleQuery.key(a.source().key());
    this.tags = a.tags().stream().map(ArticleQuery::key).distinct().toArray(String[]::new);
    this.sentiment = a.sentiment() == null ? -1 : a.sentiment().ordinal();
    this.draft = a.draft();
    this.expiresAt = a.expiresAt();
  }

  public StoredArticle stored() {
    return stored;
  }

  public String id() {
    return id;
  }

  static final Comparator<Entry> NEWEST =
      Comparator.comparing((Entry e) -> e.published).reversed().thenComparing(e -> e.id);
  static final Comparator<Entry> OLDEST =
      Comparator.comparing((Entry e) -> e.published).thenComparing(e -> e.id);
  static final Comparator<Entry> STICKY_FIRST =
      Comparator.comparingInt((Entry e) -> e.sticky).reversed().thenComparing(NEWEST);

  public static Comparator<Entry> order(Sort sort) {
    return switch (sort) {
      case NEWEST -> NEWEST;
      case OLDEST -> OLDEST;
      case STICKY_FIRST -> STICKY_FIRST;
    };
  }

  boolean hasTag(String key) {
    for (String t : tags) {
      if (t.equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** The whole query predicate on one entry: the reference every indexed path must agree with. */
  public boolean matches(ArticleQuery q, Instant now) {
    if (!q.categories().isEmpty() && (category == null || !q.categories().contains(category))) {
      return false;
    }
    if (!q.langs().isEmpty() && (lang == null || !q.langs().contains(lang))) {
      return false;
    }
    if (!q.sources().isEmpty() && (source == null || !q.sources().contains(source))) {
      return false;
    }
    if (!q.sentiments().isEmpty()
        && (sentiment < 0 || !q.sentiments().contains(dev.broadsheet.Sentiment.values()[sentiment]))) {
      return false;
    }
    if (sticky < q.minStickyWeight()) {
      return false;
    }
    for (String t : q.allTags()) {
      if (!hasTag(t)) {
        return false;
      }
    }
    if (!q.anyTags().isEmpty()) {
      boolean any = false;
      for (String t : tags) {
        if (q.anyTags().contains(t)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    for (String t : tags) {
      if (q.noneTags().contains(t)) {
        return false;
      }
    }
    if (q.publishedFrom() != null && (published == NO_DATE || published.isBefore(q.publishedFrom()))) {
      return false;
    }
    if (q.publishedBefore() != null && (published == NO_DATE || !published.isBefore(q.publishedBefore()))) {
      return false;
    }
    return include(q.drafts(), draft)
        && include(q.scheduled(), published != NO_DATE && published.isAfter(now))
        && include(q.expired(), expiresAt != null && !expiresAt.isAfter(now));
  }

  static boolean include(Inclusion inclusion, boolean is) {
    return switch (inclusion) {
      case EXCLUDE -> !is;
      case INCLUDE -> true;
      case ONLY -> is;
    };
  }
}
