package dev.broadsheet.servlet;

import dev.broadsheet.server.ApiRequest;
import dev.broadsheet.server.ApiResponse;
import dev.broadsheet.server.ContentApi;
import dev.broadsheet.server.EventSink;
import dev.broadsheet.server.EventStream;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The {@linkplain ContentApi content API} as a servlet, for any Jakarta Servlet 6 container:
 * every route, preview, write and header of the API, answered by the container's threads.
 *
 * <pre>{@code
 * ContentApi api = ContentApi.builder(repository)
 *     .previewToken(System.getenv("BROADSHEET_PREVIEW_TOKEN"))
 *     .build();
 * ServletContextHandler context = new ServletContextHandler("/");      // Jetty 12, ee10
 * context.addServlet(new ServletHolder(new ContentServlet(api)), "/api/*");
 * // GET /api/articles, /api/articles/{id}, /api/ (the preview page), ...
 * }</pre>
 *
 * <p>Map it under a path ({@code /api/*}) or as the default servlet ({@code /}); the context
 * path and the servlet path before the wildcard are the base of the routes, so the preview
 * page's links and the {@code Location} of a created article start with them. Other mappings
 * (exact paths, extensions) are not supported.
 *
 * <p>What the container does itself stays the container's: limits on the request line and
 * headers, refusing ambiguous paths (Jetty answers a 400 of its own for an encoded slash or dot
 * segment in the path, which the API would answer with a 404), and the timeouts. A body the API
 * reads (writes only, up to {@link ContentApi.Builder#maxBodyBytes}) is read on the container's
 * thread with its blocking reads, bounded by the container's idle timeout (Jetty: the
 * connector's {@code idleTimeout}, 30 s by default); a body whose {@code Content-Length} is over
 * the limit is refused without being read, and the container closes that connection. On Jetty,
 * a body the API refuses before reading (no write token, say) is read and dropped after the
 * answer is sent, asynchronously and for at most 10 s, so that the client gets the answer
 * instead of a reset connection; Tomcat reads such a body itself. Nothing else is read or written asynchronously, except event streams
 * ({@code GET /events}): with async
 * support ({@code holder.setAsyncSupported(true)}, {@code <async-supported>}) the request goes
 * asynchronous and the container's thread returns at once; without it, the container's thread
 * waits until the stream ends. Either way the API's own thread for the stream writes it.
 *
 * <p>Immutable and thread-safe, as the API is.
 *
 * @since 0.1.0
 */
public final class ContentServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Not serializable: a container that moves servlets between nodes makes a new one. */
  private final transient ContentApi api;

  /** A servlet answering with {@code api}. */
  public ContentServlet(ContentApi api) {
    this.api = Objects.requireNonNull(api, "api");
  }

  /** The API this servlet answers with. */
  public ContentApi api() {
    return api;
  }

  /** Answers every method, {@code PATCH} included, which {@link HttpServlet} does not dispatch. */
  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String base = base(req);
    String raw = req.getRequestURI();
    String rel = raw.startsWith(base) ? raw.substring(base.length()) : raw;
    ApiRequest.Builder request = ApiRequest.builder(req.getMethod(), rel)
        .base(base)
        .query(req.getQueryString());
    for (Enumeration<String> names = req.getHeaderNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      for (Enumeration<String> values = req.getHeaders(name); values.hasMoreElements(); ) {
        request.header(name, values.nextElement());
      }
    }
    Touched body = new Touched(req.getInputStream());
    request.body(body);
    ApiResponse r;
    try {
      r = api.handle(request.build());
    } catch (UncheckedIOException e) {
      throw e.getCause(); // the client went away while sending its body: the container drops it
    }
    resp.setStatus(r.status());
    r.headers().forEach((name, values) -> values.forEach(v -> resp.addHeader(name, v)));
    EventStream stream = r.stream().orElse(null);
    if (stream != null) {
      stream(req, resp, stream);
      return;
    }
    if (r.bodyLength() > 0) {
      resp.setContentLength(r.bodyLength());
      r.writeBody(resp.getOutputStream());
    }
    if (r.status() != 413 && !body.touched && unreadBody(req)) {
      drain(req, resp);
    }
  }

  /** Bodies up to this size that the API did not read are read and dropped after the answer. */
  private static final long DRAIN_LIMIT = 1 << 20;

  /** How long the rest of an unread body may take to arrive before the connection is closed. */
  private static final long DRAIN_TIMEOUT_MILLIS = 10_000;

  /**
   * Whether the request, whose body the API did not touch (it refused the request first),
   * carries one worth reading to keep the connection: not one the client waits to be asked for
   * ({@code Expect: 100-continue}), nor one too large.
   */
  private static boolean unreadBody(HttpServletRequest req) throws IOException {
    long length = req.getContentLengthLong();
    boolean chunked = length < 0 && req.getHeader("Transfer-Encoding") != null;
    return (length > 0 && length <= DRAIN_LIMIT || chunked)
        && !"100-continue".equalsIgnoreCase(req.getHeader("Expect"))
        && req.isAsyncSupported()
        && closesOnUnreadBody(req);
  }

  /**
   * Whether the container closes a connection whose request body the application left unread:
   * Jetty does. Tomcat reads and drops such a body itself (its connector's {@code
   * maxSwallowSize}, 2 MB by default), and a read of our own would race its own.
   */
  private static boolean closesOnUnreadBody(HttpServletRequest req) {
    String server = req.getServletContext().getServerInfo();
    return server != null && server.toLowerCase(java.util.Locale.ROOT).startsWith("jetty");
  }

  /** The request's body as the API is given it, noting whether the API read any of it. */
  private static final class Touched extends java.io.FilterInputStream {
    volatile boolean touched;

    Touched(java.io.InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      touched = true;
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      touched = true;
      return super.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
      touched = true;
      return super.skip(n);
    }
  }

  /**
   * Sends the answer now and reads the rest of the body without a thread, then completes. A
   * container that answers a request whose body is still on its way and then closes the
   * connection makes the client's operating system drop the answer it has not read yet when the
   * rest of the body arrives (a reset), so the client sees the connection fail instead of the
   * answer. Reading the body first keeps the connection; a body that does not come within {@link
   * #DRAIN_TIMEOUT_MILLIS}, or goes over {@link #DRAIN_LIMIT}, ends it.
   */
  private static void drain(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.flushBuffer();
    AsyncContext async;
    try {
      async = req.startAsync();
    } catch (IllegalStateException e) {
      return; // the container closes the connection instead
    }
    async.setTimeout(DRAIN_TIMEOUT_MILLIS);
    ServletInputStream in = req.getInputStream();
    AtomicBoolean done = new AtomicBoolean();
    Runnable complete = () -> {
      if (done.compareAndSet(false, true)) {
        async.complete();
      }
    };
    async.addListener(new AsyncListener() {
      @Override
      public void onComplete(AsyncEvent event) {}

      @Override
      public void onTimeout(AsyncEvent event) {
        complete.run();
      }

      @Override
      public void onError(AsyncEvent event) {
        complete.run();
      }

      @Override
      public void onStartAsync(AsyncEvent event) {}
    });
    try {
      in.setReadListener(reader(in, complete));
    } catch (IllegalStateException e) {
      complete.run(); // the container will not read it this way: it closes the connection instead
    }
  }

  private static ReadListener reader(ServletInputStream in, Runnable complete) {
    return new ReadListener() {
      private final byte[] buffer = new byte[8192];
      private long read;

      @Override
      public void onDataAvailable() throws IOException {
        while (in.isReady() && !in.isFinished()) {
          int n = in.read(buffer);
          if (n < 0) {
            break;
          }
          read += n;
          if (read > DRAIN_LIMIT) {
            complete.run();
            return;
          }
        }
      }

      @Override
      public void onAllDataRead() {
        complete.run();
      }

      @Override
      public void onError(Throwable t) {
        complete.run();
      }
    };
  }

  /**
   * An event stream ({@code GET /events}): the request goes asynchronous, without a timeout, so
   * that the container's thread returns at once; the stream's own thread then writes the body
   * with blocking writes, each bounded by the container's idle timeout as well as the API's
   * send timeout, and completes the request at the end.
   */
  private void stream(HttpServletRequest req, HttpServletResponse resp, EventStream stream) throws IOException {
    if (!req.isAsyncSupported()) {
      ServletSink sink = new ServletSink(null, resp.getOutputStream(), stream);
      try {
        resp.flushBuffer();
        streams.add(sink);
        stream.start(sink);
        sink.closed.await();
      } catch (InterruptedException e) {
        stream.close();
        Thread.currentThread().interrupt();
      } catch (IOException | RuntimeException e) {
        stream.close();
        throw e;
      }
      return;
    }
    try {
      AsyncContext async = req.startAsync();
      async.setTimeout(0);
      resp.flushBuffer(); // the head goes out now, before any event
      ServletSink sink = new ServletSink(async, resp.getOutputStream(), stream);
      async.addListener(new AsyncListener() {
        @Override
        public void onComplete(AsyncEvent event) {
          stream.close();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
          stream.close();
        }

        @Override
        public void onError(AsyncEvent event) {
          stream.close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
          // not restarted
        }
      });
      streams.add(sink);
      stream.start(sink);
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  /**
   * Ends the event streams this servlet serves: each finishes the write under way and completes
   * its request, so that clients see the end and reconnect with {@code Last-Event-ID}; waits up
   * to {@code grace} for them. Call it before stopping the container, whose connections would
   * otherwise be cut under them; {@link #destroy()} calls it too.
   *
   * @since 0.1.0
   */
  public void closeEventStreams(Duration grace) {
    for (ServletSink s : streams) {
      s.stream.close();
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

  @Override
  public void destroy() {
    closeEventStreams(Duration.ofSeconds(1));
    super.destroy();
  }

  /** The streams started and not yet closed. */
  private final transient Set<ServletSink> streams = ConcurrentHashMap.newKeySet();

  /** An event stream's body on an asynchronous request: blocking writes, flushed each time. */
  private final class ServletSink implements EventSink {
    private final @Nullable AsyncContext async;
    private final ServletOutputStream out;
    final EventStream stream;
    private final AtomicBoolean done = new AtomicBoolean();
    final CountDownLatch closed = new CountDownLatch(1);

    ServletSink(@Nullable AsyncContext async, ServletOutputStream out, EventStream stream) {
      this.async = async;
      this.out = out;
      this.stream = stream;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    @Override
    public void close() {
      try {
        if (done.compareAndSet(false, true) && async != null) {
          async.complete();
        }
      } catch (IllegalStateException e) {
        // the container completed it already: the client went away
      } finally {
        streams.remove(this);
        closed.countDown();
      }
    }
  }

  /**
   * The raw path the routes hang below: the context path and, for a path mapping ({@code
   * /api/*}), the mapping's path before its wildcard; without a trailing slash.
   */
  static String base(HttpServletRequest req) {
    String context = req.getContextPath();
    HttpServletMapping mapping = req.getHttpServletMapping();
    String prefix = "";
    if (mapping != null && mapping.getMappingMatch() == MappingMatch.PATH) {
      String pattern = mapping.getPattern();
      prefix = pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : "";
    }
    String base = context + prefix;
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
