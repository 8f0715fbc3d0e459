package dev.broadsheet.postgres;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGStatement;

/**
 * Reads every row's indexed columns, never a file, in one read-only transaction that also
 * reads how far the change log had got: the rows are exactly the state after that change, so
 * that following the log from there misses nothing and repeats nothing. Rows are streamed
 * through a server-side cursor ({@code setFetchSize} with auto-commit off), so memory holds one
 * batch of rows at a time besides the partial articles.
 */
final class Loader {
  /**
   * What one scan found: the partial articles of verified rows, the ids of rows to read from
   * their files (other SQL wrote them), the problems of rows that can never be articles, and
   * the last change the scan includes.
   */
  record Scan(List<StoredArticle> articles, List<String> unverified, List<Problem> problems, long through) {}

  /**
   * What a scan of revisions found: the revision of every verified row, the ids of rows to read
   * from their files, the problems of rows that can never be articles, and the last change the
   * scan includes.
   */
  record Revisions(Map<String, Revision> revisions, List<String> unverified, List<Problem> problems, long through) {}

  private final String head;
  private final String all;
  private final String revisions;
  private final int fetchSize;
  /** The position of the {@code precise} column in {@link #all}. */
  private final int precise = 4 + Columns.ALL.size();

  Loader(Names names, int fetchSize) {
    this.head = "SELECT last_seq FROM " + names.head();
    this.all = "SELECT id, key, revision, " + Columns.list() + ", precise FROM " + names.articles();
    this.revisions = "SELECT id, key, revision FROM " + names.articles();
    this.fetchSize = fetchSize;
  }

  /**
   * The revision of every row and nothing else, for a store whose queries are answered in SQL:
   * as {@link #scan}, without reading the indexed columns.
   */
  Revisions revisions(Connection c) throws SQLException {
    return inSnapshot(c, through -> {
      Map<String, Revision> found = new HashMap<>();
      List<String> unverified = new ArrayList<>();
      List<Problem> problems = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(revisions)) {
        s.setFetchSize(fetchSize);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            String id = rs.getString(1);
            Problem wrong = rowProblem(id, rs.getString(2));
            String revision = rs.getString(3);
            if (wrong != null) {
              problems.add(wrong);
            } else if (revision == null) {
              unverified.add(id);
            } else {
              found.put(id, Revision.of(revision));
            }
          }
        }
      }
      return new Revisions(found, unverified, problems, through);
    });
  }

  private interface Body<T> {
    T read(long through) throws SQLException;
  }

  /**
   * Runs {@code body} in one read-only repeatable-read transaction, given the last change number
   * read in it: what it reads is exactly the state after that change.
   */
  private <T> T inSnapshot(Connection c, Body<T> body) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    int isolation = c.getTransactionIsolation();
    boolean readOnly = c.isReadOnly();
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    c.setReadOnly(true);
    try {
      long through;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(head)) {
        rs.next();
        through = rs.getLong(1);
      }
      T result = body.read(through);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      Schema.rollbackQuietly(c, e);
      throw e;
    } finally {
      c.setReadOnly(readOnly);
      c.setTransactionIsolation(isolation);
      c.setAutoCommit(autoCommit);
    }
  }

  Scan scan(Connection c) throws SQLException {
    return inSnapshot(c, through -> {
      List<StoredArticle> articles = new ArrayList<>();
      List<String> unverified = new ArrayList<>();
      List<Problem> problems = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(all)) {
        s.setFetchSize(fetchSize);
        binary(s);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            String id = rs.getString(1);
            Problem wrong = rowProblem(id, rs.getString(2));
            if (wrong != null) {
              problems.add(wrong);
              continue;
            }
            String revision = rs.getString(3);
            Article partial = revision == null ? null : Columns.partial(id, rs, 4, rs.getString(precise));
            if (partial == null) {
              unverified.add(id);
            } else {
              articles.add(new StoredArticle(partial, Revision.of(revision)));
            }
          }
        }
      }
      return new Scan(articles, unverified, problems, through);
    });
  }

  /**
   * Asks the driver for the rows in PostgreSQL's binary format: timestamps, numbers and arrays
   * then arrive as bytes to copy rather than text to parse. pgjdbc does so only for statements
   * it prepares on the server, which it does from the first execution with a threshold of -1.
   */
  private static void binary(PreparedStatement s) throws SQLException {
    if (s.isWrapperFor(PGStatement.class)) {
      s.unwrap(PGStatement.class).setPrepareThreshold(-1);
    }
  }

  /**
   * What keeps a row from being an article whatever its file holds: an id that breaks the rules
   * of {@link ArticleIds}, or a key column that is not the id's key (other SQL wrote it). Null
   * when there is nothing.
   */
  static @Nullable Problem rowProblem(String id, String key) {
    if (!ArticleIds.isValid(id)) {
      String why;
      try {
        ArticleIds.validate(id);
        why = "invalid";
      } catch (RuntimeException e) {
        why = e.getMessage();
      }
      return Problem.error(id, 0, 0, "id", "id", why);
    }
    String expected = ArticleIds.key(id);
    if (!expected.equals(key)) {
      return Problem.error(id, 0, 0, "id", "id", "the row's key column holds '" + key + "', but the key of id '"
          + id + "' is '" + expected + "' (ArticleIds.key); ids are unique by their key");
    }
    return null;
  }
}
