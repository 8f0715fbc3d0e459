package dev.broadsheet.json.jackson3;

import dev.broadsheet.Page;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * {@code {"items": [...], "total": N, "nextCursor": "..." | null}}, as broadsheet-json writes a
 * page; the items by the Jackson 3 mapper's own serializers, so that a page of any type works.
 */
final class PageSerializer extends StdSerializer<Page<?>> {
  PageSerializer() {
    super(Page.class, false);
  }

  @Override
  public void serialize(Page<?> page, JsonGenerator gen, SerializationContext ctxt) {
    gen.writeStartObject(page);
    gen.writeName("items");
    gen.writeStartArray();
    for (Object item : page.items()) {
      ctxt.writeValue(gen, item);
    }
    gen.writeEndArray();
    gen.writeNumberProperty("total", page.total());
    String next = page.nextCursor().orElse(null);
    if (next == null) {
      gen.writeNullProperty("nextCursor");
    } else {
      gen.writeStringProperty("nextCursor", next);
    }
    gen.writeEndObject();
  }
}
