package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.spi.ArticleStore;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArticleFieldTest {
  /** Record components that are not frontmatter fields. */
  private static final Set<String> NOT_FIELDS = Set.of("id", "body", "extra");

  @Test
  void everyPropertyOfArticleIsInTheTable() {
    List<String> properties = new ArrayList<>();
    for (RecordComponent c : Article.class.getRecordComponents()) {
      if (!NOT_FIELDS.contains(c.getName())) {
        properties.add(c.getName());
      }
    }
    assertThat(ArticleField.topLevel()).extracting(ArticleField::property)
        .containsExactlyInAnyOrderElementsOf(properties);
  }

  @Test
  void everyPropertyOfEveryGroupIsInTheTableInRecordOrder() {
    for (ArticleField group : ArticleField.topLevel()) {
      if (group.type() != ArticleField.Type.GROUP) {
        continue;
      }
      Class<?> record = Arrays.stream(Article.class.getRecordComponents())
          .filter(c -> c.getName().equals(group.property())).findFirst().orElseThrow().getType();
      assertThat(record.isRecord()).as(group.path()).isTrue();
      assertThat(group.children()).as(group.path()).extracting(ArticleField::property)
          .containsExactly(Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
              .toArray(String[]::new));
      // The group's record is built from its fields in that order.
      for (RecordComponent c : record.getRecordComponents()) {
        assertThat(javaType(group.children().stream().filter(f -> f.property().equals(c.getName()))
            .findFirst().orElseThrow())).as(group.path() + "." + c.getName()).isEqualTo(box(c.getType()));
      }
    }
  }

  @Test
  void typesMatchTheRecordComponents() {
    for (RecordComponent c : Article.class.getRecordComponents()) {
      if (NOT_FIELDS.contains(c.getName())) {
        continue;
      }
      ArticleField f = ArticleField.topLevel().stream().filter(x -> x.property().equals(c.getName()))
          .findFirst().orElseThrow();
      assertThat(javaType(f)).as(f.path()).isEqualTo(box(c.getType()));
    }
  }

  @Test
  void fieldsListsTheTopLevelKeysInCanonicalOrder() {
    assertThat(Article.FIELDS).containsExactly("title", "description", "publishedAt", "updatedAt", "expiresAt",
        "lang", "externalId", "translationKey", "source", "category", "tags", "stickyWeight", "sentiment", "score", "draft",
        "coverImage", "ai");
    assertThat(ArticleField.topLevel()).extracting(ArticleField::key).containsExactlyElementsOf(Article.FIELDS);
  }

  @Test
  void pathsNameNestedFieldsByTheirFrontmatterKeys() {
    assertThat(ArticleField.COVER_IMAGE_SMALL_S3.path()).isEqualTo("coverImage.small_s3");
    assertThat(ArticleField.byPath("coverImage.small_s3")).contains(ArticleField.COVER_IMAGE_SMALL_S3);
    assertThat(ArticleField.byPath("coverImage.smallS3")).contains(ArticleField.COVER_IMAGE_SMALL_S3);
    assertThat(ArticleField.byPath("source.key")).contains(ArticleField.SOURCE_KEY);
    assertThat(ArticleField.byPath("key")).isEmpty();
    assertThat(ArticleField.topLevel("key")).isNull();
    assertThat(ArticleField.topLevel("source")).isEqualTo(ArticleField.SOURCE);
    assertThat(ArticleField.SOURCE.children()).containsExactly(
        ArticleField.SOURCE_NAME, ArticleField.SOURCE_KEY, ArticleField.SOURCE_TYPE);
  }

  @Test
  void getAndWithRoundTripEveryField() {
    Article a = Article.builder("a").title("T").publishedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    for (ArticleField f : ArticleField.values()) {
      Object value = SchemaSamples.sample(f, 1);
      Article changed = f.with(a, value);
      assertThat(f.get(changed)).as(f.path()).isEqualTo(value);
      assertThat(f.isSet(changed)).as(f.path()).isTrue();
      for (ArticleField other : ArticleField.values()) {
        if (other != f && other != f.parent() && other.parent() != f) {
          assertThat(other.get(changed)).as(f.path() + " leaves " + other.path()).isEqualTo(other.get(a));
        }
      }
    }
  }

  @Test
  void withKeepsTheRestOfAGroupAndDropsAnEmptyOne() {
    Article a = Article.builder("a").source(new Source("Decrypt", "decrypt", "RSS")).build();
    Article b = ArticleField.SOURCE_KEY.with(a, "dc");
    assertThat(b.source()).isEqualTo(new Source("Decrypt", "dc", "RSS"));
    Article c = ArticleField.SOURCE_NAME.with(ArticleField.SOURCE_TYPE.with(ArticleField.SOURCE_KEY.with(b, null), null), null);
    assertThat(c.source()).isNull();
    assertThat(ArticleField.AI_VERSION.with(Article.builder("x").build(), 3).ai()).isEqualTo(new AiInfo(null, null, 3));
  }

  @Test
  void withRefusesValuesOfTheWrongTypeOrRange() {
    Article a = Article.builder("a").build();
    assertThatThrownBy(() -> ArticleField.STICKY_WEIGHT.with(a, -1))
        .hasMessage("stickyWeight must be a whole number >= 0, was -1");
    assertThatThrownBy(() -> ArticleField.PUBLISHED_AT.with(a, Instant.parse("+10000-01-01T00:00:00Z")))
        .hasMessage("publishedAt must be between the years 0001 and 9999, was '+10000-01-01T00:00:00Z'");
    assertThatThrownBy(() -> ArticleField.TITLE.with(a, 5)).hasMessage("title must be text, was 5");
    assertThatThrownBy(() -> ArticleField.SCORE.with(a, Double.NaN)).hasMessage("score must be a finite number, was NaN");
  }

  @Test
  void parseReadsEachTypeFromText() {
    assertThat(ArticleField.STICKY_WEIGHT.parse("5")).isEqualTo(5);
    assertThat(ArticleField.SCORE.parse("-0.5")).isEqualTo(-0.5);
    assertThat(ArticleField.DRAFT.parse("true")).isEqualTo(true);
    assertThat(ArticleField.SENTIMENT.parse("negative")).isEqualTo(Sentiment.NEGATIVE);
    assertThat(ArticleField.TAGS.parse("AI, ETF")).isEqualTo(List.of("AI", "ETF"));
    assertThat(ArticleField.PUBLISHED_AT.parse("2026-02-01")).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    assertThat(ArticleField.DESCRIPTION.parse("")).isNull();
    assertThatThrownBy(() -> ArticleField.AI_VERSION.parse("x"))
        .hasMessage("ai.version must be a whole number >= 0, was 'x'");
    assertThatThrownBy(() -> ArticleField.SCORE.parse("NaN"))
        .hasMessage("score must be a finite number such as 0.5, was 'NaN'");
    assertThatThrownBy(() -> ArticleField.TAGS.parse("a,,b"))
        .hasMessage("tags must be a comma-separated list without empty items, was 'a,,b'");
    assertThatThrownBy(() -> ArticleField.SOURCE.parse("x"))
        .hasMessage("source is a group of fields: set source.name, source.key, source.type, or source= to remove it all");
  }

  @Test
  void partialKeepsExactlyTheIndexedFields() {
    Article whole = SchemaSamples.everyField("2026/01/a", 1);
    Article part = ArticleStore.partial(whole);
    assertThat(part.id()).isEqualTo(whole.id());
    assertThat(part.body()).isEmpty();
    assertThat(part.extra()).isEmpty();
    for (ArticleField f : ArticleField.values()) {
      if (f.type() == ArticleField.Type.GROUP) {
        continue;
      }
      if (f.indexed()) {
        assertThat(f.get(part)).as(f.path()).isEqualTo(f.get(whole));
      } else {
        assertThat(f.isSet(part)).as(f.path()).isFalse();
      }
    }
  }

  @Test
  void validatorChecksTheRangeOfEveryInstantField() {
    for (ArticleField f : ArticleField.values()) {
      if (f.type() != ArticleField.Type.INSTANT) {
        continue;
      }
      Article a = Article.builder("a").title("T").publishedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
      Article far = f.parent() == null
          ? f.set(a.toBuilder(), Instant.parse("+10000-01-01T00:00:00Z")).build()
          : f.parent().set(a.toBuilder(), groupWith(f, Instant.parse("+10000-01-01T00:00:00Z"))).build();
      assertThat(ArticleValidator.validate(far, "x")).as(f.path())
          .anySatisfy(p -> assertThat(p.field()).isEqualTo(f.path()));
    }
  }

  private static Object groupWith(ArticleField f, Object value) {
    Object[] values = new Object[f.parent().children().size()];
    values[f.parent().children().indexOf(f)] = value;
    return f.parent().group(values);
  }

  private static Class<?> javaType(ArticleField f) {
    return switch (f.type()) {
      case TEXT -> String.class;
      case TEXT_LIST -> List.class;
      case INSTANT -> Instant.class;
      case WHOLE_NUMBER -> Integer.class;
      case NUMBER -> Double.class;
      case BOOLEAN -> Boolean.class;
      case SENTIMENT -> Sentiment.class;
      case GROUP -> f.get(Article.builder("x").build()) == null
          ? Arrays.stream(Article.class.getRecordComponents()).filter(c -> c.getName().equals(f.property()))
              .findFirst().orElseThrow().getType()
          : Object.class;
    };
  }

  private static Class<?> box(Class<?> c) {
    if (c == int.class) {
      return Integer.class;
    }
    if (c == double.class) {
      return Double.class;
    }
    if (c == boolean.class) {
      return Boolean.class;
    }
    return c;
  }
}
