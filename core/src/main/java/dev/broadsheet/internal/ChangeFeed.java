package dev.broadsheet.internal;

import dev.broadsheet.ArticleChange.Kind;
import dev.broadsheet.ArticleChange;
import dev.broadsheet.ChangePage;
import dev.broadsheet.InvalidSyncTokenException;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.SyncToken;
import dev.broadsheet.SyncTokenExpiredException;
import dev.broadsheet.spi.ChangeLog;
import dev.broadsheet.spi.LoggedChange.Timing;
import dev.broadsheet.spi.LoggedChange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The change feed over a store's {@link ChangeLog} and the repository's articles: the log's
 * entries as the audience sees them, and the instants in between at which articles went live or
 * expired, derived from the timing each article had at the time (the log records it before and
 * after each change), so that nothing is written when a publication time passes.
 *
 * <p>A public feed maps each entry by the article's visibility just before and after it: visible
 * after it and before it (or new) an {@code UPSERT}, an existing article becoming visible {@code
 * PUBLISHED}, ceasing {@code UNPUBLISHED},
 * a deletion of a visible article {@code DELETE}, and nothing for an article the public never saw.
 * A preview feed sees every entry as {@code UPSERT} or {@code DELETE}, and no time events (it sees
 * scheduled and expired articles all along).
 *
 * <p>Items are ordered by the instant they took effect; the entries' instants are taken as at
 * least those of the entries before them, so that the order never contradicts the log's. A page
 * ends after an instant, never between two items of one instant.
 */
public final class ChangeFeed {
  private static final int READ_CHUNK = 1000;

  /** What the feed needs of the repository's articles as they are now. */
  public interface Articles {
    /**
     * The articles visible at {@code at} (every article, for a preview) in id order. Asked for
     * each page of an initial sync: an implementation may keep the list while nothing changes.
     */
    List<StoredArticle> listing(Instant at, boolean preview);

    /**
     * At least every article whose publishedAt or expiresAt is in ({@code from}, {@code to}], in
     * any order, perhaps more and perhaps one twice: those that may have gone live or expired.
     */
    Iterator<StoredArticle> timed(Instant from, Instant to);
  }

  private final ChangeLog log;
  private final Articles articles;

  public ChangeFeed(ChangeLog log, Articles articles) {
    this.log = log;
    this.articles = articles;
  }

  public ChangeLog log() {
    return log;
  }

  /**
   * A page of changes after {@code since} (null: an initial sync), at most about {@code limit}
   * items.
   *
   * @param head the log's head as of the articles {@link Articles#all()} lists, for an initial
   *     sync; read by the caller together with them
   */
  public ChangePage page(@Nullable SyncToken since, int limit, boolean preview, Instant now,
      Supplier<Long> head) throws IOException {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    if (since == null) {
      return initial(head.get(), now, null, limit, preview);
    }
    if (!since.log().equals(log.id())) {
      throw new InvalidSyncTokenException("the sync token is from another store, or from a change log "
          + "that was lost; sync from scratch, without a token");
    }
    long logHead = log.head();
    if (since.seq() > logHead) {
      throw new InvalidSyncTokenException("the sync token is ahead of this store's change log; "
          + "sync from scratch, without a token");
    }
    if (since.seq() < log.first() - 1) {
      throw new SyncTokenExpiredException("the sync token is older than the changes this store keeps; "
          + "sync from scratch, without a token");
    }
    if (since.after() != null) {
      return initial(since.seq(), since.at(), since.after(), limit, preview);
    }
    return changes(since, limit, preview, now.isBefore(since.at()) ? since.at() : now);
  }

