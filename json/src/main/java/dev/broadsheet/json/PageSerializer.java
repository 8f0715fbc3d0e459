package dev.broadsheet.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.broadsheet.Page;
import java.io.IOException;

/** {@code {"items": [...], "total": N, "nextCursor": "..." | null}}; items by the mapper's serializers. */
final class PageSerializer extends StdSerializer<Page<?>> {
  private static final long serialVersionUID = 1L;

  PageSerializer() {
    super(Page.class, false);
  }

  @Override
  public void serialize(Page<?> page, JsonGenerator gen, SerializerProvider provider) throws IOException {
    gen.writeStartObject(page);
    gen.writeArrayFieldStart("items");
    for (Object item : page.items()) {
      provider.defaultSerializeValue(item, gen);
    }
    gen.writeEndArray();
    gen.writeNumberField("total", page.total());
    String next = page.nextCursor().orElse(null);
    if (next == null) {
      gen.writeNullField("nextCursor");
    } else {
      gen.writeStringField("nextCursor", next);
    }
    gen.writeEndObject();
  }
}
