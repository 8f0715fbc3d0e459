package dev.broadsheet.server;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An answer made whole, body included, before anything is sent, so that a failure can still
 * become a 500; {@link ContentApi} adds the headers every answer has, the validators, CORS and
 * compression.
 *
 * @param contentType null when there is no body
 * @param etag the strong validator, quoted; null for a hash of the body (on a 200) or none
 * @param lastModified when the content last changed, if that is known honestly
 */
record Reply(int status, @Nullable String contentType, Body body, String cacheControl, Map<String, String> headers,
    @Nullable String etag, @Nullable Instant lastModified) {
  /** Errors and answers for one reader are never kept by a cache. */
  static final String NO_STORE = "no-store";
  /** Authorized answers show what the public must not see: never kept by any cache. */
  static final String PRIVATE = "private, no-store";

  Reply {
    headers = Map.copyOf(headers);
  }

  Reply(int status, @Nullable String contentType, byte[] body, String cacheControl, Map<String, String> headers,
      @Nullable String etag, @Nullable Instant lastModified) {
    this(status, contentType, Body.of(body), cacheControl, headers, etag, lastModified);
  }

  static Reply ok(String contentType, byte[] body, String cacheControl) {
    return ok(contentType, Body.of(body), cacheControl);
  }

  static Reply ok(String contentType, Body body, String cacheControl) {
    return new Reply(200, contentType, body, cacheControl, Map.of(), null, null);
  }

  /** An answer without a body: 204, say. */
  static Reply empty(int status) {
    return new Reply(status, null, Body.EMPTY, NO_STORE, Map.of(), null, null);
  }

  Reply withStatus(int value) {
    return new Reply(value, contentType, body, cacheControl, headers, etag, lastModified);
  }

  Reply withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Reply(status, contentType, body, cacheControl, h, etag, lastModified);
  }

  Reply withValidators(@Nullable String strongEtag, @Nullable Instant modified) {
    return new Reply(status, contentType, body, cacheControl, headers, strongEtag, modified);
  }
}
