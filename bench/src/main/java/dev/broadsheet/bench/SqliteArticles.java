package dev.broadsheet.bench;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same articles in an in-memory SQLite database, indexed the way one would index them for
 * these queries, answering the same questions as the repository: visibility (not a draft,
 * published at or before now, not expired), sticky-first order with the id as the last key,
 * facets by GROUP BY. Keys are stored lower-cased, as the repository matches them.
 *
 * <p>Not thread-safe: one connection and its prepared statements.
 */
final class SqliteArticles implements AutoCloseable {
  private static final String VISIBLE =
      "a.draft = 0 AND a.published_epoch_ms <= ? AND (a.expires_ms IS NULL OR a.expires_ms > ?)";
  private static final String ORDER = " ORDER BY a.sticky DESC, a.published_epoch_ms DESC, a.id LIMIT ?";
  private static final String CATEGORY_SENTIMENT_SQL =
      "SELECT a.id FROM articles a WHERE a.category_lc = ? AND a.sentiment = ? AND " + VISIBLE + ORDER;
  private static final String TAG_SQL = "SELECT a.id FROM article_tags t JOIN articles a ON a.rowid = t.article_rowid"
      + " WHERE t.tag_lc = ? AND " + VISIBLE + ORDER;

  private final Connection connection;
  private final PreparedStatement categorySentiment;
  private final PreparedStatement categorySentimentCount;
  private final PreparedStatement tag;
  private final List<PreparedStatement> unfilteredFacets;
  private final List<PreparedStatement> categoryFacets;

