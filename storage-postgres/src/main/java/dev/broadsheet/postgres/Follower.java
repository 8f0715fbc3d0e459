package dev.broadsheet.postgres;

import dev.broadsheet.ArticleIds;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.postgres.Rows.Row;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Follows the change log on a thread and connection of its own, and tells the store's listener
 * what changed.
 *
 * <ul>
 *   <li>It {@code LISTEN}s on the tables' channel, then reads the log after the last change it
 *       handled; it reads again on every notification and at least every poll interval, so a
 *       lost notification delays a change by one interval at most.
 *   <li>Changes are numbered in commit order (see the migration files), so reading the numbers
 *       after the last one handled misses none and repeats none; the position moves on only
 *       once a batch has been told.
 *   <li>For the ids of a batch it reads the rows as they are now and tells each once: an
 *       article (whole, from its file), deleted, or invalid with its problems.
 *   <li>When the connection fails it is dropped and a new one tried at once, then after the poll
 *       interval, doubling to 5 seconds; once connected the log is read from where it stopped.
 *       If the changes it needs were pruned meanwhile (or the table was truncated), it reloads:
 *       every row's revision against what the listener holds, telling the differences.
 *   <li>A save of this process commits while the follower may be telling an older state of
 *       the same article that it read just before; that state is then not told, or told again
 *       as it is now, so the listener ends with the newest.
 * </ul>
 */
final class Follower {
  private static final System.Logger LOG = System.getLogger(Follower.class.getName());
  /** The application name of the follower's session while it follows. */
  static final String APPLICATION_NAME = "broadsheet follower";
  private static final int BATCH = 1000;
  private static final long MAX_BACKOFF_MILLIS = 5_000;
  /** How long one wait for a notification blocks, so that closing is noticed soon. */
  private static final int SLICE_MILLIS = 100;

  private final PostgresArticleStore store;
  private final Names names;
  private final Duration poll;
  private final Duration retention;
  private final Clock clock;
  private final Thread thread;
  private final String readLog;
  private final String readHead;
  private final ExecutorService timeouts;
  private final String readRevisions;
  private volatile boolean closed;
  /** The last change told; -1 until the first connection says where the log is. */
  private volatile long position;
  private volatile int reloads;
  private volatile @Nullable Connection connection;
  private long nextPrune;

