package dev.broadsheet.internal;

import dev.broadsheet.Article;
import dev.broadsheet.Sort;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.Visibility;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/** One article with its match keys as numbers: the unit of writes, and the input of a build. */
public final class Entry {
  static final Instant NO_DATE = Instant.MIN;

  final StoredArticle stored;
  final String id;
  final Instant published;
  final int sticky;
  final int category;
  final int lang;
  final int source;
  final int[] tags;
  final int sentiment;
  final boolean draft;
  final @Nullable Instant expiresAt;

  public Entry(StoredArticle stored, Dicts dicts) {
    this.stored = stored;
    Article a = stored.article();
    this.id = a.id();
    this.published = a.publishedAt() == null ? NO_DATE : a.publishedAt();
    this.sticky = a.stickyWeight();
    this.category = a.category() == null ? -1 : dicts.categories.ordinal(a.category());
    this.lang = a.lang() == null ? -1 : dicts.langs.ordinal(a.lang());
    this.source = a.source() == null || a.source().key() == null ? -1 : dicts.sources.ordinal(a.source().key());
    int[] t = new int[a.tags().size()];
    int n = 0;
    for (String tag : a.tags()) {
      int o = dicts.tags.ordinal(tag);
      boolean seen = false;
      for (int i = 0; i < n; i++) {
        seen |= t[i] == o;
      }
      if (!seen) {
        t[n++] = o;
      }
    }
    this.tags = n == t.length ? t : Arrays.copyOf(t, n);
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

  static Comparator<Entry> order(Sort sort) {
    return switch (sort) {
      case NEWEST -> NEWEST;
      case OLDEST -> OLDEST;
      case STICKY_FIRST -> STICKY_FIRST;
      case RELEVANCE -> throw new IllegalStateException("relevance order needs the text matches");
    };
  }

  boolean hasTag(int ordinal) {
    for (int t : tags) {
      if (t == ordinal) {
        return true;
      }
    }
    return false;
  }

  /** The whole query on one entry, as the index evaluates it on its columns. */
  boolean matches(Compiled q, Instant now) {
    if (q.impossible) {
      return false;
    }
    if (!Compiled.in(q.categories, category) || !Compiled.in(q.langs, lang) || !Compiled.in(q.sources, source)
        || !Compiled.in(q.sentiments, sentiment) || sticky < q.minSticky) {
      return false;
    }
    if (!q.tagsMatch(tags, 0, tags.length)) {
      return false;
    }
    if (q.from != null && (published == NO_DATE || published.isBefore(q.from))) {
      return false;
    }
    if (q.before != null && (published == NO_DATE || !published.isBefore(q.before))) {
      return false;
    }
    return Compiled.include(q.drafts, draft)
        && Compiled.include(q.scheduled, published != NO_DATE && Visibility.isScheduled(published, now))
        && Compiled.include(q.expired, Visibility.isExpired(expiresAt, now));
  }
}
