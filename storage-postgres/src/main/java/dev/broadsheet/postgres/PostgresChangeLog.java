package dev.broadsheet.postgres;

import dev.broadsheet.Revision;
import dev.broadsheet.SyncTokenExpiredException;
import dev.broadsheet.spi.ChangeLog;
import dev.broadsheet.spi.LoggedChange;
import dev.broadsheet.spi.LoggedChange.Kind;
import dev.broadsheet.spi.LoggedChange.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code changes} table as a {@link ChangeLog}, shared by every instance on the database.
 *
 * <ul>
 *   <li>{@link #id()} is the uuid schema version 3 put in {@code changes_head}, once.
 *   <li>{@link #head()} is the last change this instance's repository was told (the follower's
 *       position, or the last load's), never the table's newest: a token handed out with the
 *       index never covers a change the index does not hold. {@link #read} reads no further.
 *   <li>{@link #first()} moves with pruning, with a {@code TRUNCATE} (a reset: the feed cannot
 *       tell it article by article, so every older token expires) and starts at the first
 *       change logged with its timing (schema version 3).
 *   <li>Changes other SQL made that Broadsheet has not verified yet (no revision) are left out:
 *       the store reads the row's file and writes its revision and columns, a change that is
 *       read instead, with the timing before carried over from the last verified state.
 * </ul>
 */
final class PostgresChangeLog implements ChangeLog {
  private final PostgresArticleStore store;
  private final String readHead;
  private final String readFirst;
  private final String read;
  private volatile @Nullable String id;

  PostgresChangeLog(PostgresArticleStore store) {
    this.store = store;
    Names n = store.names();
    this.readHead = "SELECT log_id, last_seq FROM " + n.head();
    this.readFirst = "SELECT greatest(h.pruned_through, h.timed_from - 1, coalesce((SELECT max(seq) FROM "
        + n.changes() + " WHERE kind = 'reset'), 0)) + 1 FROM " + n.head() + " h";
    // One statement, one snapshot: the entries, and whether the log still held all of them.
    this.read = "SELECT greatest(h.pruned_through, h.timed_from - 1), c.seq, c.id, c.kind, c.revision, c.changed_at, "
        + "c.draft_before, c.published_at_before, c.published_at_ns_before, c.expires_at_before, c.expires_at_ns_before, "
        + "c.draft_after, c.published_at_after, c.published_at_ns_after, c.expires_at_after, c.expires_at_ns_after "
        + "FROM " + n.head() + " h LEFT JOIN LATERAL (SELECT * FROM " + n.changes()
        + " WHERE seq > ? AND seq <= ? AND (kind IN ('deleted', 'reset') OR revision IS NOT NULL) ORDER BY seq LIMIT ?"
        + ") c ON true ORDER BY c.seq";
  }

  @Override
  public String id() {
    String i = id;
    if (i == null) {
      try (Connection c = store.connection()) {
        i = readId(c);
      } catch (SQLException e) {
        throw new UncheckedIOException(PostgresArticleStore.failed("cannot read the change log's id", e));
      }
    }
    return i;
  }

  /** Reads (once) the log's id on {@code c}. */
  String readId(Connection c) throws SQLException {
    String i = id;
    if (i != null) {
      return i;
    }
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(readHead)) {
      rs.next();
      i = "postgres-" + rs.getString(1);
    }
    id = i;
    return i;
  }

  /** The last change the repository on this store was told; the table's newest before any load. */
  @Override
  public long head() throws IOException {
    long applied = store.applied();
    return applied >= 0 ? applied : last();
  }

  /** The table's newest change. */
  long last() throws IOException {
    try (Connection c = store.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(readHead)) {
      rs.next();
      return rs.getLong(2);
    } catch (SQLException e) {
      throw PostgresArticleStore.failed("cannot read the change log of PostgreSQL", e);
    }
  }

  @Override
  public long awaitHead(long seq) throws IOException {
    long h = head();
    if (h >= seq || seq > last()) {
      return h;
    }
    if (!store.awaitApplied(seq)) {
      throw new IOException("this instance has not caught up with change " + seq
          + " of the change log yet (it holds " + head() + "); try again");
    }
    return head();
  }

  @Override
  public long first() throws IOException {
    try (Connection c = store.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(readFirst)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw PostgresArticleStore.failed("cannot read the change log of PostgreSQL", e);
    }
  }

  @Override
  public List<LoggedChange> read(long after, int limit) throws IOException {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    long through = head();
    List<LoggedChange> out = new ArrayList<>();
    if (after >= through) {
      return out;
    }
    try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(read)) {
      s.setLong(1, after);
      s.setLong(2, through);
      s.setInt(3, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(1) > after) {
            throw expired();
          }
          long seq = rs.getLong(2);
          if (rs.wasNull()) {
            continue; // the head alone: nothing after
          }
          String kind = rs.getString(4);
          if ("reset".equals(kind)) {
            throw expired();
          }
          String id = rs.getString(3);
          Instant at = rs.getObject(6, OffsetDateTime.class).toInstant();
          Timing before = timing(rs, 7);
          if ("deleted".equals(kind)) {
            out.add(new LoggedChange(seq, id, Kind.DELETE, null, at, before, null));
          } else {
            Timing after2 = timing(rs, 12);
            out.add(new LoggedChange(seq, id, Kind.UPSERT, Revision.of(rs.getString(5)), at, before,
                after2 == null ? new Timing(false, null, null) : after2));
          }
        }
      }
    } catch (SQLException e) {
      throw PostgresArticleStore.failed("cannot read the change log of PostgreSQL", e);
    }
    return out;
  }

  private static SyncTokenExpiredException expired() {
    return new SyncTokenExpiredException("the sync token is older than the changes this store keeps; "
        + "sync from scratch, without a token");
  }

  /** The timing in the five columns from {@code at}: draft, published_at(+ns), expires_at(+ns). */
  private static @Nullable Timing timing(ResultSet rs, int at) throws SQLException {
    boolean draft = rs.getBoolean(at);
    if (rs.wasNull()) {
      return null;
    }
    return new Timing(draft, instant(rs, at + 1), instant(rs, at + 3));
  }

  private static @Nullable Instant instant(ResultSet rs, int at) throws SQLException {
    OffsetDateTime t = rs.getObject(at, OffsetDateTime.class);
    if (t == null) {
      return null;
    }
    return t.toInstant().plusNanos(rs.getShort(at + 1));
  }
}
