package dev.broadsheet.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** JSONPath names ({@code $.source.key}, {@code $.tags[2]}) for where a parser stands. */
final class JsonPaths {
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private JsonPaths() {}

  /** The path of the value the parser's current token is, or starts. */
  static String ofCurrentValue(JsonParser p) {
    JsonStreamContext ctx = p.getParsingContext();
    JsonToken t = p.currentToken();
    // A container's start token already stands in the container's own context.
    if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && ctx != null) {
      ctx = ctx.getParent();
    }
    return of(ctx);
  }

  /** The path of the object the parser is reading the fields of. */
  static String ofCurrentObject(JsonParser p) {
    JsonStreamContext ctx = p.getParsingContext();
    return of(ctx == null ? null : ctx.getParent());
  }

  /** The path of the entry {@code ctx} currently stands at. */
  private static String of(@Nullable JsonStreamContext ctx) {
    if (ctx == null || ctx.inRoot()) {
      return "$";
    }
    StringBuilder b = new StringBuilder(of(ctx.getParent()));
    if (ctx.inArray()) {
      return b.append('[').append(Math.max(0, ctx.getCurrentIndex())).append(']').toString();
    }
    String name = ctx.getCurrentName();
    return member(b, name == null ? "" : name).toString();
  }

  /** {@code .name}, or {@code ['name']} when the name is not a plain identifier. */
  static StringBuilder member(StringBuilder b, String name) {
    if (PLAIN_NAME.matcher(name).matches()) {
      return b.append('.').append(name);
    }
    b.append("['");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\'' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append("']");
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
