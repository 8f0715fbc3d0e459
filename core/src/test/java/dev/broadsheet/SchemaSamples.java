package dev.broadsheet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Articles made from the schema table alone, so that a test over them covers every field the
 * table names, including one added later: a format that forgets the new field loses its value.
 */
public final class SchemaSamples {
  private SchemaSamples() {}

  /** A value of {@code f}'s type other than its default; {@code variant} picks among several. */
  public static Object sample(ArticleField f, int variant) {
    return switch (f.type()) {
      case TEXT -> f.path() + " value " + variant;
      case TEXT_LIST -> List.of(f.path() + "-a" + variant, "shared-" + variant);
      case INSTANT -> Instant.parse("2026-01-30T02:57:10Z").plusSeconds(3_600L * (f.ordinal() + 1) + variant)
          .plusNanos(f.ordinal() % 2 == 0 ? 0 : 500_000_000);
      case WHOLE_NUMBER -> 1 + f.ordinal() + variant;
      case NUMBER -> 0.5 + f.ordinal() + variant;
      case BOOLEAN -> Boolean.TRUE;
      case SENTIMENT -> Sentiment.values()[(f.ordinal() + variant) % Sentiment.values().length];
      case GROUP -> {
        @Nullable Object[] values = new Object[f.children().size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = sample(f.children().get(i), variant);
        }
        yield f.group(values);
      }
    };
  }

  /** A valid article with every field of the table set to a value other than its default. */
  public static Article everyField(String id, int variant) {
    Article.Builder b = Article.builder(id);
    for (ArticleField f : ArticleField.topLevel()) {
      f.set(b, sample(f, variant));
    }
    return b.body("## Body " + variant + "\n\nText.\n").extra(Map.of("unknownKey", "kept " + variant)).build();
  }

  /** The same article with the draft flag off, so that it is public. */
  public static Article everyFieldPublic(String id, int variant) {
    return everyField(id, variant).withDraft(false);
  }
}
