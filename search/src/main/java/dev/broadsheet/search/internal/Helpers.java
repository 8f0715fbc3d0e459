package dev.broadsheet.search.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Threads a search borrows while cores are idle, to search parts of the index side by side.
 * Every search counts its own thread as busy; it takes helpers only while fewer threads than
 * the limit are busy, and never waits for one. On a busy server every search then runs on its
 * own thread, as if there were no helpers, and an idle one answers a single search on several
 * cores. The threads are daemons, started at the first use and stopped by {@link #close}.
 */
public final class Helpers implements AutoCloseable {
  /** A part of a search. */
  public interface Task {
    void run() throws IOException;
  }

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final int count;
  /** Threads searching now: each search's own and the helpers it took. */
  private final AtomicInteger busy = new AtomicInteger();
  private @Nullable ExecutorService pool;
  private boolean closed;

  /** At most {@code threads} threads searching with helpers, the searches' own included. */
  public Helpers(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    this.count = threads;
  }

  /**
   * Counts a search starting on the calling thread as busy, and takes up to {@code most}
   * helpers while fewer than the limit of threads are busy; never waits. Returns how many it
   * took. Each start is followed by one {@link #run} with a task for each helper and one for
   * the caller, or by {@link #end}.
   */
  public int start(int most) {
    while (true) {
      int now = busy.get();
      int take = Math.max(0, Math.min(most, count - now - 1));
      if (busy.compareAndSet(now, now + 1 + take)) {
        return take;
      }
    }
  }

  /** Ends a search started with {@link #start} that took {@code helpers} and ran nothing. */
  public void end(int helpers) {
    busy.addAndGet(-1 - helpers);
  }

  /**
   * Runs {@code tasks}, the last on the calling thread and each other on a helper the search
   * took with {@link #start} (one per task), and waits for all of them, whatever fails; then
   * ends the search. The first failure is thrown, the others added to it as suppressed.
   */
  public void run(List<Task> tasks) throws IOException {
    int borrowed = tasks.size() - 1;
    List<Future<?>> started = new ArrayList<>(Math.max(0, borrowed));
    Throwable failed = null;
    try {
      ExecutorService p = borrowed > 0 ? pool() : null;
      for (int i = 0; i < borrowed; i++) {
        Task t = tasks.get(i);
        started.add(p.submit(() -> {
          t.run();
          return null;
        }));
      }
      tasks.get(tasks.size() - 1).run();
    } catch (IOException | RuntimeException | Error e) {
      failed = e;
    } finally {
      failed = await(started, failed);
      end(Math.max(0, borrowed));
    }
    if (failed instanceof IOException e) {
      throw e;
    } else if (failed instanceof RuntimeException e) {
      throw e;
    } else if (failed instanceof Error e) {
      throw e;
    }
  }

  /** Waits for every task started, even when interrupted (they are short); keeps the first failure. */
  private static @Nullable Throwable await(List<Future<?>> started, @Nullable Throwable failed) {
    boolean interrupted = false;
    for (Future<?> f : started) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          if (failed == null) {
            failed = cause;
          } else {
            failed.addSuppressed(cause);
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      if (failed == null) {
        failed = new InterruptedIOException("interrupted while searching");
      }
    }
    return failed;
  }

  private synchronized ExecutorService pool() {
    if (closed) {
      throw new UncheckedIOException(new IOException("the search index is closed"));
    }
    if (pool == null) {
      int n = POOLS.incrementAndGet();
      AtomicInteger threads = new AtomicInteger();
      pool = Executors.newFixedThreadPool(count - 1, r -> {
        Thread t = new Thread(r, "broadsheet-search-" + n + "-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    return pool;
  }

  /** Stops the threads once the searches using them are done. */
  @Override
  public synchronized void close() {
    closed = true;
    if (pool != null) {
      pool.shutdown();
      pool = null;
    }
  }
}
