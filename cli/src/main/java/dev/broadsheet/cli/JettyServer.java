package dev.broadsheet.cli;

import dev.broadsheet.server.ContentApi;
import dev.broadsheet.servlet.ContentServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The content API on embedded Jetty, as {@code serve} runs it: {@link ContentServlet} at the
 * root. Measured against the JDK's server (bench/README.md, "HTTP adapters"), Jetty keeps idle
 * keep-alive connections without a thread and without a cap on them, reads request heads
 * without holding a thread for a slow sender, and answers a request the API refuses before its
 * body arrives at once.
 *
 * <ul>
 *   <li>Threads: up to {@link #MAX_THREADS}, Jetty's queued pool; a blocked body read holds one
 *       until the idle timeout.
 *   <li>Idle timeout: {@link #IDLE_TIMEOUT_MS}, for a connection with nothing to read or write,
 *       kept alive or in the middle of a request.
 *   <li>Connections: at most {@link #MAX_CONNECTIONS} open; Jetty stops accepting beyond them.
 *   <li>Request line and headers: 8 KB (Jetty's default); a longer one gets Jetty's 414 or 431.
 * </ul>
 */
final class JettyServer implements AutoCloseable {
  static final int MAX_THREADS = 200;
  static final int MAX_CONNECTIONS = 1000;
  static final long IDLE_TIMEOUT_MS = 30_000;
  /** Connections the system holds until Jetty accepts them, as ContentServer's backlog. */
  static final int BACKLOG = 1024;
  private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

  private final Server server;
  private final ServerConnector connector;
  private final ContentServlet servlet;

  private JettyServer(Server server, ServerConnector connector, ContentServlet servlet) {
    this.server = server;
    this.connector = connector;
    this.servlet = servlet;
  }

  /**
   * Starts serving {@code api} on {@code address}.
   *
   * @throws UncheckedIOException when the address cannot be bound (in use, say)
   */
  static JettyServer start(ContentApi api, InetSocketAddress address) {
    return prepare(address).start(api);
  }

  /**
   * Jetty for {@code address}, made but not started and without the API: the part of starting
   * that needs no content, for a thread of its own while the content loads. Over 100,000 files
   * it took 0.3 s of a server's start on the thread that then waited for it. Nothing is bound
   * and no thread runs until {@link Unstarted#start}.
   */
  static Unstarted prepare(InetSocketAddress address) {
    // Jetty's queue asks the JVM whether references are compressed, through the platform's
    // management server, which it starts for that alone (50 ms): told instead, from the heap's
    // size as the JVM decides it (compressed below 32 GB), unless the user has told it.
    if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
      boolean compressed = Runtime.getRuntime().maxMemory() < 32L * 1024 * 1024 * 1024;
      System.setProperty(REFERENCES_PER_CACHE_LINE, compressed ? "16" : "8");
    }
    QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 4);
    pool.setName("broadsheet-http");
    pool.setDaemon(true);
    Server server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(address.getAddress().getHostAddress());
    connector.setPort(address.getPort());
    connector.setIdleTimeout(IDLE_TIMEOUT_MS);
    connector.setAcceptQueueSize(BACKLOG);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
    ServletContextHandler context = new ServletContextHandler("/");
    server.setHandler(context);
    server.setStopTimeout(1000);
    return new Unstarted(server, connector, context, address);
  }

  /** Jetty as {@link #prepare} made it; started once, with the API. */
  static final class Unstarted {
    private final Server server;
    private final ServerConnector connector;
    private final ServletContextHandler context;
    private final InetSocketAddress address;

    private Unstarted(Server server, ServerConnector connector, ServletContextHandler context,
        InetSocketAddress address) {
      this.server = server;
      this.connector = connector;
      this.context = context;
      this.address = address;
    }

    /**
     * Starts serving {@code api}.
     *
     * @throws UncheckedIOException when the address cannot be bound (in use, say)
     */
    JettyServer start(ContentApi api) {
      ContentServlet servlet = new ContentServlet(api);
      ServletHolder holder = new ServletHolder(servlet);
      holder.setAsyncSupported(true); // event streams hold no Jetty thread
      context.addServlet(holder, "/*");
      try {
        server.start();
      } catch (IOException e) {
        stopQuietly(server);
        throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
      } catch (Exception e) {
        stopQuietly(server);
        throw new IllegalStateException("cannot start the HTTP server: " + e.getMessage(), e);
      }
      return new JettyServer(server, connector, servlet);
    }
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception ignored) {
      // already failing; the first failure is the one to report
    }
  }

  /** {@code http://host:port/}, the preview page. */
  URI uri() {
    String host = connector.getHost();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + connector.getLocalPort() + "/");
  }

  /**
   * Ends the event streams (clients see their end and reconnect with Last-Event-ID), stops
   * taking requests, lets those under way finish for up to a second, then closes every connection.
   */
  @Override
  public void close() {
    servlet.closeEventStreams(java.time.Duration.ofSeconds(1));
    try {
      server.stop();
    } catch (TimeoutException e) {
      // Connections still open after the second (idle keep-alive ones, say): Jetty closed them.
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the HTTP server", e);
    }
  }
}
