package dev.broadsheet.fs;

import dev.broadsheet.internal.Printable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  void start() throws IOException {
    register(root);
    thread.start();
    // Whatever changed between loading and watching has no event: look once right away.
    requestRescan();
    schedulePeriodic(rescanInterval.toMillis());
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
      Path dir = dirs.get(key);
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
            try {
              register(child);
            } catch (IOException e) {
              unwatched = true;
              LOG.log(System.Logger.Level.WARNING, "cannot watch " + Printable.of(child.toString()), e);
            }
            requestRescan(); // files made before the folder was watched have no event
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
      for (Path file : store.changedSinceLastLook()) {
        store.refresh(file, 0, this);
      }
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
    // Not before the first rescan has found what changed between loading and watching.
    return eventDriven && !unwatched && !overflowed && !closed && rescans.get() > 0;
  }

  /** How many rescans have finished. */
  long rescans() {
    return rescans.get();
  }

  private void register(Path start) throws IOException {
    Files.walkFileTree(start, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(root) && ContentFolder.isHidden(dir.getFileName().toString())) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
        dirs.put(key, dir);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) {
        if (!(exc instanceof java.nio.file.NoSuchFileException)) {
          unwatched = true; // a folder that cannot be read cannot be watched either
        }
        return FileVisitResult.CONTINUE;
      }
    });
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
