package dev.broadsheet.json.internal;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How Broadsheet spells a place in a JSON document: {@code $}, {@code $.tags[1]}, {@code
 * $['a b']}. The one spelling of problem paths that the article reader writes and that the HTTP
 * API maps back to lines and columns of the request body.
 */
public final class JsonPath {
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private JsonPath() {}

  /** The path of the entry {@code ctx} currently stands at; {@code $} for the root or none. */
  public static String of(@Nullable JsonStreamContext ctx) {
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

  /** Appends {@code .name}, or {@code ['name']} when the name is not a plain identifier. */
  public static StringBuilder member(StringBuilder b, String name) {
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
}
