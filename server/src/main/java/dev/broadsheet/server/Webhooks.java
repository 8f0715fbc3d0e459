package dev.broadsheet.server;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.broadsheet.ArticleChange;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.ChangePage;
import dev.broadsheet.InvalidSyncTokenException;
import dev.broadsheet.SyncToken;
import dev.broadsheet.SyncTokenExpiredException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Delivers a repository's public change feed to HTTP endpoints: each endpoint receives {@code
 * POST}s of {@code {"items": [...]}}, the items of {@link ArticleRepository#changes} as the
 * change feed writes them ({@code {"id", "change": "upsert|delete|published|unpublished",
 * "revision", "at"}}), in order, at least once.
 *
 * <pre>{@code
 * Webhooks.Running hooks = Webhooks.builder(repository)
 *     .endpoint(URI.create("https://build.example.com/hook"), System.getenv("BROADSHEET_WEBHOOK_SECRET"))
 *     .stateFile(Path.of("content/.broadsheet/webhooks.json"))   // where each endpoint stands
 *     .build()
 *     .start();                                                  // close() to stop
 * }</pre>
 *
 * <ul>
 *   <li><b>Signed.</b> Every request carries {@code Broadsheet-Signature: t=<unix seconds>,v1=<hex
 *       HMAC-SHA256 of "t.body" with the endpoint's secret>}; a receiver recomputes it over the
 *       bytes it received and compares in constant time, and refuses old timestamps (replays).
 *       Each attempt is signed anew, with its own timestamp.
 *   <li><b>Ordered, at least once.</b> Each endpoint has a thread of its own reading the feed from
 *       its own sync token: a batch is posted until the endpoint answers 2xx, then the token moves
 *       past it. A batch the endpoint took but whose answer was lost comes again, so receivers
 *       should tolerate repeats (an item with the same id, change and revision).
 *   <li><b>Retries</b> after any answer but 2xx, a connection failure or a {@link
 *       Builder#timeout timeout}: exponential backoff from {@link Builder#initialBackoff} up to
 *       {@link Builder#maxBackoff}, each wait drawn between half and all of its step (jitter).
 *       An endpoint that is down delays only itself.
 *   <li><b>Restarts.</b> With a {@link Builder#stateFile state file}, each endpoint's last
 *       acknowledged token is written to it (atomically: a temporary file, fsync, rename) after
 *       every acknowledged batch, and delivery resumes there on the next start. A new endpoint, or
 *       one whose token the store no longer accepts (expired, or another store's; logged as a
 *       warning), starts at the feed's current head: no backlog of old content is sent. Tokens
 *       outlive the process only when the store keeps a durable change log; otherwise a restart
 *       starts at the head.
 *   <li><b>Wake-ups.</b> A repository listener wakes the threads at each change, including the
 *       instants scheduled articles go live or expire; they also look every {@link
 *       Builder#pollInterval} in case.
 * </ul>
 *
 * <p>Immutable; {@link #start()} may be called more than once, each call delivering on its own.
 *
 * @since 0.1.0
 */
public final class Webhooks {
  private static final System.Logger LOG = System.getLogger(Webhooks.class.getName());
  /** The header that carries the signature. */
  public static final String SIGNATURE_HEADER = "Broadsheet-Signature";
  private static final JsonFactory JSON = new JsonFactory();
  private static final String HMAC = "HmacSHA256";

  private final ArticleRepository repository;
  private final Map<URI, String> endpoints;
  private final @Nullable Path stateFile;
  private final int batchSize;
  private final Duration timeout;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration pollInterval;
  private final Clock clock;

  private Webhooks(Builder b) {
    this.repository = b.repository;
    this.endpoints = new LinkedHashMap<>(b.endpoints);
    this.stateFile = b.stateFile;
    this.batchSize = b.batchSize;
    this.timeout = b.timeout;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.pollInterval = b.pollInterval;
    this.clock = b.clock;
  }

  public static Builder builder(ArticleRepository repository) {
    return new Builder(repository);
  }

  /** The endpoints, in the order they were added. */
  public List<URI> endpoints() {
    return List.copyOf(endpoints.keySet());
  }

  /**
   * Starts delivering: reads the state file, then starts one thread per endpoint.
   *
   * @throws UncheckedIOException when the state file exists but cannot be read
   */
  public Running start() {
    return new Running(this);
  }

  /**
   * The signature header's value for {@code body} sent at {@code unixSeconds}: {@code
   * t=<seconds>,v1=<hex HMAC-SHA256 of "seconds.body">}.
   */
  public static String signature(String secret, long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** The body of a batch: {@code {"items":[{"id","change","revision","at"}, ...]}}. */
  static byte[] body(List<ArticleChange> items) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 128 * items.size());
    try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeArrayFieldStart("items");
      for (ArticleChange c : items) {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("change", c.kind().key());
        if (c.revision() == null) {
          g.writeNullField("revision");
        } else {
          g.writeStringField("revision", c.revision().value());
        }
        g.writeStringField("at", c.at().toString());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** An endpoint as logs show it: no credentials, no query. */
  static String shown(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  /** Deliveries under way; {@link #close()} stops them. */
  public static final class Running implements AutoCloseable {
    private final Webhooks config;
    private final State state;
    private final List<Endpoint> workers = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;

    private Running(Webhooks config) {
      this.config = config;
      this.state = new State(config.stateFile);
      for (Map.Entry<URI, String> e : config.endpoints.entrySet()) {
        workers.add(new Endpoint(e.getKey(), e.getValue(), workers.size()));
      }
      config.repository.addListener(event -> {
        if (!closed) {
          workers.forEach(Endpoint::wake);
        }
      });
      workers.forEach(w -> w.thread.start());
    }

    /** The last token {@code endpoint} acknowledged (a 2xx), or where it starts; empty before it started. */
    public Optional<SyncToken> acknowledged(URI endpoint) {
      return Optional.ofNullable(state.tokens.get(endpoint.toString())).map(SyncToken::parse);
    }

    /** Stops every endpoint's thread; a batch in flight is not acknowledged, and comes again on the next start. */
    @Override
    public void close() {
      closed = true;
      closing.countDown();
      for (Endpoint w : workers) {
        w.stop(); // no interrupt: one could land in the middle of writing the state file
      }
      for (Endpoint w : workers) {
        try {
          w.thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    /** One endpoint's ordered stream of batches, on a thread of its own. */
    private final class Endpoint implements Runnable {
      private final URI uri;
      private final String secret;
      private final String shown;
      private final ExecutorService http;
      private final HttpClient client;
      private final Thread thread;
      private final ReentrantLock lock = new ReentrantLock();
      private final Condition changed = lock.newCondition();
      private boolean signalled = true;
      /** How many short looks again since the last item or wake-up (see {@link FeedWake}). */
      private int settle;
      /** Where delivery starts: taken before {@link #start()} returns, so no later change is missed. */
      private final SyncToken from;

      Endpoint(URI uri, String secret, int n) {
        this.uri = uri;
        this.secret = secret;
        this.shown = shown(uri);
        this.http = Executors.newCachedThreadPool(r -> {
          Thread t = new Thread(r, "broadsheet-webhook-" + n + "-http");
          t.setDaemon(true);
          return t;
        });
        this.client = HttpClient.newBuilder()
            .executor(http)
            .connectTimeout(config.timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        this.from = start(uri.toString());
        this.thread = new Thread(this, "broadsheet-webhook-" + n);
        this.thread.setDaemon(true);
      }

      /** The request under way, cancelled by {@link #stop()}. */
      private volatile @Nullable CompletableFuture<HttpResponse<Void>> inFlight;

      void stop() {
        CompletableFuture<HttpResponse<Void>> f = inFlight;
        if (f != null) {
          f.cancel(true);
        }
        wake();
      }

      void wake() {
        lock.lock();
        try {
          signalled = true;
          changed.signal();
        } finally {
          lock.unlock();
        }
      }

      /** Waits for a change or {@code nanos}; false when closing. */
      private boolean awaitChange(long nanos) {
        lock.lock();
        try {
          while (!signalled && nanos > 0 && !closed) {
            nanos = changed.awaitNanos(nanos);
          }
          signalled = false;
          return !closed;
        } catch (InterruptedException e) {
          return false;
        } finally {
          lock.unlock();
        }
      }

      @Override
      public void run() {
        try {
          deliver();
        } catch (RuntimeException | Error e) {
          if (!closed) {
            LOG.log(System.Logger.Level.ERROR, "webhook " + shown + ": delivery stopped", e);
          }
        } finally {
          http.shutdownNow();
        }
      }

      private void deliver() {
        String key = uri.toString();
        SyncToken token = from;
        while (!closed) {
          ChangePage page;
          try {
            page = config.repository.changes(token, config.batchSize);
          } catch (SyncTokenExpiredException e) {
            LOG.log(System.Logger.Level.WARNING, "webhook " + shown + ": its sync token has expired, so changes "
                + "since it may be missed; delivering from the current head on");
            token = restartAtHead(key);
            continue;
          } catch (InvalidSyncTokenException e) {
            LOG.log(System.Logger.Level.WARNING, "webhook " + shown + ": its sync token is not this store's ("
                + e.getMessage() + "); delivering from the current head on");
            token = restartAtHead(key);
            continue;
          } catch (IllegalStateException e) {
            if (closed) {
              return; // the repository closed under us
            }
            throw e;
          }
          if (page.items().isEmpty()) {
            token = page.next(); // the instant moves on; nothing to acknowledge
            if (page.hasMore()) {
              continue;
            }
            // Woken, but the feed may show the change a moment later: look again shortly.
            if (settle < FeedWake.SETTLE_MILLIS.length) {
              if (!awaitChange(FeedWake.SETTLE_MILLIS[settle++] * 1_000_000L)) {
                return;
              }
              continue;
            }
            settle = 0;
            if (!awaitChange(config.pollInterval.toNanos())) {
              return;
            }
            continue;
          }
          settle = 0;
          if (!post(Webhooks.body(page.items()))) {
            return; // closing: the batch comes again on the next start
          }
          token = page.next();
          state.put(key, token);
        }
      }

      /** The saved token, checked against the store now (a bad one is replaced by the head at once), or the head. */
      private SyncToken start(String key) {
        String saved = state.tokens.get(key);
        if (saved != null) {
          try {
            SyncToken token = SyncToken.parse(saved);
            config.repository.changes(token, 1); // refuses a token that expired or is another store's
            return token;
          } catch (SyncTokenExpiredException e) {
            LOG.log(System.Logger.Level.WARNING, "webhook " + shown + ": its saved sync token has expired, so "
                + "changes since it may be missed; delivering from the current head on");
          } catch (InvalidSyncTokenException e) {
            LOG.log(System.Logger.Level.WARNING, "webhook " + shown + ": its saved sync token is not this store's ("
                + e.getMessage() + "); delivering from the current head on");
          }
        }
        return restartAtHead(key);
      }

      private SyncToken restartAtHead(String key) {
        SyncToken head = config.repository.changesHead();
        state.put(key, head);
        return head;
      }

      /** Posts {@code body} until the endpoint takes it; false when closing first. */
      private boolean post(byte[] body) {
        long step = config.initialBackoff.toMillis();
        for (int attempt = 1; !closed; attempt++) {
          String failure;
          try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Broadsheet-Webhooks")
                .header(SIGNATURE_HEADER, signature(secret, config.clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
            CompletableFuture<HttpResponse<Void>> f = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            inFlight = f;
            if (closed) {
              f.cancel(true);
            }
            HttpResponse<Void> r;
            try {
              r = f.get();
            } catch (CancellationException e) {
              return false;
            } catch (ExecutionException e) {
              throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } finally {
              inFlight = null;
            }
            if (r.statusCode() / 100 == 2) {
              if (attempt > 1) {
                LOG.log(System.Logger.Level.INFO, "webhook " + shown + ": delivered after " + attempt + " attempts");
              }
              return true;
            }
            failure = "answered " + r.statusCode();
          } catch (InterruptedException e) {
            return false;
          } catch (IOException e) {
            if (closed) {
              return false;
            }
            failure = e instanceof java.net.http.HttpTimeoutException ? "timed out after " + config.timeout.toMillis()
                + " ms" : "failed: " + e;
          }
          long wait = step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
          LOG.log(System.Logger.Level.WARNING, "webhook " + shown + ": attempt " + attempt + " " + failure
              + "; retrying in " + wait + " ms");
          try {
            if (closing.await(wait, TimeUnit.MILLISECONDS)) {
              return false;
            }
          } catch (InterruptedException e) {
            return false;
          }
          step = Math.min(config.maxBackoff.toMillis(), step * 2);
        }
        return false;
      }
    }
  }

  /** Each endpoint's token, kept in memory and, with a file, on disk. */
  private static final class State {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final @Nullable Path file;

    State(@Nullable Path file) {
      this.file = file;
      if (file == null) {
        return;
      }
      try {
        JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
        JsonNode endpoints = root == null ? null : root.get("endpoints");
        if (endpoints != null && endpoints.isObject()) {
          for (Iterator<Map.Entry<String, JsonNode>> it = endpoints.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) {
              tokens.put(e.getKey(), e.getValue().asText());
            }
          }
        } else {
          LOG.log(System.Logger.Level.WARNING, "webhook state " + file + " holds no endpoints; starting afresh");
        }
      } catch (NoSuchFileException e) {
        // the first start
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        LOG.log(System.Logger.Level.WARNING, "webhook state " + file + " is not JSON; starting afresh");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the webhook state " + file + ": " + e.getMessage(), e);
      }
    }

    /** Records {@code token} for {@code key} and writes the file, whole, atomically. */
    synchronized void put(String key, SyncToken token) {
      tokens.put(key, token.toString());
      if (file == null) {
        return;
      }
      try {
        write(file, json(new TreeMap<>(tokens)));
      } catch (IOException e) {
        // Delivery goes on; the next acknowledgement writes again. A restart before then repeats batches.
        LOG.log(System.Logger.Level.WARNING, "cannot write the webhook state " + file + ": " + e);
      }
    }

    private static byte[] json(Map<String, String> tokens) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeNumberField("version", 1);
        g.writeObjectFieldStart("endpoints");
        for (Map.Entry<String, String> e : tokens.entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      bytes.write('\n');
      return bytes.toByteArray();
    }

    /** A temporary file beside {@code file}, synced, renamed over it; then the folder synced. */
    private static void write(Path file, byte[] bytes) throws IOException {
      Path folder = file.toAbsolutePath().getParent();
      Files.createDirectories(folder);
      Path temp = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
      try {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) {
            ch.write(buffer);
          }
          ch.force(true);
        }
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
        dir.force(true);
      } catch (IOException e) {
        // not every platform opens folders; the rename is done either way
      }
    }
  }

  /** Options of {@link Webhooks}. Not thread-safe; {@link #build()} copies its state. */
  public static final class Builder {
    private final ArticleRepository repository;
    private final Map<URI, String> endpoints = new LinkedHashMap<>();
    private @Nullable Path stateFile;
    private int batchSize = 100;
    private Duration timeout = Duration.ofSeconds(10);
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofMinutes(5);
    private Duration pollInterval = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();

    private Builder(ArticleRepository repository) {
      this.repository = Objects.requireNonNull(repository, "repository");
    }

    /**
     * An endpoint to post to, and the secret its requests are signed with; an endpoint added
     * again takes the new secret.
     *
     * @throws IllegalArgumentException when the URI is not absolute http or https, or the secret is empty
     */
    public Builder endpoint(URI uri, String secret) {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(secret, "secret");
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException("a webhook must be an absolute http or https URL, was '" + uri + "'");
      }
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("the webhook secret must not be empty");
      }
      endpoints.put(uri, secret);
      return this;
    }

    /** Where each endpoint's last acknowledged token is kept across restarts; none by default (memory only). */
    public Builder stateFile(@Nullable Path value) {
      this.stateFile = value;
      return this;
    }

    /** Changes per request, about (a batch never ends between two changes of one instant); default 100. */
    public Builder batchSize(int value) {
      if (value < 1 || value > 1000) {
        throw new IllegalArgumentException("batchSize must be from 1 to 1000, was " + value);
      }
      this.batchSize = value;
      return this;
    }

    /** How long a request may take, connecting included, before it is retried; default 10 s. */
    public Builder timeout(Duration value) {
      this.timeout = positive(value, "timeout");
      return this;
    }

    /** The wait before the first retry, doubled after each failure; default 500 ms. */
    public Builder initialBackoff(Duration value) {
      this.initialBackoff = positive(value, "initialBackoff");
      return this;
    }

    /** The longest wait between retries; default 5 minutes. */
    public Builder maxBackoff(Duration value) {
      this.maxBackoff = positive(value, "maxBackoff");
      return this;
    }

    /** How often the feed is read when no change woke the threads; default 5 s. */
    public Builder pollInterval(Duration value) {
      this.pollInterval = positive(value, "pollInterval");
      return this;
    }

    /** The clock of the signatures' timestamps; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }

    /** @throws IllegalStateException when no endpoint was added, or {@link #maxBackoff} is below {@link #initialBackoff} */
    public Webhooks build() {
      if (endpoints.isEmpty()) {
        throw new IllegalStateException("no webhook endpoint: add one with endpoint(uri, secret)");
      }
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalStateException("maxBackoff must be at least initialBackoff");
      }
      return new Webhooks(this);
    }
  }
}
