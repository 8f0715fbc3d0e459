package dev.broadsheet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The content rules every stored article must meet, beyond the structural ones {@link
 * Article} enforces itself: a non-blank title, a {@code publishedAt} unless the article is a
 * draft, and text that a file can hold (no control characters other than tab and newline, no
 * unpaired surrogates).
 *
 * <pre>{@code
 * List<Problem> problems = ArticleValidator.validate(article, "content/a.md");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ArticleValidator {
  private ArticleValidator() {}

  /**
   * Every rule {@code article} breaks, as errors without a position.
   *
   * @param source the name problems carry, such as the file path or the id
   */
  public static List<Problem> validate(Article article, String source) {
    return validate(article, source, Text.CHECK);
  }

  /** Whether {@link #validate(Article, String, Text)} scans text values for forbidden characters. */
  public enum Text {
    /** Scan every text value, the body included. */
    CHECK,
    /** The caller has checked every text value where it stands (a parser, say); skip the scan. */
    ALREADY_CHECKED
  }

  /**
   * Every rule {@code article} breaks, as errors without a position; with {@link
   * Text#ALREADY_CHECKED}, the rules on text content are left to the caller.
   */
  public static List<Problem> validate(Article article, String source, Text text) {
    List<Problem> problems = new ArrayList<>();
    if (article.title().isBlank()) {
      problems.add(Problem.error(source, 0, 0, "title", "required", "title is required"));
    }
    if (article.publishedAt() == null && !article.draft()) {
      problems.add(
          Problem.error(
              source, 0, 0, "publishedAt", "required",
              "publishedAt is required unless draft is true"));
    }
    instant(problems, source, "publishedAt", article.publishedAt());
    instant(problems, source, "updatedAt", article.updatedAt());
    instant(problems, source, "expiresAt", article.expiresAt());
    if (article.ai() != null) {
      instant(problems, source, "ai.expandedAt", article.ai().expandedAt());
    }
    AiInfo ai = article.ai();
    if (ai != null && ai.version() != null && ai.version() < 0) {
      problems.add(
          Problem.error(
              source, 0, 0, "ai.version", "type",
              "ai.version must be a whole number >= 0, was " + ai.version()));
    }
    if (text == Text.ALREADY_CHECKED) {
      return List.copyOf(problems);
    }
    text(problems, source, "title", article.title());
    text(problems, source, "description", article.description());
    text(problems, source, "lang", article.lang());
    text(problems, source, "externalId", article.externalId());
    text(problems, source, "category", article.category());
    for (String tag : article.tags()) {
      text(problems, source, "tags", tag);
    }
    Source s = article.source();
    if (s != null) {
      text(problems, source, "source.name", s.name());
      text(problems, source, "source.key", s.key());
      text(problems, source, "source.type", s.type());
    }
    CoverImage c = article.coverImage();
    if (c != null) {
      text(problems, source, "coverImage.raw", c.raw());
      text(problems, source, "coverImage.full", c.full());
      text(problems, source, "coverImage.regular", c.regular());
      text(problems, source, "coverImage.small", c.small());
      text(problems, source, "coverImage.thumb", c.thumb());
      text(problems, source, "coverImage.small_s3", c.smallS3());
    }
    extra(problems, source, "", article.extra());
    if (unpairedSurrogate(article.body()) >= 0) {
      problems.add(
          Problem.error(source, 0, 0, null, "text", "body holds an unpaired surrogate character"));
    }
    return List.copyOf(problems);
  }

  /**
   * The index of the first character a frontmatter value must not hold, or -1: C0 controls
   * other than tab and line feed, DEL, C1 controls, and unpaired surrogates.
   */
  public static int forbiddenCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if ((ch < 0x20 && ch != '\t' && ch != '\n') || (ch >= 0x7F && ch <= 0x9F)) {
        return i;
      }
      if (Character.isHighSurrogate(ch)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(ch)) {
        return i;
      }
    }
    return -1;
  }

  /** The index of the first unpaired surrogate character in {@code text}, or -1. */
  public static int unpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (Character.isHighSurrogate(ch)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(ch)) {
        return i;
      }
    }
    return -1;
  }

  private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private static void instant(
      List<Problem> problems, String source, String field, @Nullable Instant value) {
    if (value != null && (value.isBefore(MIN) || value.isAfter(MAX))) {
      problems.add(
          Problem.error(
              source, 0, 0, field, "range",
              field + " must be between the years 0001 and 9999, was " + value));
    }
  }

  private static void text(
      List<Problem> problems, String source, String field, @Nullable String value) {
    if (value == null) {
      return;
    }
    int at = forbiddenCharacter(value);
    if (at >= 0) {
      problems.add(
          Problem.error(
              source, 0, 0, field, "control-character",
              field + " holds the control character U+"
                  + String.format("%04X", (int) value.charAt(at))));
    }
  }

  private static void extra(
      List<Problem> problems, String source, String prefix, @Nullable Object value) {
    if (value instanceof String s) {
      text(problems, source, prefix, s);
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        text(problems, source, prefix.isEmpty() ? key : prefix + "." + key, key);
        extra(problems, source, prefix.isEmpty() ? key : prefix + "." + key, e.getValue());
      }
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        extra(problems, source, prefix, item);
      }
    }
  }
}