  /** The articles visible at {@code at} (all, for a preview) in id order after {@code after}. */
  private ChangePage initial(long seq, Instant at, @Nullable String after, int limit, boolean preview) throws IOException {
    List<StoredArticle> listed = articles.listing(at, preview);
    int start = 0;
    if (after != null) {
      int lo = 0;
      int hi = listed.size();
      while (lo < hi) { // the first id after `after`
        int mid = (lo + hi) >>> 1;
        if (listed.get(mid).id().compareTo(after) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      start = lo;
    }
    int end = (int) Math.min(listed.size(), (long) start + limit);
    List<ArticleChange> items = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      StoredArticle s = listed.get(i);
      items.add(new ArticleChange(s.id(), Kind.UPSERT, s.revision(), at));
    }
    if (end < listed.size()) {
      return new ChangePage(items, SyncToken.during(log.id(), seq, at, items.get(items.size() - 1).id()), true);
    }
    return new ChangePage(items, SyncToken.of(log.id(), seq, at), log.head() > seq);
  }

  /** One item with what orders it: its instant, then entries before time events, then its position. */
  private record Item(ArticleChange change, Instant at, int order, long seq) {}

  private ChangePage changes(SyncToken since, int limit, boolean preview, Instant now) throws IOException {
    List<LoggedChange> entries = new ArrayList<>();
    long after = since.seq();
    while (true) {
      List<LoggedChange> chunk = log.read(after, READ_CHUNK);
      entries.addAll(chunk);
      if (chunk.size() < READ_CHUNK) {
        break;
      }
      after = chunk.get(chunk.size() - 1).seq();
    }
    Instant from = since.at();
    List<Item> items = new ArrayList<>();
    Map<String, List<LoggedChange>> byId = new HashMap<>();
    Map<LoggedChange, Instant> effective = new HashMap<>();
    Instant last = from;
    int position = 0;
    for (LoggedChange e : entries) {
      Instant at = e.at().isBefore(last) ? last : e.at();
      last = at;
      effective.put(e, at);
      byId.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e);
      ArticleChange c = preview ? previewItem(e, at) : publicItem(e, at);
      if (c != null) {
        items.add(new Item(c, at, 0, position));
      }
      position++;
    }
    if (!preview) {
      // Articles no entry touched kept one timing all along: their current one.
      Set<String> done = new HashSet<>(byId.keySet());
      for (Iterator<StoredArticle> it = articles.timed(from, now); it.hasNext(); ) {
        StoredArticle s = it.next();
        if (done.add(s.id())) {
          timeEvents(s.id(), Timing.of(s.article()), s.revision(), from, now, items);
        }
      }
      for (Map.Entry<String, List<LoggedChange>> e : byId.entrySet()) {
        List<LoggedChange> history = e.getValue();
        LoggedChange first = history.get(0);
        timeEvents(e.getKey(), first.before(), null, from, effective.get(first), items);
        for (int i = 0; i < history.size(); i++) {
          LoggedChange c = history.get(i);
          Instant end = i + 1 < history.size() ? effective.get(history.get(i + 1)) : now;
          timeEvents(e.getKey(), c.after(), c.revision(), effective.get(c), end, items);
        }
      }
    }
    items.sort(Comparator.comparing(Item::at).thenComparingInt(Item::order).thenComparingLong(Item::seq)
        .thenComparing(i -> i.change().id()));
    long lastSeq = entries.isEmpty() ? since.seq() : entries.get(entries.size() - 1).seq();
    if (items.size() <= limit) {
      return new ChangePage(items.stream().map(Item::change).toList(), SyncToken.of(log.id(), lastSeq, now), false);
    }
    // Cut after the instant of the limit-th item, keeping every item of that instant.
    Instant cut = items.get(limit - 1).at();
    List<ArticleChange> page = new ArrayList<>();
    for (Item i : items) {
      if (i.at().isAfter(cut)) {
        break;
      }
      page.add(i.change());
    }
    long seq = since.seq();
    for (LoggedChange e : entries) {
      if (effective.get(e).isAfter(cut)) {
        break;
      }
      seq = e.seq();
    }
    return new ChangePage(page, SyncToken.of(log.id(), seq, cut), true);
  }

  /**
   * The instants in ({@code from}, {@code to}] at which an article of {@code timing} (null: none)
   * went live or expired.
   */
  private static void timeEvents(String id, @Nullable Timing timing, @Nullable Revision revision, Instant from,
      Instant to, List<Item> items) {
    if (timing == null || timing.draft() || !to.isAfter(from)) {
      return;
    }
    for (Instant b : new Instant[] {timing.publishedAt(), timing.expiresAt()}) {
      if (b == null || !b.isAfter(from) || b.isAfter(to)) {
        continue;
      }
      boolean before = timing.at(b.minusNanos(1)).isPublic();
      boolean after = timing.at(b).isPublic();
      if (before != after) {
        items.add(new Item(new ArticleChange(id, after ? Kind.PUBLISHED : Kind.UNPUBLISHED, revision, b), b, 1, 0));
      }
    }
  }

  private static @Nullable ArticleChange previewItem(LoggedChange e, Instant at) {
    return new ArticleChange(e.id(), e.kind() == LoggedChange.Kind.DELETE ? Kind.DELETE : Kind.UPSERT, e.revision(), at);
  }

  private static @Nullable ArticleChange publicItem(LoggedChange e, Instant at) {
    boolean before = e.before() != null && e.before().at(e.at()).isPublic();
    boolean after = e.after() != null && e.after().at(e.at()).isPublic();
    if (e.kind() == LoggedChange.Kind.DELETE) {
      return before ? new ArticleChange(e.id(), Kind.DELETE, null, at) : null;
    }
    if (before && after) {
      return new ArticleChange(e.id(), Kind.UPSERT, e.revision(), at);
    }
    if (after) {
      // A new article is an upsert; an existing one becoming public is published.
      return new ArticleChange(e.id(), e.before() == null ? Kind.UPSERT : Kind.PUBLISHED, e.revision(), at);
    }
    return before ? new ArticleChange(e.id(), Kind.UNPUBLISHED, e.revision(), at) : null;
  }
}
