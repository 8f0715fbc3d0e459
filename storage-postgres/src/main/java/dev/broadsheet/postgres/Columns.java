package dev.broadsheet.postgres;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleField;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Sentiment;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The columns of the fields the index reads, one per field the schema marks {@linkplain
 * ArticleField#indexed() indexed} ({@code publishedAt} is {@code published_at}, {@code
 * source.key} is {@code source_key}), with their SQL types taken from the field's type. What
 * writes them and what builds partial articles from them both iterate this list, so a new
 * indexed field needs only its column in a migration file.
 */
final class Columns {
  /** One column: its field, its name, and the SQL type the migration files give it. */
  record Column(ArticleField field, String name, String sqlType) {}

  /** The indexed fields' columns, in the schema's canonical order. */
  static final List<Column> ALL = columns();

  /**
   * A column queries read that is derived from a field's column (schema version 2): {@code
   * <name>_lower}, the text or each tag lower-cased by {@link ArticleQuery#key}, for text
   * fields; {@code <name>_ns}, the nanoseconds past the microsecond the timestamp holds, for
   * instants.
   */
  record Derived(Column of, String name) {}

  /** The derived columns, in the order of {@link #ALL}. */
  static final List<Derived> DERIVED = derived();

  private Columns() {}

  private static List<Column> columns() {
    List<Column> out = new ArrayList<>();
    for (ArticleField f : ArticleField.values()) {
      if (f.indexed() && f.type() != ArticleField.Type.GROUP) {
        out.add(new Column(f, name(f), sqlType(f)));
      }
    }
    return List.copyOf(out);
  }

  private static List<Derived> derived() {
    List<Derived> out = new ArrayList<>();
    for (Column c : ALL) {
      switch (c.field.type()) {
        case TEXT, TEXT_LIST -> out.add(new Derived(c, c.name + "_lower"));
        case INSTANT -> out.add(new Derived(c, c.name + "_ns"));
        default -> { }
      }
    }
    return List.copyOf(out);
  }

  /** The derived column of {@code field}'s column. */
  static String derived(ArticleField field) {
    for (Derived d : DERIVED) {
      if (d.of.field == field) {
        return d.name;
      }
    }
    throw new IllegalArgumentException(field.path() + " has no derived column");
  }

