package dev.broadsheet.cli;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.internal.Printable;
import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.feeds.NewsFeeds;
import dev.broadsheet.server.ContentApi;
import dev.broadsheet.server.Webhooks;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code broadsheet serve DIR}: the content API over a folder, following edits on disk, on
 * embedded Jetty ({@link JettyServer}).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serves a content folder as the HTTP API until stopped (Ctrl-C).",
      "",
      "GET /articles (filters as query's, without dashes: category, tag, anyTag, excludeTag, sentiment, "
          + "sticky, minSticky, from, to, lang, source; sort, limit, cursor), /articles/{id}, "
          + "/articles/{id}.html, /facets, /health, / (a preview page), /changes?since=TOKEN (what changed, "
          + "paged by sync tokens), /events (the same as Server-Sent Events, resumed with Last-Event-ID) and /openapi.json (all of this in OpenAPI 3.1). Edits to the files are served "
          + "within about a second. Drafts, scheduled and expired articles are shown only to requests "
          + "with the preview token (Authorization: Bearer TOKEN), which may also ask for drafts=include, "
          + "asOf=INSTANT and the like. With a write token (Authorization: Bearer TOKEN), POST /articles, "
          + "PUT, PATCH (JSON Merge Patch) and DELETE /articles/{id} change the files, each with If-Match: "
          + "the article's ETag; without one, writes are refused.",
      "",
      "Prints 'Serving N articles on URL' when ready; files that cannot be read are reported on "
          + "standard error. Exit 2 on a usage error, 1 when the address cannot be used."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  broadsheet serve content",
      "  BROADSHEET_PREVIEW_TOKEN=s3cret broadsheet serve content --port 9000",
      "  BROADSHEET_WRITE_TOKEN=w41te broadsheet serve content --cors-origin https://editor.example.com",
      "  curl 'http://127.0.0.1:8080/articles?category=SPORTS&limit=3'",
      "  curl -H 'Authorization: Bearer s3cret' 'localhost:9000/articles?drafts=only'",
      "  BROADSHEET_WEBHOOK_SECRET=whsec broadsheet serve content --webhook https://build.example.com/hook"
    })
final class ServeCommand implements Callable<Integer> {
  /** The environment variable a preview token is read from when --preview-token is not given. */
  static final String TOKEN_VARIABLE = "BROADSHEET_PREVIEW_TOKEN";
  /** The environment variable a write token is read from when --write-token is not given. */
  static final String WRITE_TOKEN_VARIABLE = "BROADSHEET_WRITE_TOKEN";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The content folder, or a PostgreSQL database as a JDBC URL (jdbc:postgresql://host:5432/news?user=name; the password from BROADSHEET_DB_PASSWORD).")
  String dir;

  @Option(names = "--query-pushdown",
      description = "With a database: answer every request in SQL and keep no index in memory.")
  boolean queryPushdown;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
      description = "The port to listen on, 0 for any free one; default ${DEFAULT-VALUE}.")
  int port = 8080;

