package dev.broadsheet.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.broadsheet.server.BadRequest.InvalidParam;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * RFC 9457 problem documents: {@code type}, {@code title}, {@code status}, {@code detail} and
 * the members a kind of problem adds. Never a stack trace or a file path.
 */
final class Problems {
  static final String INVALID_PARAMS = "https://broadsheet.dev/problems/invalid-parameters";
  static final String INVALID_ARTICLE = "https://broadsheet.dev/problems/invalid-article";
  static final String MALFORMED_JSON = "https://broadsheet.dev/problems/malformed-json";
  static final String REVISION_MISMATCH = "https://broadsheet.dev/problems/revision-mismatch";
  static final String ARTICLE_EXISTS = "https://broadsheet.dev/problems/article-exists";

  private static final JsonFactory FACTORY = new JsonFactory();

  private Problems() {}

  /** A problem with {@code type} {@code about:blank} and the status's title. */
  static Reply of(int status, String detail) {
    return typed(status, "about:blank", title(status), detail, Map.of());
  }

  /** 400 listing every refused parameter under {@code invalid-params}, each with its name and reason. */
  static Reply invalidParams(List<InvalidParam> params) {
    String detail = params.size() == 1
        ? "Parameter '" + params.get(0).name() + "': " + params.get(0).reason()
        : params.size() + " parameters are invalid.";
    List<Map<String, @Nullable Object>> list = new ArrayList<>();
    for (InvalidParam p : params) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("name", p.name());
      m.put("reason", p.reason());
      list.add(m);
    }
    return typed(400, INVALID_PARAMS, "Invalid request parameters", detail, Map.of("invalid-params", list));
  }

  /** A problem of a kind of its own, with extension members in the order given. */
  static Reply typed(int status, String type, String title, String detail, Map<String, ? extends @Nullable Object> members) {
    Map<String, @Nullable Object> all = new LinkedHashMap<>();
    all.put("type", type);
    all.put("title", title);
    all.put("status", status);
    all.put("detail", detail);
    all.putAll(members);
    return new Reply(status, MediaTypes.PROBLEM_JSON, json(all), Reply.NO_STORE, Map.of(), null, null);
  }

  /** A small JSON value of maps, lists, text, numbers, booleans and nulls. */
  static byte[] json(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator g, @Nullable Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (value instanceof Integer || value instanceof Long) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeString(value.toString());
    }
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 412 -> "Precondition Failed";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 428 -> "Precondition Required";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }
}
