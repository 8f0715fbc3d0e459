package dev.broadsheet.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.broadsheet.AiInfo;
import dev.broadsheet.Article;
import dev.broadsheet.CoverImage;
import dev.broadsheet.Revision;
import dev.broadsheet.Source;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Writes an article's fields in the order {@link BroadsheetModule} documents. */
final class ArticleWriter {
  private ArticleWriter() {}

  /** The whole article object; {@code revision} right after the id when given. */
  static void write(
      JsonGenerator gen, Article a, @Nullable Revision revision, BroadsheetModule.Bodies bodies)
      throws IOException {
    gen.writeStartObject(a);
    gen.writeStringField("id", a.id());
    if (revision != null) {
      gen.writeStringField("revision", revision.value());
    }
    // The order of Article.FIELDS, which is the order new frontmatter is written in.
    gen.writeStringField("title", a.title());
    text(gen, "description", a.description());
    instant(gen, "publishedAt", a.publishedAt());
    instant(gen, "updatedAt", a.updatedAt());
    instant(gen, "expiresAt", a.expiresAt());
    text(gen, "lang", a.lang());
    text(gen, "externalId", a.externalId());
    Source s = a.source();
    if (s != null) {
      gen.writeObjectFieldStart("source");
      text(gen, "name", s.name());
      text(gen, "key", s.key());
      text(gen, "type", s.type());
      gen.writeEndObject();
    }
    text(gen, "category", a.category());
    gen.writeArrayFieldStart("tags");
    for (String tag : a.tags()) {
      gen.writeString(tag);
    }
    gen.writeEndArray();
    gen.writeNumberField("stickyWeight", a.stickyWeight());
    if (a.sentiment() != null) {
      gen.writeStringField("sentiment", a.sentiment().name());
    }
    gen.writeNumberField("score", a.score());
    gen.writeBooleanField("draft", a.draft());
    CoverImage c = a.coverImage();
    if (c != null) {
      gen.writeObjectFieldStart("coverImage");
      text(gen, "raw", c.raw());
      text(gen, "full", c.full());
      text(gen, "regular", c.regular());
      text(gen, "small", c.small());
      text(gen, "thumb", c.thumb());
      text(gen, "small_s3", c.smallS3());
      gen.writeEndObject();
    }
    AiInfo ai = a.ai();
    if (ai != null) {
      gen.writeObjectFieldStart("ai");
      if (ai.rewritten() != null) {
        gen.writeBooleanField("rewritten", ai.rewritten());
      }
      instant(gen, "expandedAt", ai.expandedAt());
      if (ai.version() != null) {
        gen.writeNumberField("version", ai.version());
      }
      gen.writeEndObject();
    }
    if (!a.extra().isEmpty()) {
      gen.writeFieldName("extra");
      value(gen, a.extra());
    }
    if (bodies == BroadsheetModule.Bodies.INCLUDE) {
      gen.writeStringField("body", a.body());
    }
    gen.writeEndObject();
  }

  private static void text(JsonGenerator gen, String name, @Nullable String value) throws IOException {
    if (value != null) {
      gen.writeStringField(name, value);
    }
  }

  private static void instant(JsonGenerator gen, String name, @Nullable Instant value) throws IOException {
    if (value != null) {
      gen.writeStringField(name, value.toString());
    }
  }

  /** A value of {@link Article#extra()}, as it is: the mapper's settings do not reorder or drop anything. */
  private static void value(JsonGenerator gen, @Nullable Object value) throws IOException {
    if (value == null) {
      gen.writeNull();
    } else if (value instanceof String s) {
      gen.writeString(s);
    } else if (value instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (value instanceof Long l) {
      gen.writeNumber(l);
    } else if (value instanceof BigInteger i) {
      gen.writeNumber(i);
    } else if (value instanceof Double d) {
      if (Double.isFinite(d)) {
        gen.writeNumber(d);
      } else {
        // JSON has no NaN or infinity; text keeps the value visible instead of failing the write.
        gen.writeString(d.toString());
      }
    } else if (value instanceof List<?> list) {
      gen.writeStartArray(list, list.size());
      for (Object item : list) {
        value(gen, item);
      }
      gen.writeEndArray();
    } else if (value instanceof Map<?, ?> map) {
      gen.writeStartObject(map, map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        gen.writeFieldName((String) e.getKey());
        value(gen, e.getValue());
      }
      gen.writeEndObject();
    } else {
      // Article's constructor admits nothing else.
      throw new IllegalStateException("extra holds a " + value.getClass().getName());
    }
  }
}
