package dev.broadsheet.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.json.BroadsheetModule;
import dev.broadsheet.markdown.render.ArticleRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@linkplain ContentApi content API} over an {@link ArticleRepository} (JSON pages of
 * articles, single articles, rendered pages, facets and, with a write token, writes) on the
 * JDK's own {@code com.sun.net.httpserver}.
 *
 * <pre>{@code
 * ArticleRepository repository = ArticleRepository.builder()
 *     .store(FileArticleStore.builder(Path.of("content")).build())   // edits on disk show up live
 *     .build();
 * ContentServer server = ContentServer.builder(repository)
 *     .previewToken(System.getenv("BROADSHEET_PREVIEW_TOKEN"))        // null: no previews
 *     .writeToken(System.getenv("BROADSHEET_WRITE_TOKEN"))            // null: no writes
 *     .cacheControl("public, max-age=60")
 *     .build();
 * try (ContentServer.Running running = server.start(8080)) {         // 127.0.0.1:8080
 *   System.out.println("Serving on " + running.uri());               // http://127.0.0.1:8080/
 *   Thread.currentThread().join();
 * }
 * }</pre>
 *
 * <p>Or mount it on an {@link HttpServer} the application already runs: {@code
 * server.register(httpServer, "/api")} serves {@code /api/articles} and the rest, on that
 * server's executor. Run that JVM with {@code -Dsun.net.httpserver.nodelay=true}: without
 * it the JDK's server delays most keep-alive responses by some 40 ms ({@link #start} sets it
 * when it makes the JDK's first HTTP server and the property is not set). The options of the
 * API itself are those of {@link ContentApi.Builder}, repeated on this builder; or build the
 * API first and serve it with {@link #builder(ContentApi)}.
 *
 * <h2>Routes</h2>
 *
 * <ul>
 *   <li>{@code GET /articles}: a page of articles without their bodies, {@code {"items": [...],
 *       "total": 42, "nextCursor": "..." | null}}. Filters as the command line's {@code query}:
 *       {@code category}, {@code tag} (repeated: all of them), {@code anyTag}, {@code
 *       excludeTag}, {@code sentiment}, {@code sticky=true}, {@code minSticky}, {@code from},
 *       {@code to} (ISO-8601 instants or dates), {@code lang}, {@code source}; a repeated
 *       parameter means any of its values, except {@code tag}. {@code sort=sticky|newest|oldest},
 *       {@code limit} (1 to {@link Builder#maxLimit}, default 20), {@code cursor} (the {@code
 *       nextCursor} of the page before, with the same filters and sort).
 *   <li>{@code GET /articles/{id}}: the article with its body and revision. Ids hold slashes
 *       ({@code /articles/2026/01/harbour-pier}); the path is percent-decoded once and must
 *       meet {@link dev.broadsheet.ArticleIds}, or it is a 404.
 *   <li>{@code GET /articles/{id}.html}: a minimal page with the title, a line of facts and the
 *       rendered body. {@code .html} is recognized on the raw path, so an id ending in ".html"
 *       is reached as JSON with the dot escaped ({@code %2Ehtml}).
 *   <li>{@code GET /facets}: counts per category, tag, sentiment, language and source over the
 *       articles the filters match; {@code topTags} (0 to 1000, default 20).
 *   <li>{@code GET /health}: {@code {"status": "ok", "articles": N, "problems": M}}: the articles
 *       the public sees now, and the problems of files the store cannot serve. The status is
 *       {@code ok}, {@code degraded} (a 200 too, with problems to look at) or {@code down} (a
 *       503: the store cannot be read, its folder deleted, say; the other routes answer from
 *       what the repository last read), from {@link ArticleRepository#health()}: one cheap look
 *       at the store, no scan, so a monitor may poll it often.
 *   <li>{@code GET /changes?since=TOKEN&limit=N}: a page of the change feed, {@code {"items":
 *       [{"id", "change", "revision", "at"}], "next": "...", "hasMore": false}}; without {@code
 *       since}, the initial sync. {@code GET /events}: the same items as Server-Sent Events while
 *       they happen, resumed with {@code Last-Event-ID}. The preview token reads the preview feed.
 *       A stream holds a thread of the API's own, not one of this server's.
 *   <li>{@code GET /}: a human preview, the newest articles linking to their pages; takes the
 *       parameters of {@code /articles}.
 *   <li>{@code GET /openapi.json}: every route, parameter, schema and problem type in OpenAPI
 *       3.1, with the path the API is mounted at as its server.
 *   <li>With a {@linkplain Builder#writeToken write token}: {@code POST /articles}, {@code PUT},
 *       {@code PATCH} and {@code DELETE /articles/{id}}, as {@link ContentApi} describes them.
 * </ul>
 *
 * <p>An unknown parameter, a repeated single-valued one, an empty value or a value that does
 * not parse is a 400 that names each bad parameter: a typo ({@code ?catgory=}) must not look
 * like an unfiltered answer. {@code HEAD} is answered as {@code GET} without the body, {@code
 * OPTIONS} with a 204 and {@code Allow}; other methods are a 405 with {@code Allow}. Errors are
 * RFC 9457 {@code
 * application/problem+json} documents ({@code type}, {@code title}, {@code status}, {@code
 * detail}, and for 400 {@code invalid-params}, each {@code {name, reason}}), never a stack trace
 * or a file path; a failure is logged and answered with a generic 500.
 *
 * <h2>Drafts and previews</h2>
 *
 * <p>The public never sees drafts, scheduled articles (published after now) or expired ones:
 * not in pages, facets, counts or by id (a 404, as for an id that does not exist). "Now" is this
 * server's {@linkplain Builder#clock clock}. With a {@linkplain Builder#previewToken preview
 * token}, a request with {@code Authorization: Bearer <token>} may fetch any article by id and
 * use {@code drafts}, {@code scheduled}, {@code expired} ({@code include|only|exclude}) and
 * {@code asOf} (an instant). Those parameters without a valid token are a 401 with {@code
 * WWW-Authenticate: Bearer}; a bearer token that is not the preview token is a 401 whatever was
 * asked. Tokens are compared as SHA-256 digests in constant time. Other authorization schemes
 * (a proxy's Basic credentials) are ignored. The {@linkplain Builder#writeToken write token}
 * grants writes only, and the preview token previews only, unless both are the same value; an
 * {@link Authorizer} may replace both.
 *
 * <h2>Caching</h2>
 *
 * <p>Every 200 carries a strong {@code ETag}: an article's is its revision, which a client sends
 * back in {@code If-Match} to write; other answers' a hash of their bytes. A matching {@code
 * If-None-Match} (a list, weak tags, or {@code *}) is a 304 without a body; so is an {@code
 * If-Modified-Since} not before an article's {@code Last-Modified}, when no {@code
 * If-None-Match} is sent. Public answers carry the configured {@code Cache-Control} (default
 * {@code no-cache}: caches revalidate every time, which the ETag makes cheap, and edits show at
 * once); answers to authorized requests are {@code private, no-store}; errors, writes and
 * {@code /health} are {@code no-store}. Every answer of this class (not those the {@linkplain
 * ContentServer JDK gives itself}) has {@code Vary: Authorization, Accept-Encoding}, {@code
 * X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer}; pages add a {@code
 * Content-Security-Policy} that allows no script. Bodies of 1 KiB or more are gzip-encoded for
 * clients that accept it. Nothing is cached inside the server but renderings (by id and
 * revision), so a repository that follows its store serves an edit as soon as it has it.
 *
 * <h2>Limits</h2>
 *
 * <p>The JDK's server reads a request on the thread that will answer it, so every client that
 * sends slowly, or reads its answer slowly, holds a thread while it waits. A server {@linkplain
 * #start started} by this class bounds what such clients hold and keeps answering the others:
 *
 * <ul>
 *   <li>{@linkplain Builder#requestTimeout Request timeout} (default 10 s): from a request's
 *       first bytes until its line, headers and any body have arrived. A request left half-sent,
 *       a body that never comes or TLS spoken to the plain port is closed without an answer.
 *   <li>{@linkplain Builder#responseTimeout Response timeout} (default 30 s): to write an answer.
 *       A client that does not read it is cut off.
 *   <li>Threads: {@link Builder#threads} for the work (default twice the processors), and one
 *       more for each thread a slow client holds (one that has waited on the network for a tenth
 *       of a second), up to {@link Builder#maxThreads} (default 200). Beyond them, 1024 requests
 *       wait for a thread, and then new connections are closed. Idle keep-alive connections hold
 *       no thread.
 *   <li>Connections: at most 1000 open at once; more are closed as soon as they are accepted. The
 *       JDK reads this limit from the system property {@code jdk.httpserver.maxConnections} once
 *       per JVM, when it makes its first HTTP server, so it is not a builder option: {@link
 *       #start} sets the property when it is not set, which takes effect when this is the JVM's
 *       first HTTP server; set it on the command line to choose another. An idle connection,
 *       kept alive or opened and left silent, is closed after {@code sun.net.httpserver.idleInterval}
 *       seconds (default 30), also read once per JVM; the JDK keeps at most 200 of them
 *       ({@code sun.net.httpserver.maxIdleConnections}) and closes the others after their answer.
 *   <li>Sizes: a query string over 8192 characters is a 414. The JDK closes, without an answer,
 *       a connection whose request line or headers pass 380 KB or that sends more than 200
 *       header lines ({@code sun.net.httpserver.maxReqHeaderSize}, {@code maxReqHeaders}). A
 *       request body is read while the request timeout runs, up to {@link
 *       Builder#maxBodyBytes} (1 MiB) and one byte more; a longer one is a 413 for the routes
 *       that take a body, one whose {@code Content-Length} says so is not read at all, and the
 *       connection of either is closed after the answer.
 * </ul>
 *
 * <p>Routes {@linkplain #register registered} on an application's own server run on its
 * executor, where the timeouts and thread limits above do not apply: bound that server with the
 * JDK's JVM-wide {@code sun.net.httpserver.maxReqTime} and {@code maxRspTime} (in seconds), or
 * with a proxy in front.
 *
 * <h2>Answers the JDK gives itself</h2>
 *
 * <p>A request the JDK's server cannot parse never reaches this class: a target that is no URI (a
 * malformed escape such as {@code %zz}, a raw backslash or control character), a request line
 * without a target, a header name with characters a name cannot hold, a {@code Content-Length}
 * that is no number, repeated or sent with {@code Transfer-Encoding}, or a transfer coding other
 * than chunked. The JDK's {@code ServerImpl.Exchange} answers it itself, writing straight to the
 * socket before it looks for a context, so before any filter or handler runs: a fixed {@code
 * text/html} page such as {@code <h1>400 Bad Request</h1>URISyntaxException thrown} (501 for the
 * transfer coding) with {@code Connection: close}, without a problem document or the headers
 * above. The page is the same whatever was sent; it holds nothing of the request. No filter,
 * handler or executor can change it, only replacing the JDK's whole server implementation
 * (JVM-wide, through {@code HttpServerProvider}); where every answer must be a problem document,
 * put a proxy in front that refuses such requests itself.
 *
 * <p>Immutable and thread-safe; {@link #start} may be called more than once.
 *
 * @since 0.1.0
 */
public final class ContentServer {
  /** Requests that wait for a thread when all {@link Builder#maxThreads} are busy. */
  static final int QUEUE = 1024;
  /** What {@link #start} sets {@code jdk.httpserver.maxConnections} to when the JVM has not. */
  static final int MAX_CONNECTIONS = 1000;
  /**
   * Connections the system holds until the server accepts them. The JDK's default, 50, drops a
   * burst of new connections beyond it, and each dropped one waits a second or more to retry.
   */
  static final int BACKLOG = 1024;

  private final ContentApi api;
  private final JdkHandler handler;
  private final int threads;
  private final int maxThreads;
  private final Duration requestTimeout;
  private final Duration responseTimeout;
  private final @Nullable Webhooks webhooks;

  private ContentServer(Builder b, ContentApi api) {
    this.api = api;
    this.handler = new JdkHandler(api);
    this.threads = b.threads;
    this.maxThreads = b.maxThreads != 0 ? b.maxThreads : Math.max(Builder.MAX_THREADS, b.threads);
    this.requestTimeout = b.requestTimeout;
    this.responseTimeout = b.responseTimeout;
    this.webhooks = b.webhooks == null ? null : b.webhooks.build();
  }

  /** A builder for a server over {@code repository}, with the API's options on the builder too. */
  public static Builder builder(ArticleRepository repository) {
    return new Builder(ContentApi.builder(Objects.requireNonNull(repository, "repository")), null, repository);
  }

  /**
   * A builder for a server of an API built already; the builder then takes the server's own
   * options only (threads and timeouts).
   *
   * @since 0.1.0
   */
  public static Builder builder(ContentApi api) {
    return new Builder(null, Objects.requireNonNull(api, "api"), null);
  }

  /** The API this server answers with. */
  public ContentApi api() {
    return api;
  }

  /**
   * The handler that answers every route, for an {@link HttpServer} the caller runs. It takes
   * its routes below the path of the context it is registered at.
   */
  public HttpHandler handler() {
    return handler;
  }

  /**
   * Registers the routes on {@code server} below {@code path} ({@code "/"} or {@code "/api"},
   * say), to run on that server's executor.
   *
   * @throws IllegalArgumentException when {@code path} does not start with {@code /} or ends
   *     with one (other than {@code "/"} itself)
   */
  public HttpContext register(HttpServer server, String path) {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
      throw new IllegalArgumentException("path must start with '/' and not end with one, was '" + path + "'");
    }
    return server.createContext(path, handler);
  }

  /** Starts serving on the loopback interface at {@code port} (0 for any free port). */
  public Running start(int port) {
    return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }

  /**
   * Starts serving on {@code address}, with the {@linkplain ContentServer limits} above: {@link
   * Builder#threads} threads growing to {@link Builder#maxThreads}, and connections closed past
   * the {@linkplain Builder#requestTimeout request} and {@linkplain Builder#responseTimeout
   * response} timeouts.
   *
   * @throws UncheckedIOException when the address cannot be bound (in use, say)
   */
  public Running start(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    preferJdkSettings();
    HttpServer server;
    try {
      server = HttpServer.create(address, BACKLOG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
    WorkerPool pool = new WorkerPool("broadsheet-http", threads, maxThreads, QUEUE, requestTimeout, responseTimeout);
    server.setExecutor(pool);
    server.createContext("/", handler);
    server.start();
    return new Running(server, pool, handler, webhooks == null ? null : webhooks.start());
  }

  /**
   * Sets what the JDK's HTTP server can only be told JVM-wide, through system properties it reads
   * once, when its first server is made; a property the application has set is left alone.
   *
   * <p>TCP_NODELAY: the server writes a response's headers and body separately; with Nagle's
   * algorithm the last part of the body then waits for the client's delayed acknowledgement,
   * some 40 ms, on every keep-alive request. The connection limit: without one, the JDK's server
   * accepts connections until the process runs out of file descriptors. The drain: the handler
   * reads every body it takes whole, so one left unread is one refused (a 413 from its {@code
   * Content-Length}); the JDK's server would otherwise wait for up to 64 KB more of it after the
   * answer, holding the thread until the response timeout when the client sends nothing, where
   * closing the connection frees it at once.
   */
  private static void preferJdkSettings() {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    if (System.getProperty(CONNECTIONS) == null) {
      System.setProperty(CONNECTIONS, Integer.toString(MAX_CONNECTIONS));
    }
    if (System.getProperty(DRAIN) == null) {
      System.setProperty(DRAIN, "0");
    }
  }

  private static final String NODELAY = "sun.net.httpserver.nodelay";
  private static final String CONNECTIONS = "jdk.httpserver.maxConnections";
  private static final String DRAIN = "sun.net.httpserver.drainAmount";

  /** A server started by {@link #start}: where it listens, and {@link #close()} to stop it. */
  public static final class Running implements AutoCloseable {
    private final HttpServer server;
    private final WorkerPool pool;
    private final JdkHandler handler;
    private final Webhooks.@Nullable Running webhooks;

    private Running(HttpServer server, WorkerPool pool, JdkHandler handler, Webhooks.@Nullable Running webhooks) {
      this.server = server;
      this.pool = pool;
      this.handler = handler;
      this.webhooks = webhooks;
    }

    /** The address listened on, with the actual port when 0 was asked for. */
    public InetSocketAddress address() {
      return server.getAddress();
    }

    public int port() {
      return server.getAddress().getPort();
    }

    /** {@code http://host:port/}, the preview page. */
    public URI uri() {
      InetSocketAddress a = address();
      String host = a.getAddress().getHostAddress();
      if (host.contains(":")) {
        host = "[" + host + "]";
      }
      return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /**
     * Stops taking requests, ends the event streams this server serves (they close their
     * answers, and clients reconnect elsewhere with {@code Last-Event-ID}), lets requests under
     * way finish for up to a second, then stops listening and closes every connection.
     */
    @Override
    public void close() {
      handler.closeStreams(Duration.ofSeconds(1));
      // The pool first: HttpServer.stop(delay) would wait out the whole delay for idle
      // keep-alive connections, while a drained pool tells exactly when the work is done.
      try {
        pool.close(Duration.ofSeconds(1));
      } finally {
        server.stop(0);
        if (webhooks != null) {
          webhooks.close();
        }
      }
    }

    /** Threads the server runs now, for tests. */
    int threads() {
      return pool.threads();
    }
  }

  /**
   * Options of a {@link ContentServer}: those of its {@link ContentApi}, unless it was made from
   * one, and the server's own. Not thread-safe; {@link #build()} copies its state.
   */
  public static final class Builder {
    private final ContentApi.@Nullable Builder apiOptions;
    private final @Nullable ContentApi api;
    static final int MAX_THREADS = 200;

    private int threads = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
    /** 0: {@link #MAX_THREADS}, or {@link #threads} when more. */
    private int maxThreads;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration responseTimeout = Duration.ofSeconds(30);

    private final @Nullable ArticleRepository repository;
    private Webhooks.@Nullable Builder webhooks;

    private Builder(ContentApi.@Nullable Builder apiOptions, @Nullable ContentApi api,
        @Nullable ArticleRepository repository) {
      this.apiOptions = apiOptions;
      this.api = api;
      this.repository = repository;
    }

    /**
     * Posts the public change feed to {@code endpoint}, signed with {@code secret}, while the
     * server runs ({@link #start}); repeat for more endpoints. See {@link Webhooks}.
     *
     * @throws IllegalArgumentException when the URL is not absolute http(s) or the secret is empty
     * @throws IllegalStateException on a builder made from a {@link ContentApi}: use {@link
     *     Webhooks} itself there
     */
    public Builder webhook(URI endpoint, String secret) {
      webhooks().endpoint(endpoint, secret);
      return this;
    }

    /** Where the webhooks' positions are kept across restarts; see {@link Webhooks.Builder#stateFile}. */
    public Builder webhookState(@Nullable Path file) {
      webhooks().stateFile(file);
      return this;
    }

    private Webhooks.Builder webhooks() {
      if (repository == null) {
        throw new IllegalStateException("webhooks need the repository: make the server with "
            + "ContentServer.builder(repository), or run Webhooks.builder(repository) yourself");
      }
      if (webhooks == null) {
        webhooks = Webhooks.builder(repository);
      }
      return webhooks;
    }

    private ContentApi.Builder api(String option) {
      if (apiOptions == null) {
        throw new IllegalStateException(option + " is an option of the ContentApi this server was made with");
      }
      return apiOptions;
    }

    /**
     * The token that unlocks previews (drafts, scheduled, {@code asOf}); null, the default,
     * allows none. See {@link ContentApi.Builder#previewToken}.
     *
     * @throws IllegalArgumentException when the token is blank or holds white space or controls
     */
    public Builder previewToken(@Nullable String value) {
      api("previewToken").previewToken(value);
      return this;
    }

    /**
     * The token that allows writes; null, the default, allows none. See {@link
     * ContentApi.Builder#writeToken}.
     *
     * @throws IllegalArgumentException when the token is blank or holds white space or controls
     * @since 0.1.0
     */
    public Builder writeToken(@Nullable String value) {
      api("writeToken").writeToken(value);
      return this;
    }

    /**
     * Decides what each request may do instead of the tokens. See {@link
     * ContentApi.Builder#authorizer}.
     *
     * @since 0.1.0
     */
    public Builder authorizer(Authorizer value) {
      api("authorizer").authorizer(value);
      return this;
    }

    /** {@code Cache-Control} of public answers; default {@code no-cache}. */
    public Builder cacheControl(String value) {
      api("cacheControl").cacheControl(value);
      return this;
    }

    /** Renders bodies for {@code .html} pages; default {@code ArticleRenderer.builder().build()}. */
    public Builder renderer(ArticleRenderer value) {
      api("renderer").renderer(value);
      return this;
    }

    /**
     * The mapper whose settings JSON is written with (indentation, say); copied, with {@link
     * BroadsheetModule} registered on the copies. Default a plain {@code JsonMapper}.
     */
    public Builder objectMapper(ObjectMapper value) {
      api("objectMapper").objectMapper(value);
      return this;
    }

    /** The clock that decides what is published now; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock value) {
      api("clock").clock(value);
      return this;
    }

    /**
     * Feeds, sitemaps and robots.txt, as {@link ContentApi.Builder#feeds}.
     *
     * @since 0.1.0
     */
    public Builder feeds(dev.broadsheet.feeds.NewsFeeds value) {
      api("feeds").feeds(value);
      return this;
    }

    /** The largest {@code limit} a request may ask for; default 100. */
    public Builder maxLimit(int value) {
      api("maxLimit").maxLimit(value);
      return this;
    }

    /**
     * The largest request body taken, in bytes; default 1 MiB. See {@link
     * ContentApi.Builder#maxBodyBytes}.
     *
     * @since 0.1.0
     */
    public Builder maxBodyBytes(int value) {
      api("maxBodyBytes").maxBodyBytes(value);
      return this;
    }

    /**
     * The origins whose scripts may call the API from a browser. See {@link
     * ContentApi.Builder#corsOrigins(Collection)}.
     *
     * @since 0.1.0
     */
    public Builder corsOrigins(Collection<String> values) {
      api("corsOrigins").corsOrigins(values);
      return this;
    }

    /** As {@link #corsOrigins(Collection)}. */
    public Builder corsOrigins(String... values) {
      api("corsOrigins").corsOrigins(values);
      return this;
    }

    /**
     * Whether answers are gzip-encoded for clients that accept it; default {@link
     * ContentApi.Compression#GZIP}.
     *
     * @since 0.1.0
     */
    public Builder compression(ContentApi.Compression value) {
      api("compression").compression(value);
      return this;
    }

    /**
     * How many event streams ({@code GET /events}) may be open at once; default 100. See {@link
     * ContentApi.Builder#maxEventStreams}.
     *
     * @since 0.1.0
     */
    public Builder maxEventStreams(int value) {
      api("maxEventStreams").maxEventStreams(value);
      return this;
    }

    /**
     * How long an event stream stays silent before a heartbeat; default 15 seconds. See {@link
     * ContentApi.Builder#eventHeartbeat}.
     *
     * @since 0.1.0
     */
    public Builder eventHeartbeat(Duration value) {
      api("eventHeartbeat").eventHeartbeat(value);
      return this;
    }

    /**
     * Threads that answer requests when the server is {@linkplain ContentServer#start started}
     * by this class; default twice the processors, at least 2. Requests are short and mostly use
     * the CPU, so more threads than that only wait; the server starts more only for those that
     * slow clients hold: see {@link #maxThreads}.
     *
     * @throws IllegalArgumentException when {@code value} is below 1
     */
    public Builder threads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("threads must be positive, was " + value);
      }
      this.threads = value;
      return this;
    }

    /**
     * The most threads a {@linkplain ContentServer#start started} server runs; default 200, or
     * {@link #threads} when that is more. The JDK's server reads a request on the thread that
     * answers it, so a client that sends slowly holds a thread until the {@linkplain
     * #requestTimeout request timeout}, and one that reads slowly until the {@linkplain
     * #responseTimeout response timeout}. For each thread that has waited on the network for a
     * tenth of a second the server starts another, up to this many, rather than keep other
     * clients waiting. Beyond them, up to 1024 requests wait for a thread, and then new
     * connections are closed rather than queued without bound. Threads above {@link #threads}
     * stop after a minute without work.
     *
     * @throws IllegalArgumentException when {@code value} is below 1; {@link #build()} when it
     *     is below {@link #threads}
     * @since 0.1.0
     */
    public Builder maxThreads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxThreads must be positive, was " + value);
      }
      this.maxThreads = value;
      return this;
    }

    /**
     * How long a {@linkplain ContentServer#start started} server waits for a request, from its
     * first bytes until its line, headers and any body have arrived; default 10 seconds. A
     * connection that takes longer (a request left half-sent, a body that never comes, TLS spoken
     * to the plain port) is closed, which frees its thread. Measured on the system's monotonic
     * timer, not the {@link #clock}, and checked every tenth of a second, so a connection may be
     * closed that much late.
     *
     * @throws IllegalArgumentException when {@code value} is zero or negative
     * @since 0.1.0
     */
    public Builder requestTimeout(Duration value) {
      Objects.requireNonNull(value, "requestTimeout");
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException("requestTimeout must be positive, was " + value);
      }
      this.requestTimeout = value;
      return this;
    }

    /**
     * How long a {@linkplain ContentServer#start started} server takes to write an answer before
     * it gives up on a client that does not read it and closes the connection; default 30
     * seconds. Answers are made whole before they are sent, so this is network time only, as
     * the {@linkplain #requestTimeout request timeout} measures it.
     *
     * @throws IllegalArgumentException when {@code value} is zero or negative
     * @since 0.1.0
     */
    public Builder responseTimeout(Duration value) {
      Objects.requireNonNull(value, "responseTimeout");
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException("responseTimeout must be positive, was " + value);
      }
      this.responseTimeout = value;
      return this;
    }

    /**
     * A server with these options.
     *
     * @throws IllegalArgumentException when {@link #maxThreads} was set below {@link #threads}
     * @throws IllegalStateException when an {@link #authorizer} is set together with a token
     */
    public ContentServer build() {
      if (maxThreads != 0 && maxThreads < threads) {
        throw new IllegalArgumentException("maxThreads must be at least threads (" + threads + "), was " + maxThreads);
      }
      return new ContentServer(this, api != null ? api : Objects.requireNonNull(apiOptions).build());
    }
  }
}
