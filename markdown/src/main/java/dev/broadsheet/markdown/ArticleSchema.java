package dev.broadsheet.markdown;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleField;
import dev.broadsheet.Problem;
import dev.broadsheet.Sentiment;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The article schema ({@link ArticleField}) in YAML: frontmatter nodes to typed fields and
 * back, with every problem.
 */
final class ArticleSchema {
  private ArticleSchema() {}

  // ------------------------------------------------------------------ article -> values

  /**
   * The article's frontmatter as values, in canonical order. Absent fields are left out; fields
   * with a default (stickyWeight, score, draft) are written even at it, so that a new file
   * shows them, except an empty list.
   */
  static Map<String, @Nullable Object> values(Article a) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    for (ArticleField f : ArticleField.topLevel()) {
      Object v = f.get(a);
      if (v != null && !(v instanceof List<?> l && l.isEmpty())) {
        m.put(f.key(), value(f, v));
      }
    }
    m.putAll(a.extra());
    return m;
  }

  /** A field's value as the emitter writes it. */
  private static Object value(ArticleField f, Object v) {
    return switch (f.type()) {
      case TEXT, TEXT_LIST, BOOLEAN -> v;
      case INSTANT -> new YamlEmitter.Timestamp((Instant) v);
      case WHOLE_NUMBER -> (long) (Integer) v;
      case NUMBER -> {
        double d = (Double) v;
        yield d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
      }
      case SENTIMENT -> ((Sentiment) v).name();
      case GROUP -> {
        Map<String, @Nullable Object> group = new LinkedHashMap<>();
        for (ArticleField c : f.children()) {
          Object cv = c.valueIn(v);
          if (cv != null) {
            group.put(c.key(), value(c, cv));
          }
        }
        yield group;
      }
    };
  }

  // ------------------------------------------------------------------ nodes -> article

  /** Reads the typed fields from a document's root; problems go to {@code problems}. */
  static final class Reader {
    private final String source;
    private final ZoneId zone;
    private final List<Problem> problems;

    Reader(String source, ZoneId zone, List<Problem> problems) {
      this.source = source;
      this.zone = zone;
      this.problems = problems;
    }

    @Nullable Article read(String id, FrontmatterDocument doc) {
      if (!doc.hasFrontmatter()) {
        problems.add(missingFrontmatter(doc.text()));
        return null;
      }
      YamlNode rootNode = doc.root();
      if (rootNode instanceof YamlNode.Alias al) {
        rootNode = al.target();
      }
      if (rootNode != null && !(rootNode instanceof YamlNode.Mapping)) {
        error(rootNode, null, "type", "frontmatter must be a mapping of fields to values, was " + kind(rootNode));
        return null;
      }
      YamlNode.Mapping root = (YamlNode.Mapping) rootNode;
      Article.Builder b = Article.builder(id);
      Map<String, @Nullable Object> extra = new LinkedHashMap<>();
      if (root != null) {
        tag(root, null, Scalars.MAP);
        for (YamlNode.Entry e : root.entries()) {
          YamlNode keyNode = deref(e.key());
          if (!(keyNode instanceof YamlNode.Scalar k)) {
            error(e.key(), null, "type", "frontmatter keys must be text, was " + kind(keyNode));
            continue;
          }
          YamlNode v = deref(e.value());
          String key = k.value();
          ArticleField field = ArticleField.topLevel(key);
          if (field == null) {
            extra.put(key, generic(key, v));
          } else {
            // A field with a problem is left at its default, so that the content rules can still
            // be checked and every problem of the file is reported at once; the caller drops the
            // article.
            field.set(b, value(field, v));
          }
        }
      }
      b.extra(extra);
      return b.build();
    }

    /** The value of {@code field} in {@code v}, by its type; null (after a problem if bad). */
    private @Nullable Object value(ArticleField field, YamlNode v) {
      String path = field.path();
      return switch (field.type()) {
        case TEXT -> text(path, v);
        case TEXT_LIST -> strings(path, v);
        case INSTANT -> instant(field, v);
        case WHOLE_NUMBER -> integer(path, v);
        case NUMBER -> score(path, v);
        case BOOLEAN -> bool(path, v);
        case SENTIMENT -> sentiment(path, v);
        case GROUP -> group(field, v);
      };
    }

    /** A group of fields, all of whose keys must be the group's; null when absent or bad. */
    private @Nullable Object group(ArticleField field, YamlNode v) {
      List<String> keys = field.children().stream().map(ArticleField::key).toList();
      YamlNode.Mapping m = mapping(field.path(), v, keys);
      if (m == null) {
        return null;
      }
      Object[] values = new Object[keys.size()];
      for (YamlNode.Entry e : m.entries()) {
        String k = ((YamlNode.Scalar) deref(e.key())).value();
        values[keys.indexOf(k)] = value(field.child(k), deref(e.value()));
      }
      return field.group(values);
    }

    /** A nested mapping whose keys must all be among {@code allowed}; null when absent or bad. */
    private YamlNode.@Nullable Mapping mapping(String field, YamlNode v, List<String> allowed) {
      if (isNull(v)) {
        return null;
      }
      if (!(v instanceof YamlNode.Mapping m)) {
        if (!tag(v, field, Scalars.MAP)) {
          return null;
        }
        error(v, field, "type", field + " must be a mapping of " + String.join(", ", allowed) + ", was " + kind(v));
        return null;
      }
      if (!tag(m, field, Scalars.MAP)) {
        return null;
      }
      boolean ok = true;
      for (YamlNode.Entry e : m.entries()) {
        YamlNode k = deref(e.key());
        if (!(k instanceof YamlNode.Scalar ks) || !allowed.contains(ks.value())) {
          String name = k instanceof YamlNode.Scalar ks2 ? ks2.value() : kind(k);
          error(e.key(), field, "unknown-field",
              field + " has no field '" + name + "' (it has " + String.join(", ", allowed) + ")");
          ok = false;
        }
      }
      return ok ? m : null;
    }

    private @Nullable String text(String field, YamlNode v) {
      if (isNull(v)) {
        return null;
      }
      if (!(v instanceof YamlNode.Scalar s)) {
        if (!tag(v, field, Scalars.STR)) {
          return null;
        }
        error(v, field, "type", field + " must be text, was " + kind(v));
        return null;
      }
      return tag(s, field, Scalars.STR) ? s.value() : null;
    }

    private List<String> strings(String field, YamlNode v) {
      if (isNull(v)) {
        return List.of();
      }
      if (!(v instanceof YamlNode.Sequence seq)) {
        if (!tag(v, field, Scalars.SEQ)) {
          return List.of();
        }
        error(v, field, "type", field + " must be a list of text values, was " + kind(v));
        return List.of();
      }
      if (!tag(seq, field, Scalars.SEQ)) {
        return List.of();
      }
      List<String> out = new ArrayList<>(seq.items().size());
      for (YamlNode item : seq.items()) {
        YamlNode i = deref(item);
        if (!(i instanceof YamlNode.Scalar s) || s.isNull()) {
          error(item, field, "type", field + " must be a list of text values; an item is " + (i instanceof YamlNode.Scalar ? "empty" : kind(i)));
          continue;
        }
        if (tag(s, field, Scalars.STR)) {
          out.add(s.value());
        }
      }
      return out;
    }

    private @Nullable Instant instant(ArticleField f, YamlNode v) {
      String field = f.path();
      String t = typedScalar(field, v, Scalars.TIMESTAMP_TAG, "an ISO-8601 timestamp");
      if (t == null) {
        return null;
      }
      try {
        Instant i = Scalars.instant(t, zone);
        if (!ArticleField.inRange(i)) {
          error(v, field, "type", f.rangeMessage(t));
          return null;
        }
        return i;
      } catch (DateTimeException e) {
        error(v, field, "type", field + " must be " + f.type().expected() + ", was '" + t + "'");
        return null;
      }
    }

    private @Nullable Integer integer(String field, YamlNode v) {
      String t = typedScalar(field, v, Scalars.INT, "a whole number >= 0");
      if (t == null) {
        return null;
      }
      BigInteger n = plain(v) ? Scalars.integer(t) : null;
      if (n == null || n.signum() < 0 || n.bitLength() > 31) {
        error(v, field, "type", field + " must be a whole number >= 0, was " + shown(v, t));
        return null;
      }
      return n.intValue();
    }

    private double score(String field, YamlNode v) {
      String t = typedScalar(field, v, Scalars.FLOAT, "a number");
      if (t == null) {
        return 0;
      }
      Double d = plain(v) ? Scalars.floating(t) : null;
      if (d == null || !Double.isFinite(d)) {
        error(v, field, "type", field + " must be a finite number, was " + shown(v, t));
        return 0;
      }
      return d;
    }

    private @Nullable Boolean bool(String field, YamlNode v) {
      String t = typedScalar(field, v, Scalars.BOOL, "true or false");
      if (t == null) {
        return null;
      }
      if (!plain(v) || !Scalars.isBooleanText(t)) {
        error(v, field, "type", field + " must be true or false, was " + shown(v, t));
        return null;
      }
      return Scalars.booleanValue(t);
    }

    private @Nullable Sentiment sentiment(String field, YamlNode v) {
      String t = text(field, v);
      if (t == null) {
        return null;
      }
      Sentiment s = Sentiment.parse(t).orElse(null);
      if (s == null) {
        error(v, field, "type", field + " must be one of " + Arrays.toString(Sentiment.values()) + ", was '" + t + "'");
      }
      return s;
    }

    /** The text of a scalar expected to be of {@code type}; null (after a problem if bad). */
    private @Nullable String typedScalar(String field, YamlNode v, String tag, String expected) {
      if (isNull(v)) {
        return null;
      }
      if (!(v instanceof YamlNode.Scalar s)) {
        if (!tag(v, field, tag)) {
          return null;
        }
        error(v, field, "type", field + " must be " + expected + ", was " + kind(v));
        return null;
      }
      if (s.tag() != null && !s.tag().equals(tag) && !s.tag().equals(Scalars.STR)
          && !(tag.equals(Scalars.FLOAT) && s.tag().equals(Scalars.INT))) {
        tag(s, field, tag);
        return null;
      }
      return s.value();
    }

    private static boolean plain(YamlNode v) {
      return v instanceof YamlNode.Scalar s && s.style() == YamlNode.Style.PLAIN
          && (s.tag() == null || !s.tag().equals(Scalars.STR));
    }

    private static String shown(YamlNode v, String text) {
      return plain(v) ? "'" + text + "'" : "the quoted text '" + text + "'";
    }

    /** Whether the node's explicit tag, if any, is {@code expected}; a problem if not. */
    private boolean tag(YamlNode v, @Nullable String field, String expected) {
      String t = v.tag();
      if (t == null || t.equals(expected)) {
        return true;
      }
      String shown = t.startsWith("tag:yaml.org,2002:") ? "!!" + t.substring("tag:yaml.org,2002:".length()) : t;
      String what = field == null ? "frontmatter" : field;
      if (shown.startsWith("!!java") || shown.startsWith("!!javax") || !shown.startsWith("!!")) {
        error(v, field, "tag", "the tag " + shown + " is not allowed in " + what + ": frontmatter tags never construct objects");
      } else {
        error(v, field, "tag", "the tag " + shown + " is not allowed on " + what);
      }
      return false;
    }

    /** An unknown key's value by the YAML 1.2 core schema. */
    private @Nullable Object generic(String field, YamlNode node) {
      YamlNode v = deref(node);
      if (v instanceof YamlNode.Scalar s) {
        if (s.tag() != null) {
          return switch (s.tag()) {
            case Scalars.STR -> s.value();
            case Scalars.NULL -> {
              if (implicit(s.value()) != null) {
                error(s, field, "type", field + " is tagged !!null but holds '" + s.value() + "'");
              }
              yield null;
            }
            case Scalars.BOOL, Scalars.INT, Scalars.FLOAT -> {
              Object typed = implicit(s.value());
              if (typed == null || typed instanceof String
                  || (s.tag().equals(Scalars.BOOL) != (typed instanceof Boolean))) {
                error(s, field, "type", field + " is tagged " + s.tag().replace("tag:yaml.org,2002:", "!!") + " but holds '" + s.value() + "'");
                yield null;
              }
              yield s.tag().equals(Scalars.FLOAT) && !(typed instanceof Double) ? (Object) ((Number) typed).doubleValue() : typed;
            }
            default -> {
              tag(s, field, Scalars.STR);
              yield null;
            }
          };
        }
        return s.style() == YamlNode.Style.PLAIN ? implicit(s.value()) : s.value();
      }
      if (v instanceof YamlNode.Sequence seq) {
        tag(seq, field, Scalars.SEQ);
        List<@Nullable Object> list = new ArrayList<>(seq.items().size());
        for (YamlNode item : seq.items()) {
          list.add(generic(field, item));
        }
        return list;
      }
      YamlNode.Mapping m = (YamlNode.Mapping) v;
      tag(m, field, Scalars.MAP);
      Map<String, @Nullable Object> map = new LinkedHashMap<>();
      for (YamlNode.Entry e : m.entries()) {
        YamlNode k = deref(e.key());
        if (!(k instanceof YamlNode.Scalar ks)) {
          error(e.key(), field, "type", "keys in " + field + " must be text, was " + kind(k));
          continue;
        }
        map.put(ks.value(), generic(field + "." + ks.value(), e.value()));
      }
      return map;
    }

    static @Nullable Object implicit(String text) {
      switch (text) {
        case "", "~", "null", "Null", "NULL":
          return null;
        default:
          break;
      }
      if (Scalars.isBooleanText(text)) {
        return Scalars.booleanValue(text);
      }
      BigInteger i = Scalars.integer(text);
      if (i != null) {
        return i.bitLength() < 64 ? (Object) i.longValue() : i;
      }
      Double d = Scalars.floating(text);
      if (d != null) {
        return d;
      }
      return text;
    }

    /**
     * Why a file without YAML frontmatter is not an article. Hugo and Zola also write TOML
     * between {@code +++} lines, and Hugo JSON as an object at the very start: those are named
     * for what they are, since "no frontmatter" would send their authors looking for the wrong
     * mistake. {@code text} is the file without its byte order mark.
     */
    private Problem missingFrontmatter(String text) {
      int lineEnd = text.indexOf('\n');
      String first = (lineEnd < 0 ? text : text.substring(0, lineEnd)).stripTrailing();
      if (first.equals("+++")) {
        return Problem.error(source, 1, 1, null, "frontmatter-toml",
            "TOML frontmatter ('+++') is not supported: convert it to YAML between '---' lines");
      }
      if (startsJsonObject(text)) {
        return Problem.error(source, 1, 1, null, "frontmatter-json",
            "JSON frontmatter is not supported: put the object between '---' lines, where it reads as YAML,"
                + " or convert it to YAML");
      }
      return Problem.error(source, 1, 1, null, "frontmatter-missing",
          "no YAML frontmatter: an article starts with a '---' line, its fields, and another '---' line");
    }

    /** Whether the text opens a JSON object: {@code {}, then blanks, then {@code "} or {@code }}. */
    private static boolean startsJsonObject(String text) {
      if (!text.startsWith("{")) {
        return false;
      }
      for (int i = 1; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
          return c == '"' || c == '}';
        }
      }
      return false;
    }

    private void error(YamlNode at, @Nullable String field, String rule, String message) {
      problems.add(Problem.error(source, at.start().line(), at.start().column(), field, rule, message));
    }
  }

  static YamlNode deref(YamlNode n) {
    return n instanceof YamlNode.Alias a ? a.target() : n;
  }

  static boolean isNull(YamlNode v) {
    return v instanceof YamlNode.Scalar s && s.isNull();
  }

  static String kind(YamlNode v) {
    if (v instanceof YamlNode.Sequence) {
      return "a list";
    }
    if (v instanceof YamlNode.Mapping) {
      return "a mapping";
    }
    return "a scalar";
  }
}
