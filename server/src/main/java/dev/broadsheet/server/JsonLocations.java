package dev.broadsheet.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.broadsheet.json.internal.JsonPath;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * JSON paths as the JSON module names them in problems ({@code $.source.key}, {@code
 * $.tags[2]}, {@code $['odd key']}), turned into JSON Pointers (RFC 6901) and into positions in
 * a document the client sent.
 */
final class JsonLocations {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** A 1-based line and column in a document; 0 and 0 when unknown. */
  record Position(int line, int column) {
    static final Position NONE = new Position(0, 0);
  }

  private final Map<String, Position> positions;

  private JsonLocations(Map<String, Position> positions) {
    this.positions = positions;
  }

  static JsonLocations none() {
    return new JsonLocations(Map.of());
  }

  /** Where each value of {@code json} starts, by its path; {@link #none} when it does not parse. */
  static JsonLocations of(byte[] json) {
    Map<String, Position> out = new HashMap<>();
    try (JsonParser p = FACTORY.createParser(json)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME || t.isStructEnd()) {
          continue;
        }
        JsonStreamContext ctx = p.getParsingContext();
        if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && ctx != null) {
          ctx = ctx.getParent();
        }
        JsonLocation at = p.currentTokenLocation();
        out.putIfAbsent(JsonPath.of(ctx), new Position(Math.max(0, at.getLineNr()), Math.max(0, at.getColumnNr())));
      }
    } catch (IOException e) {
      return none();
    }
    return new JsonLocations(out);
  }

  /**
   * The position of {@code path}, or of the nearest value around it that the document holds
   * (a problem of {@code $.source.url} when the document set {@code $.source}); none when the
   * document holds none of them.
   */
  Position at(String path) {
    String p = path;
    while (true) {
      Position found = positions.get(p);
      if (found != null) {
        return found;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) {
        return Position.NONE;
      }
      p = p.substring(0, cut);
    }
  }

  /**
   * The JSON Pointer of a path: {@code $.tags[1]} is {@code /tags/1}, {@code $} is {@code ""}.
   * A path of another form is returned as the pointer of the document.
   */
  static String pointer(String path) {
    if (!path.startsWith("$")) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int i = 1;
    int n = path.length();
    while (i < n) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < n && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        token(out, path.substring(i + 1, end));
        i = end;
      } else if (c == '[' && i + 1 < n && path.charAt(i + 1) == '\'') {
        StringBuilder name = new StringBuilder();
        int j = i + 2;
        while (j < n && path.charAt(j) != '\'') {
          char d = path.charAt(j);
          if (d == '\\' && j + 1 < n) {
            char e = path.charAt(j + 1);
            if (e == 'u' && j + 5 < n) {
              name.append((char) Integer.parseInt(path.substring(j + 2, j + 6), 16));
              j += 6;
              continue;
            }
            name.append(e);
            j += 2;
            continue;
          }
          name.append(d);
          j++;
        }
        token(out, name.toString());
        i = j + 2; // past "']"
      } else if (c == '[') {
        int end = path.indexOf(']', i);
        if (end < 0) {
          break;
        }
        token(out, path.substring(i + 1, end));
        i = end + 1;
      } else {
        break;
      }
    }
    return out.toString();
  }

  private static void token(StringBuilder out, String name) {
    out.append('/').append(name.replace("~", "~0").replace("/", "~1"));
  }
}
