package dev.broadsheet.postgres;

import dev.broadsheet.Article;
import dev.broadsheet.Revision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The statements that read and write article rows. Every value is a bind parameter; the only
 * text spliced into them is the checked table name ({@link Names}) and the column names of
 * {@link Columns}.
 */
final class Rows {
  /** An article row as stored: the file and what identifies its version. */
  record Row(String id, String key, @Nullable String revision, long seq, byte[] content) {}

  private final String byKey;
  private final String byIds;
  private final String insert;
  private final String update;
  private final String repair;
  private final String delete;

  Rows(Names names) {
    String t = names.articles();
    String cols = Columns.list();
    String params = "?, ".repeat(Columns.ALL.size());
    String derived = Columns.derivedList();
    String derivedParams = ", ?".repeat(Columns.DERIVED.size());
    String sets = String.join(" = ?, ", Columns.ALL.stream().map(Columns.Column::name).toList()) + " = ?";
    String derivedSets = Columns.DERIVED.stream().map(d -> ", " + d.name() + " = ?").reduce("", String::concat);
    this.byKey = "SELECT id, key, revision, seq, content FROM " + t + " WHERE key = ?";
    this.byIds = "SELECT id, key, revision, seq, content FROM " + t + " WHERE id = ANY (?)";
    // ON CONFLICT without a target: a row holding the key or the id is a conflict either way.
    this.insert = "INSERT INTO " + t + " (key, id, revision, content, article, " + cols + ", precise, " + derived
        + ") VALUES (?, ?, ?, ?, CAST(? AS jsonb), " + params + "CAST(? AS jsonb)" + derivedParams
        + ") ON CONFLICT DO NOTHING";
    this.update = "UPDATE " + t + " SET id = ?, revision = ?, content = ?, article = CAST(? AS jsonb), " + sets
        + ", precise = CAST(? AS jsonb)" + derivedSets + " WHERE key = ? AND seq = ?";
    this.repair = "UPDATE " + t + " SET revision = ?, article = CAST(? AS jsonb), " + sets
        + ", precise = CAST(? AS jsonb)" + derivedSets + " WHERE id = ? AND seq = ?";
    this.delete = "DELETE FROM " + t + " WHERE key = ? AND seq = ?";
  }

  /** The row holding {@code key}, or null. */
  @Nullable Row byKey(Connection c, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(byKey)) {
      s.setString(1, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? row(rs) : null;
      }
    }
  }

  /** The rows of these ids that exist. */
  List<Row> byIds(Connection c, Collection<String> ids) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(byIds)) {
      s.setArray(1, c.createArrayOf("text", ids.toArray(new Object[0])));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
    }
    return out;
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getBytes(5));
  }

  /**
   * Inserts a new row; false when a row with the key or the id exists. A file that is no valid
   * article ({@code article} null) is stored without revision, jsonb or column values, so that
   * every reader reads it, and reports its problems.
   */
  boolean insert(Connection c, String key, String id, @Nullable Article article, Revision revision, byte[] content)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(insert)) {
      s.setString(1, key);
      s.setString(2, id);
      s.setString(3, column(article, revision));
      s.setBytes(4, content);
      s.setString(5, article == null ? null : Json.article(article));
      Columns.bind(c, s, 6, article == null ? Article.builder(id).build() : article);
      return s.executeUpdate() == 1;
    }
  }

  /**
   * Replaces the row of {@code key} if it is still at change {@code seq}; false when it is not.
   * As {@link #insert} for a file that is no valid article.
   */
  boolean update(Connection c, String key, long seq, String id, @Nullable Article article, Revision revision,
      byte[] content) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(update)) {
      s.setString(1, id);
      s.setString(2, column(article, revision));
      s.setBytes(3, content);
      s.setString(4, article == null ? null : Json.article(article));
      int at = Columns.bind(c, s, 5, article == null ? Article.builder(id).build() : article);
      s.setString(at++, key);
      s.setLong(at, seq);
      return s.executeUpdate() == 1;
    }
  }

  /** What the revision column holds for a file: its revision, or null when it is no valid article. */
  static @Nullable String column(@Nullable Article article, Revision revision) {
    return article == null ? null : revision.value();
  }

  /**
   * Fills in what is derived from a row's file (revision, jsonb, columns), if the row is still at
   * change {@code seq}; for rows other SQL wrote. False when it changed meanwhile.
   */
  boolean repair(Connection c, Row row, Article article, Revision revision) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(repair)) {
      s.setString(1, revision.value());
      s.setString(2, Json.article(article));
      int at = Columns.bind(c, s, 3, article);
      s.setString(at++, row.id());
      s.setLong(at, row.seq());
      return s.executeUpdate() == 1;
    }
  }

  /** Deletes the row of {@code key} if it is still at change {@code seq}. */
  boolean delete(Connection c, String key, long seq) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(delete)) {
      s.setString(1, key);
      s.setLong(2, seq);
      return s.executeUpdate() == 1;
    }
  }
}
