package dev.broadsheet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Checks an answer against the API's OpenAPI document: the document lists the operation's
 * status, the answer's media type is one the document gives for it, and a JSON body is valid
 * against that media type's schema. {@link ApiClient} runs it on every answer it receives, so
 * each test of the behaviour kit checks the document too, on every adapter.
 *
 * <p>Only the API's answers are checked: those carry {@code Referrer-Policy: no-referrer}, which
 * the API sets on every answer it makes. A server may refuse a request before the API sees it
 * (Jetty answers an ambiguous escape such as {@code %2F} in a path, or a URI too long, with an
 * empty 400 or 414 of its own); such an answer must be an error, and is the container's to
 * describe.
 */
final class OpenApiConformance {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private final JsonNode document;
  private final String basePath;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  /**
   * @param document the OpenAPI document, as the API serves it
   * @param basePath the raw path the API is mounted at ({@code ""} or {@code /api})
   */
  OpenApiConformance(JsonNode document, String basePath) {
    this.document = document;
    this.basePath = basePath;
  }

  /**
   * @param body the body as received, or null when the client did not keep its bytes (a text
   *     body that was compressed); it is then not checked against its schema
   * @throws AssertionError naming the request and what the document does not allow
   */
  void check(String method, URI uri, int status, Map<String, List<String>> headers, byte[] body) {
    String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!rawPath.startsWith(basePath)) {
      return; // not the API's
    }
    String what = method + " " + rawPath + " answered " + status;
    if (!"no-referrer".equals(first(headers, "Referrer-Policy"))) {
      assertThat(status >= 400, what + " without the headers of the API's answers, and not as an error");
      return;
    }
    Route.Match match = Route.match(rawPath.substring(basePath.length()));
    if (match == null) {
      // Outside every path: the document cannot list it. The API says so with a 404 problem.
      assertThat(status == 404, what + ", but no path of the document matches and only a 404 may");
      return;
    }
    String template = match.path().template;
    String op = method.equals("HEAD") ? "get" : method.toLowerCase(Locale.ROOT);
    JsonNode operation = document.path("paths").path(template).path(op);
    if (operation.isMissingNode()) {
      assertThat(status == 405, what + ", but the document has no " + op + " on " + template
          + " and only a 405 may");
      return;
    }
    JsonNode response = operation.path("responses").path(Integer.toString(status));
    assertThat(!response.isMissingNode(), what + ", which the document does not list for " + op + " " + template
        + " (it lists " + names(operation.path("responses")) + ")");
    String contentType = first(headers, "Content-Type");
    JsonNode content = response.path("content");
    if (method.equals("HEAD") || status == 304 || content.isMissingNode()) {
      assertThat(content.isMissingNode() ? contentType == null || method.equals("HEAD") : true,
          what + " with " + contentType + ", but the document gives it no content");
      return;
    }
    assertThat(contentType != null, what + " without a Content-Type; the document gives " + names(content));
    String mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    assertThat(content.has(mediaType), what + " as " + mediaType + "; the document gives " + names(content));
    if (!mediaType.endsWith("json") || body == null) {
      return;
    }
    byte[] plain = "gzip".equalsIgnoreCase(first(headers, "Content-Encoding")) ? gunzip(body) : body;
    JsonNode instance = ApiClient.parse(new String(plain, StandardCharsets.UTF_8));
    String pointer = "/paths/" + escape(template) + "/" + op + "/responses/" + status + "/content/" + escape(mediaType)
        + "/schema";
    List<Error> errors = schemas.computeIfAbsent(pointer, this::schema).validate(instance);
    assertThat(errors.isEmpty(), what + ": the body does not match the document's schema " + pointer + ": "
        + errors + "\n" + new String(plain, StandardCharsets.UTF_8));
  }

  /** The schema at {@code pointer}, resolved within the whole document, whose references it follows. */
  private Schema schema(String pointer) {
    ObjectNode root = document.deepCopy();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$ref", "#" + pointer);
    return REGISTRY.getSchema(root);
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static String names(JsonNode object) {
    StringBuilder b = new StringBuilder();
    object.fieldNames().forEachRemaining(n -> b.append(b.length() == 0 ? "" : ", ").append(n));
    return b.toString();
  }

  private static String first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  private static byte[] gunzip(byte[] body) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertThat(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError("OpenAPI conformance: " + message);
    }
  }
}
