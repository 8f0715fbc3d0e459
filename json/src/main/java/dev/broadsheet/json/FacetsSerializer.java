package dev.broadsheet.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.broadsheet.Facets;
import dev.broadsheet.Sentiment;
import java.io.IOException;
import java.util.Map;

/**
 * {@link Facets} with each facet as an array of {@code {"value", "count"}} objects in the
 * facet's order, which JSON objects would not reliably keep.
 */
final class FacetsSerializer extends StdSerializer<Facets> {
  private static final long serialVersionUID = 1L;

  /** The facet arrays, in the order they are written. */
  static final String[] FACETS = {"categories", "tags", "sentiments", "langs", "sources"};

  FacetsSerializer() {
    super(Facets.class);
  }

  @Override
  public void serialize(Facets facets, JsonGenerator gen, SerializerProvider provider) throws IOException {
    gen.writeStartObject(facets);
    gen.writeNumberField("total", facets.total());
    counts(gen, FACETS[0], facets.categories());
    counts(gen, FACETS[1], facets.tags());
    gen.writeArrayFieldStart(FACETS[2]);
    for (Map.Entry<Sentiment, Integer> e : facets.sentiments().entrySet()) {
      count(gen, e.getKey().name(), e.getValue());
    }
    gen.writeEndArray();
    counts(gen, FACETS[3], facets.langs());
    counts(gen, FACETS[4], facets.sources());
    gen.writeEndObject();
  }

  private static void counts(JsonGenerator gen, String name, Map<String, Integer> counts) throws IOException {
    gen.writeArrayFieldStart(name);
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      count(gen, e.getKey(), e.getValue());
    }
    gen.writeEndArray();
  }

  private static void count(JsonGenerator gen, String value, int count) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("value", value);
    gen.writeNumberField("count", count);
    gen.writeEndObject();
  }
}
