package dev.broadsheet.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Cross-origin access for configured origins only: a request from one of them gets {@code
 * Access-Control-Allow-Origin} naming it, and a preflight the methods and headers the route
 * takes; a request from any other origin gets no CORS header at all, so the browser refuses it.
 */
final class Cors {
  /** What a browser may send: the bearer token, the body's type and the conditional headers. */
  static final String ALLOW_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, If-Modified-Since";
  /** What a script may read beyond the simple headers: what it needs to write back and follow. */
  static final String EXPOSE_HEADERS = "ETag, Last-Modified, Location, WWW-Authenticate";
  /** How long a browser may keep a preflight's answer, in seconds. */
  static final String MAX_AGE = "600";

  private final Set<String> origins;

  Cors(List<String> origins) {
    this.origins = Set.copyOf(new LinkedHashSet<>(origins));
  }

  boolean enabled() {
    return !origins.isEmpty();
  }

  /** The request's {@code Origin} when it is one of the configured origins, else null. */
  @Nullable String allowed(ApiRequest request) {
    if (origins.isEmpty()) {
      return null;
    }
    String origin = request.header("Origin").orElse(null);
    return origin != null && origins.contains(origin.toLowerCase(Locale.ROOT)) ? origin : null;
  }

  /**
   * An origin as browsers send it: {@code https://example.com}, {@code http://localhost:3000},
   * lower-cased, without a default port.
   *
   * @throws IllegalArgumentException when {@code value} is not a scheme, a host and an optional port
   */
  static String normalize(String value) {
    String message = "corsOrigins must be origins such as https://example.com, was '" + value + "'";
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(message, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(message);
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }
}
