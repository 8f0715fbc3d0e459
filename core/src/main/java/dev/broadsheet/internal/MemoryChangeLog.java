package dev.broadsheet.internal;

import dev.broadsheet.Revision;
import dev.broadsheet.spi.ChangeLog;
import dev.broadsheet.spi.LoggedChange;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A change log in memory, for stores that keep none of their own: lost with the process, so
 * tokens of another process are foreign to it. Keeps the newest {@code capacity} changes.
 */
public final class MemoryChangeLog implements ChangeLog {
  private final String id = "memory-" + UUID.randomUUID();
  private final int capacity;
  private final ArrayDeque<LoggedChange> changes = new ArrayDeque<>();
  private long head;

  public MemoryChangeLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /** Appends a change and returns it, numbered. */
  public synchronized LoggedChange append(String articleId, LoggedChange.Kind kind, @Nullable Revision revision,
      Instant at, LoggedChange.@Nullable Timing before, LoggedChange.@Nullable Timing after) {
    LoggedChange c = new LoggedChange(++head, articleId, kind, revision, at, before, after);
    changes.addLast(c);
    while (changes.size() > capacity) {
      changes.removeFirst();
    }
    return c;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized long head() {
    return head;
  }

  @Override
  public synchronized long first() {
    return changes.isEmpty() ? head + 1 : changes.peekFirst().seq();
  }

  @Override
  public synchronized List<LoggedChange> read(long after, int limit) {
    List<LoggedChange> out = new ArrayList<>(Math.min(limit, changes.size()));
    if (changes.isEmpty() || after >= head) {
      return out;
    }
    long firstSeq = changes.peekFirst().seq();
    int skip = (int) Math.max(0, after - firstSeq + 1);
    Iterator<LoggedChange> it = changes.iterator();
    for (int i = 0; i < skip && it.hasNext(); i++) {
      it.next();
    }
    while (it.hasNext() && out.size() < limit) {
      out.add(it.next());
    }
    return out;
  }
}
