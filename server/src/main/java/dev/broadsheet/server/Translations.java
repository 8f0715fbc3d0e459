package dev.broadsheet.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.broadsheet.Article;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * An article's JSON with its language versions listed: {@code "translations":[{"lang":"de",
 * "id":"..."}]} after its other members. The article's JSON is the json module's, read back
 * exactly, so the rest stays as every other answer writes it.
 */
final class Translations {
  /** Numbers come back as Jackson wrote them: doubles as doubles, big integers as big integers. */
  private static final ObjectMapper TREES = new ObjectMapper();

  private Translations() {}

  static byte[] listed(ObjectWriter writer, byte[] articleJson, List<Article> translations) {
    try {
      ObjectNode tree = (ObjectNode) TREES.readTree(articleJson);
      ArrayNode list = tree.putArray("translations");
      for (Article t : translations) {
        ObjectNode one = list.addObject();
        if (t.lang() != null) {
          one.put("lang", t.lang());
        } else {
          one.putNull("lang");
        }
        one.put("id", t.id());
      }
      return writer.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the translations of an article", e);
    }
  }
}