  @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
      description = "The address to listen on; default ${DEFAULT-VALUE} (this machine only). "
          + "0.0.0.0 listens on every interface.")
  String host = "127.0.0.1";

  @Option(names = "--preview-token", paramLabel = "T",
      description = "The token that shows drafts and scheduled articles. Prefer the environment variable "
          + TOKEN_VARIABLE + ": a command line is visible to other users of the machine.")
  @Nullable String previewToken;

  @Option(names = "--write-token", paramLabel = "T",
      description = "The token that allows writes; none by default, and writes are refused. Prefer the "
          + "environment variable " + WRITE_TOKEN_VARIABLE + ". It shows no drafts unless it is the preview "
          + "token too.")
  @Nullable String writeToken;

  @Option(names = "--cors-origin", paramLabel = "ORIGIN",
      description = "An origin whose scripts may call the API from a browser, such as "
          + "https://editor.example.com; repeat for more. None by default.")
  List<String> corsOrigins = new ArrayList<>();

  @Option(names = "--cache-control", paramLabel = "V", defaultValue = "no-cache",
      description = "Cache-Control of public answers; default ${DEFAULT-VALUE} (revalidate with the ETag). "
          + "Previews are always private, no-store.")
  String cacheControl = "no-cache";

  @Option(names = "--max-event-streams", paramLabel = "N", defaultValue = "100",
      description = "How many GET /events streams may be open at once, each holding a thread; "
          + "default ${DEFAULT-VALUE}. Beyond them, a 503.")
  int maxEventStreams = 100;

  @Option(names = "--event-heartbeat", paramLabel = "SECONDS", defaultValue = "15",
      description = "Seconds of silence after which an event stream sends a heartbeat comment; "
          + "default ${DEFAULT-VALUE}. Keep it below the 30 s idle timeout and any proxy's.")
  int eventHeartbeat = 15;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "The site's address, which the links of feeds and sitemaps (/feed.rss, /sitemap.xml, ...) "
          + "start with; default http://HOST:PORT.")
  @Nullable String baseUrl;

  @Mixin WebhookOptions webhooks = new WebhookOptions();

  /** Released to stop serving. A signal ends the process instead, through the shutdown hook. */
  final CountDownLatch stop = new CountDownLatch(1);
  /** Set once the command is closing what it opened: a failure of the search index then is no news. */
  private volatile boolean stopping;

  /** Told of the running server's address once it listens; for embedding the command in tests. */
  @Nullable Consumer<URI> onStart;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw usage("Invalid value for option '--port': must be from 0 to 65535, was " + port);
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw usage("Invalid value for option '--host': cannot resolve '" + host + "'");
    }
    // Jetty needs none of the content: it is made on a thread of its own while the content loads.
    CompletableFuture<JettyServer.Unstarted> jetty = new CompletableFuture<>();
    Thread preparing = new Thread(() -> {
      try {
        jetty.complete(JettyServer.prepare(address));
      } catch (RuntimeException | Error e) {
        jetty.completeExceptionally(e);
      }
    }, "broadsheet-serve-prepare");
    preparing.setDaemon(true);
    preparing.start();
    String token = previewToken != null ? previewToken : fromEnvironment(TOKEN_VARIABLE);
    String write = writeToken != null ? writeToken : fromEnvironment(WRITE_TOKEN_VARIABLE);
    // Options are checked before the folder is read, which takes seconds for a large one.
    try (ArticleRepository none = ArticleRepository.builder().store(new InMemoryArticleStore()).build()) {
      options(none, token, write);
    }
    StoreLocation location = StoreLocation.of(spec.commandLine(), "DIR", dir);
    location.checkPushdown(spec.commandLine(), queryPushdown);
    webhooks.check(spec.commandLine(), location);
    ContentRepository.Opened opened = ContentRepository.open(location, StoreLocation.Use.LIVE, queryPushdown);
    ArticleRepository repository = opened.repository();
    boolean closedByHook = false;
    try {
      PrintWriter err = spec.commandLine().getErr();
      repository.problems().forEach(err::println);
      err.flush();
      JettyServer running;
      try {
        running = prepared(jetty).start(options(repository, token, write).build());
      } catch (UncheckedIOException e) {
        err.println("broadsheet serve: " + Printable.of(String.valueOf(e.getMessage())));
        err.flush();
        return BroadsheetCommand.FAILED;
      }
      Webhooks.Running hooks = webhooks.start(repository, location, err);
      Thread hook = new Thread(() -> {
        stopping = true;
        running.close();
        if (hooks != null) {
          hooks.close();
        }
        opened.close();
      }, "broadsheet-serve-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      int visible = repository.count(ArticleQuery.all());
      PrintWriter out = spec.commandLine().getOut();
      out.println("Serving " + visible + (visible == 1 ? " article" : " articles") + " on " + running.uri());
      out.flush();
      if (token != null) {
        err.println("Previews need the header: Authorization: Bearer <the preview token>");
      }
      if (write != null) {
        err.println("Writes need the header: Authorization: Bearer <the write token>");
      }
      err.flush();
      if (onStart != null) {
        onStart.accept(running.uri());
      }
      openSearchInBackground(repository, err);
      stop.await();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        closedByHook = true; // the JVM is shutting down and the hook closes everything
        return 0;
      }
      running.close();
      if (hooks != null) {
        hooks.close();
      }
      return 0;
    } finally {
      stopping = true;
      if (!closedByHook) {
        opened.close();
      }
    }
  }

  /** Jetty as the thread that made it left it; what it threw, as it threw it. */
  private static JettyServer.Unstarted prepared(CompletableFuture<JettyServer.Unstarted> jetty) {
    try {
      return jetty.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw e;
    }
  }

  /** A variable of the environment; an exported but empty one means none. */
  private static @Nullable String fromEnvironment(String name) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** The server's options for {@code repository}; a usage error names the option a value is wrong for. */
  private ContentApi.Builder options(ArticleRepository repository, @Nullable String token, @Nullable String write) {
    ContentApi.Builder options = ContentApi.builder(repository);
    try {
      options.previewToken(token);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid value for " + (previewToken != null ? "option '--preview-token'" : TOKEN_VARIABLE)
          + ": " + e.getMessage());
    }
    try {
      options.writeToken(write);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid value for " + (writeToken != null ? "option '--write-token'" : WRITE_TOKEN_VARIABLE)
          + ": " + e.getMessage());
    }
    try {
      options.corsOrigins(corsOrigins);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid value for option '--cors-origin': " + e.getMessage());
    }
    try {
      options.cacheControl(cacheControl);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid value for option '--cache-control': " + e.getMessage());
    }
    try {
      options.maxEventStreams(maxEventStreams).eventHeartbeat(java.time.Duration.ofSeconds(eventHeartbeat));
    } catch (IllegalArgumentException e) {
      throw usage("Invalid value for option '" + (maxEventStreams < 1 ? "--max-event-streams" : "--event-heartbeat")
          + "': must be a positive whole number");
    }
    String site = baseUrl != null ? baseUrl : "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    try {
      options.feeds(NewsFeeds.builder(site).build());
    } catch (IllegalArgumentException e) {
      throw usage("Invalid value for option '--base-url': " + e.getMessage());
    }
    return options;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /**
   * Brings the search index up to date on a thread of its own, so the server answers while it
   * is built: a query with text meanwhile waits for it, every other query does not.
   */
  private void openSearchInBackground(ArticleRepository repository, PrintWriter err) {
    Thread t = new Thread(() -> {
      try {
        repository.openSearch();
      } catch (RuntimeException e) {
        if (!stopping) {
          err.println("broadsheet serve: the search index could not be opened, it is tried again at the next search: "
              + Printable.of(String.valueOf(e.getMessage())));
          err.flush();
        }
      }
    }, "broadsheet-search-open");
    t.setDaemon(true);
    t.start();
  }
}
