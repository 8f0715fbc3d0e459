package dev.broadsheet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * A client of an API served at {@link #base}: real HTTP over the loopback interface. Every answer
 * it receives is checked against the OpenAPI document the API serves ({@link OpenApiConformance}).
 */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Where the API is mounted, without a trailing slash: {@code http://127.0.0.1:8080/api}. */
  final URI base;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private OpenApiConformance conformance;

  ApiClient(URI base) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
  }

  /** The raw path the API is mounted at: {@code ""} or {@code /api}. */
  String basePath() {
    return base.getRawPath() == null ? "" : base.getRawPath();
  }

  /** The path of {@code pathAndQuery} below the base, as links and {@code Location} give it. */
  String path(String pathAndQuery) {
    return basePath() + pathAndQuery;
  }

  URI uri(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery, String... headers) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET(), headers);
  }

  HttpResponse<String> head(String pathAndQuery, String... headers) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).method("HEAD", HttpRequest.BodyPublishers.noBody()), headers);
  }

  /** A request of any method, with a body when {@code body} is not null. */
  HttpResponse<String> send(String method, String pathAndQuery, String body, String... headers) {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).method(method, publisher), headers);
  }

  CompletableFuture<HttpResponse<String>> sendAsync(String method, String pathAndQuery, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery))
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .timeout(Duration.ofSeconds(20));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .thenApply(this::conforming);
  }

  HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
    if (headers.length > 0) {
      request.headers(headers);
    }
    return conforming(exchange(request.timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
  }

  HttpResponse<byte[]> bytes(String pathAndQuery, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
    if (headers.length > 0) {
      b.headers(headers);
    }
    HttpResponse<byte[]> r = exchange(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    conformance().check(r.request().method(), r.uri(), r.statusCode(), r.headers().map(), r.body());
    return r;
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return client.send(request, handler);
        } catch (IOException e) {
          // A kept-alive connection the server closed as the request went out (Tomcat closes
          // one after 100 requests; with several readers, the next pooled one may be closing
          // too): an HTTP/1.1 client sends an idempotent request again (RFC 9112, 9.3.1).
          boolean idempotent = request.method().equals("GET") || request.method().equals("HEAD");
          if (!idempotent || attempt == 5 || !String.valueOf(e.getMessage()).contains("received no bytes")) {
            throw e;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A text answer, checked against the document; its body only when it was not compressed. */
  private HttpResponse<String> conforming(HttpResponse<String> r) {
    byte[] body = r.headers().firstValue("Content-Encoding").isPresent() ? null
        : r.body().getBytes(StandardCharsets.UTF_8);
    conformance().check(r.request().method(), r.uri(), r.statusCode(), r.headers().map(), body);
    return r;
  }

  /** The checker of the document the API serves, read once, when the first answer comes. */
  private synchronized OpenApiConformance conformance() {
    if (conformance == null) {
      HttpResponse<String> r = exchange(HttpRequest.newBuilder(uri("/openapi.json")).timeout(Duration.ofSeconds(20))
          .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() != 200) {
        throw new AssertionError("GET /openapi.json gave " + r.statusCode() + ": " + r.body());
      }
      conformance = new OpenApiConformance(parse(r.body()), basePath());
    }
    return conformance;
  }

  /** The body of a 200 as JSON; fails with the body when the status is another. */
  JsonNode json(String pathAndQuery, String... headers) {
    HttpResponse<String> r = get(pathAndQuery, headers);
    if (r.statusCode() != 200) {
      throw new AssertionError(pathAndQuery + " gave " + r.statusCode() + ": " + r.body());
    }
    return parse(r.body());
  }

  /** One request written on a socket as it is given, bypassing any client's clean-up; the answer until closed. */
  String raw(String request) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      try {
        in.transferTo(all);
      } catch (java.net.SocketException reset) {
        // closed with unread request bytes on the server's side: what arrived before counts
      }
      return all.toString(StandardCharsets.UTF_8);
    }
  }

  /** One answer read from {@code in}: its head and as many bytes of body as its Content-Length says. */
  static String response(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      head.write(c);
      byte[] h = head.toByteArray();
      int n = h.length;
      if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
        break;
      }
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).strip());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }

  /** A header's value, or null. */
  static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  /**
   * The media type of an answer, compared as a type, not as text: lower-cased, without white
   * space around its parameters ({@code application/json;charset=utf-8}), as servers spell it
   * differently.
   */
  static String mediaType(HttpResponse<?> r) {
    String v = header(r, "Content-Type");
    return v == null ? null : v.toLowerCase(Locale.ROOT).replaceAll("\\s*;\\s*", ";");
  }

  /** The ids of a page's items, in order. */
  static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(i -> ids.add(i.get("id").asText()));
    return ids;
  }
}
