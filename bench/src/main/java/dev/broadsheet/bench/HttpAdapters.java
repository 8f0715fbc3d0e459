package dev.broadsheet.bench;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.server.ContentApi;
import dev.broadsheet.server.ContentServer;
import dev.broadsheet.servlet.ContentServlet;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A content folder served as {@code broadsheet serve} serves it, on one adapter or the other:
 * {@code java -cp benchmarks.jar dev.broadsheet.bench.HttpAdapters jdk|jetty DIR PORT}. The
 * write token, if any, comes from {@code BROADSHEET_WRITE_TOKEN}. Prints one line when ready and
 * serves until killed.
 *
 * <ul>
 *   <li>{@code jdk}: {@link ContentServer#start}, with its defaults (threads twice the
 *       processors growing to 200 for slow clients, 10 s to receive a request, 30 s to send).
 *   <li>{@code jetty}: Jetty 12 with {@link ContentServlet} at {@code /*}, with Jetty's
 *       defaults (a queued pool of up to 200 threads, a 30 s idle timeout), no server header.
 * </ul>
 */
public final class HttpAdapters {
  private HttpAdapters() {}

  public static void main(String[] args) throws Exception {
    String adapter = args[0];
    Path dir = Path.of(args[1]);
    int port = Integer.parseInt(args[2]);
    FileArticleStore store = FileArticleStore.builder(dir).watching(Watching.LIVE).build();
    ArticleRepository repository = ArticleRepository.builder().store(store).maxPageSize(1000).build();
    String token = System.getenv("BROADSHEET_WRITE_TOKEN");
    ContentApi api = ContentApi.builder(repository).writeToken(token == null || token.isEmpty() ? null : token).build();
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
    switch (adapter) {
      case "jdk" -> ContentServer.builder(api).build().start(address);
      case "jetty" -> jetty(api, address);
      default -> throw new IllegalArgumentException("adapter must be jdk or jetty, was " + adapter);
    }
    System.out.println("Serving " + repository.count(ArticleQuery.all()) + " articles on http://127.0.0.1:" + port
        + "/ (" + adapter + ")");
    System.out.flush();
    Thread.currentThread().join();
  }

  static Server jetty(ContentApi api, InetSocketAddress address) throws Exception {
    Server server = new Server(new QueuedThreadPool(200, 8));
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(address.getHostString());
    connector.setPort(address.getPort());
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new ContentServlet(api)), "/*");
    server.setHandler(context);
    server.start();
    return server;
  }
}
