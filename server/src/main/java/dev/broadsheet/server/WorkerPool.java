package dev.broadsheet.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a {@linkplain ContentServer#start started} server answers on, and the deadlines of
 * the network waits on them.
 *
 * <p>The JDK's server hands a connection to its executor as soon as the first bytes of a request
 * arrive; the executor's thread then reads the rest of the request line and headers, blocking,
 * and later writes the answer, blocking too. A client that sends half a request, or never reads
 * its answer, holds that thread, and the JDK's server times neither out unless JVM-wide
 * properties ask it to. Two things keep such clients from starving the others:
 *
 * <ul>
 *   <li>The pool keeps {@code threads} threads for the work itself, and for each thread that has
 *       waited on the network for more than {@link #SLOW} it may start another, up to {@code
 *       maxThreads}: slow clients get threads of their own instead of taking those of the
 *       others. A burst of quick requests does not grow the pool, since more threads than the
 *       processors can keep busy only wait. Beyond that, tasks wait in a bounded queue, and past
 *       it the JDK's server closes the connection.
 *   <li>A watchdog interrupts a thread that has waited longer than the request timeout for the
 *       rest of a request, or longer than the response timeout for its answer to go out. The
 *       JDK's socket channels are interruptible: the blocked read or write fails, the channel is
 *       closed, and the JDK's server drops the connection.
 * </ul>
 *
 * <p>While {@link ApiHandler} works out an answer, between {@link #received()} and {@link
 * #sending()}, there is no deadline and no interrupt: an interrupt there could close a file
 * channel the store is reading. Phases change and interrupts are sent under the worker's lock,
 * and leaving a network phase clears a late interrupt, so none leaks into the handler's work or
 * into the next request.
 */
final class WorkerPool implements Executor {
  private static final System.Logger LOG = System.getLogger(ContentServer.class.getName());

  private enum Phase {
    /** Between tasks. */
    IDLE,
    /** Reading the request: its line, headers and any body. Deadline: the request timeout. */
    RECEIVING,
    /** The handler works out the answer. No deadline. */
    HANDLING,
    /** Writing the answer. Deadline: the response timeout. */
    SENDING,
    /** Past a deadline and interrupted; waits for the task to end. */
    EXPIRED
  }

  /** How often the watchdog looks at the workers. */
  private static final Duration TICK = Duration.ofMillis(100);
  /** A worker waiting on the network this long counts as held by a slow client. */
  private static final Duration SLOW = Duration.ofMillis(100);

  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService watchdog;
  private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
  private final int threads;
  private final long requestNanos;
  private final long responseNanos;

  WorkerPool(String name, int threads, int maxThreads, int queue, Duration requestTimeout, Duration responseTimeout) {
    this.threads = threads;
    this.requestNanos = nanos(requestTimeout);
    this.responseNanos = nanos(responseTimeout);
    AtomicInteger n = new AtomicInteger();
    // Tasks queue while the core threads are busy; the watchdog raises the core size for each
    // thread a slow client holds, which starts threads for what waits.
    this.pool = new ThreadPoolExecutor(threads, maxThreads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
        r -> new Worker(r, name + "-" + n.incrementAndGet()), new ThreadPoolExecutor.AbortPolicy());
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name + "-watchdog");
      t.setDaemon(true);
      return t;
    });
    watchdog.scheduleWithFixedDelay(this::watch, TICK.toNanos(), TICK.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static long nanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // some 292 years: no deadline at all
    }
  }

  /**
   * Runs {@code task} on a thread of the pool.
   *
   * @throws RejectedExecutionException when the pool is closed or the queue is full; the JDK's
   *     server then closes the connection
   */
  @Override
  public void execute(Runnable task) {
    pool.execute(() -> run(task));
  }

  private static void run(Runnable task) {
    Worker w = (Worker) Thread.currentThread();
    w.enter(Phase.RECEIVING);
    try {
      task.run();
    } finally {
      w.enter(Phase.IDLE);
    }
  }

  /**
   * Marks the request on this thread as received whole: what follows is the handler's own work,
   * without a deadline. Does nothing on a thread of another executor.
   */
  static void received() {
    if (Thread.currentThread() instanceof Worker w) {
      w.enter(Phase.HANDLING);
    }
  }

  /** Marks that the answer on this thread is being written: the response timeout runs from here. */
  static void sending() {
    if (Thread.currentThread() instanceof Worker w) {
      w.enter(Phase.SENDING);
    }
  }

  /** Closes what is past its deadline and gives the pool a thread for each one a slow client holds. */
  private void watch() {
    try {
      long now = System.nanoTime();
      int slow = 0;
      for (Worker w : workers) {
        if (w.watch(now)) {
          slow++;
        }
      }
      int core = Math.min(pool.getMaximumPoolSize(), threads + slow);
      if (core != pool.getCorePoolSize()) {
        pool.setCorePoolSize(core); // starts threads for queued tasks, or lets the extra ones go once idle
      }
    } catch (RuntimeException e) {
      // A periodic task that throws is never run again: the deadlines would be gone for good.
      LOG.log(System.Logger.Level.ERROR, "the watchdog of the HTTP threads failed once", e);
    }
  }

  /** Threads started now, for tests. */
  int threads() {
    return pool.getPoolSize();
  }

  /**
   * Stops taking tasks, lets those under way finish for up to {@code grace}, then interrupts the
   * rest, which closes their connections.
   */
  void close(Duration grace) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      watchdog.shutdownNow();
    }
  }

  /** A thread of this pool, with the phase of the request it works on. */
  private final class Worker extends Thread {
    private Phase phase = Phase.IDLE; // guarded by this
    private long since; // guarded by this

    Worker(Runnable r, String name) {
      super(r, name);
      setDaemon(true);
    }

    @Override
    public void run() {
      workers.add(this);
      try {
        super.run();
      } finally {
        workers.remove(this);
      }
    }

    /** Called on this thread only. */
    synchronized void enter(Phase next) {
      if (next == Phase.HANDLING || next == Phase.IDLE) {
        // An interrupt sent just as the network wait ended must not reach the handler's work.
        Thread.interrupted();
      }
      phase = next;
      since = System.nanoTime();
    }

    /** Interrupts this worker if it is past its deadline; whether it waits on a slow client. */
    synchronized boolean watch(long now) {
      long limit = switch (phase) {
        case RECEIVING -> requestNanos;
        case SENDING -> responseNanos;
        default -> -1;
      };
      if (limit >= 0 && now - since >= limit) {
        phase = Phase.EXPIRED;
        interrupt();
      }
      return (phase == Phase.RECEIVING || phase == Phase.SENDING || phase == Phase.EXPIRED)
          && now - since >= SLOW.toNanos();
    }
  }
}
