package dev.broadsheet.json.jackson3;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/** A value written by Broadsheet's Jackson 2 module, replayed into the Jackson 3 generator. */
final class BridgedSerializer<T> extends StdSerializer<T> {
  private final Bridge bridge;

  BridgedSerializer(Class<T> type, Bridge bridge) {
    super(type);
    this.bridge = bridge;
  }

  @Override
  public void serialize(T value, JsonGenerator gen, SerializationContext ctxt) {
    bridge.write(value, gen);
  }
}
