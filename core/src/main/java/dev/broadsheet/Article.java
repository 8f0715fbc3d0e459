package dev.broadsheet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A news article: its frontmatter fields, typed, its Markdown body, and every frontmatter key
 * the model does not know, kept with its value in file order so that nothing a file holds is
 * lost.
 *
 * <pre>{@code
 * Article a = Article.builder("2026/01/openai-funding")
 *     .title("Tech Giants Circle OpenAI")
 *     .publishedAt(Instant.parse("2026-01-30T02:57:10Z"))
 *     .category("BUSINESS")
 *     .tags(List.of("BUSINESS", "AI"))
 *     .body("## Overview\n\nAmazon is in talks...\n")
 *     .build();
 * Article pinned = a.withStickyWeight(5);
 * }</pre>
 *
 * <p>The {@code id} is not a frontmatter field: it comes from where the article is stored (for
 * files, the path under the content root without its extension, {@code /}-separated).
 *
 * <p>Values are immutable and safe to share between threads. Structural rules (an id, a
 * title, no negative {@code stickyWeight}, a finite {@code score}, {@link #extra()} holding
 * only frontmatter values) are enforced here; content rules such as "a published article
 * needs a {@code publishedAt}" are reported as {@link Problem}s by {@link
 * ArticleValidator}.
 *
 * @param translationKey the key the language versions of one story share (Hugo's name for it);
 *     {@link ArticleRepository#translations} finds the others
 * @param extra frontmatter keys the model does not know, in file order. Values are {@code
 *     null}, {@link String}, {@link Boolean}, {@link Long}, {@link BigInteger}, {@link
 *     Double}, {@link List} or {@link Map} with string keys, nested to any depth.
 * @since 0.1.0
 */
public record Article(
    String id,
    String title,
    @Nullable String description,
    @Nullable Instant publishedAt,
    @Nullable Instant updatedAt,
    @Nullable String lang,
    @Nullable String externalId,
    @Nullable Source source,
    @Nullable String category,
    List<String> tags,
    int stickyWeight,
    @Nullable Sentiment sentiment,
    double score,
    boolean draft,
    @Nullable CoverImage coverImage,
    @Nullable AiInfo ai,
    @Nullable Instant expiresAt,
    @Nullable String translationKey,
    String body,
    Map<String, @Nullable Object> extra) {

  /**
   * The frontmatter keys the model knows, in the canonical order new files are written in: the
   * keys of {@link ArticleField#topLevel()}.
   */
  public static final List<String> FIELDS =
      ArticleField.topLevel().stream().map(ArticleField::key).toList();

  private static final Set<String> FIELD_SET = Set.copyOf(FIELDS);

  public Article {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(extra, "extra");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    for (String tag : tags) {
      Objects.requireNonNull(tag, "tags must not contain null");
    }
    tags = List.copyOf(tags);
    if (stickyWeight < 0) {
      throw new IllegalArgumentException("stickyWeight must be >= 0, was " + stickyWeight);
    }
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("score must be finite, was " + score);
    }
    if (score == 0.0) {
      score = 0.0; // -0.0 and 0.0 are the same score
    }
    for (String key : extra.keySet()) {
      Objects.requireNonNull(key, "extra keys must not be null");
      if (FIELD_SET.contains(key)) {
        throw new IllegalArgumentException(
            "extra must not hold the model field '" + key + "'; set it through its property");
      }
    }
    extra = extra.isEmpty() ? Collections.emptyMap() : copyMap(extra, "extra");
  }

  /** A builder for a new article with this id; title is empty until set. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder holding this article's values, for copy-with-changes. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Whether {@code key} is one of the model's frontmatter fields ({@link #FIELDS}). */
  public static boolean isField(String key) {
    return FIELD_SET.contains(key);
  }

  public Article withId(String newId) {
    return toBuilder().id(newId).build();
  }

  public Article withTitle(String newTitle) {
    return toBuilder().title(newTitle).build();
  }

  public Article withTags(List<String> newTags) {
    return toBuilder().tags(newTags).build();
  }

  public Article withStickyWeight(int weight) {
    return toBuilder().stickyWeight(weight).build();
  }

  public Article withDraft(boolean isDraft) {
    return toBuilder().draft(isDraft).build();
  }

  public Article withBody(String newBody) {
    return toBuilder().body(newBody).build();
  }

  // ---------------------------------------------------------------- extra values

  private static Map<String, @Nullable Object> copyMap(Map<?, ?> map, String path) {
    Map<String, @Nullable Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException(path + " has a key that is not a string: " + e.getKey());
      }
      copy.put(key, copyValue(e.getValue(), path + "." + key));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static @Nullable Object copyValue(@Nullable Object value, String path) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof BigInteger) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float || value instanceof Double) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (value instanceof List<?> list) {
      List<@Nullable Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(copyValue(list.get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof Map<?, ?> map) {
      return copyMap(map, path);
    }
    throw new IllegalArgumentException(
        path + " holds a " + value.getClass().getName() + ", which frontmatter cannot store");
  }

  /**
   * Builds an {@link Article}. Not thread-safe; {@link #build()} copies its state, so a
   * builder may be reused.
   */
  public static final class Builder {
    private String id;
    private String title = "";
    private @Nullable String description;
    private @Nullable Instant publishedAt;
    private @Nullable Instant updatedAt;
    private @Nullable String lang;
    private @Nullable String externalId;
    private @Nullable Source source;
    private @Nullable String category;
    private List<String> tags = List.of();
    private int stickyWeight;
    private @Nullable Sentiment sentiment;
    private double score;
    private boolean draft;
    private @Nullable CoverImage coverImage;
    private @Nullable AiInfo ai;
    private @Nullable Instant expiresAt;
    private @Nullable String translationKey;
    private String body = "";
    /** Null until a key is set: most articles have none, and readers make many builders. */
    private @Nullable Map<String, @Nullable Object> extra;

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    private Builder(Article a) {
      id = a.id;
      title = a.title;
      description = a.description;
      publishedAt = a.publishedAt;
      updatedAt = a.updatedAt;
      lang = a.lang;
      externalId = a.externalId;
      source = a.source;
      category = a.category;
      tags = a.tags;
      stickyWeight = a.stickyWeight;
      sentiment = a.sentiment;
      score = a.score;
      draft = a.draft;
      coverImage = a.coverImage;
      ai = a.ai;
      expiresAt = a.expiresAt;
      translationKey = a.translationKey;
      body = a.body;
      extra = a.extra.isEmpty() ? null : new LinkedHashMap<>(a.extra);
    }

    public Builder id(String value) {
      this.id = Objects.requireNonNull(value, "id");
      return this;
    }

    public Builder title(String value) {
      this.title = Objects.requireNonNull(value, "title");
      return this;
    }

    public Builder description(@Nullable String value) {
      this.description = value;
      return this;
    }

    public Builder publishedAt(@Nullable Instant value) {
      this.publishedAt = value;
      return this;
    }

    public Builder updatedAt(@Nullable Instant value) {
      this.updatedAt = value;
      return this;
    }

    public Builder lang(@Nullable String value) {
      this.lang = value;
      return this;
    }

    public Builder externalId(@Nullable String value) {
      this.externalId = value;
      return this;
    }

    public Builder source(@Nullable Source value) {
      this.source = value;
      return this;
    }

    public Builder category(@Nullable String value) {
      this.category = value;
      return this;
    }

    public Builder tags(List<String> value) {
      this.tags = List.copyOf(value);
      return this;
    }

    public Builder tags(String... value) {
      return tags(List.of(value));
    }

    public Builder stickyWeight(int value) {
      this.stickyWeight = value;
      return this;
    }

    public Builder sentiment(@Nullable Sentiment value) {
      this.sentiment = value;
      return this;
    }

    public Builder score(double value) {
      this.score = value;
      return this;
    }

    public Builder draft(boolean value) {
      this.draft = value;
      return this;
    }

    public Builder coverImage(@Nullable CoverImage value) {
      this.coverImage = value;
      return this;
    }

    public Builder ai(@Nullable AiInfo value) {
      this.ai = value;
      return this;
    }

    public Builder expiresAt(@Nullable Instant value) {
      this.expiresAt = value;
      return this;
    }

    /**
     * The key shared by the language versions of one story (Hugo's {@code translationKey});
     * null, the default, for an article without translations.
     *
     * @since 0.1.0
     */
    public Builder translationKey(@Nullable String value) {
      this.translationKey = value;
      return this;
    }

    public Builder body(String value) {
      this.body = Objects.requireNonNull(value, "body");
      return this;
    }

    /** Replaces all unknown keys; see {@link Article#extra()} for the values allowed. */
    public Builder extra(Map<String, @Nullable Object> value) {
      this.extra = value.isEmpty() ? null : new LinkedHashMap<>(value);
      return this;
    }

    /** Sets one unknown key, keeping the order of the others. */
    public Builder putExtra(String key, @Nullable Object value) {
      if (extra == null) {
        extra = new LinkedHashMap<>();
      }
      extra.put(Objects.requireNonNull(key, "key"), value);
      return this;
    }

    public Builder removeExtra(String key) {
      if (extra != null) {
        extra.remove(key);
      }
      return this;
    }

    /**
     * @throws IllegalArgumentException when a structural rule is broken (see {@link Article})
     */
    public Article build() {
      return new Article(
          id, title, description, publishedAt, updatedAt, lang, externalId, source, category,
          tags, stickyWeight, sentiment, score, draft, coverImage, ai, expiresAt, translationKey, body,
          extra == null ? Map.of() : extra);
    }
  }
}
