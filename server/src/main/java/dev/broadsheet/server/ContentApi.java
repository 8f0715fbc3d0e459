package dev.broadsheet.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.feeds.Channel;
import dev.broadsheet.feeds.NewsFeeds;
import dev.broadsheet.internal.Printable;
import dev.broadsheet.json.BroadsheetModule;
import dev.broadsheet.markdown.render.ArticleRenderer;
import dev.broadsheet.server.Authorizer.Decision;
import dev.broadsheet.server.Authorizer.Permission;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The content API over an {@link ArticleRepository}, apart from any HTTP server: a request in,
 * a response out. It holds every rule of the API (routing, visibility, authorization, validators
 * and conditional requests, problem documents, writes, compression, CORS); an adapter only turns
 * its server's request into an {@link ApiRequest} and writes the {@link ApiResponse} back.
 * Broadsheet ships two adapters: {@link ContentServer} on the JDK's HTTP server, and {@code
 * ContentServlet} (module {@code broadsheet-servlet}) for any Jakarta Servlet 6 container.
 *
 * <pre>{@code
 * ContentApi api = ContentApi.builder(repository)
 *     .previewToken(System.getenv("BROADSHEET_PREVIEW_TOKEN"))   // null: no previews
 *     .writeToken(System.getenv("BROADSHEET_WRITE_TOKEN"))       // null: no writes (405)
 *     .corsOrigins("https://editor.example.com")
 *     .build();
 * ApiResponse r = api.handle(ApiRequest.builder("GET", "/articles").query("category=SPORTS").build());
 * r.status();                      // 200
 * r.header("Content-Type");        // Optional[application/json; charset=utf-8]
 * }</pre>
 *
 * <h2>Routes</h2>
 *
 * <p>Reading: {@code GET /articles}, {@code /articles/{id}}, {@code /articles/{id}.html}, {@code
 * /facets}, {@code /health} and {@code /} (a preview page), as {@link ContentServer} describes
 * them; feeds, sitemaps and {@code robots.txt} when {@linkplain Builder#feeds feeds} are set;
 * {@code HEAD} wherever {@code GET} is; {@code OPTIONS} everywhere ({@code 204} with {@code
 * Allow}, and a CORS preflight's answer for configured origins). {@code GET /openapi.json}
 * describes every route, parameter, schema and problem type in OpenAPI 3.1, with the base path
 * the API is mounted at as its server.
 *
 * <p>Writing, when the {@linkplain Builder#authorizer authorizer} can grant {@link
 * Permission#WRITE} (by default: when a {@linkplain Builder#writeToken write token} is set;
 * otherwise these are a 405 with {@code Allow}):
 *
 * <ul>
 *   <li>{@code POST /articles}: a JSON article with its {@code id} ({@code application/json});
 *       201 with {@code Location}, {@code ETag} and the stored article. An id the store already
 *       holds, in any spelling it takes for the same article, is a 409.
 *   <li>{@code PUT /articles/{id}}: the whole article, whose {@code id} must be the one in the
 *       path. With {@code If-Match} it replaces that revision (200); with {@code If-None-Match:
 *       *} it creates the article (201), and is a 412 if it exists.
 *   <li>{@code PATCH /articles/{id}}: a JSON Merge Patch (RFC 7396, {@code
 *       application/merge-patch+json}) over the article's JSON: frontmatter fields, {@code extra}
 *       and {@code body}; {@code null} removes a field. The {@code id} cannot change. Only the
 *       fields the patch names change, so a file store edits only their lines and keeps the
 *       rest of the file (comments, order, quoting) byte for byte.
 *   <li>{@code DELETE /articles/{id}}: 204.
 * </ul>
 *
 * <p>{@code PUT}, {@code PATCH} and {@code DELETE} need {@code If-Match} with the article's
 * current {@code ETag}, which is its revision: a 428 without it (or with {@code *}), a 412 when
 * the article changed since, whose problem document names the current revision and ETag ({@code
 * currentRevision}, {@code currentEtag}). The check and the write are one step in the
 * repository, so of two writers with the same tag exactly one wins. An article that breaks a
 * rule is a 422 whose {@code errors} list every problem: {@code pointer} (RFC 6901), {@code path}
 * (as the JSON module names it, {@code $.tags[1]}), {@code line}, {@code column} (in the body
 * sent; 0 when unknown), {@code rule} and {@code message}. A body that is not JSON is a 400; one
 * of another type a 415; one over {@link Builder#maxBodyBytes} a 413, refused from its {@code
 * Content-Length} before it is read. The answer to a write is the stored article with its new
 * {@code ETag}.
 *
 * <h2>Authorization</h2>
 *
 * <p>An {@link Authorizer} decides per request; the default is {@link Authorizer#tokens} with
 * the {@linkplain Builder#previewToken preview} and {@linkplain Builder#writeToken write} tokens:
 * each grants its own permission only, unless both are the same value. A wrong bearer token is
 * a 401 on any route; a route or parameter that needs a permission is a 401 ({@code
 * WWW-Authenticate: Bearer}) without credentials and a 403 ({@code error="insufficient_scope"})
 * with credentials that do not grant it.
 *
 * <h2>Validators and caching</h2>
 *
 * <p>An article's {@code ETag} (JSON, and its {@code .html} page with a suffix of its own) is its
 * revision; other answers carry a hash of their bytes. Tags are strong: {@code If-None-Match}
 * compares weakly (a 304), {@code If-Match} strongly. An article carries {@code Last-Modified},
 * its {@code updatedAt} or {@code publishedAt}, whichever is later, never later than now; lists,
 * facets and pages carry none, as no article's dates tell when an article left a list. {@code
 * If-Modified-Since} is read only without {@code If-None-Match}, which wins. Public answers have
 * the configured {@link Builder#cacheControl}; previews {@code private, no-store}; errors,
 * writes and {@code /health} {@code no-store}. Every answer has {@code Vary: Authorization,
 * Accept-Encoding} (and {@code Origin} when CORS is configured), {@code X-Content-Type-Options:
 * nosniff} and {@code Referrer-Policy: no-referrer}.
 *
 * <h2>Compression and CORS</h2>
 *
 * <p>A body of 1 KiB or more is sent gzip-encoded when the request accepts it ({@link
 * Builder#compression}); its ETag then ends in {@code --gzip"}, and conditional headers match
 * either tag. A request whose {@code Origin} is one of the {@linkplain Builder#corsOrigins CORS
 * origins} gets {@code Access-Control-Allow-Origin} naming it and may read {@code ETag}, {@code
 * Last-Modified} and {@code Location}; a preflight gets the route's methods and the headers
 * {@code Authorization}, {@code Content-Type}, {@code If-Match}, {@code If-None-Match} and {@code
 * If-Modified-Since}. Other origins get no CORS header.
 *
 * <p>Immutable and thread-safe: build one and share it between every request and adapter.
 *
 * @since 0.1.0
 */
public final class ContentApi {
  private static final System.Logger LOG = System.getLogger(ContentApi.class.getName());
  /** Longer query strings are refused before they are parsed. */
  static final int MAX_QUERY_CHARS = 8192;

  private final Reads reads;
  private final ArticleRepository repository;
  private final Outputs outputs;
  private final Changes changes;
  private final Writes writes;
  private final Authorizer authorizer;
  private final Set<Permission> offered;
  private final Clock clock;
  private final String cacheControl;
  private final int maxBodyBytes;
  private final Cors cors;
  private final Compression compression;
  private final String vary;
  private volatile @Nullable Described described;
  /**
   * Public answers made from the repository's query version, by that version and everything of
   * the request their tag is made of: a list asked again before any article changes (a front
   * page under load) is sent again as it was made. Answers of an older version are never asked
   * for again and leave as newer ones come.
   */
  private final Cache<Versioned, Reply> answers = Caffeine.newBuilder()
      .maximumWeight(ANSWER_BYTES).weigher((Versioned k, Reply r) -> r.body().length() + 256).build();

  /** The bytes of answers kept ({@link #answers}). */
  static final int ANSWER_BYTES = 16 << 20;

  /** What an answer from the query version is a function of; what its tag is made from. */
  private record Versioned(String version, String path, String query, String base, String host) {}

  private ContentApi(Builder b) {
    ObjectMapper mapper = b.mapper != null ? b.mapper : JsonMapper.builder().build();
    ObjectMapper full = mapper.copy().registerModule(new BroadsheetModule());
    ObjectMapper listing = mapper.copy()
        .registerModule(BroadsheetModule.builder().bodies(BroadsheetModule.Bodies.OMIT).build());
    ArticleRenderer renderer = b.renderer != null ? b.renderer : ArticleRenderer.builder().build();
    this.repository = b.repository;
    this.reads = new Reads(b.repository, renderer, listing.writer(), full.writer(), b.maxLimit, b.feeds);
    this.outputs = new Outputs(b.repository, b.feeds, reads);
    this.writes = new Writes(b.repository, full);
    this.changes = new Changes(b.repository, b.maxLimit, b.maxEventStreams, b.eventHeartbeat, b.eventSendTimeout);
    this.authorizer = b.authorizer != null ? b.authorizer : Authorizer.tokens(b.previewToken, b.writeToken);
    this.offered = Set.copyOf(Objects.requireNonNull(authorizer.permissions(), "authorizer.permissions()"));
    this.clock = b.clock;
    this.cacheControl = b.cacheControl;
    this.maxBodyBytes = b.maxBodyBytes;
    this.cors = new Cors(b.corsOrigins);
    this.compression = b.compression;
    this.vary = "Authorization, Accept-Encoding" + (cors.enabled() ? ", Origin" : "");
  }

  /** A builder for an API over {@code repository}. */
  public static Builder builder(ArticleRepository repository) {
    return new Builder(Objects.requireNonNull(repository, "repository"));
  }

  /** The largest request body read, for adapters that read bodies themselves. */
  int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Answers one request. Never throws for what the request holds or the repository does: a
   * failure is logged and answered with a 500 problem that says nothing of it.
   *
   * @throws UncheckedIOException when the request's body stream fails, as it does when the
   *     client goes away; the adapter then drops the connection without an answer
   */
  public ApiResponse handle(ApiRequest request) {
    Objects.requireNonNull(request, "request");
    Reply reply;
    try {
      reply = respond(request);
    } catch (BadRequest e) {
      reply = Problems.invalidParams(e.params());
    } catch (Refused e) {
      reply = e.reply();
    } catch (Streaming e) {
      return finish(request, e.head, e.stream);
    } catch (ClientGone e) {
      throw e;
    } catch (RuntimeException e) {
      // The client learns that something failed, never what or where: details stay in the log.
      LOG.log(System.Logger.Level.ERROR, "failed to answer " + request.method() + " "
          + Printable.of(request.base() + request.path(), 300), e);
      reply = Problems.of(500, "The server could not answer this request.");
    }
    return finish(request, reply);
  }

  private Reply respond(ApiRequest request) {
    Route.Match match = Route.match(request.path());
    if (match == null) {
      return Reads.notFound();
    }
    List<Route> routes = Route.of(match.path(), offered);
    String method = request.method();
    if (method.equals("OPTIONS")) {
      return options(request, routes);
    }
    String asked = method.equals("HEAD") ? "GET" : method;
    Route route = null;
    for (Route r : routes) {
      if (r.method.equals(asked)) {
        route = r;
      }
    }
    if (route == null) {
      String allow = Route.allow(routes);
      return Problems.of(405, "This path answers " + allow + ".").withHeader("Allow", allow);
    }
    String rawQuery = request.query().orElse(null);
    if (rawQuery != null && rawQuery.length() > MAX_QUERY_CHARS) {
      return Problems.of(414, "The query string is longer than " + MAX_QUERY_CHARS + " characters.");
    }
    Decision decision = Objects.requireNonNull(authorizer.authorize(request), "the authorizer's decision");
    if (decision.kind() == Decision.Kind.REFUSED) {
      return unauthorized(Objects.requireNonNull(decision.detail()), "invalid_token");
    }
    Params params = Params.parse(rawQuery);
    List<String> preview = QueryReader.previewParams(params);
    if (!preview.isEmpty() && !decision.allows(Permission.PREVIEW)) {
      return needs(decision, String.join(" and ", preview) + (preview.size() == 1 ? " needs" : " need")
          + " a valid preview token (Authorization: Bearer).");
    }
    if (route.permission == Permission.WRITE && !decision.allows(Permission.WRITE)) {
      return needs(decision, route.method + " needs a valid write token (Authorization: Bearer).");
    }
    Instant now = clock.instant();
    Call c = new Call(request, params, decision, now, decision.allows(Permission.PREVIEW) ? Reply.PRIVATE : cacheControl);
    return switch (route) {
      case PREVIEW_PAGE -> reads.home(c);
      case LIST_ARTICLES -> versioned(c, () -> reads.list(c));
      case GET_ARTICLE -> reads.article(c, match.rawId(), false);
      case GET_ARTICLE_PAGE -> reads.article(c, match.rawId(), true);
      case FACETS -> versioned(c, () -> reads.facets(c));
      case HEALTH -> reads.health(c);
      case CHANGES -> changes.page(c);
      case EVENTS -> throw changes.open(c);
      case OPENAPI -> openApi(c);
      case FEED -> outputs.feed(c, Channel.Kind.HOME, match.rawId());
      case CATEGORY_FEED -> outputs.feed(c, Channel.Kind.CATEGORY, match.rawId());
      case TAG_FEED -> outputs.feed(c, Channel.Kind.TAG, match.rawId());
      case SITEMAP -> versioned(c, () -> outputs.sitemap(c));
      case SITEMAP_PAGE -> versioned(c, () -> outputs.sitemapPage(c, match.rawId()));
      case NEWS_SITEMAP -> outputs.newsSitemap(c);
      case ROBOTS -> outputs.robots(c);
      case CREATE_ARTICLE -> writes.create(c, body(c, route));
      case REPLACE_ARTICLE -> {
        String id = Reads.id(match.rawId());
        yield writes.replace(c, id, body(c, route));
      }
      case PATCH_ARTICLE -> {
        String id = Reads.id(match.rawId());
        yield writes.patch(c, id, body(c, route));
      }
      case DELETE_ARTICLE -> {
        String id = Reads.id(match.rawId());
        reads.noParameters(c);
        Reply missing = Writes.missingPrecondition(route, request);
        yield missing != null ? missing : writes.delete(c, id);
      }
    };
  }

  /** {@code GET /openapi.json}: made once per base path, which a host does not change. */
  private Reply openApi(Call c) {
    reads.noParameters(c);
    Described d = described;
    if (d == null || !d.base().equals(c.base())) {
      d = new Described(c.base(), OpenApi.json(c.base()));
      described = d;
    }
    return Reply.ok(MediaTypes.JSON_UTF8, d.json(), c.cacheControl());
  }

  private record Described(String base, byte[] json) {}

  /**
   * The body of a write, once everything that needs no body has passed: no parameters, the
   * media type, the precondition, the size.
   */
  private byte[] body(Call c, Route route) {
    reads.noParameters(c);
    ApiRequest r = c.request();
    String type = r.header("Content-Type").orElse(null);
    if (route.mediaType != null && !MediaTypes.matches(type, route.mediaType)) {
      String accept = route.method.equals("PATCH") ? "Accept-Patch" : "Accept-Post";
      throw new Refused(Problems.of(415, route.method + " takes " + route.mediaType + " (UTF-8), not "
          + (type == null ? "a body without Content-Type" : "'" + Printable.of(type, 100) + "'") + ".")
          .withHeader(accept, route.mediaType));
    }
    Reply missing = Writes.missingPrecondition(route, r);
    if (missing != null) {
      throw new Refused(missing);
    }
    String length = r.header("Content-Length").orElse(null);
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > maxBodyBytes) {
          throw new Refused(tooLarge());
        }
      } catch (NumberFormatException e) {
        // the server has checked it; whatever it is, the bytes read below are what counts
      }
    }
    byte[] body;
    try {
      InputStream in = r.body();
      body = in.readNBytes(maxBodyBytes + 1);
    } catch (IOException e) {
      throw new ClientGone(e);
    }
    if (body.length > maxBodyBytes) {
      throw new Refused(tooLarge());
    }
    return body;
  }

  private Reply tooLarge() {
    return Problems.typed(413, "about:blank", Problems.title(413),
        "The body is larger than " + maxBodyBytes + " bytes.", Map.of("maxBytes", maxBodyBytes));
  }

  /** 204 with {@code Allow}; for a CORS preflight from a configured origin, what it may send. */
  private Reply options(ApiRequest request, List<Route> routes) {
    String allow = Route.allow(routes);
    Reply reply = Reply.empty(204).withHeader("Allow", allow);
    for (Route r : routes) {
      if (r == Route.PATCH_ARTICLE) {
        reply = reply.withHeader("Accept-Patch", MediaTypes.MERGE_PATCH);
      }
    }
    if (cors.allowed(request) != null && request.header("Access-Control-Request-Method").isPresent()) {
      reply = reply.withHeader("Access-Control-Allow-Methods", allow)
          .withHeader("Access-Control-Allow-Headers", Cors.ALLOW_HEADERS)
          .withHeader("Access-Control-Max-Age", Cors.MAX_AGE);
    }
    return reply;
  }

  /**
   * An answer that is a function of the repository's articles as visible now and of the
   * request: its tag is made from the repository's {@linkplain ArticleRepository#queryVersion
   * version} and the request, so a client that holds the current answer gets its 304 without
   * the answer being made again. Without a version (query pushdown), a hash of the bytes.
   */
  private Reply versioned(Call c, java.util.function.Supplier<Reply> answer) {
    String version = repository.queryVersion(c.now()).orElse(null);
    if (version == null) {
      return answer.get();
    }
    ApiRequest r = c.request();
    Versioned key = new Versioned(version, r.path(), r.query().orElse(""), r.base(), r.header("Host").orElse(""));
    // Previews (rare, and private) are made each time; a kept answer carries its tag already.
    Reply kept = c.preview() ? null : answers.getIfPresent(key);
    String etag = kept != null ? Objects.requireNonNull(kept.etag()) : Validators.ofParts(key.version, key.path,
        key.query, key.base, key.host, c.preview() ? "preview" : "public");
    List<String> inm = r.headers("If-None-Match");
    if (!inm.isEmpty() && Validators.noneMatchFails(inm, etag)) {
      return new Reply(304, null, new byte[0], c.cacheControl(), Map.of(), etag, null);
    }
    if (kept != null) {
      return kept;
    }
    Reply made = answer.get();
    if (made.status() != 200) {
      return made;
    }
    Reply tagged = made.withValidators(etag, made.lastModified());
    if (!c.preview()) {
      answers.put(key, tagged);
    }
    return tagged;
  }

  /** A 401 without credentials, a 403 with credentials that do not grant what is needed. */
  private static Reply needs(Decision decision, String detail) {
    if (decision.kind() == Decision.Kind.AUTHENTICATED) {
      return Problems.of(403, detail).withHeader("WWW-Authenticate",
          "Bearer realm=\"broadsheet\", error=\"insufficient_scope\"");
    }
    return unauthorized(detail, null);
  }

  private static Reply unauthorized(String detail, @Nullable String error) {
    return Problems.of(401, detail).withHeader("WWW-Authenticate",
        "Bearer realm=\"broadsheet\"" + (error != null ? ", error=\"" + error + "\"" : ""));
  }

  /** The headers every answer has, the validators and conditional GET, compression, CORS, HEAD. */
  private ApiResponse finish(ApiRequest request, Reply reply) {
    return finish(request, reply, null);
  }

  /** As above; for the head of an event stream ({@code stream} or a HEAD's), no validators, length or gzip. */
  private ApiResponse finish(ApiRequest request, Reply reply, @Nullable EventStream stream) {
    String method = request.method();
    boolean streamed = reply.contentType() != null && reply.contentType().equals(Changes.EVENT_STREAM);
    boolean read = (method.equals("GET") || method.equals("HEAD")) && !streamed;
    int status = reply.status();
    Body body = reply.body();
    String etag = reply.etag() != null ? reply.etag() : status == 200 && !streamed ? Validators.ofBytes(body.bytes()) : null;
    boolean gzip = compression == Compression.GZIP && body.length() >= Gzip.MIN_BYTES
        && Gzip.accepted(request.headers("Accept-Encoding"));
    if (read && status == 200 && notModified(request, etag, reply.lastModified())) {
      status = 304;
    } else if (status == 304 && etag != null && compression == Compression.GZIP
        && Gzip.accepted(request.headers("Accept-Encoding"))
        && String.join(",", request.headers("If-None-Match")).contains(Validators.gzipped(etag))) {
      // Decided without the body: the tag the client holds says which representation it has.
      etag = Validators.gzipped(etag);
    }
    ApiResponse.Headers h = new ApiResponse.Headers();
    if (reply.contentType() != null && status != 304) {
      h.set("Content-Type", reply.contentType());
    }
    if (gzip) {
      etag = etag == null ? null : Validators.gzipped(etag);
      if (status != 304) {
        h.set("Content-Encoding", "gzip");
        body = Body.of(Gzip.compress(body.bytes()));
      }
    }
    h.set("Cache-Control", reply.cacheControl());
    h.set("Vary", vary);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    reply.headers().forEach(h::set);
    if (etag != null) {
      h.set("ETag", etag);
    }
    if (reply.lastModified() != null) {
      h.set("Last-Modified", Validators.httpDate(reply.lastModified()));
    }
    String origin = cors.allowed(request);
    if (origin != null) {
      h.set("Access-Control-Allow-Origin", origin);
      h.set("Access-Control-Expose-Headers", Cors.EXPOSE_HEADERS);
    }
    if (method.equals("HEAD") && status != 304 && status != 204 && !streamed) {
      // The length the GET's body would have: the answer to HEAD has no body to count.
      h.set("Content-Length", Integer.toString(body.length()));
    }
    if (method.equals("HEAD") || status == 304 || status == 204) {
      body = Body.EMPTY;
    }
    return new ApiResponse(status, h.map(), body, stream);
  }

  /**
   * Whether a GET may be answered with a 304: {@code If-None-Match} names the tag, or, only when
   * there is no {@code If-None-Match}, nothing changed since {@code If-Modified-Since}.
   */
  private static boolean notModified(ApiRequest request, @Nullable String etag, @Nullable Instant lastModified) {
    List<String> inm = request.headers("If-None-Match");
    if (!inm.isEmpty()) {
      return etag != null && Validators.noneMatchFails(inm, etag);
    }
    String ims = request.header("If-Modified-Since").orElse(null);
    if (ims == null || lastModified == null) {
      return false;
    }
    Instant since = Validators.parseHttpDate(ims);
    return since != null && !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
  }

  /** Whether answers may be compressed. */
  public enum Compression {
    /** gzip when the request accepts it and the body is 1 KiB or more (the default). */
    GZIP,
    /** Never: for a host that compresses answers itself. */
    NONE
  }

  /**
   * Ends every event stream ({@code GET /events}) of this API: each finishes the write under way
   * and closes its answer, so that clients see the end and reconnect (to another instance, or
   * to this one once it is back, with {@code Last-Event-ID}); after a second, those still
   * blocked on a client that does not read are dropped. No stream is opened afterwards: {@code
   * /events} is then a 503. Adapters call it when they stop; call it before stopping a host's
   * server.
   *
   * @since 0.1.0
   */
  public void closeEventStreams() {
    changes.hub().close(java.time.Duration.ofSeconds(1));
  }

  /** Event streams open now, for tests. */
  int eventStreams() {
    return changes.hub().size();
  }

  /** The answer of {@code GET /events}: its head, and the stream (null for HEAD). */
  static final class Streaming extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Reply head;
    final transient @Nullable EventStream stream;

    Streaming(Reply head, @Nullable EventStream stream) {
      super("event stream", null, false, false);
      this.head = head;
      this.stream = stream;
    }
  }

  /** The request body stream failed: the client went away. */
  static final class ClientGone extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    ClientGone(IOException cause) {
      super("the request body could not be read: " + cause.getMessage(), cause);
    }
  }

  /** Options of a {@link ContentApi}. Not thread-safe; {@link #build()} copies its state. */
  public static final class Builder {
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final ArticleRepository repository;
    private @Nullable String previewToken;
    private @Nullable String writeToken;
    private @Nullable Authorizer authorizer;
    private String cacheControl = "no-cache";
    private @Nullable ArticleRenderer renderer;
    private @Nullable ObjectMapper mapper;
    private @Nullable NewsFeeds feeds;
    private Clock clock = Clock.systemUTC();
    private int maxLimit = 100;
    private int maxBodyBytes = MAX_BODY_BYTES;
    private List<String> corsOrigins = List.of();
    private Compression compression = Compression.GZIP;
    private int maxEventStreams = 100;
    private java.time.Duration eventHeartbeat = java.time.Duration.ofSeconds(15);
    private java.time.Duration eventSendTimeout = java.time.Duration.ofSeconds(30);

    private Builder(ArticleRepository repository) {
      this.repository = repository;
    }

    /**
     * The token that unlocks previews (drafts, scheduled, {@code asOf}); null, the default,
     * allows none. It grants no writes, unless the {@link #writeToken} is the same value.
     *
     * @throws IllegalArgumentException when the token is blank or holds white space or controls
     */
    public Builder previewToken(@Nullable String value) {
      TokenAuthorizer.check("previewToken", value);
      this.previewToken = value;
      return this;
    }

    /**
     * The token that allows writes ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE});
     * null, the default, allows none and the write routes are a 405. It grants no previews,
     * unless the {@link #previewToken} is the same value.
     *
     * @throws IllegalArgumentException when the token is blank or holds white space or controls
     * @since 0.1.0
     */
    public Builder writeToken(@Nullable String value) {
      TokenAuthorizer.check("writeToken", value);
      this.writeToken = value;
      return this;
    }

    /**
     * Decides what each request may do, instead of the {@link #previewToken} and {@link
     * #writeToken}: a host's own security, say. Default {@link Authorizer#tokens}.
     *
     * @throws IllegalStateException from {@link #build()} when a token is set as well
     * @since 0.1.0
     */
    public Builder authorizer(Authorizer value) {
      this.authorizer = Objects.requireNonNull(value, "authorizer");
      return this;
    }

    /** {@code Cache-Control} of public answers; default {@code no-cache}. */
    public Builder cacheControl(String value) {
      Objects.requireNonNull(value, "cacheControl");
      if (value.isBlank() || value.chars().anyMatch(c -> c < ' ' || c == 0x7F)) {
        throw new IllegalArgumentException("cacheControl must be a non-blank header value, was '" + value + "'");
      }
      this.cacheControl = value;
      return this;
    }

    /** Renders bodies for {@code .html} pages; default {@code ArticleRenderer.builder().build()}. */
    public Builder renderer(ArticleRenderer value) {
      this.renderer = Objects.requireNonNull(value, "renderer");
      return this;
    }

    /**
     * The mapper whose settings JSON is written with (indentation, say); copied, with {@link
     * BroadsheetModule} registered on the copies. Default a plain {@code JsonMapper}.
     */
    public Builder objectMapper(ObjectMapper value) {
      this.mapper = Objects.requireNonNull(value, "objectMapper");
      return this;
    }

    /** The clock that decides what is published now; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The feeds and sitemaps, with the site's base URL their links start with: {@code GET
     * /feed.rss}, {@code /feed.atom}, {@code /feed.json}, the same below {@code /category/{key}/}
     * and {@code /tag/{key}/}, {@code /sitemap.xml}, {@code /sitemap-{n}.xml}, {@code
     * /news-sitemap.xml} and {@code /robots.txt}; article pages then link their language
     * versions by absolute URLs. Default none: those paths are a 404.
     *
     * @since 0.1.0
     */
    public Builder feeds(NewsFeeds value) {
      this.feeds = Objects.requireNonNull(value, "feeds");
      return this;
    }

    /** The largest {@code limit} a request may ask for; default 100. */
    public Builder maxLimit(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxLimit must be positive, was " + value);
      }
      this.maxLimit = value;
      return this;
    }

    /**
     * The largest request body taken, in bytes; default 1 MiB. A larger one is a 413, refused
     * by its {@code Content-Length} before it is read, or after this many bytes and one more.
     *
     * @throws IllegalArgumentException when {@code value} is below 1
     * @since 0.1.0
     */
    public Builder maxBodyBytes(int value) {
      if (value < 1 || value == Integer.MAX_VALUE) {
        throw new IllegalArgumentException("maxBodyBytes must be from 1 to " + (Integer.MAX_VALUE - 1) + ", was " + value);
      }
      this.maxBodyBytes = value;
      return this;
    }

    /**
     * The origins whose scripts may call the API from a browser ({@code https://editor.example.com},
     * {@code http://localhost:3000}); default none, and no answer carries a CORS header.
     *
     * @throws IllegalArgumentException when a value is not a scheme ({@code http} or {@code
     *     https}), a host and an optional port
     * @since 0.1.0
     */
    public Builder corsOrigins(Collection<String> values) {
      Objects.requireNonNull(values, "corsOrigins");
      List<String> out = new ArrayList<>(values.size());
      for (String v : values) {
        out.add(Cors.normalize(Objects.requireNonNull(v, "corsOrigins holds null")));
      }
      this.corsOrigins = List.copyOf(out);
      return this;
    }

    /** As {@link #corsOrigins(Collection)}. */
    public Builder corsOrigins(String... values) {
      return corsOrigins(List.of(values));
    }

    /** Whether answers are gzip-encoded for clients that accept it; default {@link Compression#GZIP}. */
    public Builder compression(Compression value) {
      this.compression = Objects.requireNonNull(value, "compression");
      return this;
    }

    /**
     * How many event streams ({@code GET /events}) may be open at once; default 100. Each holds a
     * thread while it is open; one more is a 503 with {@code Retry-After}.
     *
     * @throws IllegalArgumentException when {@code value} is below 1
     * @since 0.1.0
     */
    public Builder maxEventStreams(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxEventStreams must be positive, was " + value);
      }
      this.maxEventStreams = value;
      return this;
    }

    /**
     * How long an event stream stays silent before it sends a heartbeat (a comment line), which
     * keeps proxies and the server's idle timeout from closing it and finds clients that went
     * away; default 15 seconds. Keep it below the idle timeout of the server and of any proxy
     * in front. The feed is polled at each heartbeat too.
     *
     * @throws IllegalArgumentException when {@code value} is not positive
     * @since 0.1.0
     */
    public Builder eventHeartbeat(java.time.Duration value) {
      Objects.requireNonNull(value, "eventHeartbeat");
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException("eventHeartbeat must be positive, was " + value);
      }
      this.eventHeartbeat = value;
      return this;
    }

    /**
     * How long one write to an event stream may wait for a client that does not read before the
     * stream is dropped; default 30 seconds. A stream holds no more than a page of the feed, so a
     * client that falls behind costs a blocked thread of its own for this long, no memory.
     *
     * @throws IllegalArgumentException when {@code value} is not positive
     * @since 0.1.0
     */
    public Builder eventSendTimeout(java.time.Duration value) {
      Objects.requireNonNull(value, "eventSendTimeout");
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException("eventSendTimeout must be positive, was " + value);
      }
      this.eventSendTimeout = value;
      return this;
    }

    /**
     * An API with these options.
     *
     * @throws IllegalStateException when an {@link #authorizer} is set together with a token
     */
    public ContentApi build() {
      if (authorizer != null && (previewToken != null || writeToken != null)) {
        throw new IllegalStateException("set an authorizer or the previewToken and writeToken, not both");
      }
      return new ContentApi(this);
    }
  }
}