  Follower(PostgresArticleStore store, Duration poll, Duration retention, Clock clock) {
    this.store = store;
    this.names = store.names();
    this.poll = poll;
    this.retention = retention;
    this.clock = clock;
    this.readLog = "SELECT h.pruned_through, c.seq, c.id, c.kind FROM " + names.head() + " h LEFT JOIN LATERAL "
        + "(SELECT seq, id, kind FROM " + names.changes() + " WHERE seq > ? ORDER BY seq LIMIT " + BATCH
        + ") c ON true ORDER BY c.seq";
    this.readHead = "SELECT last_seq FROM " + names.head();
    this.readRevisions = "SELECT id, key, revision FROM " + names.articles();
    this.timeouts = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "broadsheet-postgres-timeout");
      t.setDaemon(true);
      return t;
    });
    this.thread = new Thread(this::run, "broadsheet-postgres-follower");
    this.thread.setDaemon(true);
  }

  void start(long from) {
    this.position = from;
    thread.start();
  }

  /** The last change told to the listener. */
  long position() {
    return position;
  }

  /** How many times the follower reloaded because the log no longer held what it needed. */
  int reloads() {
    return reloads;
  }

  /** Whether the follower holds a working connection now. */
  boolean connected() {
    return connection != null;
  }

  void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timeouts.shutdown();
  }

  private void run() {
    // The first try to reconnect is at once (a connection an administrator or a failover ended
    // can usually be had again); then after the poll interval, doubling.
    long backoff = 0;
    boolean down = false;
    while (!closed) {
      try {
        if (connection == null) {
          connect();
          if (down) {
            LOG.log(System.Logger.Level.INFO, "following the change log of " + names + " again");
          }
          down = false;
          catchUp();
          backoff = 0;
        }
        awaitNotification();
        if (closed) {
          break;
        }
        catchUp();
        pruneWhenDue();
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          break;
        }
        if (!down) {
          LOG.log(System.Logger.Level.WARNING, "lost the change log of " + names + "; retrying: " + e.getMessage());
        }
        LOG.log(System.Logger.Level.DEBUG, "following the change log failed", e);
        down = true;
        disconnect();
        sleep(backoff);
        backoff = backoff == 0 ? poll.toMillis() : Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
    disconnect();
  }

  private void connect() throws SQLException {
    Connection c = store.connection();
    try {
      // A connection that stops answering (a network gone quiet) fails instead of hanging.
      c.setNetworkTimeout(timeouts, (int) Math.max(30_000, 5 * poll.toMillis()));
      try (Statement s = c.createStatement()) {
        // Shown in pg_stat_activity, so that an administrator can tell the followers' sessions.
        s.execute("SET application_name = '" + APPLICATION_NAME + "'");
        s.execute("LISTEN \"" + names.channel() + "\"");
      }
      if (position < 0) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(readHead)) {
          rs.next();
          position = rs.getLong(1);
        }
        store.appliedMoved();
      }
    } catch (SQLException | RuntimeException e) {
      PostgresArticleStore.closeQuietly(c, e);
      throw e;
    }
    connection = c;
  }

  private void disconnect() {
    Connection c = connection;
    connection = null;
    if (c == null) {
      return;
    }
    try {
      if (!c.isClosed()) {
        try (Statement s = c.createStatement()) {
          s.execute("UNLISTEN *");
          s.execute("RESET application_name");
        } catch (SQLException e) {
          // a broken connection: closing it below is all there is to do
        }
      }
      c.close();
    } catch (SQLException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing the follower's connection: " + e.getMessage());
    }
  }

  /** Waits up to the poll interval for a notification, in short slices to notice a close. */
  private void awaitNotification() throws SQLException {
    PGConnection pg = connectionNow().unwrap(PGConnection.class);
    long deadline = System.nanoTime() + poll.toNanos();
    while (!closed) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return;
      }
      PGNotification[] n = pg.getNotifications((int) Math.max(1, Math.min(SLICE_MILLIS, left)));
      if (n != null && n.length > 0) {
        return;
      }
    }
  }

  private Connection connectionNow() throws SQLException {
    Connection c = connection;
    if (c == null) {
      throw new SQLException("not connected");
    }
    return c;
  }

  private void sleep(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (!closed) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return;
      }
      try {
        Thread.sleep(Math.min(left, SLICE_MILLIS));
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  // ------------------------------------------------------------------ reading the log

  /** Reads the log after the position, batch by batch, telling each batch's ids. */
  void catchUp() throws SQLException {
    Connection c = connectionNow();
    while (!closed) {
      long from = position;
      long pruned = 0;
      long last = from;
      boolean reset = false;
      Set<String> ids = new LinkedHashSet<>();
      int n = 0;
      try (PreparedStatement s = c.prepareStatement(readLog)) {
        s.setLong(1, from);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            pruned = rs.getLong(1);
            long seq = rs.getLong(2);
            if (rs.wasNull()) {
              continue; // the head alone: nothing after the position
            }
            n++;
            last = seq;
            if ("reset".equals(rs.getString(4))) {
              reset = true;
            } else {
              ids.add(rs.getString(3));
            }
          }
        }
      }
      if (pruned > from || reset) {
        reload(c);
        continue;
      }
      deliver(c, ids);
      position = last;
      store.appliedMoved();
      if (n < BATCH) {
        return;
      }
    }
  }

  /**
   * Tells the listener what each of {@code ids} is now. A save of this process that commits
   * meanwhile may be newer than what was read: such an id is read again.
   */
  private void deliver(Connection c, Set<String> ids) throws SQLException {
    Set<String> pending = ids;
    for (int round = 0; !pending.isEmpty() && !closed; round++) {
      long tick = store.tick();
      Map<String, Row> now = new HashMap<>();
      for (List<String> batch : PostgresArticleStore.batches(new ArrayList<>(pending))) {
        for (Row r : store.rows().byIds(c, batch)) {
          now.put(r.id(), r);
        }
      }
      Set<String> again = new LinkedHashSet<>();
      for (String id : pending) {
        String key = ArticleIds.key(id);
        if (store.lastLocalWrite(key) > tick) {
          again.add(id);
          continue;
        }
        store.tell(PostgresArticleStore.change(id, store.judge(c, id, now.get(id))));
        if (store.lastLocalWrite(key) > tick) {
          again.add(id);
        } else {
          store.toldUpTo(key, tick);
        }
      }
      pending = again;
      if (round > 100) {
        LOG.log(System.Logger.Level.DEBUG, "articles saved here faster than they can be read: " + again.size());
        return;
      }
    }
  }

  /**
   * Compares every row's revision with what the listener was told and tells the differences:
   * for a follower that fell behind the retained log, or after a TRUNCATE.
   */
  private void reload(Connection c) throws SQLException {
    reloads++;
    LOG.log(System.Logger.Level.INFO, "the change log of " + names + " no longer holds every change since "
        + position + "; reloading");
    boolean autoCommit = c.getAutoCommit();
    int isolation = c.getTransactionIsolation();
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    long through;
    Set<String> differ = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    Map<String, Revision> told = store.told();
    Map<String, List<Problem>> problems = store.problemsById();
    try {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(readHead)) {
        rs.next();
        through = rs.getLong(1);
      }
      try (PreparedStatement s = c.prepareStatement(readRevisions)) {
        s.setFetchSize(BATCH);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            String id = rs.getString(1);
            String revision = rs.getString(3);
            seen.add(id);
            Revision t = told.get(id);
            boolean same = revision != null && t != null && t.value().equals(revision)
                && Loader.rowProblem(id, rs.getString(2)) == null;
            if (!same) {
              differ.add(id);
            }
          }
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      Schema.rollbackQuietly(c, e);
      throw e;
    } finally {
      c.setTransactionIsolation(isolation);
      c.setAutoCommit(autoCommit);
    }
    for (String id : told.keySet()) {
      if (!seen.contains(id)) {
        differ.add(id);
      }
    }
    // Written here and maybe held by the listener (the repository's own writes) or not (a direct
    // caller's): told as they are now either way.
    differ.addAll(store.untoldLocalWrites());
    for (String id : problems.keySet()) {
      if (!seen.contains(id)) {
        differ.add(id);
      }
    }
    deliver(c, differ);
    position = through;
    store.appliedMoved();
  }

  /** Prunes the change log of what is older than the retention, at most every minute or so. */
  private void pruneWhenDue() throws SQLException {
    long now = System.nanoTime();
    if (now - nextPrune < 0) {
      return;
    }
    long every = Math.max(1_000, Math.min(600_000, retention.toMillis() / 10));
    nextPrune = now + every * 1_000_000;
    prune(connectionNow(), names, clock.instant().minus(retention));
  }

  /**
   * Removes the changes older than {@code cutoff}: those up to the newest one older than it, and
   * records in the head how far, so that a reader whose position is below that reloads.
   */
  static void prune(Connection c, Names names, Instant cutoff) throws SQLException {
    String sql = "WITH cut AS (SELECT max(seq) AS s FROM " + names.changes() + " WHERE changed_at < ?), "
        + "gone AS (DELETE FROM " + names.changes() + " WHERE seq <= (SELECT s FROM cut)) "
        + "UPDATE " + names.head() + " SET pruned_through = (SELECT s FROM cut) "
        + "WHERE (SELECT s FROM cut) > pruned_through";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
      s.executeUpdate();
    }
  }
}