  SqliteArticles(List<Article> articles) throws SQLException {
    connection = DriverManager.getConnection("jdbc:sqlite::memory:");
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA journal_mode = OFF");
      s.execute("PRAGMA synchronous = OFF");
      s.execute("PRAGMA cache_size = -1000000");
      s.execute("PRAGMA temp_store = MEMORY");
      s.execute("CREATE TABLE articles (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, category_lc TEXT,"
          + " lang_lc TEXT, source_lc TEXT, sentiment INTEGER, sticky INTEGER NOT NULL,"
          + " published_epoch_ms INTEGER NOT NULL, draft INTEGER NOT NULL, expires_ms INTEGER)");
      s.execute("CREATE TABLE article_tags (article_rowid INTEGER NOT NULL, tag_lc TEXT NOT NULL,"
          + " PRIMARY KEY (tag_lc, article_rowid)) WITHOUT ROWID");
    }
    load(articles);
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE UNIQUE INDEX articles_id ON articles (id)");
      // Covers the section query: equality on category and sentiment, then the order itself,
      // then the visibility columns, so no table lookup and no sort.
      s.execute("CREATE INDEX articles_category_sentiment ON articles (category_lc, sentiment, sticky DESC,"
          + " published_epoch_ms DESC, id, draft, expires_ms)");
      s.execute("CREATE INDEX articles_feed ON articles (sticky DESC, published_epoch_ms DESC, id)");
      s.execute("CREATE INDEX articles_lang ON articles (lang_lc)");
      s.execute("CREATE INDEX articles_source ON articles (source_lc)");
      s.execute("ANALYZE");
    }
    categorySentiment = connection.prepareStatement(CATEGORY_SENTIMENT_SQL);
    categorySentimentCount = connection.prepareStatement("SELECT count(*) FROM articles a WHERE"
        + " a.category_lc = ? AND a.sentiment = ? AND " + VISIBLE);
    tag = connection.prepareStatement(TAG_SQL);
    unfilteredFacets = facetStatements("");
    categoryFacets = facetStatements(" AND a.category_lc = ?");
  }

  private void load(List<Article> articles) throws SQLException {
    connection.setAutoCommit(false);
    try (PreparedStatement a = connection.prepareStatement("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?)");
        PreparedStatement t = connection.prepareStatement("INSERT OR IGNORE INTO article_tags VALUES (?,?)")) {
      long rowid = 0;
      for (Article article : articles) {
        rowid++;
        a.setLong(1, rowid);
        a.setString(2, article.id());
        setKey(a, 3, article.category());
        setKey(a, 4, article.lang());
        setKey(a, 5, article.source() == null ? null : article.source().key());
        if (article.sentiment() == null) {
          a.setNull(6, Types.INTEGER);
        } else {
          a.setInt(6, article.sentiment().ordinal());
        }
        a.setInt(7, article.stickyWeight());
        // No date sorts last, as in the repository.
        a.setLong(8, article.publishedAt() == null ? Long.MIN_VALUE : article.publishedAt().toEpochMilli());
        a.setInt(9, article.draft() ? 1 : 0);
        if (article.expiresAt() == null) {
          a.setNull(10, Types.INTEGER);
        } else {
          a.setLong(10, article.expiresAt().toEpochMilli());
        }
        a.addBatch();
        for (String tagValue : article.tags()) {
          t.setLong(1, rowid);
          t.setString(2, ArticleQuery.key(tagValue));
          t.addBatch();
        }
        if (rowid % 10_000 == 0) {
          a.executeBatch();
          t.executeBatch();
        }
      }
      a.executeBatch();
      t.executeBatch();
    }
    connection.commit();
    connection.setAutoCommit(true);
  }

  private static void setKey(PreparedStatement s, int index, String value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.VARCHAR);
    } else {
      s.setString(index, ArticleQuery.key(value));
    }
  }

  private List<PreparedStatement> facetStatements(String filter) throws SQLException {
    List<PreparedStatement> out = new ArrayList<>();
    out.add(connection.prepareStatement("SELECT NULL, count(*) FROM articles a WHERE " + VISIBLE + filter));
    for (String column : List.of("category_lc", "sentiment", "lang_lc", "source_lc")) {
      out.add(connection.prepareStatement(facetSql(column, filter)));
    }
    out.add(connection.prepareStatement(tagFacetSql(filter)));
    return out;
  }

  private static String facetSql(String column, String filter) {
    return "SELECT a." + column + ", count(*) FROM articles a WHERE " + VISIBLE + filter + " AND a." + column
        + " IS NOT NULL GROUP BY a." + column + " ORDER BY 2 DESC, 1";
  }

  private static String tagFacetSql(String filter) {
    return "SELECT t.tag_lc, count(*) FROM article_tags t JOIN articles a ON a.rowid = t.article_rowid WHERE "
        + VISIBLE + filter + " GROUP BY t.tag_lc ORDER BY 2 DESC, 1 LIMIT 20";
  }

  List<String> categorySentimentTop(String category, int sentiment, Instant now, int limit) throws SQLException {
    categorySentiment.setString(1, ArticleQuery.key(category));
    categorySentiment.setInt(2, sentiment);
    bindVisible(categorySentiment, 3, now);
    categorySentiment.setInt(5, limit);
    return ids(categorySentiment);
  }

  int categorySentimentCount(String category, int sentiment, Instant now) throws SQLException {
    categorySentimentCount.setString(1, ArticleQuery.key(category));
    categorySentimentCount.setInt(2, sentiment);
    bindVisible(categorySentimentCount, 3, now);
    try (ResultSet rs = categorySentimentCount.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  List<String> tagTop(String tagKey, Instant now, int limit) throws SQLException {
    tag.setString(1, tagKey);
    bindVisible(tag, 2, now);
    tag.setInt(4, limit);
    return ids(tag);
  }

  /**
   * Total, then counts by category, sentiment (ordinal), language, source and top 20 tags, each
   * ordered by count descending then key.
   */
  List<Map<String, Integer>> facets(Instant now) throws SQLException {
    return facets(unfilteredFacets, now, null);
  }

  List<Map<String, Integer>> facets(String category, Instant now) throws SQLException {
    return facets(categoryFacets, now, ArticleQuery.key(category));
  }

  private static List<Map<String, Integer>> facets(List<PreparedStatement> statements, Instant now, String category)
      throws SQLException {
    List<Map<String, Integer>> out = new ArrayList<>(statements.size());
    for (PreparedStatement s : statements) {
      bindVisible(s, 1, now);
      if (category != null) {
        s.setString(3, category);
      }
      Map<String, Integer> counts = new LinkedHashMap<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getInt(2));
        }
      }
      out.add(counts);
    }
    return out;
  }

  private static void bindVisible(PreparedStatement s, int from, Instant now) throws SQLException {
    s.setLong(from, now.toEpochMilli());
    s.setLong(from + 1, now.toEpochMilli());
  }

  private static List<String> ids(PreparedStatement s) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** The plans SQLite picks for the page queries and the tag facet, for the benchmark log. */
  String explain(String category, int sentiment, String tagKey, Instant now) throws SQLException {
    StringBuilder out = new StringBuilder();
    explain(out, CATEGORY_SENTIMENT_SQL, category, sentiment, now.toEpochMilli(), now.toEpochMilli(), 20);
    explain(out, TAG_SQL, tagKey, now.toEpochMilli(), now.toEpochMilli(), 20);
    explain(out, facetSql("category_lc", ""), now.toEpochMilli(), now.toEpochMilli());
    explain(out, tagFacetSql(""), now.toEpochMilli(), now.toEpochMilli());
    return out.toString();
  }

  private void explain(StringBuilder out, String sql, Object... params) throws SQLException {
    out.append(sql).append('\n');
    try (PreparedStatement s = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.append("  ").append(rs.getString("detail")).append('\n');
        }
      }
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
