package dev.broadsheet.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Facets;
import dev.broadsheet.Health;
import dev.broadsheet.InvalidQueryException;
import dev.broadsheet.Page;
import dev.broadsheet.Sort;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.Visibility;
import dev.broadsheet.markdown.render.ArticleRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Routes, authorizes and answers one request. Every answer is made whole before it is sent, so
 * that it can carry a strong ETag (a hash of its bytes) and so that a failure halfway becomes
 * a clean 500 problem rather than a truncated body.
 */
final class ApiHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(ContentServer.class.getName());
  /** Longer query strings are refused before they are parsed. */
  static final int MAX_QUERY_CHARS = 8192;
  /** Request bodies are read and dropped up to this many bytes; see {@link #discardBody}. */
  static final int MAX_DISCARDED_BYTES = 64 * 1024;
  static final String ALLOW = "GET, HEAD";
  /** Authorized answers show what the public must not see: never kept by any cache. */
  static final String PRIVATE = "private, no-store";


  private final ArticleRepository repository;
  private final ArticleRenderer renderer;
  private final ObjectWriter listWriter;
  private final ObjectWriter writer;
  private final Clock clock;
  private final byte @Nullable [] tokenDigest;
  private final String cacheControl;
  private final int maxLimit;

  ApiHandler(ArticleRepository repository, ArticleRenderer renderer, ObjectWriter listWriter, ObjectWriter writer,
      Clock clock, @Nullable String token, String cacheControl, int maxLimit) {
    this.repository = repository;
    this.renderer = renderer;
    this.listWriter = listWriter;
    this.writer = writer;
    this.clock = clock;
    this.tokenDigest = token == null ? null : sha256(token.getBytes(StandardCharsets.UTF_8));
    this.cacheControl = cacheControl;
    this.maxLimit = maxLimit;
  }

  private enum Access { PUBLIC, PREVIEW }

  /** Refused for want of a valid token; {@code invalidToken} when one was sent and is wrong. */
  private static final class Unauthorized extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean invalidToken;

    Unauthorized(String detail, boolean invalidToken) {
      super(detail, null, false, false);
      this.invalidToken = invalidToken;
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      discardBody(ex);
      WorkerPool.received();
      Response r;
      try {
        r = respond(ex);
      } catch (BadRequest e) {
        r = Response.invalidParams(e.params());
      } catch (Unauthorized e) {
        r = Response.problem(401, e.getMessage()).withHeader("WWW-Authenticate",
            "Bearer realm=\"broadsheet\"" + (e.invalidToken ? ", error=\"invalid_token\"" : ""));
      } catch (RuntimeException e) {
        // The client learns that something failed, never what or where: details stay in the log.
        LOG.log(System.Logger.Level.ERROR, "failed to answer " + ex.getRequestMethod() + " "
            + ex.getRequestURI().getRawPath(), e);
        r = Response.problem(500, "The server could not answer this request.");
      }
      WorkerPool.sending();
      send(ex, r);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "client went away", e);
    } finally {
      ex.close();
    }
  }

  private Response respond(HttpExchange ex) {
    String raw = ex.getRequestURI().getRawPath();
    String base = base(ex);
    if (raw == null || !raw.startsWith(base)) {
      return notFound();
    }
    String rel = raw.substring(base.length());
    if (rel.isEmpty()) {
      rel = "/";
    }
    Route route = route(rel);
    if (route == null) {
      return notFound();
    }
    String method = ex.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return Response.problem(405, "Only GET and HEAD are served here.").withHeader("Allow", ALLOW);
    }
    Access access = access(ex.getRequestHeaders());
    String rawQuery = ex.getRequestURI().getRawQuery();
    if (rawQuery != null && rawQuery.length() > MAX_QUERY_CHARS) {
      return Response.problem(414, "The query string is longer than " + MAX_QUERY_CHARS + " characters.");
    }
    Params params = Params.parse(rawQuery);
    List<String> preview = QueryReader.previewParams(params);
    if (!preview.isEmpty() && access != Access.PREVIEW) {
      throw new Unauthorized(String.join(" and ", preview)
          + (preview.size() == 1 ? " needs" : " need") + " a valid preview token (Authorization: Bearer).", false);
    }
    Instant now = clock.instant();
    String cache = access == Access.PREVIEW ? PRIVATE : cacheControl;
    return switch (route.kind) {
      case HOME -> home(params, access, now, base, cache);
      case LIST -> list(params, now, cache);
      case FACETS -> facets(params, now, cache);
      case HEALTH -> health(params, now);
      case ARTICLE -> article(route.rawId, route.html, params, access, now, base, cache);
    };
  }

  // ------------------------------------------------------------------ routes

  private enum Kind { HOME, LIST, ARTICLE, FACETS, HEALTH }

  private record Route(Kind kind, String rawId, boolean html) {}

  /**
   * The route of a path below the server's base, matched on the raw path: {@code .html} is
   * recognized before decoding, so an id that itself ends in ".html" is reachable as JSON
   * with the dot escaped ({@code %2Ehtml}).
   */
  private static @Nullable Route route(String rel) {
    switch (rel) {
      case "/": return new Route(Kind.HOME, "", false);
      case "/articles": return new Route(Kind.LIST, "", false);
      case "/facets": return new Route(Kind.FACETS, "", false);
      case "/health": return new Route(Kind.HEALTH, "", false);
      default: break;
    }
    String prefix = "/articles/";
    if (rel.startsWith(prefix) && rel.length() > prefix.length()) {
      String rest = rel.substring(prefix.length());
      if (rest.endsWith(".html") && rest.length() > ".html".length()) {
        return new Route(Kind.ARTICLE, rest.substring(0, rest.length() - ".html".length()), true);
      }
      return new Route(Kind.ARTICLE, rest, false);
    }
    return null;
  }

  private Response list(Params params, Instant now, String cache) {
    ArticleQuery q = QueryReader.read(params, QueryReader.LIST, Sort.STICKY_FIRST, maxLimit, now);
    return Response.ok(Response.JSON, json(listWriter, query(q)), cache);
  }

  private Response facets(Params params, Instant now, String cache) {
    ArticleQuery q = QueryReader.read(params, QueryReader.FACETS, Sort.STICKY_FIRST, maxLimit, now);
    Facets f;
    try {
      f = repository.facets(q);
    } catch (InvalidQueryException e) {
      throw QueryReader.badRequest(e);
    }
    return Response.ok(Response.JSON, json(writer, f), cache);
  }

  private Response health(Params params, Instant now) {
    QueryReader.read(params, Set.of(), Sort.STICKY_FIRST, maxLimit, now); // refuses any parameter
    Health health = repository.health();
    Map<String, @Nullable Object> fields = new LinkedHashMap<>();
    fields.put("status", health.status().name().toLowerCase(Locale.ROOT));
    fields.put("articles", repository.count(ArticleQuery.builder().asOf(now).build()));
    fields.put("problems", health.problems());
    // Down is a 503 so that a load balancer that reads only the status takes this instance out.
    int status = health.status() == Health.Status.DOWN ? 503 : 200;
    return new Response(status, Response.JSON, Response.object(fields), Response.NO_STORE, Map.of());
  }

  private Response article(
      String rawId, boolean html, Params params, Access access, Instant now, String base, String cache) {
    QueryReader.read(params, Set.of(), Sort.STICKY_FIRST, maxLimit, now); // refuses any parameter
    String id = Params.decode(rawId, false);
    if (id == null) {
      return Response.problem(400, "The article id in the path is not valid percent-encoded UTF-8.");
    }
    // The same rules the store applies: an id that could reach outside the content is no article.
    if (!ArticleIds.isValid(id)) {
      return notFound();
    }
    Optional<StoredArticle> found = repository.find(id);
    if (found.isEmpty()) {
      return notFound();
    }
    StoredArticle stored = found.get();
    String status = status(stored.article(), now);
    if (status != null && access != Access.PREVIEW) {
      return notFound(); // a draft, scheduled or expired article does not exist for the public
    }
    if (!html) {
      return Response.ok(Response.JSON, json(writer, stored), cache);
    }
    String body = renderer.render(stored).html();
    return Response.ok(Response.HTML, Html.articlePage(stored.article(), body, base, status), cache)
        .withHeader("Content-Security-Policy", Html.CONTENT_SECURITY_POLICY);
  }

  private Response home(Params params, Access access, Instant now, String base, String cache) {
    ArticleQuery q = QueryReader.read(params, QueryReader.LIST, Sort.NEWEST, maxLimit, now);
    Page<Article> page = query(q);
    Instant at = q.asOf() != null ? q.asOf() : now;
    List<Html.Item> items = new ArrayList<>();
    for (Article a : page.items()) {
      items.add(new Html.Item(a, access == Access.PREVIEW ? status(a, at) : null));
    }
    String next = page.nextCursor().map(c -> nextQuery(params, c)).orElse(null);
    return Response.ok(Response.HTML, Html.listPage(items, page.total(), base, next), cache)
        .withHeader("Content-Security-Policy", Html.CONTENT_SECURITY_POLICY);
  }

  /** The query string of the page after this one: the same parameters, the new cursor. */
  private static String nextQuery(Params params, String cursor) {
    List<String> pairs = new ArrayList<>();
    params.all().forEach((name, values) -> {
      if (!name.equals("cursor")) {
        values.forEach(v -> pairs.add(encode(name) + "=" + encode(v)));
      }
    });
    pairs.add("cursor=" + encode(cursor));
    return String.join("&", pairs);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Why the public cannot see {@code a} at {@code now}, or null when it can. */
  static @Nullable String status(Article a, Instant now) {
    Visibility v = Visibility.of(a, now);
    return v.isPublic() ? null : v.label();
  }

  private Page<Article> query(ArticleQuery q) {
    try {
      return repository.query(q);
    } catch (InvalidQueryException e) {
      throw QueryReader.badRequest(e);
    }
  }

  private static Response notFound() {
    return Response.problem(404, "Nothing is served at this path.");
  }

  // ------------------------------------------------------------------ access

  /**
   * PREVIEW when the request carries the preview token as a bearer token. A bearer token that
   * is not the preview token is refused whatever was asked; credentials of other schemes (a
   * proxy's Basic authentication, say) are not ours and are ignored.
   */
  private Access access(Headers headers) {
    List<String> values = headers.get("Authorization");
    if (values == null) {
      return Access.PUBLIC;
    }
    List<String> bearer = values.stream().map(String::strip).filter(ApiHandler::isBearer).toList();
    if (bearer.isEmpty()) {
      return Access.PUBLIC;
    }
    if (bearer.size() > 1) {
      throw new Unauthorized("Send one bearer token.", true);
    }
    byte[] given = sha256(bearer.get(0).substring(6).strip().getBytes(StandardCharsets.UTF_8));
    // Digests of both, compared in constant time: neither the token nor its length leaks by timing.
    if (tokenDigest == null || !MessageDigest.isEqual(given, tokenDigest)) {
      throw new Unauthorized("The bearer token is not valid here.", true);
    }
    return Access.PREVIEW;
  }

  /** Whether a credential is of the Bearer scheme, its token empty or not. */
  private static boolean isBearer(String credentials) {
    return credentials.regionMatches(true, 0, "Bearer", 0, 6)
        && (credentials.length() == 6 || Character.isWhitespace(credentials.charAt(6)));
  }

  /**
   * Reads the body of a request, which no route here takes, up to {@link #MAX_DISCARDED_BYTES}.
   * The JDK's server would otherwise wait for it after the answer is written, holding the
   * thread; read first, a body that never comes counts against the time to receive the request.
   * The JDK's server closes a connection whose longer body is left unread.
   */
  private static void discardBody(HttpExchange ex) throws IOException {
    InputStream in = ex.getRequestBody();
    if (in.read() < 0) {
      return; // no body, as nearly always
    }
    byte[] buffer = new byte[8192];
    long total = 1;
    int n;
    while (total < MAX_DISCARDED_BYTES && (n = in.read(buffer)) >= 0) {
      total += n;
    }
  }

  // ------------------------------------------------------------------ sending

  private static void send(HttpExchange ex, Response r) throws IOException {
    Headers h = ex.getResponseHeaders();
    h.set("Content-Type", r.contentType());
    h.set("Cache-Control", r.cacheControl());
    h.set("Vary", "Authorization");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    r.headers().forEach(h::set);
    boolean head = ex.getRequestMethod().equals("HEAD");
    if (r.status() == 200) {
      String etag = etag(r.body());
      h.set("ETag", etag);
      if (matches(ex.getRequestHeaders().get("If-None-Match"), etag)) {
        h.remove("Content-Type");
        ex.sendResponseHeaders(304, -1);
        return;
      }
    }
    if (head || r.body().length == 0) {
      ex.sendResponseHeaders(r.status(), -1);
      return;
    }
    ex.sendResponseHeaders(r.status(), r.body().length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(r.body());
    }
  }

  /** A strong validator: the first 128 bits of the SHA-256 of the bytes, quoted. */
  static String etag(byte[] body) {
    byte[] d = sha256(body);
    return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 16)) + "\"";
  }

  /** Whether an If-None-Match header names {@code etag} (weak comparison, as RFC 9110 asks) or is {@code *}. */
  static boolean matches(@Nullable List<String> ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String header : ifNoneMatch) {
      for (String tag : header.split(",")) {
        String t = tag.strip();
        if (t.equals("*")) {
          return true;
        }
        if (t.startsWith("W/")) {
          t = t.substring(2);
        }
        if (t.equals(etag)) {
          return true;
        }
      }
    }
    return false;
  }

  private byte[] json(ObjectWriter w, Object value) {
    try {
      return w.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** The path the server is mounted at, without a trailing slash: "" at the root. */
  private static String base(HttpExchange ex) {
    String ctx = ex.getHttpContext().getPath();
    return ctx.endsWith("/") ? ctx.substring(0, ctx.length() - 1) : ctx;
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

}
