package dev.broadsheet.servlet;

import dev.broadsheet.server.ApiRequest;
import dev.broadsheet.server.ApiResponse;
import dev.broadsheet.server.ContentApi;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Enumeration;
import java.util.Objects;

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
 * the limit is refused without being read, and the container closes that connection. Nothing
 * is read or written asynchronously.
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
    request.body(req.getInputStream());
    ApiResponse r;
    try {
      r = api.handle(request.build());
    } catch (UncheckedIOException e) {
      throw e.getCause(); // the client went away while sending its body: the container drops it
    }
    resp.setStatus(r.status());
    r.headers().forEach((name, values) -> values.forEach(v -> resp.addHeader(name, v)));
    if (r.bodyLength() > 0) {
      resp.setContentLength(r.bodyLength());
      r.writeBody(resp.getOutputStream());
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
