package dev.broadsheet.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;

/**
 * The adapter of {@link ContentApi} to the JDK's HTTP server: reads the request, body included,
 * while the {@linkplain WorkerPool request timeout} runs, then lets the API answer and writes the
 * answer while the response timeout runs.
 */
final class JdkHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(ContentServer.class.getName());
  private static final byte[] NO_BODY = new byte[0];

  private final ContentApi api;

  JdkHandler(ContentApi api) {
    this.api = api;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    boolean streaming = false;
    try {
      byte[] body = readBody(ex);
      WorkerPool.received();
      String raw = ex.getRequestURI().getRawPath();
      String base = base(ex);
      String rel = raw == null ? "" : raw.startsWith(base) ? raw.substring(base.length()) : raw;
      ApiRequest request = ApiRequest.builder(ex.getRequestMethod(), rel)
          .base(base)
          .query(ex.getRequestURI().getRawQuery())
          .headers(ex.getRequestHeaders())
          .body(body)
          .build();
      ApiResponse r = api.handle(request);
      WorkerPool.sending();
      EventStream stream = r.stream().orElse(null);
      if (stream != null) {
        streaming = stream(ex, r, stream);
        return;
      }
      send(ex, r);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "client went away", e);
    } finally {
      if (!streaming) {
        ex.close();
      }
    }
  }

  /**
   * Sends the head of an event stream and hands the exchange to the stream, whose thread writes
   * the body in chunks and closes the exchange at the end; this thread goes back to the pool.
   * Whether the stream took the exchange.
   */
  private boolean stream(HttpExchange ex, ApiResponse r, EventStream stream) throws IOException {
    try {
      Headers h = ex.getResponseHeaders();
      r.headers().forEach((name, values) -> h.put(name, new ArrayList<>(values)));
      ex.sendResponseHeaders(r.status(), 0); // chunked
      OutputStream out = ex.getResponseBody();
      JdkSink sink = new JdkSink(ex, out);
      streams.add(sink);
      sink.stream = stream;
      stream.start(sink);
      return true;
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  /**
   * Ends the event streams this handler started, and waits up to {@code grace} for them to
   * close their answers.
   */
  void closeStreams(java.time.Duration grace) {
    for (JdkSink s : streams) {
      EventStream stream = s.stream;
      if (stream != null) {
        stream.close();
      }
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (!streams.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private final java.util.Set<JdkSink> streams = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** An event stream's body: chunks written and flushed on the stream's thread. */
  private final class JdkSink implements EventSink {
    private final HttpExchange ex;
    private final OutputStream out;
    volatile EventStream stream;

    JdkSink(HttpExchange ex, OutputStream out) {
      this.ex = ex;
      this.out = out;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    @Override
    public void close() {
      try {
        ex.close(); // the last chunk
      } finally {
        streams.remove(this);
      }
    }
  }

  /**
   * The body, read now, on the request's deadline: a body that never comes counts against the
   * time to receive the request rather than holding a thread while the API works. Read up to
   * the API's limit and one byte more, which the API refuses with a 413; a body whose {@code
   * Content-Length} is over the limit is not read at all (the JDK's server closes its connection
   * after the answer).
   */
  private byte[] readBody(HttpExchange ex) throws IOException {
    int max = api.maxBodyBytes();
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > max) {
          return NO_BODY;
        }
      } catch (NumberFormatException e) {
        // the JDK's server refuses such a request before it gets here
      }
    }
    InputStream in = ex.getRequestBody();
    int first = in.read();
    if (first < 0) {
      return NO_BODY; // no body, as nearly always
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(first);
    out.write(in.readNBytes(max));
    return out.toByteArray();
  }

  private static void send(HttpExchange ex, ApiResponse r) throws IOException {
    Headers h = ex.getResponseHeaders();
    r.headers().forEach((name, values) -> h.put(name, new ArrayList<>(values)));
    if (r.bodyLength() == 0) {
      ex.sendResponseHeaders(r.status(), -1);
      return;
    }
    ex.sendResponseHeaders(r.status(), r.bodyLength());
    try (OutputStream out = ex.getResponseBody()) {
      r.writeBody(out);
    }
  }

  /** The path the server is mounted at, without a trailing slash: "" at the root. */
  private static String base(HttpExchange ex) {
    String ctx = ex.getHttpContext().getPath();
    return ctx.endsWith("/") ? ctx.substring(0, ctx.length() - 1) : ctx;
  }
}
