package dev.broadsheet.internal;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleField;
import dev.broadsheet.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The content rules of {@link dev.broadsheet.ArticleValidator}, with the choice readers need:
 * a parser that checked every text value where it stands skips the scan of the text.
 */
public final class Validation {
  /** The fields with a range to check: instants and whole numbers. */
  private static final ArticleField[] RANGED = java.util.Arrays.stream(ArticleField.values())
      .filter(f -> f.type() == ArticleField.Type.INSTANT || f.type() == ArticleField.Type.WHOLE_NUMBER)
      .toArray(ArticleField[]::new);
  /** The fields that hold text: text and lists of text. */
  private static final ArticleField[] TEXTS = java.util.Arrays.stream(ArticleField.values())
      .filter(f -> f.type() == ArticleField.Type.TEXT || f.type() == ArticleField.Type.TEXT_LIST)
      .toArray(ArticleField[]::new);

  private Validation() {}

  /**
   * Every rule {@code article} breaks, as errors without a position.
   *
   * @param checkText whether to scan text values for forbidden characters; false when the
   *     caller checked each where it stands
   */
  public static List<Problem> validate(Article article, String source, boolean checkText) {
    List<Problem> problems = new ArrayList<>();
    if (article.title().isBlank()) {
      problems.add(Problem.error(source, 0, 0, "title", "required", "title is required"));
    }
    if (article.publishedAt() == null && !article.draft()) {
      problems.add(Problem.error(source, 0, 0, "publishedAt", "required",
          "publishedAt is required unless draft is true"));
    }
    for (ArticleField f : RANGED) {
      Object v = f.get(article);
      if (v instanceof Instant i && !ArticleField.inRange(i)) {
        problems.add(Problem.error(source, 0, 0, f.path(), "range", f.rangeMessage(i.toString())));
      } else if (v instanceof Integer n && n < 0) {
        problems.add(Problem.error(source, 0, 0, f.path(), "type",
            f.path() + " must be " + f.type().expected() + ", was " + n));
      }
    }
    if (!checkText) {
      return List.copyOf(problems);
    }
    for (ArticleField f : TEXTS) {
      Object v = f.get(article);
      if (v instanceof String s) {
        text(problems, source, f.path(), s);
      } else if (f.type() == ArticleField.Type.TEXT_LIST && v instanceof List<?> list) {
        for (Object item : list) {
          text(problems, source, f.path(), (String) item);
        }
      }
    }
    extra(problems, source, "", article.extra());
    if (Texts.unpairedSurrogate(article.body()) >= 0) {
      problems.add(Problem.error(source, 0, 0, null, "text", "body holds an unpaired surrogate character"));
    }
    return List.copyOf(problems);
  }

  private static void text(List<Problem> problems, String source, String field, @Nullable String value) {
    if (value == null) {
      return;
    }
    int at = Texts.forbiddenCharacter(value);
    if (at >= 0) {
      problems.add(Problem.error(source, 0, 0, field, "control-character", Texts.forbiddenMessage(field, value, at)));
    }
  }

  private static void extra(List<Problem> problems, String source, String prefix, @Nullable Object value) {
    if (value instanceof String s) {
      text(problems, source, prefix, s);
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        String path = prefix.isEmpty() ? key : prefix + "." + key;
        text(problems, source, path, key);
        extra(problems, source, path, e.getValue());
      }
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        extra(problems, source, prefix, item);
      }
    }
  }
}
