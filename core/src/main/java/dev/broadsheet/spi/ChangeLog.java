package dev.broadsheet.spi;

import java.io.IOException;
import java.util.List;

/**
 * A store's durable record of every change to the articles it holds, numbered in the order the
 * changes took effect: its own writes, and the changes it saw made from outside (an editor, other
 * SQL). A change feed resumes from a number, so a store that keeps one lets clients sync across
 * restarts of the application.
 *
 * <pre>{@code
 * for (LoggedChange c : log.read(lastSeen, 100)) {
 *   lastSeen = c.seq();
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe. A log keeps a bounded number of changes: numbers before
 * {@link #first()} were dropped, and a reader positioned before them has missed changes.
 *
 * @since 0.1.0
 */
public interface ChangeLog {

  /**
   * What tells this log from any other (a folder's, a database's, the same folder's after its log
   * was lost): a position in one is meaningless in another.
   */
  String id();

  /** The number of the newest change, or 0 when there has been none. */
  long head() throws IOException;

  /**
   * The number of the oldest change the log still holds; {@code head() + 1} when it holds none.
   * Every change from it to {@link #head()} is held.
   */
  long first() throws IOException;

  /**
   * Waits until {@link #head()} reaches {@code seq}, and returns it: for a log that several
   * instances share, where a token one instance handed out may be ahead of what this one has
   * applied yet. Returns at once when the log holds no change {@code seq} (a token that is not
   * this log's). The repository calls it before reading {@link #head()} with its index, never
   * while holding a lock the store's listener needs. Default: {@link #head()}, at once.
   *
   * @throws IOException when the log holds change {@code seq} but this instance does not catch
   *     up with it in time
   * @since 0.1.0
   */
  default long awaitHead(long seq) throws IOException {
    return head();
  }

  /**
   * Up to {@code limit} changes numbered after {@code after}, in order; fewer when there are no
   * more.
   *
   * @param after a number the caller has seen, or 0 for the start
   */
  List<LoggedChange> read(long after, int limit) throws IOException;
}
