package dev.broadsheet.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleField;
import dev.broadsheet.Revision;
import dev.broadsheet.Sentiment;
import dev.broadsheet.internal.Instants;
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
    // The schema's canonical order, which is the order new frontmatter is written in. Fields
    // with a default and the tags are always written, so a client finds them in every object.
    for (ArticleField f : ArticleField.topLevel()) {
      Object v = f.get(a);
      if (v != null) {
        gen.writeFieldName(f.key());
        value(gen, f, v);
      }
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

  /** A field's value, by its type. */
  private static void value(JsonGenerator gen, ArticleField f, Object v) throws IOException {
    switch (f.type()) {
      case TEXT -> gen.writeString((String) v);
      case INSTANT -> gen.writeString(Instants.iso((Instant) v));
      case WHOLE_NUMBER -> gen.writeNumber((Integer) v);
      case NUMBER -> gen.writeNumber((Double) v);
      case BOOLEAN -> gen.writeBoolean((Boolean) v);
      case SENTIMENT -> gen.writeString(((Sentiment) v).name());
      case TEXT_LIST -> {
        List<?> items = (List<?>) v;
        gen.writeStartArray(items, items.size());
        for (Object item : items) {
          gen.writeString((String) item);
        }
        gen.writeEndArray();
      }
      case GROUP -> {
        gen.writeStartObject(v);
        for (ArticleField c : f.children()) {
          Object cv = c.valueIn(v);
          if (cv != null) {
            gen.writeFieldName(c.key());
            value(gen, c, cv);
          }
        }
        gen.writeEndObject();
      }
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
