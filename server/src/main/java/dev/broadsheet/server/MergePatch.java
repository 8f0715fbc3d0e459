package dev.broadsheet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** JSON Merge Patch (RFC 7396): an object patch merges member by member, null removes, anything else replaces. */
final class MergePatch {
  private MergePatch() {}

  /** {@code patch} applied to {@code target}, which is left as it was. */
  static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy() : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        JsonNode current = result.get(e.getKey());
        result.set(e.getKey(), apply(current == null ? JsonNodeFactory.instance.nullNode() : current, e.getValue()));
      }
    }
    return result;
  }
}
