package dev.broadsheet;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The article schema: every frontmatter field the model knows, with its name, nested names,
 * type, range and canonical order, and whether the in-memory index reads it. Every reader and
 * writer of articles (YAML frontmatter, JSON, the metadata snapshot, the command line's {@code
 * set}, {@link dev.broadsheet.spi.ArticleStore#partial}) takes its fields from here, so a new
 * field is one change here plus the code its type needs.
 *
 * <pre>{@code
 * for (ArticleField f : ArticleField.topLevel()) {          // title, description, publishedAt, ...
 *   System.out.println(f.key() + ": " + f.get(article));
 * }
 * ArticleField field = ArticleField.byPath("ai.version").orElseThrow();
 * Article edited = field.with(article, field.parse("2"));  // ai.version = 2, the rest kept
 * }</pre>
 *
 * <p>Constants are in canonical order: the top-level fields in the order new files are written
 * in, each group's fields right after it in their own order.
 *
 * @since 0.1.0
 */
public enum ArticleField {
  TITLE(null, "title", "title", Type.TEXT, false, false),
  DESCRIPTION(null, "description", "description", Type.TEXT, false, false),
  PUBLISHED_AT(null, "publishedAt", "publishedAt", Type.INSTANT, true, false),
  UPDATED_AT(null, "updatedAt", "updatedAt", Type.INSTANT, false, false),
  EXPIRES_AT(null, "expiresAt", "expiresAt", Type.INSTANT, true, false),
  LANG(null, "lang", "lang", Type.TEXT, true, true),
  EXTERNAL_ID(null, "externalId", "externalId", Type.TEXT, false, false),
  TRANSLATION_KEY(null, "translationKey", "translationKey", Type.TEXT, true, false),
  SOURCE(null, "source", "source", Type.GROUP, true, false),
  SOURCE_NAME(SOURCE, "name", "name", Type.TEXT, false, true),
  SOURCE_KEY(SOURCE, "key", "key", Type.TEXT, true, true),
  SOURCE_TYPE(SOURCE, "type", "type", Type.TEXT, false, true),
  CATEGORY(null, "category", "category", Type.TEXT, true, true),
  TAGS(null, "tags", "tags", Type.TEXT_LIST, true, true),
  STICKY_WEIGHT(null, "stickyWeight", "stickyWeight", Type.WHOLE_NUMBER, true, false),
  SENTIMENT(null, "sentiment", "sentiment", Type.SENTIMENT, true, false),
  SCORE(null, "score", "score", Type.NUMBER, false, false),
  DRAFT(null, "draft", "draft", Type.BOOLEAN, true, false),
  COVER_IMAGE(null, "coverImage", "coverImage", Type.GROUP, false, false),
  COVER_IMAGE_RAW(COVER_IMAGE, "raw", "raw", Type.TEXT, false, false),
  COVER_IMAGE_FULL(COVER_IMAGE, "full", "full", Type.TEXT, false, false),
  COVER_IMAGE_REGULAR(COVER_IMAGE, "regular", "regular", Type.TEXT, false, false),
  COVER_IMAGE_SMALL(COVER_IMAGE, "small", "small", Type.TEXT, false, false),
  COVER_IMAGE_THUMB(COVER_IMAGE, "thumb", "thumb", Type.TEXT, false, false),
  COVER_IMAGE_SMALL_S3(COVER_IMAGE, "small_s3", "smallS3", Type.TEXT, false, false),
  AI(null, "ai", "ai", Type.GROUP, false, false),
  AI_REWRITTEN(AI, "rewritten", "rewritten", Type.BOOLEAN, false, false),
  AI_EXPANDED_AT(AI, "expandedAt", "expandedAt", Type.INSTANT, false, false),
  AI_VERSION(AI, "version", "version", Type.WHOLE_NUMBER, false, false);

  /** The earliest instant a field holds: the start of the year 0001, UTC. */
  public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest instant a field holds: the end of the year 9999, UTC. */
  public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /** The value types of fields. */
  public enum Type {
    /** A {@link String}. */
    TEXT("text"),
    /** A {@code List<String>}; absent is the empty list. */
    TEXT_LIST("a list of text values"),
    /** An {@link Instant} from {@link #MIN_INSTANT} to {@link #MAX_INSTANT}. */
    INSTANT("an ISO-8601 timestamp such as 2026-01-30T02:57:10Z or 2026-01-30"),
    /** An {@link Integer} from 0 to {@link Integer#MAX_VALUE}; absent at the top level is 0. */
    WHOLE_NUMBER("a whole number >= 0"),
    /** A finite {@link Double}; absent is 0. */
    NUMBER("a finite number"),
    /** A {@link Boolean}; absent at the top level is false. */
    BOOLEAN("true or false"),
    /** A {@link Sentiment}. */
    SENTIMENT("one of POSITIVE, NEUTRAL, NEGATIVE"),
    /** A group of fields ({@link Source}, {@link CoverImage}, {@link AiInfo}); see {@link #children()}. */
    GROUP("a mapping");

    private final String expected;

    Type(String expected) {
      this.expected = expected;
    }

    /** What a value of this type is, for messages: "{@code stickyWeight must be} a whole number >= 0". */
    public String expected() {
      return expected;
    }
  }

  private static final List<ArticleField> TOP_LEVEL;
  private static final Map<String, ArticleField> BY_PATH = new HashMap<>();

  static {
    List<ArticleField> top = new ArrayList<>();
    for (ArticleField f : values()) {
      if (f.parent == null) {
        top.add(f);
      } else {
        f.parent.childList.add(f);
      }
      BY_PATH.put(f.path, f);
      if (!f.property.equals(f.key)) {
        BY_PATH.put(f.parent == null ? f.property : f.parent.key + "." + f.property, f);
      }
    }
    for (ArticleField f : values()) {
      f.children = List.copyOf(f.childList);
      f.childList = null;
    }
    TOP_LEVEL = List.copyOf(top);
  }

  private final @Nullable ArticleField parent;
  private final String key;
  private final String path;
  private final String property;
  private final Type type;
  private final boolean indexed;
  private final boolean shared;
  private @Nullable List<ArticleField> childList = new ArrayList<>();
  private List<ArticleField> children = List.of();

  ArticleField(@Nullable ArticleField parent, String key, String property, Type type, boolean indexed,
      boolean shared) {
    this.parent = parent;
    this.key = key;
    this.path = parent == null ? key : parent.key + "." + key;
    this.property = property;
    this.type = type;
    this.indexed = indexed;
    this.shared = shared;
  }

  /** The top-level fields in canonical order: title, description, publishedAt, ... ai. */
  public static List<ArticleField> topLevel() {
    return TOP_LEVEL;
  }

  /**
   * The field at {@code path}: a top-level key ({@code title}) or a group's key and a field's
   * ({@code source.key}, {@code coverImage.small_s3}); the Java property name is accepted too
   * ({@code coverImage.smallS3}).
   */
  public static Optional<ArticleField> byPath(String path) {
    return Optional.ofNullable(BY_PATH.get(Objects.requireNonNull(path, "path")));
  }

  /** The top-level field with this frontmatter key, or null; for readers' hot loops. */
  public static @Nullable ArticleField topLevel(String key) {
    ArticleField f = BY_PATH.get(key);
    return f != null && f.parent == null && f.key.equals(key) ? f : null;
  }

  /** The frontmatter key within its group (or at the top level): {@code small_s3}. */
  public String key() {
    return key;
  }

  /** The name problems and messages use: {@code coverImage.small_s3}, {@code title}. */
  public String path() {
    return path;
  }

  /** The name of the record component that holds it: {@code smallS3}. */
  public String property() {
    return property;
  }

  public Type type() {
    return type;
  }

  /** The group this field belongs to, or null for a top-level field. */
  public @Nullable ArticleField parent() {
    return parent;
  }

  /** A group's fields in canonical order; empty for other fields. */
  public List<ArticleField> children() {
    return children;
  }

  /** The group's field with this key, or null. */
  public @Nullable ArticleField child(String childKey) {
    for (ArticleField c : children) {
      if (c.key.equals(childKey)) {
        return c;
      }
    }
    return null;
  }

  /**
   * Whether the in-memory index reads the field (for a group: one of its fields), so that it is
   * kept in the partial articles of {@link dev.broadsheet.spi.ArticleStore#partial}.
   */
  public boolean indexed() {
    return indexed;
  }

  /**
   * Whether values repeat across many articles (language, category, tags, the source's parts),
   * so that readers may share one string per value and stores may keep them in a table.
   */
  public boolean shared() {
    return shared;
  }

  // ------------------------------------------------------------------ values

  /**
   * The field's value in {@code article}: a {@link String}, {@code List<String>}, {@link
   * Instant}, {@link Integer}, {@link Double}, {@link Boolean}, {@link Sentiment}, or for a
   * group its record; null when absent (a group's field is absent when its group is). Fields
   * with a default ({@code stickyWeight}, {@code score}, {@code draft}, {@code tags}) are never
   * null.
   */
  public @Nullable Object get(Article a) {
    return switch (this) {
      case TITLE -> a.title();
      case DESCRIPTION -> a.description();
      case PUBLISHED_AT -> a.publishedAt();
      case UPDATED_AT -> a.updatedAt();
      case EXPIRES_AT -> a.expiresAt();
      case LANG -> a.lang();
      case EXTERNAL_ID -> a.externalId();
      case TRANSLATION_KEY -> a.translationKey();
      case SOURCE -> a.source();
      case CATEGORY -> a.category();
      case TAGS -> a.tags();
      case STICKY_WEIGHT -> a.stickyWeight();
      case SENTIMENT -> a.sentiment();
      case SCORE -> a.score();
      case DRAFT -> a.draft();
      case COVER_IMAGE -> a.coverImage();
      case AI -> a.ai();
      case SOURCE_NAME, SOURCE_KEY, SOURCE_TYPE, COVER_IMAGE_RAW, COVER_IMAGE_FULL, COVER_IMAGE_REGULAR,
          COVER_IMAGE_SMALL, COVER_IMAGE_THUMB, COVER_IMAGE_SMALL_S3, AI_REWRITTEN, AI_EXPANDED_AT, AI_VERSION ->
          valueIn(parent.get(a));
    };
  }

  /**
   * This group field's value in {@code group}, its group's record ({@link Source}, {@link
   * CoverImage}, {@link AiInfo}); null when the group is null or lacks it.
   *
   * @throws IllegalArgumentException when this is a top-level field or {@code group} is not its group's record
   */
  public @Nullable Object valueIn(@Nullable Object group) {
    if (parent == null) {
      throw new IllegalArgumentException(path + " belongs to no group");
    }
    if (group == null) {
      return null;
    }
    if (parent.check(group) != null) {
      throw new IllegalArgumentException("expected the " + parent.path + " group, was a " + group.getClass().getName());
    }
    return switch (this) {
      case SOURCE_NAME -> ((Source) group).name();
      case SOURCE_KEY -> ((Source) group).key();
      case SOURCE_TYPE -> ((Source) group).type();
      case COVER_IMAGE_RAW -> ((CoverImage) group).raw();
      case COVER_IMAGE_FULL -> ((CoverImage) group).full();
      case COVER_IMAGE_REGULAR -> ((CoverImage) group).regular();
      case COVER_IMAGE_SMALL -> ((CoverImage) group).small();
      case COVER_IMAGE_THUMB -> ((CoverImage) group).thumb();
      case COVER_IMAGE_SMALL_S3 -> ((CoverImage) group).smallS3();
      case AI_REWRITTEN -> ((AiInfo) group).rewritten();
      case AI_EXPANDED_AT -> ((AiInfo) group).expandedAt();
      case AI_VERSION -> ((AiInfo) group).version();
      default -> throw new IllegalStateException(path + " belongs to no group");
    };
  }

  /**
   * Whether {@code article} holds a value other than the field's default: not null, not 0, not
   * false, not the empty list, not an empty title.
   */
  public boolean isSet(Article a) {
    Object v = get(a);
    if (v == null) {
      return false;
    }
    if (parent != null) {
      return true;
    }
    return switch (type) {
      case BOOLEAN -> (Boolean) v;
      case WHOLE_NUMBER -> (Integer) v != 0;
      case NUMBER -> (Double) v != 0.0;
      case TEXT_LIST -> !((List<?>) v).isEmpty();
      case TEXT -> this != TITLE || !((String) v).isEmpty(); // the title's default is empty
      default -> true;
    };
  }

  /**
   * Sets a top-level field on a builder; null sets the default. For a group, {@code value} is
   * its record (see {@link #group}).
   *
   * @throws IllegalArgumentException when the field is nested or the value is not of its type
   */
  public Article.Builder set(Article.Builder b, @Nullable Object value) {
    if (parent != null) {
      throw new IllegalArgumentException(path + " is a field of " + parent.key + "; set the group");
    }
    switch (this) {
      case TITLE -> b.title(value == null ? "" : as(String.class, value));
      case DESCRIPTION -> b.description(as(String.class, value));
      case PUBLISHED_AT -> b.publishedAt(as(Instant.class, value));
      case UPDATED_AT -> b.updatedAt(as(Instant.class, value));
      case EXPIRES_AT -> b.expiresAt(as(Instant.class, value));
      case LANG -> b.lang(as(String.class, value));
      case EXTERNAL_ID -> b.externalId(as(String.class, value));
      case TRANSLATION_KEY -> b.translationKey(as(String.class, value));
      case SOURCE -> b.source(as(Source.class, value));
      case CATEGORY -> b.category(as(String.class, value));
      case TAGS -> b.tags(value == null ? List.of() : strings(value));
      case STICKY_WEIGHT -> b.stickyWeight(value == null ? 0 : as(Integer.class, value));
      case SENTIMENT -> b.sentiment(as(Sentiment.class, value));
      case SCORE -> b.score(value == null ? 0 : as(Double.class, value));
      case DRAFT -> b.draft(value != null && as(Boolean.class, value));
      case COVER_IMAGE -> b.coverImage(as(CoverImage.class, value));
      case AI -> b.ai(as(AiInfo.class, value));
      default -> throw new IllegalStateException("no setter for " + path);
    }
    return b;
  }

  /**
   * A group's record made of its fields' values in the order of {@link #children()}. A record
   * with every field null is a group present in a file with nothing in it; {@link #with} and
   * {@link dev.broadsheet.spi.ArticleStore#partial} drop such groups instead.
   *
   * @throws IllegalArgumentException when this is not a group, or a value is not of its field's type
   */
  public Object group(@Nullable Object... values) {
    if (type != Type.GROUP || values.length != children.size()) {
      throw new IllegalArgumentException(
          path + (type != Type.GROUP ? " is no group" : " has " + children.size() + " fields, given " + values.length));
    }
    return switch (this) {
      case SOURCE -> new Source(as(String.class, values[0]), as(String.class, values[1]), as(String.class, values[2]));
      case COVER_IMAGE -> new CoverImage(as(String.class, values[0]), as(String.class, values[1]),
          as(String.class, values[2]), as(String.class, values[3]), as(String.class, values[4]),
          as(String.class, values[5]));
      case AI -> new AiInfo(as(Boolean.class, values[0]), as(Instant.class, values[1]), as(Integer.class, values[2]));
      default -> throw new IllegalStateException("no group record for " + path);
    };
  }

  /**
   * {@code article} with this field set to {@code value} (null: removed, or the default); for a
   * group's field the group's other fields are kept, and a group left empty is removed.
   *
   * @throws IllegalArgumentException when the value is not of the field's type or out of its range
   */
  public Article with(Article a, @Nullable Object value) {
    if (value != null) {
      String problem = check(value);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
    if (parent == null) {
      return set(a.toBuilder(), value).build();
    }
    Object[] values = new Object[parent.children.size()];
    for (int i = 0; i < values.length; i++) {
      ArticleField c = parent.children.get(i);
      values[i] = c == this ? value : c.get(a);
    }
    return parent.set(a.toBuilder(), allNull(values) ? null : parent.group(values)).build();
  }

  /**
   * What is wrong with {@code value} for this field, or null when it fits: its type and range.
   * The message starts with the field's path ("ai.version must be a whole number >= 0, was -1").
   */
  public @Nullable String check(Object value) {
    Objects.requireNonNull(value, "value");
    switch (type) {
      case INSTANT -> {
        if (!(value instanceof Instant i)) {
          return path + " must be " + type.expected + ", was " + value;
        }
        return inRange(i) ? null : rangeMessage(i.toString());
      }
      case WHOLE_NUMBER -> {
        if (!(value instanceof Integer n) || n < 0) {
          return path + " must be " + type.expected + ", was " + value;
        }
        return null;
      }
      case NUMBER -> {
        return value instanceof Double d && Double.isFinite(d) ? null
            : path + " must be " + type.expected + ", was " + value;
      }
      case TEXT_LIST -> {
        if (value instanceof List<?> l) {
          boolean text = true;
          for (Object v : l) {
            text &= v instanceof String;
          }
          if (text) {
            return null;
          }
        }
        return path + " must be " + type.expected;
      }
      default -> {
        Class<?> want = switch (type) {
          case TEXT -> String.class;
          case BOOLEAN -> Boolean.class;
          case SENTIMENT -> Sentiment.class;
          default -> switch (this) {
            case SOURCE -> Source.class;
            case COVER_IMAGE -> CoverImage.class;
            default -> AiInfo.class;
          };
        };
        return want.isInstance(value) ? null : path + " must be " + type.expected + ", was " + value;
      }
    }
  }

  /** Whether an instant is within the range fields hold, the years 0001 to 9999. */
  public static boolean inRange(Instant i) {
    return !i.isBefore(MIN_INSTANT) && !i.isAfter(MAX_INSTANT);
  }

  /** The message for an instant out of range, as every reader words it. */
  public String rangeMessage(String shown) {
    return path + " must be between the years 0001 and 9999, was '" + shown + "'";
  }

  /**
   * Reads a value written as text, the way the command line's {@code set FIELD=VALUE} takes it:
   * the empty text is null (remove the field); a list is comma-separated; an instant is
   * ISO-8601 with an offset or a date; a boolean is {@code true} or {@code false}; a sentiment
   * is its name in any case. A group takes only the empty text (remove it all).
   *
   * @throws IllegalArgumentException saying what the field takes, when the text does not fit
   */
  public @Nullable Object parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      return null;
    }
    return switch (type) {
      case TEXT -> text;
      case TEXT_LIST -> {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
          String item = part.strip();
          if (item.isEmpty()) {
            throw new IllegalArgumentException(
                path + " must be a comma-separated list without empty items, was '" + text + "'");
          }
          out.add(item);
        }
        yield List.copyOf(out);
      }
      case INSTANT -> {
        Instant i = ArticleQuery.parseInstant(text).orElseThrow(() -> new IllegalArgumentException(
            path + " must be an ISO-8601 timestamp such as 2026-02-01T09:00:00Z or 2026-02-01, was '" + text + "'"));
        if (!inRange(i)) {
          throw new IllegalArgumentException(rangeMessage(text));
        }
        yield i;
      }
      case WHOLE_NUMBER -> {
        try {
          BigInteger n = new BigInteger(text.strip());
          if (n.signum() >= 0 && n.bitLength() <= 31) {
            yield n.intValue();
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw new IllegalArgumentException(path + " must be " + type.expected + ", was '" + text + "'");
      }
      case NUMBER -> {
        String t = text.strip();
        // Plain decimal notation only: Java would also take NaN, Infinity, hex and a 'd' suffix.
        if (t.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?")) {
          double d = Double.parseDouble(t);
          if (Double.isFinite(d)) {
            yield d;
          }
        }
        throw new IllegalArgumentException(path + " must be a finite number such as 0.5, was '" + text + "'");
      }
      case BOOLEAN -> switch (text) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> throw new IllegalArgumentException(path + " must be true or false, was '" + text + "'");
      };
      case SENTIMENT -> Sentiment.parse(text).orElseThrow(() -> new IllegalArgumentException(
          path + " must be one of " + Arrays.toString(Sentiment.values()).toLowerCase(Locale.ROOT)
              + ", was '" + text + "'"));
      case GROUP -> {
        List<String> names = new ArrayList<>();
        for (ArticleField c : children) {
          names.add(path + "." + c.key);
        }
        throw new IllegalArgumentException(path + " is a group of fields: set " + String.join(", ", names)
            + ", or " + path + "= to remove it all");
      }
    };
  }

  /** Whether every value is null: a group with nothing in it. */
  public static boolean allNull(@Nullable Object... values) {
    for (Object v : values) {
      if (v != null) {
        return false;
      }
    }
    return true;
  }

  private static <T> @Nullable T as(Class<T> type, @Nullable Object value) {
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    throw new IllegalArgumentException("expected a " + type.getSimpleName() + ", was a " + value.getClass().getName());
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object value) {
    if (value instanceof List<?> list) {
      for (Object o : list) {
        Objects.requireNonNull(as(String.class, o), "tags must not contain null");
      }
      return (List<String>) list; // checked above; the builder copies it unless it is immutable already
    }
    throw new IllegalArgumentException("expected a list, was a " + value.getClass().getName());
  }
}
