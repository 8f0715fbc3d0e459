package dev.broadsheet.json.jackson3;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/** A value read by Broadsheet's Jackson 2 module from the tokens of the Jackson 3 parser. */
final class BridgedDeserializer<T> extends StdDeserializer<T> {
  private final Bridge bridge;
  private final com.fasterxml.jackson.databind.JavaType type;

  BridgedDeserializer(Class<T> type, Bridge bridge) {
    super(type);
    this.bridge = bridge;
    this.type = bridge.type(type);
  }

  @Override
  public T deserialize(JsonParser p, DeserializationContext ctxt) {
    return bridge.read(p, type);
  }
}
