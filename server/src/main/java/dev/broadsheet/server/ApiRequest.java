package dev.broadsheet.server;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as {@link ContentApi} sees it, made by an adapter from its server's request:
 * the method, the raw path below the point the API is mounted at, the raw query string, the
 * headers and the body.
 *
 * <pre>{@code
 * ApiRequest request = ApiRequest.builder("GET", "/articles")
 *     .base("/api")                                  // mounted at /api: links and Location start there
 *     .query("category=SPORTS&limit=3")              // as sent, still percent-encoded
 *     .header("Accept-Encoding", "gzip")
 *     .build();
 * ApiResponse response = api.handle(request);
 * }</pre>
 *
 * <p>Header names are case-insensitive. The body is a stream the API reads at most once, and
 * only when the route takes a body and the request is authorized, so that an adapter need not
 * read what the API refuses; or bytes the adapter has read already. Apart from that stream,
 * immutable; safe to hand to another thread.
 *
 * @since 0.1.0
 */
public final class ApiRequest {
  private final String method;
  private final String path;
  private final @Nullable String query;
  private final String base;
  private final Map<String, List<String>> headers;
  private final byte @Nullable [] bodyBytes;
  private final @Nullable InputStream bodyStream;

  private ApiRequest(Builder b) {
    this.method = b.method;
    this.path = b.path;
    this.query = b.query;
    this.base = b.base;
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    b.headers.forEach((name, values) -> h.put(name, List.copyOf(values)));
    this.headers = Collections.unmodifiableMap(h);
    this.bodyBytes = b.bodyBytes;
    this.bodyStream = b.bodyStream;
  }

  /**
   * A builder for a request.
   *
   * @param method the method as sent ({@code GET}, {@code PATCH}); methods are case-sensitive
   * @param path the raw (still percent-encoded) path below the point the API is mounted at:
   *     {@code /articles/2026/01/harbour-ferry}, or {@code ""} or {@code /} for the preview page.
   *     A path that is neither empty nor starts with {@code /} is answered with a 404.
   */
  public static Builder builder(String method, String path) {
    return new Builder(Objects.requireNonNull(method, "method"), Objects.requireNonNull(path, "path"));
  }

  /** The method as sent. */
  public String method() {
    return method;
  }

  /** The raw path below the mount point, as given to {@link #builder}. */
  public String path() {
    return path;
  }

  /** The raw query string without its {@code ?}; empty when the request has none. */
  public Optional<String> query() {
    return Optional.ofNullable(query);
  }

  /**
   * The raw path the API is mounted at, without a trailing slash: {@code ""} at the root,
   * {@code /api} below it. Links in pages and {@code Location} headers start with it.
   */
  public String base() {
    return base;
  }

  /** Every header, names case-insensitive, values in the order sent; unmodifiable. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** Every value of the header {@code name}, possibly none. */
  public List<String> headers(String name) {
    return headers.getOrDefault(name, List.of());
  }

  /** The first value of the header {@code name}. */
  public Optional<String> header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The body: a fresh stream over the bytes given to the builder, or the stream given to it,
   * which can be read once. Empty when the builder was given neither.
   */
  public InputStream body() {
    if (bodyStream != null) {
      return bodyStream;
    }
    return new ByteArrayInputStream(bodyBytes != null ? bodyBytes : new byte[0]);
  }

  @Override
  public String toString() {
    return method + " " + base + path + (query != null ? "?" + query : "");
  }

  /** Options of an {@link ApiRequest}. Not thread-safe; {@link #build()} copies its state. */
  public static final class Builder {
    private final String method;
    private final String path;
    private @Nullable String query;
    private String base = "";
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte @Nullable [] bodyBytes;
    private @Nullable InputStream bodyStream;

    private Builder(String method, String path) {
      this.method = method;
      this.path = path;
    }

    /** The raw query string without its {@code ?}; null or empty for none. */
    public Builder query(@Nullable String value) {
      this.query = value == null || value.isEmpty() ? null : value;
      return this;
    }

    /**
     * The raw path the API is mounted at: {@code ""} (the default) or {@code /api}, say.
     *
     * @throws IllegalArgumentException when it is not empty and does not start with {@code /},
     *     or ends with one
     */
    public Builder base(String value) {
      Objects.requireNonNull(value, "base");
      if (!value.isEmpty() && (!value.startsWith("/") || value.endsWith("/"))) {
        throw new IllegalArgumentException("base must be empty or start with '/' and not end with one, was '"
            + value + "'");
      }
      this.base = value;
      return this;
    }

    /** Adds a value of the header {@code name}, after those it has. */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Adds every header of {@code values}, names in any case. */
    public Builder headers(Map<String, ? extends List<String>> values) {
      Objects.requireNonNull(values, "headers");
      values.forEach((name, list) -> list.forEach(v -> header(name, v)));
      return this;
    }

    /** The body as bytes the adapter has read; not copied, so not to be changed afterwards. */
    public Builder body(byte[] value) {
      this.bodyBytes = Objects.requireNonNull(value, "body");
      this.bodyStream = null;
      return this;
    }

    /**
     * The body as a stream the API reads when it needs it (at most {@link
     * ContentApi.Builder#maxBodyBytes} and one byte more). An {@link java.io.IOException} from it
     * means the client went away: {@link ContentApi#handle} throws it on as an {@link
     * java.io.UncheckedIOException}.
     */
    public Builder body(InputStream value) {
      this.bodyStream = Objects.requireNonNull(value, "body");
      this.bodyBytes = null;
      return this;
    }

    public ApiRequest build() {
      return new ApiRequest(this);
    }
  }
}
