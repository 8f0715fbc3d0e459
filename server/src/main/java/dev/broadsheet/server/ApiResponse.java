package dev.broadsheet.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link ContentApi#handle}: a status, headers and a body made whole, which an
 * adapter writes to its server's response as they are.
 *
 * <pre>{@code
 * ApiResponse r = api.handle(request);
 * servletResponse.setStatus(r.status());
 * r.headers().forEach((name, values) -> values.forEach(v -> servletResponse.addHeader(name, v)));
 * if (r.bodyLength() > 0) {
 *   servletResponse.setContentLength(r.bodyLength());
 *   r.writeBody(servletResponse.getOutputStream());
 * }
 * }</pre>
 *
 * <p>The headers hold everything the answer needs ({@code Content-Type}, {@code
 * Content-Encoding}, {@code ETag}, ...) except {@code Date}, connection management and the
 * {@code Content-Length} of a body, which belong to the server. The body is empty for 204, 304
 * and {@code HEAD}, whose answer carries the {@code Content-Length} the {@code GET}'s body would
 * have. Header names are case-insensitive. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ApiResponse {
  private final int status;
  private final Map<String, List<String>> headers;
  private final Body body;
  private final @Nullable EventStream stream;

  ApiResponse(int status, Map<String, List<String>> headers, byte[] body) {
    this(status, headers, Body.of(body), null);
  }

  ApiResponse(int status, Map<String, List<String>> headers, Body body, @Nullable EventStream stream) {
    this.status = status;
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> h.put(name, List.copyOf(values)));
    this.headers = Collections.unmodifiableMap(h);
    this.body = body;
    this.stream = stream;
  }

  /**
   * For a streamed answer ({@code GET /events}), what writes its body over time: the adapter
   * sends the status and headers (no {@code Content-Length}), flushes them, then {@linkplain
   * EventStream#start starts} the stream on a sink of its own, or {@linkplain EventStream#close
   * closes} it when it cannot. Empty for every other answer, whose body is whole.
   *
   * @since 0.1.0
   */
  public Optional<EventStream> stream() {
    return Optional.ofNullable(stream);
  }

  /** The status code. */
  public int status() {
    return status;
  }

  /** Every header to send, names case-insensitive; unmodifiable. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of the header {@code name}. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The length of the body in bytes, as sent (compressed, when it is). */
  public int bodyLength() {
    return body.length();
  }

  /** A copy of the body. */
  public byte[] body() {
    return body.bytes().clone();
  }

  /** The body as a stream. */
  public InputStream bodyStream() {
    return new ByteArrayInputStream(body.bytes());
  }

  /**
   * Writes the body to {@code out}, which is left open. The body may be written in several
   * calls: give a stream that buffers, as servers' response streams do.
   */
  public void writeBody(OutputStream out) throws IOException {
    body.writeTo(out);
  }

  @Override
  public String toString() {
    return status + " " + headers.getOrDefault("Content-Type", List.of()) + " (" + body.length() + " bytes)";
  }

  /** Headers in the order they are added, for building a response. */
  static final class Headers {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    Headers set(String name, String value) {
      List<String> list = new ArrayList<>(1);
      list.add(value);
      values.put(name, list);
      return this;
    }

    Headers add(String name, String value) {
      values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      return this;
    }

    Headers remove(String name) {
      values.remove(name);
      return this;
    }

    Map<String, List<String>> map() {
      return values;
    }
  }
}
