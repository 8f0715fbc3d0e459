package dev.broadsheet.internal;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleEvent;
import dev.broadsheet.ArticleListener;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.Visibility;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Tells a repository's listeners of changes: each listener on a queue of its own, drained on
 * an executor, so that the writer never waits for a listener and a slow or failing listener
 * delays no other. Also the timer of articles going live or expiring: it keeps the future
 * instants at which an article's visibility changes, sorted, and wakes at the first, so no
 * article is looked at until its instant comes.
 */
public final class Notifier implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Notifier.class.getName());
  /** The longest the timer sleeps before it looks at the clock again (a clock set forward). */
  private static final Duration RECHECK = Duration.ofSeconds(1);

  private final Clock clock;
  private final Executor executor;
  private final @Nullable ExecutorService owned;
  private final Function<String, Optional<StoredArticle>> lookup;
  private final CopyOnWriteArrayList<Serial> listeners = new CopyOnWriteArrayList<>();
  private final ConcurrentSkipListSet<Due> dues = new ConcurrentSkipListSet<>();
  private final ScheduledExecutorService timer;
  private @Nullable ScheduledFuture<?> wake;
  /** Released once {@link #start} has taken every article's instants. */
  private final CountDownLatch scanned = new CountDownLatch(1);
  private volatile boolean closed;

  /** An instant at which the visibility of article {@code id} may change. */
  private record Due(Instant at, String id) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }

  /**
   * @param executor where listeners run; null for threads of the notifier's own, stopped at close
   * @param lookup the article with an id as the repository holds it now
   */
  public Notifier(Clock clock, @Nullable Executor executor, Function<String, Optional<StoredArticle>> lookup) {
    this.clock = clock;
    this.lookup = lookup;
    if (executor == null) {
      this.owned = Executors.newCachedThreadPool(r -> daemon(r, "broadsheet-listener"));
      this.executor = owned;
    } else {
      this.owned = null;
      this.executor = executor;
    }
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "broadsheet-publication-timer"));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  public void add(ArticleListener listener) {
    listeners.add(new Serial(Objects.requireNonNull(listener, "listener")));
  }

  /** Queues {@code event} for every listener; returns at once. */
  public void fire(ArticleEvent event) {
    if (closed) {
      return;
    }
    for (Serial s : listeners) {
      s.offer(event);
    }
  }

  /**
   * Takes the future visibility changes {@code dueAfter} gives for the instant the notifier
   * starts at, then starts the timer: on the timer's thread, off the load. Instants from now on
   * count, so none passing during the scan is missed; an article changed meanwhile may leave a
   * stale instant, which {@link #due} finds changes nothing.
   */
  public void start(Function<Instant, List<Scheduled>> dueAfter) {
    Instant since = clock.instant();
    try {
      timer.execute(() -> {
        try {
          for (Scheduled s : dueAfter.apply(since)) {
            dues.add(new Due(s.at(), s.id()));
          }
        } finally {
          scanned.countDown();
        }
        schedule();
      });
    } catch (RejectedExecutionException e) {
      scanned.countDown(); // closed already
    }
  }

  /** An article changed from {@code before} to {@code after} (null: none): its future instants follow. */
  public void changed(String id, @Nullable Article before, @Nullable Article after) {
    Instant now = clock.instant();
    if (before != null) {
      remove(id, before);
    }
    if (after != null) {
      add(id, after, now);
    }
    schedule();
  }

  private void add(String id, Article a, Instant now) {
    for (Scheduled s : Scheduled.ahead(a, now)) {
      dues.add(new Due(s.at(), id));
    }
  }

  private void remove(String id, Article a) {
    for (Instant at : new Instant[] {a.publishedAt(), a.expiresAt()}) {
      if (at != null) {
        dues.remove(new Due(at, id));
      }
    }
  }

  /** The next instant at which an article goes live or expires; null when none is ahead. */
  public @Nullable Instant nextDue() {
    try {
      scanned.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return firstDue();
  }

  private @Nullable Instant firstDue() {
    Due d = dues.isEmpty() ? null : dues.first();
    return d == null ? null : d.at();
  }

  private synchronized void schedule() {
    if (closed) {
      return;
    }
    Instant next = firstDue();
    if (wake != null) {
      wake.cancel(false);
      wake = null;
    }
    if (next == null) {
      return;
    }
    Duration wait = Duration.between(clock.instant(), next);
    long millis = Math.max(0, Math.min(wait.toMillis() + (wait.toNanosPart() % 1_000_000 > 0 ? 1 : 0), RECHECK.toMillis()));
    try {
      wake = timer.schedule(this::due, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /** Fires the events whose instants have come, then sleeps until the next. */
  private void due() {
    Instant now = clock.instant();
    while (!dues.isEmpty() && !dues.first().at().isAfter(now)) {
      Due d = dues.pollFirst();
      if (d == null) {
        break;
      }
      lookup.apply(d.id()).ifPresent(s -> {
        boolean before = Visibility.of(s.article(), d.at().minusNanos(1)).isPublic();
        boolean after = Visibility.of(s.article(), d.at()).isPublic();
        if (before != after) {
          fire(new ArticleEvent(after ? ArticleEvent.Type.PUBLISHED : ArticleEvent.Type.UNPUBLISHED, s.id(),
              s.article(), s.revision(), s.revision()));
        }
      });
    }
    schedule();
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      if (wake != null) {
        wake.cancel(false);
      }
    }
    timer.shutdownNow();
    if (owned != null) {
      owned.shutdown();
    }
  }

  /** One listener's queue: events in order, one at a time, on the executor. */
  private final class Serial {
    private final ArticleListener listener;
    private final Queue<ArticleEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    Serial(ArticleListener listener) {
      this.listener = listener;
    }

    void offer(ArticleEvent event) {
      queue.add(event);
      trigger();
    }

    private void trigger() {
      if (!queue.isEmpty() && running.compareAndSet(false, true)) {
        try {
          executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
          running.set(false); // the executor is shut down: the repository is closing
        }
      }
    }

    private void drain() {
      try {
        ArticleEvent e;
        while ((e = queue.poll()) != null) {
          try {
            listener.onEvent(e);
          } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "article listener failed on " + e.type() + " " + e.id(), ex);
          }
        }
      } finally {
        running.set(false);
      }
      trigger(); // an event queued after the last poll and before running was cleared
    }
  }
}
