package dev.broadsheet.markdown;

import dev.broadsheet.AiInfo;
import dev.broadsheet.Article;
import dev.broadsheet.CoverImage;
import dev.broadsheet.Problem;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
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

/** The article schema: frontmatter nodes to typed fields and back, with every problem. */
final class ArticleSchema {
  static final List<String> SOURCE_FIELDS = List.of("name", "key", "type");
  static final List<String> COVER_FIELDS = List.of("raw", "full", "regular", "small", "thumb", "small_s3");
  static final List<String> AI_FIELDS = List.of("rewritten", "expandedAt", "version");

  private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private ArticleSchema() {}

  // ------------------------------------------------------------------ article -> values

  /** The article's frontmatter as values, in canonical order; absent fields left out. */
  static Map<String, @Nullable Object> values(Article a) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("title", a.title());
    put(m, "description", a.description());
    put(m, "publishedAt", ts(a.publishedAt()));
    put(m, "updatedAt", ts(a.updatedAt()));
    put(m, "expiresAt", ts(a.expiresAt()));
    put(m, "lang", a.lang());
    put(m, "externalId", a.externalId());
    Source s = a.source();
    if (s != null) {
      Map<String, @Nullable Object> sm = new LinkedHashMap<>();
      put(sm, "name", s.name());
      put(sm, "key", s.key());
      put(sm, "type", s.type());
      m.put("source", sm);
    }
    put(m, "category", a.category());
    if (!a.tags().isEmpty()) {
      m.put("tags", a.tags());
    }
    m.put("stickyWeight", (long) a.stickyWeight());
    put(m, "sentiment", a.sentiment() == null ? null : a.sentiment().name());
    double score = a.score();
    m.put("score", score == Math.rint(score) && Math.abs(score) < 1e15 ? (Object) (long) score : (Object) score);
    m.put("draft", a.draft());
    CoverImage c = a.coverImage();
    if (c != null) {
      Map<String, @Nullable Object> cm = new LinkedHashMap<>();
      put(cm, "raw", c.raw());
      put(cm, "full", c.full());
      put(cm, "regular", c.regular());
      put(cm, "small", c.small());
      put(cm, "thumb", c.thumb());
      put(cm, "small_s3", c.smallS3());
      m.put("coverImage", cm);
    }
    AiInfo ai = a.ai();
    if (ai != null) {
      Map<String, @Nullable Object> am = new LinkedHashMap<>();
      put(am, "rewritten", ai.rewritten());
      put(am, "expandedAt", ts(ai.expandedAt()));
      put(am, "version", ai.version() == null ? null : (long) ai.version());
      m.put("ai", am);
    }
    m.putAll(a.extra());
    return m;
  }

  private static void put(Map<String, @Nullable Object> m, String key, @Nullable Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static YamlEmitter.@Nullable Timestamp ts(@Nullable Instant i) {
    return i == null ? null : new YamlEmitter.Timestamp(i);
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
      String title = null;
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
          switch (key) {
            case "title" -> title = text(key, v);
            case "description" -> b.description(text(key, v));
            case "publishedAt" -> b.publishedAt(instant(key, v));
            case "updatedAt" -> b.updatedAt(instant(key, v));
            case "expiresAt" -> b.expiresAt(instant(key, v));
            case "lang" -> b.lang(text(key, v));
            case "externalId" -> b.externalId(text(key, v));
            case "category" -> b.category(text(key, v));
            case "tags" -> b.tags(strings(key, v));
            case "stickyWeight" -> b.stickyWeight(intOr0(key, v));
            case "sentiment" -> b.sentiment(sentiment(key, v));
            case "score" -> b.score(score(key, v));
            case "draft" -> {
              Boolean d = bool(key, v);
              b.draft(d != null && d);
            }
            case "source" -> b.source(source(v));
            case "coverImage" -> b.coverImage(cover(v));
            case "ai" -> b.ai(ai(v));
            default -> extra.put(key, generic(key, v));
          }
        }
      }
      // A field with a problem is left at its default, so that the content rules can still be
      // checked and every problem of the file is reported at once; the caller drops the article.
      b.title(title == null ? "" : title);
      b.extra(extra);
      return b.build();
    }

    private @Nullable Source source(YamlNode v) {
      YamlNode.Mapping m = mapping("source", v, SOURCE_FIELDS);
      if (m == null) {
        return null;
      }
      String[] f = new String[3];
      for (YamlNode.Entry e : m.entries()) {
        String k = ((YamlNode.Scalar) deref(e.key())).value();
        f[SOURCE_FIELDS.indexOf(k)] = text("source." + k, deref(e.value()));
      }
      return new Source(f[0], f[1], f[2]);
    }

    private @Nullable CoverImage cover(YamlNode v) {
      YamlNode.Mapping m = mapping("coverImage", v, COVER_FIELDS);
      if (m == null) {
        return null;
      }
      String[] f = new String[6];
      for (YamlNode.Entry e : m.entries()) {
        String k = ((YamlNode.Scalar) deref(e.key())).value();
        f[COVER_FIELDS.indexOf(k)] = text("coverImage." + k, deref(e.value()));
      }
      return new CoverImage(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    private @Nullable AiInfo ai(YamlNode v) {
      YamlNode.Mapping m = mapping("ai", v, AI_FIELDS);
      if (m == null) {
        return null;
      }
      Boolean rewritten = null;
      Instant expandedAt = null;
      Integer version = null;
      for (YamlNode.Entry e : m.entries()) {
        String k = ((YamlNode.Scalar) deref(e.key())).value();
        YamlNode value = deref(e.value());
        switch (k) {
          case "rewritten" -> rewritten = bool("ai.rewritten", value);
          case "expandedAt" -> expandedAt = instant("ai.expandedAt", value);
          default -> version = integer("ai.version", value);
        }
      }
      return new AiInfo(rewritten, expandedAt, version);
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

    private @Nullable Instant instant(String field, YamlNode v) {
      String t = typedScalar(field, v, Scalars.TIMESTAMP_TAG, "an ISO-8601 timestamp");
      if (t == null) {
        return null;
      }
      try {
        Instant i = Scalars.instant(t, zone);
        if (i.isBefore(MIN) || i.isAfter(MAX)) {
          error(v, field, "type", field + " must be between the years 0001 and 9999, was '" + t + "'");
          return null;
        }
        return i;
      } catch (DateTimeException e) {
        error(v, field, "type", field + " must be an ISO-8601 timestamp such as 2026-01-30T02:57:10Z or 2026-01-30, was '" + t + "'");
        return null;
      }
    }

    private int intOr0(String field, YamlNode v) {
      Integer i = integer(field, v);
      return i == null ? 0 : i;
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
