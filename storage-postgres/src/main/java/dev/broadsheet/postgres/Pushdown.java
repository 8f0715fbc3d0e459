package dev.broadsheet.postgres;

import dev.broadsheet.ArticleField;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.Facets;
import dev.broadsheet.Page;
import dev.broadsheet.Revision;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Sort;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.postgres.Rows.Row;
import dev.broadsheet.spi.Cursor;
import dev.broadsheet.spi.QueryEngine;
import dev.broadsheet.spi.SearchIndex.TextMatches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Answers queries in SQL with exactly the answers of the in-memory index (see {@link
 * dev.broadsheet.ArticleQuery} for the semantics): every filter, visibility rule, order, cursor,
 * total and facet, and related and adjacent articles; for queries with text, the same among the
 * matches of the repository's search index, which come in as two arrays (ids and scores).
 *
 * <ul>
 *   <li>Filters read the columns of schema version 2: the {@code *_lower} columns hold values
 *       lower-cased in Java by {@link ArticleQuery#key}, as the query's values are, so case is
 *       ignored exactly as the index ignores it whatever the database's locale; tags use the GIN
 *       index of {@code tags_lower} ({@code &&}, {@code @>}).
 *   <li>An instant is compared as the pair ({@code timestamptz} to the microsecond, nanoseconds
 *       past it), so order, date filters, visibility and cursors are exact to the nanosecond.
 *   <li>Orders end with {@code id COLLATE "C"}: the id in code point order, whatever the
 *       database's collation. Articles without publishedAt (drafts) sort as the earliest, as in
 *       the index.
 *   <li>Cursors are {@link Cursor}s, the index's own, so they carry over between instances in
 *       either mode.
 *   <li>Every value is a bind parameter; the SQL text is made of the fixed fragments below and
 *       the checked table name.
 * </ul>
 */
final class Pushdown implements QueryEngine {
  /** The columns a hit is read from, in this order. */
  private static final String HIT = "id, revision, sticky_weight, published_at, published_at_ns";
  private static final String ID = "id COLLATE \"C\"";
  private static final String NEWEST = "published_at DESC NULLS LAST, published_at_ns DESC, " + ID;
  private static final String NEWEST_REVERSED = "published_at ASC NULLS FIRST, published_at_ns ASC, " + ID + " DESC";
  private static final String OLDEST = "published_at ASC NULLS FIRST, published_at_ns ASC, " + ID;
  private static final String OLDEST_REVERSED = "published_at DESC NULLS LAST, published_at_ns DESC, " + ID + " DESC";
  /** A query with no filter: what related articles must be (visible now). */
  private static final ArticleQuery VISIBLE = ArticleQuery.all();

  private final PostgresArticleStore store;
  private final String table;

  Pushdown(PostgresArticleStore store) {
    this.store = store;
    this.table = store.names().articles();
  }

  @Override
  public boolean replacesIndex() {
    return true;
  }

  @Override
  public Map<String, Revision> revisions() throws IOException {
    return store.revisions();
  }

  // ------------------------------------------------------------------ statements

  /** A text array parameter. */
  private record Texts(Object[] values) {}

  /** A real (float4) array parameter. */
  private record Reals(Object[] values) {}

  /** A statement being put together: its text from fixed fragments, and its parameters in order. */
  private static final class Sql {
    final StringBuilder text = new StringBuilder();
    final List<Object> params = new ArrayList<>();

    Sql add(String fragment, Object... values) {
      text.append(fragment);
      params.addAll(Arrays.asList(values));
      return this;
    }

    PreparedStatement prepare(Connection c) throws SQLException {
      PreparedStatement s = c.prepareStatement(text.toString());
      try {
        for (int i = 0; i < params.size(); i++) {
          Object p = params.get(i);
          if (p instanceof Texts t) {
            s.setArray(i + 1, c.createArrayOf("text", t.values()));
          } else if (p instanceof Reals r) {
            s.setArray(i + 1, c.createArrayOf("float4", r.values()));
          } else {
            s.setObject(i + 1, p);
          }
        }
        return s;
      } catch (SQLException | RuntimeException e) {
        s.close();
        throw e;
      }
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  private static Texts texts(Collection<String> values) {
    return new Texts(values.toArray());
  }

  /**
   * An instant as the two parameters its columns are compared with: the timestamp to the
   * microsecond and the nanoseconds past it. An instant outside the range fields hold is
   * replaced by a pair just outside it, which compares with every stored value as it would.
   */
  private static Object[] instant(Instant t) {
    if (t.isBefore(ArticleField.MIN_INSTANT)) {
      return new Object[] {timestamp(ArticleField.MIN_INSTANT), -1};
    }
    if (t.isAfter(ArticleField.MAX_INSTANT)) {
      return new Object[] {timestamp(ArticleField.MAX_INSTANT.truncatedTo(ChronoUnit.MICROS)), 1000};
    }
    return new Object[] {timestamp(t.truncatedTo(ChronoUnit.MICROS)), t.getNano() % 1000};
  }

  private static OffsetDateTime timestamp(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private static final String PAIR = "(CAST(? AS timestamptz), CAST(? AS integer))";

  /** The conditions of {@code q} at {@code now}, filters and visibility, after a WHERE. */
  private static void where(Sql sql, ArticleQuery q, Instant now) {
    sql.add("revision IS NOT NULL");
    if (!q.categories().isEmpty()) {
      sql.add(" AND category_lower = ANY (?)", texts(q.categories()));
    }
    if (!q.langs().isEmpty()) {
      sql.add(" AND lang_lower = ANY (?)", texts(q.langs()));
    }
    if (!q.sources().isEmpty()) {
      sql.add(" AND source_key_lower = ANY (?)", texts(q.sources()));
    }
    if (!q.sentiments().isEmpty()) {
      sql.add(" AND sentiment = ANY (?)", texts(q.sentiments().stream().map(Sentiment::name).toList()));
    }
    if (!q.anyTags().isEmpty()) {
      sql.add(" AND tags_lower && ?", texts(q.anyTags()));
    }
    if (!q.allTags().isEmpty()) {
      sql.add(" AND tags_lower @> ?", texts(q.allTags()));
    }
    if (!q.noneTags().isEmpty()) {
      sql.add(" AND NOT (tags_lower && ?)", texts(q.noneTags()));
    }
    if (q.minStickyWeight() > 0) {
      sql.add(" AND sticky_weight >= ?", q.minStickyWeight());
    }
    if (q.publishedFrom() != null) {
      sql.add(" AND (published_at, published_at_ns) >= " + PAIR, instant(q.publishedFrom()));
    }
    if (q.publishedBefore() != null) {
      sql.add(" AND (published_at, published_at_ns) < " + PAIR, instant(q.publishedBefore()));
    }
    switch (q.drafts()) {
      case EXCLUDE -> sql.add(" AND NOT draft");
      case ONLY -> sql.add(" AND draft");
      case INCLUDE -> { }
    }
    // Scheduled: publishedAt after now (an article without one never is). Expired: expiresAt at
    // or before now. The one rule is dev.broadsheet.Visibility's.
    switch (q.scheduled()) {
      case EXCLUDE -> sql.add(" AND (published_at IS NULL OR (published_at, published_at_ns) <= " + PAIR + ")",
          instant(now));
      case ONLY -> sql.add(" AND (published_at, published_at_ns) > " + PAIR, instant(now));
      case INCLUDE -> { }
    }
    switch (q.expired()) {
      case EXCLUDE -> sql.add(" AND (expires_at IS NULL OR (expires_at, expires_at_ns) > " + PAIR + ")",
          instant(now));
      case ONLY -> sql.add(" AND (expires_at, expires_at_ns) <= " + PAIR, instant(now));
      case INCLUDE -> { }
    }
  }

  private static String order(Sort sort, boolean reversed) {
    return switch (sort) {
      case NEWEST -> reversed ? NEWEST_REVERSED : NEWEST;
      case OLDEST -> reversed ? OLDEST_REVERSED : OLDEST;
      case STICKY_FIRST -> reversed ? "sticky_weight ASC, " + NEWEST_REVERSED : "sticky_weight DESC, " + NEWEST;
      case RELEVANCE -> reversed ? "match_score ASC, " + ID + " DESC" : "match_score DESC, " + ID;
    };
  }

  /** The condition "after {@code key} in its order"; never NULL. */
  private static void after(Sql sql, Cursor key) {
    switch (key.sort()) {
      case RELEVANCE -> sql.add("(match_score < CAST(? AS real) OR (match_score = CAST(? AS real) AND " + ID + " > ?))",
          key.score(), key.score(), key.id());
      case NEWEST -> newestAfter(sql, key);
      case OLDEST -> {
        if (key.publishedAt() == null) {
          sql.add("(published_at IS NOT NULL OR " + ID + " > ?)", key.id());
        } else {
          Object[] p = instant(key.publishedAt());
          sql.add("(published_at IS NOT NULL AND ((published_at, published_at_ns) > " + PAIR
              + " OR (published_at = ? AND published_at_ns = ? AND " + ID + " > ?)))", p[0], p[1], p[0], p[1], key.id());
        }
      }
      case STICKY_FIRST -> {
        sql.add("(sticky_weight < ? OR (sticky_weight = ? AND ", key.stickyWeight(), key.stickyWeight());
        newestAfter(sql, key);
        sql.add("))");
      }
    }
  }

  private static void newestAfter(Sql sql, Cursor key) {
    if (key.publishedAt() == null) {
      sql.add("(published_at IS NULL AND " + ID + " > ?)", key.id());
    } else {
      Object[] p = instant(key.publishedAt());
      sql.add("(published_at IS NULL OR (published_at, published_at_ns) < " + PAIR
          + " OR (published_at = ? AND published_at_ns = ? AND " + ID + " > ?))", p[0], p[1], p[0], p[1], key.id());
    }
  }

  /** A row of a result: what the order and the cursor need, and the revision to fetch. */
  private record Hit(String id, Revision revision, int sticky, @Nullable Instant published, float score) {
    Cursor cursor(Sort sort) {
      return sort == Sort.RELEVANCE ? Cursor.relevance(score, id) : Cursor.of(sort, sticky, published, id);
    }
  }

  /** A hit, with its text match score when {@code scored}: the statement reads one after the {@link #HIT} columns. */
  private static Hit hit(ResultSet rs, boolean scored) throws SQLException {
    OffsetDateTime at = rs.getObject(4, OffsetDateTime.class);
    Instant published = at == null ? null : at.toInstant().plusNanos(rs.getInt(5));
    return new Hit(rs.getString(1), Revision.of(rs.getString(2)), rs.getInt(3), published, scored ? rs.getFloat(6) : 0f);
  }

  private static List<Hit> hits(Connection c, Sql sql) throws SQLException {
    List<Hit> out = new ArrayList<>();
    try (PreparedStatement s = sql.prepare(c); ResultSet rs = s.executeQuery()) {
      boolean scored = rs.getMetaData().getColumnCount() > 5;
      while (rs.next()) {
        out.add(hit(rs, scored));
      }
    }
    return out;
  }

  /**
   * The whole articles of {@code hits}, in order: from the store's cache, or read from their rows
   * in one statement. A row that changed since the hits were read is left out, as the
   * repository leaves out an article that changed since its index heard: what it holds now may
   * not match.
   */
  private List<StoredArticle> whole(Connection c, List<Hit> hits) throws SQLException {
    StoredArticle[] found = new StoredArticle[hits.size()];
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      Hit h = hits.get(i);
      found[i] = store.cached(h.id(), h.revision());
      if (found[i] == null) {
        missing.add(h.id());
      }
    }
    if (!missing.isEmpty()) {
      Map<String, StoredArticle> read = new HashMap<>();
      for (Row r : store.rows().byIds(c, missing)) {
        StoredArticle s = store.parse(r).stored();
        if (s != null) {
          read.put(r.id(), s);
        }
      }
      for (int i = 0; i < found.length; i++) {
        if (found[i] == null) {
          StoredArticle s = read.get(hits.get(i).id());
          found[i] = s != null && s.revision().equals(hits.get(i).revision()) ? s : null;
        }
      }
    }
    List<StoredArticle> out = new ArrayList<>(found.length);
    for (StoredArticle s : found) {
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static IOException failed(String what, SQLException e) {
    return new IOException(what + ": " + e.getMessage() + " (SQL state " + e.getSQLState() + ")", e);
  }

  // ------------------------------------------------------------------ queries

  @Override
  public Page<StoredArticle> query(ArticleQuery query, Instant now) throws IOException {
    return query(query, null, now);
  }

  @Override
  public boolean answersText() {
    return true;
  }

  /**
   * Text matches are joined to the table as an array of ids and one of their scores, {@code
   * match_score} in the statement: the search index decides what matches and how well, SQL
   * applies the filters, the order and the page.
   */
  @Override
  public Page<StoredArticle> query(ArticleQuery query, @Nullable TextMatches matches, Instant now) throws IOException {
    Cursor key = query.cursor() == null ? null : Cursor.decode(query.cursor(), query.sort());
    Sql sql = new Sql().add("SELECT " + HIT + (matches == null ? "" : ", match_score") + " FROM ");
    from(sql, matches, true);
    sql.add(" WHERE ");
    where(sql, query, now);
    if (key != null) {
      sql.add(" AND ");
      after(sql, key);
    }
    sql.add(" ORDER BY " + order(query.sort(), false) + " LIMIT ? OFFSET ?", (long) query.limit() + 1,
        (long) query.offset());
    try (Connection c = store.connection()) {
      List<Hit> hits = hits(c, sql);
      String next = null;
      if (hits.size() > query.limit()) {
        hits = hits.subList(0, query.limit());
        next = hits.get(hits.size() - 1).cursor(query.sort()).encode();
      }
      return new Page<>(whole(c, hits), next, () -> total(query, matches, now));
    } catch (SQLException e) {
      throw failed("cannot query articles in PostgreSQL", e);
    }
  }

  /** How many articles match, cursor and page ignored: {@link #counted}, for a page's total, which throws no checked exception. */
  private int total(ArticleQuery query, @Nullable TextMatches matches, Instant now) {
    try {
      return counted(query, matches, now);
    } catch (IOException e) {
      throw new BroadsheetException("storage failed: " + e.getMessage(), new UncheckedIOException(e));
    }
  }

  @Override
  public int count(ArticleQuery query, TextMatches matches, Instant now) throws IOException {
    return counted(query, matches, now);
  }

  /** How many articles match (among {@code matches}, when given), cursor and page ignored. */
  private int counted(ArticleQuery query, @Nullable TextMatches matches, Instant now) throws IOException {
    Sql sql = new Sql().add("SELECT count(*) FROM ");
    from(sql, matches, false);
    sql.add(" WHERE ");
    where(sql, query, now);
    try (Connection c = store.connection(); PreparedStatement s = sql.prepare(c); ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw failed("cannot count articles in PostgreSQL", e);
    }
  }

  /**
   * The table, or with {@code matches} the table joined to them: each match's id as {@code
   * match_id}, and its score as {@code match_score} when {@code scored}.
   */
  private void from(Sql sql, @Nullable TextMatches matches, boolean scored) {
    sql.add(table);
    if (matches == null) {
      return;
    }
    Object[] ids = new Object[matches.size()];
    Object[] scores = new Object[scored ? matches.size() : 0];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = matches.id(i);
      if (scored) {
        scores[i] = matches.score(i);
      }
    }
    if (scored) {
      sql.add(" JOIN unnest(CAST(? AS text[]), CAST(? AS real[])) AS m(match_id, match_score) ON id = m.match_id",
          new Texts(ids), new Reals(scores));
    } else {
      sql.add(" JOIN unnest(CAST(? AS text[])) AS m(match_id) ON id = m.match_id", new Texts(ids));
    }
  }

  @Override
  public Facets facets(ArticleQuery query, Instant now) throws IOException {
    return facets(query, null, now);
  }

  @Override
  public Facets facets(ArticleQuery query, @Nullable TextMatches matches, Instant now) throws IOException {
    // One scan: each matching row joined to its tags (a row without tags once, with none), and
    // one grouping set per facet. Per group: which facet, the value's key, its label (the first
    // spelling in code point order among the matches) and how many matches have it: each
    // article once, a tag once per article however many spellings of it the article has (its
    // first occurrence). Tags are ranked by count, ties kept, so that only those that can be
    // among the top come back; the rest of the order is Java's, below.
    Sql sql = new Sql().add("SELECT facet, k, label, n FROM (SELECT facet, k, label, n,"
        + " rank() OVER (PARTITION BY facet ORDER BY n DESC) AS r FROM (SELECT"
        + " CASE WHEN GROUPING(category_lower) = 0 THEN 1 WHEN GROUPING(lang_lower) = 0 THEN 2"
        + " WHEN GROUPING(source_key_lower) = 0 THEN 3 WHEN GROUPING(sentiment) = 0 THEN 4"
        + " WHEN GROUPING(u.k) = 0 THEN 5 ELSE 0 END AS facet,"
        + " coalesce(category_lower, lang_lower, source_key_lower, sentiment, u.k) AS k,"
        + " CASE WHEN GROUPING(category_lower) = 0 THEN min(category COLLATE \"C\")"
        + " WHEN GROUPING(lang_lower) = 0 THEN min(lang COLLATE \"C\")"
        + " WHEN GROUPING(source_key_lower) = 0 THEN min(source_key COLLATE \"C\")"
        + " WHEN GROUPING(sentiment) = 0 THEN min(sentiment)"
        + " WHEN GROUPING(u.k) = 0 THEN min(u.s COLLATE \"C\") END AS label,"
        + " CASE WHEN GROUPING(u.k) = 0 THEN count(*) FILTER (WHERE u.n = array_position(tags_lower, u.k))"
        + " ELSE count(*) FILTER (WHERE u.n IS NULL OR u.n = 1) END AS n"
        + " FROM ");
    from(sql, matches, false);
    sql.add(" LEFT JOIN LATERAL unnest(tags, tags_lower) WITH ORDINALITY AS u(s, k, n) ON true WHERE ");
    where(sql, query, now);
    sql.add(" GROUP BY GROUPING SETS ((), (category_lower), (lang_lower), (source_key_lower), (sentiment), (u.k)))"
        + " AS groups WHERE facet = 0 OR k IS NOT NULL) AS ranked WHERE facet <> 5 OR r <= ?", query.topTags());
    int total = 0;
    List<List<Value>> values = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      values.add(new ArrayList<>());
    }
    try (Connection c = store.connection(); PreparedStatement s = sql.prepare(c); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        int facet = rs.getInt(1);
        if (facet == 0) {
          total = rs.getInt(4);
        } else {
          values.get(facet).add(new Value(rs.getString(2), rs.getString(3), rs.getInt(4)));
        }
      }
    } catch (SQLException e) {
      throw failed("cannot count facets in PostgreSQL", e);
    }
    Map<Sentiment, Integer> sentiments = new EnumMap<>(Sentiment.class);
    values.get(4).forEach(v -> sentiments.put(Sentiment.valueOf(v.key()), v.count()));
    Map<Sentiment, Integer> orderedSentiments = new LinkedHashMap<>();
    sentiments.entrySet().stream()
        .sorted(Map.Entry.<Sentiment, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(x -> orderedSentiments.put(x.getKey(), x.getValue()));
    return new Facets(total, ordered(values.get(1), Integer.MAX_VALUE), ordered(values.get(5), query.topTags()),
        orderedSentiments, ordered(values.get(2), Integer.MAX_VALUE), ordered(values.get(3), Integer.MAX_VALUE));
  }

  /** A facet's value: its key (lower-cased), its label, and how many matches have it. */
  private record Value(String key, String label, int count) {}

  /** By count descending, then by key as Java compares strings (as the index orders them); at most {@code limit}. */
  private static Map<String, Integer> ordered(List<Value> values, int limit) {
    Map<String, Integer> out = new LinkedHashMap<>();
    values.stream()
        .sorted(Comparator.comparingInt(Value::count).reversed().thenComparing(Value::key))
        .limit(limit)
        .forEach(v -> out.put(v.label(), v.count()));
    return out;
  }

  @Override
  public List<StoredArticle> related(String id, int limit, Instant now) throws IOException {
    try (Connection c = store.connection()) {
      Set<String> tags = new LinkedHashSet<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT tags_lower FROM " + table + " WHERE id = ? AND revision IS NOT NULL")) {
        s.setString(1, id);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            for (Object t : (Object[]) rs.getArray(1).getArray()) {
              tags.add((String) t);
            }
          }
        }
      }
      if (tags.isEmpty() || limit == 0) {
        return List.of();
      }
      Texts keys = texts(tags);
      Sql sql = new Sql().add("SELECT " + HIT + ", (SELECT count(*) FROM unnest(CAST(? AS text[])) AS q(k)"
          + " WHERE q.k = ANY (tags_lower)) AS shared FROM " + table + " WHERE ", keys);
      where(sql, VISIBLE, now);
      sql.add(" AND tags_lower && ? AND id <> ? ORDER BY shared DESC, " + NEWEST + " LIMIT ?", keys, id, limit);
      return whole(c, hits(c, sql));
    } catch (SQLException e) {
      throw failed("cannot find articles related to '" + id + "' in PostgreSQL", e);
    }
  }

  @Override
  public List<StoredArticle> translations(String id, Instant now) throws IOException {
    try (Connection c = store.connection()) {
      String key = null;
      try (PreparedStatement s = c.prepareStatement(
          "SELECT translation_key FROM " + table + " WHERE id = ? AND revision IS NOT NULL")) {
        s.setString(1, id);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            key = rs.getString(1);
          }
        }
      }
      if (key == null || key.isBlank()) {
        return List.of();
      }
      Sql sql = new Sql().add("SELECT " + HIT + " FROM " + table + " WHERE ");
      where(sql, VISIBLE, now);
      sql.add(" AND translation_key = ? AND id <> ? ORDER BY " + ID, key, id);
      return whole(c, hits(c, sql));
    } catch (SQLException e) {
      throw failed("cannot find translations of '" + id + "' in PostgreSQL", e);
    }
  }

  @Override
  public Neighbours adjacent(String id, ArticleQuery query, Instant now) throws IOException {
    try (Connection c = store.connection()) {
      Sql self = new Sql().add("SELECT " + HIT + " FROM " + table + " WHERE ");
      where(self, query, now);
      self.add(" AND id = ?", id);
      List<Hit> found = hits(c, self);
      if (found.isEmpty()) {
        return new Neighbours(null, null);
      }
      Cursor key = found.get(0).cursor(query.sort());
      Sql next = new Sql().add("SELECT " + HIT + " FROM " + table + " WHERE ");
      where(next, query, now);
      next.add(" AND ");
      after(next, key);
      next.add(" ORDER BY " + order(query.sort(), false) + " LIMIT 1");
      Sql previous = new Sql().add("SELECT " + HIT + " FROM " + table + " WHERE ");
      where(previous, query, now);
      previous.add(" AND id <> ? AND NOT ", id);
      after(previous, key);
      previous.add(" ORDER BY " + order(query.sort(), true) + " LIMIT 1");
      List<Hit> before = hits(c, previous);
      List<Hit> after = hits(c, next);
      List<StoredArticle> articles = whole(c, concat(before, after));
      StoredArticle p = before.isEmpty() ? null : find(articles, before.get(0).id());
      StoredArticle n = after.isEmpty() ? null : find(articles, after.get(0).id());
      return new Neighbours(p, n);
    } catch (SQLException e) {
      throw failed("cannot find the neighbours of '" + id + "' in PostgreSQL", e);
    }
  }

  private static List<Hit> concat(List<Hit> a, List<Hit> b) {
    List<Hit> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static @Nullable StoredArticle find(List<StoredArticle> articles, String id) {
    for (StoredArticle s : articles) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    return null;
  }
}
