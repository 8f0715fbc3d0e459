package dev.broadsheet.fs;

import dev.broadsheet.Problem;
import dev.broadsheet.internal.Printable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Follows a content root: a {@link WatchService} for prompt news, and a periodic rescan for
 * whatever the watch service drops. Every path it hears of is looked at again after a short
 * pause, so a burst of events for one file costs one read.
 */
final class Watcher implements AutoCloseable {
  static final int RETRIES = 3;
  /**
   * The pause before each look at a path: the first lets a burst of events settle; the second
   * confirms a file gone (an editor replacing a file by deleting it first makes it again within
   * a moment), so an outside delete is applied within about 80 ms; the later ones give a slow
   * writer time before what it left half written is reported.
   */
  private static final long[] DELAYS_MS = {40, 40, 400, 900};
  private static final System.Logger LOG = System.getLogger(Watcher.class.getName());

  private final FileArticleStore store;
  private final Path root;
  private final Duration rescanInterval;
  private final WatchService service;
  private final Map<WatchKey, Path> dirs = new ConcurrentHashMap<>();
  /** Whether a whole rescan has watched every folder there was; folders made later have events. */
  private volatile boolean everyFolderWatched;
  private final Map<Path, Boolean> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;
  private final Thread thread;
  private final AtomicBoolean rescanQueued = new AtomicBoolean();
  /** How many rescans have finished, for callers that wait for one to pass. */
  private final java.util.concurrent.atomic.AtomicLong rescans = new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean closed;
  /** Whether the watch service reports changes as they happen rather than by polling. */
  private final boolean eventDriven;
  /** Whether a folder could not be watched: changes there reach the store by rescan only. */
  private volatile boolean unwatched;
  /** Whether events were dropped since the last rescan began. */
  private volatile boolean overflowed;
  /** The scheduler's thread, once it has one. */
  private volatile @Nullable Thread refreshThread;

