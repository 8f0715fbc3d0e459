package dev.broadsheet.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.broadsheet.Article;
import dev.broadsheet.json.BroadsheetModule;
import java.util.Map;

/** The JSON the store writes into its jsonb columns. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new BroadsheetModule());
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private Json() {}

  /**
   * The article as broadsheet-json writes it. PostgreSQL text cannot hold the character NUL,
   * which a body may: in this copy each is written as U+FFFD; the file keeps it.
   */
  static String article(Article a) {
    Article copy = a.body().indexOf('\0') >= 0 ? a.withBody(a.body().replace('\0', '\uFFFD')) : a;
    try {
      return MAPPER.writeValueAsString(copy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write article '" + a.id() + "' as JSON", e);
    }
  }

  static String object(Map<String, String> values) {
    try {
      return MAPPER.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + values + " as JSON", e);
    }
  }

  /** A JSON object of text values; throws for anything else. */
  static Map<String, String> stringMap(String json) {
    try {
      return MAPPER.readValue(json, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON object of text values: " + e.getOriginalMessage(), e);
    }
  }
}
