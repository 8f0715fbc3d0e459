package dev.broadsheet.bench;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Sentiment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The benchmark questions as one would write them by hand against the store's table: the
 * visibility condition spelled out, the order by sticky weight, publishedAt (to the
 * microsecond) and id, ids only; facets as one statement per facet (the total, categories,
 * sentiments, languages, sources, the top 20 tags). What the query engine adds to this is the
 * nanoseconds, the id's code point order, whole articles and the cursor.
 */
final class HandWrittenSql {
  private static final String VISIBLE = "revision IS NOT NULL AND NOT draft AND published_at <= ? "
      + "AND (expires_at IS NULL OR expires_at > ?)";

  private final DataSource ds;
  private final String table;

  HandWrittenSql(DataSource ds, String table) {
    this.ds = ds;
    this.table = table;
  }

  List<String> categorySentimentTop(String category, Sentiment sentiment, Instant now, int limit) throws SQLException {
    return ids("SELECT id FROM " + table + " WHERE category_lower = ? AND sentiment = ? AND " + VISIBLE
        + " ORDER BY sticky_weight DESC, published_at DESC, id LIMIT ?",
        ArticleQuery.key(category), sentiment.name(), time(now), time(now), limit);
  }

  List<String> tagTop(String tagKey, Instant now, int limit) throws SQLException {
    return ids("SELECT id FROM " + table + " WHERE tags_lower @> ARRAY[CAST(? AS text)] AND " + VISIBLE
        + " ORDER BY sticky_weight DESC, published_at DESC, id LIMIT ?", tagKey, time(now), time(now), limit);
  }

  /** The total, then counts per category, sentiment, language, source and the top 20 tags. */
  List<Map<String, Integer>> facets(@Nullable String category, Instant now) throws SQLException {
    String where = " WHERE " + VISIBLE + (category == null ? "" : " AND category_lower = ?");
    Object[] params = category == null ? new Object[] {time(now), time(now)}
        : new Object[] {time(now), time(now), ArticleQuery.key(category)};
    List<Map<String, Integer>> out = new ArrayList<>();
    try (Connection c = ds.getConnection()) {
      out.add(counts(c, "SELECT 'total', count(*) FROM " + table + where, params));
      for (String column : List.of("category", "sentiment", "lang", "source_key")) {
        out.add(counts(c, "SELECT min(" + column + "), count(*) FROM " + table + where + " AND " + column
            + " IS NOT NULL GROUP BY lower(" + column + ") ORDER BY 2 DESC, 1", params));
      }
      out.add(counts(c, "SELECT t, count(*) FROM " + table + ", unnest(tags_lower) AS t" + where
          + " GROUP BY t ORDER BY 2 DESC, 1 LIMIT 20", params));
    }
    return out;
  }

  /** The plans PostgreSQL picks for the two top-20 queries. */
  String explain(String category, String tagKey, Instant now) throws SQLException {
    StringBuilder b = new StringBuilder();
    try (Connection c = ds.getConnection()) {
      plan(c, b, "EXPLAIN SELECT id FROM " + table + " WHERE category_lower = ? AND sentiment = ? AND " + VISIBLE
          + " ORDER BY sticky_weight DESC, published_at DESC, id LIMIT 20",
          ArticleQuery.key(category), "POSITIVE", time(now), time(now));
      plan(c, b, "EXPLAIN SELECT id FROM " + table + " WHERE tags_lower @> ARRAY[CAST(? AS text)] AND " + VISIBLE
          + " ORDER BY sticky_weight DESC, published_at DESC, id LIMIT 20", tagKey, time(now), time(now));
    }
    return b.toString();
  }

  private static void plan(Connection c, StringBuilder into, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        into.append(rs.getString(1)).append('\n');
      }
    }
  }

  private static OffsetDateTime time(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private List<String> ids(String sql, Object... params) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); PreparedStatement s = prepare(c, sql, params);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static Map<String, Integer> counts(Connection c, String sql, Object... params) throws SQLException {
    Map<String, Integer> out = new LinkedHashMap<>();
    try (PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getInt(2));
      }
    }
    return out;
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      s.setObject(i + 1, params[i]);
    }
    return s;
  }
}
