package dev.broadsheet.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleField;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.ArticleValidator;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Problem;
import dev.broadsheet.Revision;
import dev.broadsheet.Sentiment;
import dev.broadsheet.internal.Texts;
import dev.broadsheet.internal.Validation;
import dev.broadsheet.json.internal.JsonPath;
import java.io.IOException;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads one article object from a parser with the rules frontmatter is read by, collecting
 * every problem with its JSON path and position before throwing them together.
 *
 * <p>Streams the tokens rather than reading a tree, because a tree keeps no positions. A field
 * with a problem is left at its default, so that the content rules can still be checked and
 * all problems of the object are reported at once.
 */
final class ArticleReader {
  /** The source problems carry when the article has no usable id. */
  static final String UNNAMED = "json";

  private static final String TIMESTAMP = ArticleField.Type.INSTANT.expected();

  /** An article and, for a stored article, its revision. */
  record Read(Article article, @Nullable Revision revision) {}

  private record Pending(JsonLocation at, String field, String rule, String message) {}

  /** Reads the fields of one nested object; the parser stands on the field's value. */
  @FunctionalInterface
  private interface FieldReader {
    void read(String name) throws IOException;
  }

  private final JsonParser p;
  private final boolean stored;
  private final List<Pending> problems = new ArrayList<>();
  /** Paths already reported, so the content rules do not repeat what a field said. */
  private final Set<String> reported = new HashSet<>();
  /** Where each field's value stands, by the names the content rules use ({@code ai.expandedAt}). */
  private final Map<String, JsonLocation> where = new HashMap<>();
  private String base = "$";
  private JsonLocation start = JsonLocation.NA;

  private ArticleReader(JsonParser p, boolean stored) {
    this.p = p;
    this.stored = stored;
  }

  /**
   * Reads the article the parser stands on (its start, or its first field).
   *
   * @param stored whether a {@code revision} is required and returned
   * @throws InvalidArticleException with every problem of the object
   */
  static Read read(JsonParser p, boolean stored) throws IOException {
    return new ArticleReader(p, stored).read();
  }

  private Read read() throws IOException {
    JsonToken t = p.currentToken();
    start = p.currentTokenLocation();
    if (t == JsonToken.START_OBJECT) {
      base = JsonPaths.ofCurrentValue(p);
      t = p.nextToken();
    } else if (t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT) {
      base = JsonPaths.ofCurrentObject(p);
    } else {
      base = JsonPaths.ofCurrentValue(p);
      error(start, base, "type", "an article must be a JSON object, was " + kind(t));
      p.skipChildren();
      throw failure(null);
    }

    Article.Builder b = Article.builder(UNNAMED);
    String id = null;
    Revision revision = null;
    Map<String, @Nullable Object> extra = Map.of();
    Map<String, JsonLocation> keys = new HashMap<>();
    for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonLocation keyAt = p.currentTokenLocation();
      p.nextToken();
      if (duplicate(keys, name, keyAt)) {
        continue;
      }
      where.put(name, p.currentTokenLocation());
      switch (name) {
        case "id" -> id = id();
        case "revision" -> {
          if (stored) {
            revision = revision();
          } else {
            p.skipChildren(); // an article read from a stored article's JSON drops the revision
          }
        }
        case "extra" -> extra = extra();
        case "body" -> b.body(body());
        default -> {
          ArticleField field = ArticleField.topLevel(name);
          if (field != null) {
            field.set(b, value(field));
            continue;
          }
          error(keyAt, JsonPaths.ofCurrentValue(p), "unknown-field",
              "an article has no field '" + name + "'; frontmatter keys the model does not know go under extra");
          p.skipChildren();
        }
      }
    }

