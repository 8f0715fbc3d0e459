package dev.broadsheet.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.broadsheet.json.internal.JsonPath;

/** JSONPath names ({@code $.source.key}, {@code $.tags[2]}) for where a parser stands. */
final class JsonPaths {

  private JsonPaths() {}

  /** The path of the value the parser's current token is, or starts. */
  static String ofCurrentValue(JsonParser p) {
    JsonStreamContext ctx = p.getParsingContext();
    JsonToken t = p.currentToken();
    // A container's start token already stands in the container's own context.
    if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && ctx != null) {
      ctx = ctx.getParent();
    }
    return JsonPath.of(ctx);
  }

  /** The path of the object the parser is reading the fields of. */
  static String ofCurrentObject(JsonParser p) {
    JsonStreamContext ctx = p.getParsingContext();
    return JsonPath.of(ctx == null ? null : ctx.getParent());
  }

  /** 1-based line of a location, or 0 when the input has no positions. */
  static int line(JsonLocation at) {
    return Math.max(0, at.getLineNr());
  }

  /** 1-based column of a location, or 0 when the input has no positions. */
  static int column(JsonLocation at) {
    return at.getLineNr() <= 0 ? 0 : Math.max(0, at.getColumnNr());
  }
}
