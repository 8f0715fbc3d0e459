package dev.broadsheet.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A line on standard error that counts the seconds of a long load, so a large folder does not
 * look like a hang. It appears only after a second, only when standard error is a terminal (a
 * log file or a pipe gets nothing), and is erased when the load ends.
 *
 * <pre>{@code
 * try (Progress p = Progress.start("reading content")) {
 *   repository = open(folder);
 * }
 * }</pre>
 */
final class Progress implements AutoCloseable {
  private static final Duration DELAY = Duration.ofSeconds(1);
  private static final Duration EVERY = Duration.ofMillis(250);

  private final Supplier<String> what;
  private final PrintStream err;
  private final long started = System.nanoTime();
  private final @Nullable ScheduledExecutorService timer;
  private boolean shown;

  private Progress(Supplier<String> what, PrintStream err, @Nullable Duration delay) {
    this.what = what;
    this.err = err;
    if (delay == null) {
      this.timer = null;
      return;
    }
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "broadsheet-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::show, delay.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts counting when standard error is a terminal; otherwise does nothing. */
  static Progress start(String what) {
    return start(() -> what);
  }

  /** The same with a text that changes, such as a count of what is done. */
  static Progress start(Supplier<String> what) {
    return new Progress(what, System.err, stderrIsTerminal() ? DELAY : null);
  }

  static Progress start(String what, PrintStream err, boolean terminal, Duration delay) {
    return new Progress(() -> what, err, terminal ? delay : null);
  }

  private synchronized void show() {
    double seconds = (System.nanoTime() - started) / 1e9;
    err.print("\r\033[K" + what.get() + "... " + String.format(Locale.ROOT, "%.1f s", seconds));
    err.flush();
    shown = true;
  }

  @Override
  public void close() {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (shown) {
        err.print("\r\033[K"); // back to the line's start and erase it
        err.flush();
      }
    }
  }

  /**
   * Whether file descriptor 2 is a terminal. Java has no call for it; on Linux the descriptor's
   * link names the device, elsewhere a console (both standard input and output interactive) is
   * the closest guess.
   */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }
}