  Watcher(FileArticleStore store, Duration rescanInterval) throws IOException {
    this.store = store;
    this.root = store.realRoot();
    this.rescanInterval = rescanInterval;
    this.service = root.getFileSystem().newWatchService();
    // The JDK's fallback (macOS among others) polls every few seconds; inotify on Linux and the
    // Windows service report each change within milliseconds.
    this.eventDriven = !service.getClass().getName().endsWith("PollingWatchService");
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "broadsheet-refresh " + root);
      t.setDaemon(true);
      refreshThread = t;
      return t;
    });
    this.thread = new Thread(this::loop, "broadsheet-watch " + root);
    this.thread.setDaemon(true);
  }

  /**
   * Watches the root, then rescans at once: the rescan watches each folder below before it lists
   * it, and finds what changed between loading and watching, which has no event. One walk of
   * the folder for both, off the caller's thread: watching folders by a walk of their own took
   * 0.3 s of a server's start over 100,000 files, as it looked at every file to find them.
   * That rescan is the first periodic one: the next waits as after any other (over a million
   * files, a second one 10 s after the start took another 9 s of a processor).
   */
  void start() throws IOException {
    watch(root);
    thread.start();
    schedulePeriodic(0);
  }

  /**
   * A whole rescan takes this many times its own duration of pause at least before the next
   * periodic one: over a million files a rescan takes seconds of a processor and holds every
   * file's attributes while it runs, and at the default interval of 10 s it would run a third
   * of the time. With the pause, periodic rescans take at most 1% of a processor, whatever the
   * size of the folder; a rescan for dropped events still runs at once.
   */
  static final int RESCAN_PAUSE_FACTOR = 100;

  /** The pause before the next periodic rescan, after one that took {@code tookMs}. */
  static long pauseAfter(long intervalMs, long tookMs) {
    return Math.max(intervalMs, tookMs * RESCAN_PAUSE_FACTOR);
  }

  private void schedulePeriodic(long delayMs) {
    if (closed) {
      return;
    }
    try {
      scheduler.schedule(() -> {
        long started = System.nanoTime();
        rescan();
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        schedulePeriodic(pauseAfter(rescanInterval.toMillis(), tookMs));
      }, delayMs, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  /** Queues one rescan; requests made while one is queued share it (a copied tree makes many). */
  private void requestRescan() {
    if (!closed && rescanQueued.compareAndSet(false, true)) {
      scheduler.execute(() -> {
        rescanQueued.set(false);
        rescan();
      });
    }
  }

  /** Looks at {@code file} again after a pause that grows with each attempt. */
  void schedule(Path file, int attempt) {
    if (closed) {
      return;
    }
    if (attempt == 0 && pending.putIfAbsent(file, Boolean.TRUE) != null) {
      return;
    }
    scheduler.schedule(() -> {
      if (attempt == 0) {
        pending.remove(file);
      }
      try {
        store.refresh(file, attempt, this);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot refresh " + Printable.of(file.toString()), e);
      }
    }, DELAYS_MS[Math.min(attempt, DELAYS_MS.length - 1)], TimeUnit.MILLISECONDS);
  }

  private void loop() {
    while (!closed) {
      WatchKey key;
      try {
        key = service.take();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
      // A key's events can come before the rescan that asked for it has noted its name: then
      // the name it was asked for, rather than a rescan of the whole folder.
      Path dir = dirs.get(key);
      if (dir == null && key.watchable() instanceof Path asked) {
        dir = asked;
      }
      for (WatchEvent<?> event : key.pollEvents()) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
          overflowed = true;
          requestRescan();
          continue;
        }
        Path child = dir.resolve((Path) event.context());
        if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
            && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
          if (!ContentFolder.isHidden(child.getFileName().toString())) {
            watchQuietly(child);
            // Files and folders made in it before it was watched have no event; the rescan
            // watches the folders below it as it goes.
            requestRescan();
          }
          continue;
        }
        schedule(child, 0);
      }
      if (!key.reset()) {
        dirs.remove(key);
      }
    }
  }

  private void rescan() {
    if (closed) {
      return;
    }
    // Whatever was dropped before now, this rescan finds; a drop while it runs sets this again.
    overflowed = false;
    try {
      // Every folder is watched before it is listed: at the first rescan that is all of them,
      // later it finds one whose event was dropped, or one under a name another had, which
      // the system told apart (a key follows its folder when it moves); a folder watched
      // already only has its name brought up to date.
      Queue<Problem> failures = new ConcurrentLinkedQueue<>();
      for (Path file : store.changedSinceLastLook(this::watchQuietly, failures)) {
        store.refresh(file, 0, this);
      }
      Problem unread = failures.peek();
      if (unread != null) {
        cannotWatch(root, "part of the folder cannot be read: " + unread.message(), null);
      }
      everyFolderWatched = true;
    } catch (IOException | RuntimeException e) {
      if (!closed) { // closing interrupts it
        LOG.log(System.Logger.Level.WARNING, "rescan of " + Printable.of(root.toString()) + " failed", e);
      }
    }
    rescans.incrementAndGet();
  }

  /**
   * Whether every change in the folder reaches the store within milliseconds: the watch service
   * is event-driven, every folder is watched, the first rescan (which finds what changed
   * between loading and watching) is done, and no events were dropped since the last rescan
   * began. While this holds, what the store knows of a file is what the file holds, but for the
   * moments before its event is handled.
   */
  boolean prompt() {
    // Not before a whole rescan has watched every folder and found what changed between
    // loading and watching.
    return eventDriven && !unwatched && !overflowed && !closed && everyFolderWatched;
  }

  /** How many rescans have finished. */
  long rescans() {
    return rescans.get();
  }

  /**
   * Watches {@code dir}, and keeps its name for the events of its key: asked again for a folder
   * the system watches already (a rescan asks for every folder), the service gives the key it
   * has, which then goes by the folder's name now.
   */
  private void watch(Path dir) throws IOException {
    WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
    dirs.put(key, dir);
  }

  /** As {@link #watch}; a folder that cannot be watched leaves its changes to the rescans. */
  private void watchQuietly(Path dir) {
    try {
      watch(dir);
    } catch (NoSuchFileException | NotDirectoryException e) {
      // gone since it was found: nothing to watch
    } catch (IOException | RuntimeException e) {
      cannotWatch(dir, describe(e), e);
    }
  }

  /**
   * Changes there reach the store by rescans alone from now on: said once, as every rescan
   * meets the same folders again (past the system's limit of watches, thousands of them).
   */
  private void cannotWatch(Path where, String why, @Nullable Exception e) {
    if (!closed && !unwatched) {
      unwatched = true;
      String message = "cannot watch " + Printable.of(where.toString()) + " (" + Printable.of(why)
          + "); changes there are found by rescans only";
      if (e == null) {
        LOG.log(System.Logger.Level.WARNING, message);
      } else {
        LOG.log(System.Logger.Level.WARNING, message, e);
      }
    }
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }



  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    try {
      service.close();
    } catch (IOException e) {
      // closing anyway
    }
    thread.interrupt();
    // A rescan or a file's second look under way finishes before the store closes what it
    // writes to (its snapshot and journal): nothing of the store's runs after close returns.
    // Not when closed from one of these threads, which would wait for itself.
    Thread self = Thread.currentThread();
    if (self == thread || self == refreshThread) {
      return;
    }
    try {
      if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "a rescan of " + Printable.of(root.toString()) + " is still running at close");
      }
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
