package dev.broadsheet.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.broadsheet.server.BadRequest.InvalidParam;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A whole response, body included, made before anything is sent: a failure can still become a 500. */
record Response(int status, String contentType, byte[] body, String cacheControl, Map<String, String> headers) {
  static final String JSON = "application/json; charset=utf-8";
  static final String PROBLEM_JSON = "application/problem+json";
  static final String HTML = "text/html; charset=utf-8";
  /** Errors and answers for one reader are never kept by a cache. */
  static final String NO_STORE = "no-store";

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final String INVALID_PARAMS = "https://broadsheet.dev/problems/invalid-parameters";

  Response {
    headers = Map.copyOf(headers);
  }

  static Response ok(String contentType, byte[] body, String cacheControl) {
    return new Response(200, contentType, body, cacheControl, Map.of());
  }

  Response withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Response(status, contentType, body, cacheControl, h);
  }

  /** An RFC 9457 problem document with {@code type} {@code about:blank} and the status's title. */
  static Response problem(int status, String detail) {
    return problem(status, "about:blank", title(status), detail, List.of());
  }

  /** 400 listing every refused parameter under {@code invalid-params}, each with its name and reason. */
  static Response invalidParams(List<InvalidParam> params) {
    String detail = params.size() == 1
        ? "Parameter '" + params.get(0).name() + "': " + params.get(0).reason()
        : params.size() + " parameters are invalid.";
    return problem(400, INVALID_PARAMS, "Invalid request parameters", detail, params);
  }

  private static Response problem(int status, String type, String title, String detail, List<InvalidParam> params) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", type);
      g.writeStringField("title", title);
      g.writeNumberField("status", status);
      g.writeStringField("detail", detail);
      if (!params.isEmpty()) {
        g.writeArrayFieldStart("invalid-params");
        for (InvalidParam p : params) {
          g.writeStartObject();
          g.writeStringField("name", p.name());
          g.writeStringField("reason", p.reason());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return new Response(status, PROBLEM_JSON, out.toByteArray(), NO_STORE, Map.of());
  }

  /** A small JSON object of string and number fields, in the order given. */
  static byte[] object(Map<String, @Nullable Object> fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, @Nullable Object> e : fields.entrySet()) {
        Object v = e.getValue();
        if (v instanceof Number n) {
          g.writeNumberField(e.getKey(), n.longValue());
        } else {
          g.writeStringField(e.getKey(), String.valueOf(v));
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 414 -> "URI Too Long";
      case 500 -> "Internal Server Error";
      default -> "Error";
    };
  }
}
