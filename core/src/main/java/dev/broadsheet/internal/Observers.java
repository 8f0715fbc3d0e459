package dev.broadsheet.internal;

import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.RepositoryObserver;
import dev.broadsheet.RepositoryObserver.Operation;
import dev.broadsheet.RepositoryObserver.Outcome;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The observers of one repository. Without any, {@link #start()} costs a volatile read and no
 * clock, and {@link #isEmpty()} lets callers skip even the lambda of {@link #timed}.
 */
public final class Observers {
  private static final System.Logger LOG = System.getLogger(Observers.class.getName());
  /** What {@link #start()} returns when nobody listens. */
  public static final long NOT_TIMED = Long.MIN_VALUE;

  private volatile RepositoryObserver[] all = new RepositoryObserver[0];

  public boolean isEmpty() {
    return all.length == 0;
  }

  public synchronized RepositoryObserver.Registration add(RepositoryObserver observer) {
    RepositoryObserver[] now = Arrays.copyOf(all, all.length + 1);
    now[now.length - 1] = observer;
    all = now;
    return () -> remove(observer);
  }

  private synchronized void remove(RepositoryObserver observer) {
    RepositoryObserver[] now = all;
    for (int i = 0; i < now.length; i++) {
      if (now[i] == observer) {
        RepositoryObserver[] less = new RepositoryObserver[now.length - 1];
        System.arraycopy(now, 0, less, 0, i);
        System.arraycopy(now, i + 1, less, i, now.length - i - 1);
        all = less;
        return;
      }
    }
  }

  /** The start of an operation: now, or {@link #NOT_TIMED} when nobody listens. */
  public long start() {
    return all.length == 0 ? NOT_TIMED : System.nanoTime();
  }

  /**
   * The end of {@code count} operations done together since {@code start}: each is observed
   * with its share of the time.
   */
  public void endEach(Operation operation, long start, int count, Outcome outcome) {
    if (start == NOT_TIMED || count == 0) {
      return;
    }
    long nanos = (System.nanoTime() - start) / count;
    for (int i = 0; i < count; i++) {
      observed(operation, nanos, outcome);
    }
  }

  /** The end of an operation that {@link #start() started} at {@code start}. */
  public void end(Operation operation, long start, Outcome outcome) {
    if (start != NOT_TIMED) {
      observed(operation, System.nanoTime() - start, outcome);
    }
  }

  private void observed(Operation operation, long nanos, Outcome outcome) {
    for (RepositoryObserver o : all) {
      try {
        o.observed(operation, nanos, outcome);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "a repository observer failed", e);
      }
    }
  }

  /** {@code call} timed as {@code operation}, its outcome by what it throws. */
  public <T> T timed(Operation operation, Supplier<T> call) {
    long start = start();
    Outcome outcome = Outcome.FAILED;
    try {
      T result = call.get();
      outcome = Outcome.OK;
      return result;
    } catch (ArticleConflictException e) {
      outcome = Outcome.CONFLICT;
      throw e;
    } catch (InvalidArticleException | InvalidQueryException e) {
      outcome = Outcome.INVALID;
      throw e;
    } finally {
      end(operation, start, outcome);
    }
  }
}
