package dev.broadsheet.server;

import dev.broadsheet.ArticleChange;
import dev.broadsheet.ArticleEvent;
import dev.broadsheet.ArticleListener;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.ChangePage;
import dev.broadsheet.InvalidSyncTokenException;
import dev.broadsheet.SyncToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The subscribers of {@code GET /events}: a bounded number of them, each with a thread of its
 * own that reads the change feed ({@link ArticleRepository#changes}) from its own token and
 * writes what it finds to its client, blocking.
 *
 * <p>A repository listener only wakes the subscribers; each then reads what changed since its
 * token, so nothing is lost or sent twice between two wakeups, whatever the listener's events
 * were, and the PUBLISHED and UNPUBLISHED items of the publication timer come the same way.
 * Writers never wait for a subscriber: the listener runs on the repository's executor and only
 * signals. A subscriber holds no more than one page of the feed (a single instant's items) in
 * memory; a client that does not read blocks only its own thread, and when one write has waited
 * longer than the send timeout the watchdog drops the connection. Each subscriber polls the
 * feed at every heartbeat too, so an item is never held back longer than that.
 */
final class EventHub implements ArticleListener {
  private static final System.Logger LOG = System.getLogger(ContentApi.class.getName());
  /**
   * Items read per call when caught up: 1, so that each page's token is the resume point right
   * after its item (a page holds more only when they share an instant).
   */
  private static final int PAGE = 1;
  /**
   * Items read per call while catching up on a backlog (a client resuming from an old token, a
   * burst of writes): a page costs a read of the log after the token however small it is, so
   * pages of one would cost the square of the backlog. A client that drops in the middle of
   * such a page gets its items again.
   */
  private static final int CATCH_UP_PAGE = 100;
  /** Pages of {@link #PAGE} read in a row before a drain reads pages of {@link #CATCH_UP_PAGE}. */
  private static final int EXACT_PAGES = 32;
  /** How long a reserved place waits for its adapter to start or close the stream. */
  private static final long RESERVATION_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

  private final ArticleRepository repository;
  private final int max;
  private final long heartbeatNanos;
  private final long sendTimeoutNanos;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger names = new AtomicInteger();
  private @Nullable ScheduledExecutorService watchdog; // guarded by this
  private boolean listening; // guarded by this
  private volatile boolean closed;

  EventHub(ArticleRepository repository, int max, Duration heartbeat, Duration sendTimeout) {
    this.repository = repository;
    this.max = max;
    this.heartbeatNanos = heartbeat.toNanos();
    this.sendTimeoutNanos = sendTimeout.toNanos();
  }

  int max() {
    return max;
  }

  /** Subscribers now, started or reserved. */
  int size() {
    return subscribers.size();
  }

  /**
   * A place for a subscriber reading from {@code from}, or null when every place is taken. The
   * first one starts the listener and the watchdog.
   */
  synchronized @Nullable EventStream reserve(SyncToken from, boolean preview) {
    if (closed || subscribers.size() >= max) {
      return null;
    }
    if (!listening) {
      repository.addListener(this);
      listening = true;
    }
    if (watchdog == null) {
      ScheduledExecutorService w = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "broadsheet-events-watchdog"));
      long tick = Math.max(10, Math.min(250, sendTimeoutNanos / 4_000_000));
      w.scheduleWithFixedDelay(this::watch, tick, tick, TimeUnit.MILLISECONDS);
      watchdog = w;
    }
    Subscriber s = new Subscriber(from, preview);
    subscribers.add(s);
    return new EventStream(s);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** A change, or an article going live or expiring: every subscriber looks at the feed. */
  @Override
  public void onEvent(ArticleEvent event) {
    for (Subscriber s : subscribers) {
      s.wake();
    }
  }

  /** Drops the clients whose write has waited too long, and the places never started. */
  private void watch() {
    try {
      long now = System.nanoTime();
      for (Subscriber s : subscribers) {
        s.watch(now);
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "the watchdog of the event streams failed once", e);
    }
  }

  /**
   * Ends every stream: each finishes the write under way and closes its answer; after {@code
   * grace}, those still writing are dropped. No stream is taken afterwards.
   */
  void close(Duration grace) {
    ScheduledExecutorService w;
    synchronized (this) {
      closed = true;
      w = watchdog;
    }
    List<Subscriber> all = new ArrayList<>(subscribers);
    all.forEach(Subscriber::end);
    long deadline = System.nanoTime() + grace.toNanos();
    for (Subscriber s : all) {
      s.join(deadline);
    }
    all.forEach(Subscriber::abort);
    if (w != null) {
      w.shutdownNow();
    }
  }

  /** One client of {@code /events}: its token, its thread and its sink. */
  final class Subscriber {
    private final boolean preview;
    private final long reservedAt = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean dirty = true; // guarded by lock
    private SyncToken token; // the subscriber's thread only
    private volatile @Nullable EventSink sink;
    private volatile @Nullable Thread thread;
    private volatile boolean ended;
    /** When the write under way began (System.nanoTime), or 0. */
    private volatile long writingSince;

    Subscriber(SyncToken from, boolean preview) {
      this.token = from;
      this.preview = preview;
    }

    void start(EventSink s) {
      synchronized (this) {
        if (sink != null || ended) {
          throw new IllegalStateException(ended ? "the event stream was closed" : "the event stream was started already");
        }
        sink = s;
        Thread t = daemon(this::run, "broadsheet-events-" + names.incrementAndGet());
        thread = t;
        t.start();
      }
    }

    boolean ended() {
      return ended;
    }

    void wake() {
      lock.lock();
      try {
        dirty = true;
        woken.signal();
      } finally {
        lock.unlock();
      }
    }

    /** Asks the stream to end; a stream never started gives its place back at once. */
    void end() {
      boolean started;
      synchronized (this) {
        ended = true;
        started = sink != null;
      }
      if (!started) {
        subscribers.remove(this);
      }
      wake();
    }

    void watch(long now) {
      long since = writingSince;
      if (since != 0 && now - since > sendTimeoutNanos) {
        LOG.log(System.Logger.Level.DEBUG, "an event stream's client stopped reading; dropping it");
        abort();
      } else if (sink == null && !ended && now - reservedAt > RESERVATION_NANOS) {
        end(); // the adapter neither started nor closed it
      }
    }

    /** Drops the connection: the write under way fails, and the thread ends. */
    void abort() {
      ended = true;
      Thread t = thread;
      EventSink s = sink;
      if (t == null || !t.isAlive()) {
        return;
      }
      t.interrupt();
      if (s != null) {
        try {
          s.abort();
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.DEBUG, "aborting an event stream failed", e);
        }
      }
    }

    void join(long deadlineNanos) {
      Thread t = thread;
      if (t == null) {
        return;
      }
      long wait = deadlineNanos - System.nanoTime();
      if (wait > 0) {
        try {
          t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void run() {
      EventSink s = sink;
      try {
        // The resume point before any item: an event with an id and no data sets a client's
        // Last-Event-ID without dispatching anything.
        write(s, ("retry: 1000\nid: " + token + "\n\n").getBytes(StandardCharsets.UTF_8));
        long lastWrite = System.nanoTime();
        while (!ended && !closed) {
          boolean poll = await(lastWrite + heartbeatNanos);
          if (ended || closed) {
            break;
          }
          boolean wrote = drain(s);
          // Woken, but the feed may show the change a moment later: look again shortly.
          for (int i = 0; !wrote && !poll && i < FeedWake.SETTLE_MILLIS.length && !ended && !closed; i++) {
            Thread.sleep(FeedWake.SETTLE_MILLIS[i]);
            wrote = drain(s);
          }
          if (wrote) {
            lastWrite = System.nanoTime();
          } else if (poll) {
            write(s, HEARTBEAT);
            lastWrite = System.nanoTime();
          }
        }
      } catch (InvalidSyncTokenException e) {
        // Fell so far behind that the store no longer keeps the changes since its token.
        try {
          write(s, ("event: reset\ndata: " + new String(Problems.json(java.util.Map.of("detail", e.getMessage())),
              StandardCharsets.UTF_8) + "\n\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException ignored) {
          // the client went away as well
        }
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "an event stream's client went away", e);
      } catch (InterruptedException e) {
        // aborted
      } catch (RuntimeException e) {
        if (!ended && !closed) {
          LOG.log(System.Logger.Level.ERROR, "an event stream failed", e);
        }
      } finally {
        ended = true;
        writingSince = 0;
        subscribers.remove(this);
        Thread.interrupted(); // a late abort must not fail the close
        try {
          s.close();
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.DEBUG, "closing an event stream failed", e);
        }
      }
    }

    /**
     * Waits for a wakeup or until {@code heartbeatAt}; whether the heartbeat is due (and the feed
     * is to be polled) rather than woken.
     */
    private boolean await(long heartbeatAt) throws InterruptedException {
      lock.lock();
      try {
        while (!dirty && !ended && !closed) {
          long wait = heartbeatAt - System.nanoTime();
          if (wait <= 0) {
            return true;
          }
          woken.awaitNanos(wait);
        }
        dirty = false;
        return heartbeatAt - System.nanoTime() <= 0;
      } finally {
        lock.unlock();
      }
    }

    /** Writes every item after the token, page by page; whether anything was written. */
    private boolean drain(EventSink s) throws IOException {
      boolean wrote = false;
      int pages = 0;
      while (!ended && !closed) {
        // Item by item for a few pages (a write, a small burst), then in larger pages.
        ChangePage page = repository.changes(token, pages++ < EXACT_PAGES ? PAGE : CATCH_UP_PAGE, preview);
        if (!page.items().isEmpty()) {
          write(s, events(page));
          wrote = true;
        }
        token = page.next();
        if (!page.hasMore()) {
          return wrote;
        }
      }
      return wrote;
    }

    private void write(EventSink s, byte[] bytes) throws IOException {
      writingSince = System.nanoTime() | 1; // never 0
      try {
        s.write(bytes);
      } finally {
        writingSince = 0;
      }
    }
  }

  /**
   * A page as events: each item's data is its JSON; the last carries the token after the page
   * as its id, the resume point. Items of one instant share a page, as do those of a backlog
   * read in larger pages; the ones before the last carry no id, so a client that drops in the
   * middle of them gets them again: never one lost, rarely one twice.
   */
  static byte[] events(ChangePage page) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * page.items().size());
    List<ArticleChange> items = page.items();
    for (int i = 0; i < items.size(); i++) {
      StringBuilder b = new StringBuilder(200);
      if (i == items.size() - 1) {
        b.append("id: ").append(page.next()).append('\n');
      }
      b.append("data: ").append(new String(Problems.json(Changes.item(items.get(i))), StandardCharsets.UTF_8))
          .append("\n\n");
      out.writeBytes(b.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