    if (id == null && !reported.contains(path("id"))) {
      error(start, path("id"), "required", "id is required");
    }
    if (stored && revision == null && !reported.contains(path("revision"))) {
      error(start, path("revision"), "required", "revision is required");
    }
    b.id(id == null ? UNNAMED : id).extra(extra);
    Article article;
    try {
      article = b.build();
    } catch (IllegalArgumentException e) {
      // Every structural rule is checked above; this is a last line of defence.
      error(start, base, "type", e.getMessage());
      throw failure(id);
    }
    contentRules(article);
    if (!problems.isEmpty()) {
      throw failure(id);
    }
    return new Read(article, revision);
  }

  /** The rules of {@link ArticleValidator} that no field has answered for already. */
  private void contentRules(Article article) {
    for (Problem v : Validation.validate(article, UNNAMED, false)) {
      String field = v.field();
      String path = field == null ? base : base + "." + field;
      boolean draftUnknown = "publishedAt".equals(field) && reported.contains(path("draft"));
      if (!reported.contains(path) && !draftUnknown) {
        error(field == null ? start : where.getOrDefault(field, start), path, v.rule(), v.message());
      }
    }
    if (Texts.unpairedSurrogate(article.body()) >= 0 && !reported.contains(path("body"))) {
      error(where.getOrDefault("body", start), path("body"), "text", "body holds an unpaired surrogate character");
    }
  }

  private InvalidArticleException failure(@Nullable String id) {
    String source = id == null || reported.contains(path("id")) ? UNNAMED : id;
    List<Problem> out = new ArrayList<>(problems.size());
    for (Pending q : problems) {
      out.add(Problem.error(source, JsonPaths.line(q.at()), JsonPaths.column(q.at()), q.field(), q.rule(), q.message()));
    }
    out.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    return new InvalidArticleException(out);
  }

  // ------------------------------------------------------------------ fields

  private @Nullable String id() throws IOException {
    String id = typed(JsonToken.VALUE_STRING, "a string");
    if (id == null) {
      return null;
    }
    try {
      return ArticleIds.validate(id);
    } catch (InvalidIdException e) {
      error(p.currentTokenLocation(), here(), "id", e.getMessage());
      return null;
    }
  }

  private @Nullable Revision revision() throws IOException {
    String r = typed(JsonToken.VALUE_STRING, "a string");
    if (r == null) {
      return null;
    }
    if (r.isEmpty()) {
      error(p.currentTokenLocation(), here(), "type", "revision must not be empty");
      return null;
    }
    return Revision.of(r);
  }

  /** A string field: checked for the characters frontmatter text cannot hold. */
  private @Nullable String text() throws IOException {
    String s = typed(JsonToken.VALUE_STRING, "a string");
    if (s != null) {
      checkText(s, p.currentTokenLocation(), here(), label());
    }
    return s;
  }

  private String body() throws IOException {
    String s = typed(JsonToken.VALUE_STRING, "a string");
    return s == null ? "" : s;
  }

  private List<String> strings() throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (t != JsonToken.START_ARRAY) {
      typeError("an array of strings");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_STRING) {
        typeError("a string");
        continue;
      }
      String s = p.getText();
      checkText(s, p.currentTokenLocation(), here(), label());
      out.add(s);
    }
    return out;
  }

  private @Nullable Instant instant(ArticleField field) throws IOException {
    String text = typed(JsonToken.VALUE_STRING, TIMESTAMP);
    if (text == null) {
      return null;
    }
    Instant i = parseInstant(text);
    if (i == null) {
      error(p.currentTokenLocation(), here(), "type", label() + " must be " + TIMESTAMP + ", was '" + text + "'");
      return null;
    }
    if (!ArticleField.inRange(i)) {
      error(p.currentTokenLocation(), here(), "type", field.rangeMessage(text));
      return null;
    }
    return i;
  }

  /**
   * An ISO-8601 timestamp with an offset, or without one, or a date alone; the last two in
   * UTC, as frontmatter reads them by default. Null when the text is none of these.
   */
  static @Nullable Instant parseInstant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      // not a timestamp with an offset
    }
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      // not a local timestamp
    }
    try {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** A whole number from 0 to {@link Integer#MAX_VALUE}; null when absent or bad. */
  private @Nullable Integer whole() throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      BigInteger n = p.getBigIntegerValue();
      if (n.signum() >= 0 && n.bitLength() <= 31) {
        return n.intValue();
      }
    }
    error(p.currentTokenLocation(), here(), "type", label() + " must be a whole number >= 0, was " + shown(t));
    p.skipChildren();
    return null;
  }

  private double score() throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return 0;
    }
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      double d = p.getDoubleValue();
      if (Double.isFinite(d)) {
        return d;
      }
    }
    error(p.currentTokenLocation(), here(), "type", label() + " must be a finite number, was " + shown(t));
    p.skipChildren();
    return 0;
  }

  private @Nullable Boolean bool() throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return t == JsonToken.VALUE_TRUE;
    }
    if (t != JsonToken.VALUE_NULL) {
      error(p.currentTokenLocation(), here(), "type", label() + " must be true or false, was " + shown(t));
      p.skipChildren();
    }
    return null;
  }

  private @Nullable Sentiment sentiment() throws IOException {
    String s = typed(JsonToken.VALUE_STRING, "one of " + Arrays.toString(Sentiment.values()));
    if (s == null) {
      return null;
    }
    Sentiment v = Sentiment.parse(s).orElse(null);
    if (v == null) {
      error(p.currentTokenLocation(), here(), "type",
          label() + " must be one of " + Arrays.toString(Sentiment.values()) + ", was '" + s + "'");
    }
    return v;
  }

  /** The value of {@code field} the parser stands on, by its type; null (reported unless null) if bad. */
  private @Nullable Object value(ArticleField field) throws IOException {
    return switch (field.type()) {
      case TEXT -> text();
      case TEXT_LIST -> strings();
      case INSTANT -> instant(field);
      case WHOLE_NUMBER -> whole();
      case NUMBER -> score();
      case BOOLEAN -> bool();
      case SENTIMENT -> sentiment();
      case GROUP -> group(field);
    };
  }

  /** A group of fields: an object whose keys must be the group's fields; null when absent or bad. */
  private @Nullable Object group(ArticleField group) throws IOException {
    List<String> keys = group.children().stream().map(ArticleField::key).toList();
    Object[] values = new Object[keys.size()];
    boolean present = object(keys, name -> values[keys.indexOf(name)] = value(group.child(name)));
    return present ? group.group(values) : null;
  }

  /**
   * Reads a nested object whose keys must be among {@code allowed}.
   *
   * @return false when the value is null or not an object (reported), so the field is absent
   */
  private boolean object(List<String> allowed, FieldReader fields) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    if (t != JsonToken.START_OBJECT) {
      typeError("an object with " + String.join(", ", allowed));
      return false;
    }
    String label = label();
    Map<String, JsonLocation> keys = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonLocation keyAt = p.currentTokenLocation();
      p.nextToken();
      if (duplicate(keys, name, keyAt)) {
        continue;
      }
      if (!allowed.contains(name)) {
        error(keyAt, here(), "unknown-field",
            label + " has no field '" + name + "' (it has " + String.join(", ", allowed) + ")");
        p.skipChildren();
        continue;
      }
      where.put(label + "." + name, p.currentTokenLocation());
      fields.read(name);
    }
    return true;
  }

  private Map<String, @Nullable Object> extra() throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return Map.of();
    }
    if (t != JsonToken.START_OBJECT) {
      typeError("an object");
      return Map.of();
    }
    return map(true);
  }

  /** The object the parser stands at the start of, as {@link Article#extra()} values. */
  private Map<String, @Nullable Object> map(boolean top) throws IOException {
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    Map<String, JsonLocation> keys = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonLocation keyAt = p.currentTokenLocation();
      p.nextToken();
      if (duplicate(keys, name, keyAt)) {
        continue;
      }
      if (top && Article.isField(name)) {
        error(keyAt, here(), "reserved-key",
            "extra must not hold the field '" + name + "'; it belongs in the article object itself");
        p.skipChildren();
        continue;
      }
      checkText(name, keyAt, here(), "the key of " + label());
      map.put(name, value());
    }
    return map;
  }

  /** Any JSON value, typed as frontmatter types values the model does not know. */
  private @Nullable Object value() throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case VALUE_NULL:
        return null;
      case VALUE_TRUE:
      case VALUE_FALSE:
        return t == JsonToken.VALUE_TRUE;
      case VALUE_STRING: {
        String s = p.getText();
        checkText(s, p.currentTokenLocation(), here(), label());
        return s;
      }
      case VALUE_NUMBER_INT: {
        if (p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG) {
          return p.getLongValue();
        }
        BigInteger i = p.getBigIntegerValue();
        return i.bitLength() < 64 ? (Object) i.longValue() : i;
      }
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case START_ARRAY: {
        List<@Nullable Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value());
        }
        return list;
      }
      case START_OBJECT:
        return map(false);
      default:
        typeError("a JSON value");
        return null;
    }
  }

  // ------------------------------------------------------------------ helpers

  /** The current value when it has the {@code expected} token; null (reported unless null) if not. */
  private @Nullable String typed(JsonToken expected, String description) throws IOException {
    JsonToken t = p.currentToken();
    if (t == expected) {
      return p.getText();
    }
    if (t != JsonToken.VALUE_NULL) {
      typeError(description);
    }
    return null;
  }

  private void typeError(String expected) throws IOException {
    error(p.currentTokenLocation(), here(), "type",
        label() + " must be " + expected + ", was " + kind(p.currentToken()));
    p.skipChildren();
  }

  /** Whether {@code name} was seen before in this object (reported; its value skipped). */
  private boolean duplicate(Map<String, JsonLocation> keys, String name, JsonLocation keyAt) throws IOException {
    JsonLocation first = keys.putIfAbsent(name, keyAt);
    if (first == null) {
      return false;
    }
    int line = JsonPaths.line(first);
    error(keyAt, here(), "duplicate-key",
        "duplicate key '" + name + "'" + (line > 0 ? " (first at line " + line + ")" : ""));
    p.skipChildren();
    return true;
  }

  private void checkText(String value, JsonLocation at, String path, String label) {
    int bad = Texts.forbiddenCharacter(value);
    if (bad >= 0) {
      error(at, path, "control-character",
          label + " holds the control character U+" + String.format("%04X", (int) value.charAt(bad)));
    }
  }

  private void error(JsonLocation at, String path, String rule, String message) {
    problems.add(new Pending(at, path, rule, message));
    reported.add(path);
  }

  /** The JSON path of the current value. */
  private String here() {
    return JsonPaths.ofCurrentValue(p);
  }

  /** The current value's path inside the article, for messages: {@code tags[2]}, {@code source.url}. */
  private String label() {
    String path = here();
    if (!path.startsWith(base) || path.length() == base.length()) {
      return path;
    }
    String rest = path.substring(base.length());
    return rest.startsWith(".") ? rest.substring(1) : rest;
  }

  private String path(String field) {
    return JsonPath.member(new StringBuilder(base), field).toString();
  }

  /** A value as messages show it: numbers as written, strings quoted, other kinds by name. */
  private String shown(JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
      case VALUE_STRING -> "the string '" + p.getText() + "'";
      default -> kind(t);
    };
  }

  static String kind(@Nullable JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "an embedded value";
    };
  }
}