  /** {@code publishedAt} is {@code published_at}; {@code source.key} is {@code source_key}. */
  static String name(ArticleField f) {
    StringBuilder b = new StringBuilder();
    for (char c : f.path().toCharArray()) {
      if (c == '.') {
        b.append('_');
      } else if (Character.isUpperCase(c)) {
        b.append('_').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  /** The PostgreSQL type of a field's column, as {@code information_schema} names it. */
  static String sqlType(ArticleField f) {
    return switch (f.type()) {
      case TEXT, SENTIMENT -> "text";
      case TEXT_LIST -> "text[]";
      case INSTANT -> "timestamp with time zone";
      case WHOLE_NUMBER -> "integer";
      case NUMBER -> "double precision";
      case BOOLEAN -> "boolean";
      case GROUP -> throw new IllegalArgumentException(f.path() + " is a group");
    };
  }

  /** {@code published_at, expires_at, ...}: the column list of a SELECT, INSERT or UPDATE. */
  static String list() {
    return String.join(", ", ALL.stream().map(Column::name).toList());
  }

  /** The names of {@link #DERIVED}, comma-separated. */
  static String derivedList() {
    return String.join(", ", DERIVED.stream().map(Derived::name).toList());
  }

  // ------------------------------------------------------------------ writing

  /**
   * Binds the columns' values of {@code article} from parameter {@code at} on, in the order of
   * {@link #ALL}, then the {@code precise} column's JSON (or null), then the {@link #DERIVED}
   * columns; returns the next parameter.
   */
  static int bind(Connection c, PreparedStatement s, int at, Article article) throws SQLException {
    Map<String, String> precise = new LinkedHashMap<>();
    for (Column col : ALL) {
      Object v = col.field.get(article);
      switch (col.field.type()) {
        case INSTANT -> {
          if (v == null) {
            s.setNull(at, Types.TIMESTAMP_WITH_TIMEZONE);
          } else {
            Instant i = (Instant) v;
            Instant micros = i.truncatedTo(ChronoUnit.MICROS);
            if (!micros.equals(i)) {
              precise.put(col.field.path(), i.toString());
            }
            s.setObject(at, OffsetDateTime.ofInstant(micros, ZoneOffset.UTC));
          }
        }
        case TEXT -> s.setString(at, (String) v);
        case SENTIMENT -> s.setString(at, v == null ? null : ((Sentiment) v).name());
        case TEXT_LIST -> {
          List<?> list = v == null ? List.of() : (List<?>) v;
          s.setArray(at, c.createArrayOf("text", list.toArray(new Object[0])));
        }
        case WHOLE_NUMBER -> {
          if (v == null) {
            s.setNull(at, Types.INTEGER);
          } else {
            s.setInt(at, (Integer) v);
          }
        }
        case NUMBER -> {
          if (v == null) {
            s.setNull(at, Types.DOUBLE);
          } else {
            s.setDouble(at, (Double) v);
          }
        }
        case BOOLEAN -> {
          if (v == null) {
            s.setNull(at, Types.BOOLEAN);
          } else {
            s.setBoolean(at, (Boolean) v);
          }
        }
        case GROUP -> throw new IllegalStateException(col.field.path() + " is a group");
      }
      at++;
    }
    s.setString(at++, precise.isEmpty() ? null : Json.object(precise));
    for (Derived d : DERIVED) {
      Object v = d.of.field.get(article);
      switch (d.of.field.type()) {
        case INSTANT -> s.setShort(at, v == null ? 0 : (short) (((Instant) v).getNano() % 1000));
        case TEXT -> s.setString(at, v == null ? null : ArticleQuery.key((String) v));
        case TEXT_LIST -> {
          List<?> list = v == null ? List.of() : (List<?>) v;
          Object[] keys = new Object[list.size()];
          for (int i = 0; i < keys.length; i++) {
            keys[i] = ArticleQuery.key((String) list.get(i));
          }
          s.setArray(at, c.createArrayOf("text", keys));
        }
        default -> throw new IllegalStateException(d.name + " is derived from a " + d.of.field.type());
      }
      at++;
    }
    return at;
  }

  // ------------------------------------------------------------------ reading

  /**
   * For each top-level indexed field, in the order of {@link ArticleField#topLevel()}: the
   * positions in {@link #ALL} of its column, or of its group's columns (-1 for a group's field
   * that has none, since it is not indexed). What {@link #partial}
   * walks, so that reading a row touches no map.
   */
  private static final ArticleField[] TOP = topIndexed();
  private static final int[][] TOP_COLUMNS = topColumns();

  private static ArticleField[] topIndexed() {
    return ArticleField.topLevel().stream().filter(ArticleField::indexed).toArray(ArticleField[]::new);
  }

  private static int[][] topColumns() {
    int[][] out = new int[TOP.length][];
    for (int t = 0; t < TOP.length; t++) {
      List<ArticleField> fields = TOP[t].type() == ArticleField.Type.GROUP ? TOP[t].children() : List.of(TOP[t]);
      out[t] = new int[fields.size()];
      for (int i = 0; i < fields.size(); i++) {
        int at = -1;
        for (int c = 0; c < ALL.size(); c++) {
          if (ALL.get(c).field == fields.get(i)) {
            at = c;
          }
        }
        out[t][i] = at; // -1: a group's field that is not indexed, so not in partial articles
      }
    }
    return out;
  }

  /**
   * The partial article ({@link dev.broadsheet.spi.ArticleStore#partial}) held in the columns of
   * the current row, read from the row's column {@code first} on in the order of {@link #ALL};
   * null when a column holds what no article would (other SQL wrote it), so that the row is read
   * from its file instead.
   */
  static @Nullable Article partial(String id, ResultSet rs, int first, @Nullable String precise) throws SQLException {
    Map<String, String> exact;
    try {
      exact = precise == null ? Map.of() : Json.stringMap(precise);
    } catch (IllegalArgumentException e) {
      return null;
    }
    Object[] values = new Object[ALL.size()];
    for (int i = 0; i < values.length; i++) {
      Column col = ALL.get(i);
      Object v = read(rs, first + i, col, precise == null ? null : exact.get(col.field.path()));
      if (v == Unreadable.VALUE || v != null && col.field.check(v) != null) {
        return null;
      }
      values[i] = v;
    }
    Article.Builder b = Article.builder(id);
    for (int t = 0; t < TOP.length; t++) {
      ArticleField f = TOP[t];
      int[] at = TOP_COLUMNS[t];
      if (f.type() != ArticleField.Type.GROUP) {
        f.set(b, values[at[0]]);
        continue;
      }
      Object[] group = new Object[at.length];
      for (int i = 0; i < group.length; i++) {
        group[i] = at[i] < 0 ? null : values[at[i]];
      }
      f.set(b, ArticleField.allNull(group) ? null : f.group(group));
    }
    return b.build();
  }

  private enum Unreadable { VALUE }

  private static @Nullable Object read(ResultSet rs, int at, Column col, @Nullable String exact) throws SQLException {
    return switch (col.field.type()) {
      case INSTANT -> instant(rs, at, exact);
      case TEXT -> rs.getString(at);
      case SENTIMENT -> sentiment(rs.getString(at));
      case TEXT_LIST -> textList(rs.getArray(at));
      case WHOLE_NUMBER -> {
        int n = rs.getInt(at);
        yield rs.wasNull() ? null : n;
      }
      case NUMBER -> {
        double d = rs.getDouble(at);
        yield rs.wasNull() ? null : d;
      }
      case BOOLEAN -> {
        boolean v = rs.getBoolean(at);
        yield rs.wasNull() ? null : v;
      }
      case GROUP -> throw new IllegalStateException(col.field.path() + " is a group");
    };
  }

  private static @Nullable Object instant(ResultSet rs, int at, @Nullable String exact) throws SQLException {
    OffsetDateTime t = rs.getObject(at, OffsetDateTime.class);
    if (t == null) {
      return null;
    }
    if (exact == null) {
      return t.toInstant();
    }
    try {
      Instant i = Instant.parse(exact);
      return i.truncatedTo(ChronoUnit.MICROS).equals(t.toInstant()) ? i : Unreadable.VALUE;
    } catch (RuntimeException e) {
      return Unreadable.VALUE;
    }
  }

  private static @Nullable Object sentiment(@Nullable String s) {
    return s == null ? null : Sentiment.parse(s).filter(v -> v.name().equals(s)).map(Object.class::cast)
        .orElse(Unreadable.VALUE);
  }

  private static Object textList(@Nullable Array a) throws SQLException {
    if (a == null) {
      return List.of();
    }
    Object[] items = (Object[]) a.getArray();
    for (Object o : items) {
      if (o == null) {
        return Unreadable.VALUE;
      }
    }
    return Arrays.asList(items); // Article copies it
  }
}
