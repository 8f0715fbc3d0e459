package dev.broadsheet.json.jackson3;

import dev.broadsheet.Article;
import dev.broadsheet.Page;
import dev.broadsheet.StoredArticle;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * A page of articles or stored articles, read by broadsheet-json, so that each problem's path
 * names the item ({@code $.items[2].title}).
 */
final class PageDeserializer extends StdDeserializer<Page<?>> {
  private final Bridge bridge;
  private final com.fasterxml.jackson.databind.@Nullable JavaType type;

  PageDeserializer(Bridge bridge, com.fasterxml.jackson.databind.@Nullable JavaType type) {
    super(Page.class);
    this.bridge = bridge;
    this.type = type;
  }

  @Override
  public ValueDeserializer<?> createContextual(DeserializationContext ctxt, @Nullable BeanProperty property) {
    JavaType page = ctxt.getContextualType();
    JavaType item = page == null ? null : page.containedType(0);
    Class<?> raw = item == null ? Object.class : item.getRawClass();
    if (raw != Article.class && raw != StoredArticle.class) {
      return ctxt.reportBadDefinition(page == null ? ctxt.constructType(Page.class) : page,
          "Broadsheet reads pages of Article or StoredArticle, not of " + raw.getName());
    }
    return new PageDeserializer(bridge, bridge.type(Page.class, raw));
  }

  @Override
  public Page<?> deserialize(JsonParser p, DeserializationContext ctxt) {
    if (type == null) {
      return ctxt.reportBadDefinition(ctxt.constructType(Page.class), "a page needs its item type");
    }
    return bridge.read(p, type);
  }
}
