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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Threads a search borrows while they are idle, to search parts of the index side by side. A
 * search takes the helpers free at that moment and never waits for one: on a busy server every
 * search runs on its own thread, as if there were no helpers, and an idle one answers a single
 * search on several cores. The threads are daemons, started at the first use and stopped by
 * {@link #close}.
 */
public final class Helpers implements AutoCloseable {
  /** A part of a search. */
  public interface Task {
    void run() throws IOException;
  }

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final int count;
  private final Semaphore free;
  private @Nullable ExecutorService pool;
  private boolean closed;

  /** Up to {@code count} helpers; 0 for none. */
  public Helpers(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    this.count = count;
    this.free = new Semaphore(count);
  }

  /** Takes up to {@code most} idle helpers without waiting; returns how many it took. */
  public int take(int most) {
    int taken = 0;
    while (taken < most && free.tryAcquire()) {
      taken++;
    }
    return taken;
  }

  /** Gives back {@code n} helpers taken and not used. */
  public void give(int n) {
    free.release(n);
  }

  /**
   * Runs {@code tasks}, the last on the calling thread and each other on a helper the caller
   * took with {@link #take} (one per task), and waits for all of them, whatever fails; then
   * gives the helpers back. The first failure is thrown, the others added to it as suppressed.
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
      free.release(Math.max(0, borrowed));
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
      pool = Executors.newFixedThreadPool(count, r -> {
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
