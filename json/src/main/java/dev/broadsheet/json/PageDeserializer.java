package dev.broadsheet.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.broadsheet.Page;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Page} as {@link PageSerializer} writes it, its items read by the mapper's
 * deserializer for the page's item type ({@code Page<Article>} reads articles).
 */
final class PageDeserializer extends StdDeserializer<Page<?>> implements ContextualDeserializer {
  private static final long serialVersionUID = 1L;

  private final @Nullable JsonDeserializer<Object> items;

  PageDeserializer() {
    this(null);
  }

  private PageDeserializer(@Nullable JsonDeserializer<Object> items) {
    super(Page.class);
    this.items = items;
  }

  @Override
  public JsonDeserializer<?> createContextual(DeserializationContext ctxt, @Nullable BeanProperty property)
      throws JsonMappingException {
    JavaType type = property != null ? property.getType() : ctxt.getContextualType();
    JavaType item = type == null ? ctxt.constructType(Object.class) : type.containedTypeOrUnknown(0);
    return new PageDeserializer(ctxt.findContextualValueDeserializer(item, property));
  }

  @Override
  public Page<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonDeserializer<Object> itemReader = items != null ? items
        : ctxt.findRootValueDeserializer(ctxt.constructType(Object.class));
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      t = p.nextToken();
    } else if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
      return (Page<?>) ctxt.handleUnexpectedToken(Page.class, p);
    }
    List<Object> list = null;
    Integer total = null;
    String next = null;
    for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "items" -> {
          if (value != JsonToken.START_ARRAY) {
            return (Page<?>) ctxt.handleUnexpectedToken(List.class, p);
          }
          list = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
              ctxt.reportInputMismatch(this, "the items of a page are never null");
            }
            list.add(itemReader.deserialize(p, ctxt));
          }
        }
        case "total" -> {
          if (value != JsonToken.VALUE_NUMBER_INT) {
            ctxt.reportInputMismatch(this, "total must be a whole number, was %s", ArticleReader.kind(value));
          }
          total = p.getIntValue();
        }
        case "nextCursor" -> {
          if (value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_STRING) {
            ctxt.reportInputMismatch(this, "nextCursor must be a string or null, was %s", ArticleReader.kind(value));
          }
          next = value == JsonToken.VALUE_NULL ? null : p.getText();
        }
        default -> handleUnknownProperty(p, ctxt, Page.class, name);
      }
    }
    if (list == null || total == null) {
      ctxt.reportInputMismatch(this, "a page has items and a total");
    }
    return Page.of(list, next, total);
  }
}
