package dev.broadsheet.server;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The behaviour kit on an application's own JDK server, the API {@link ContentServer#register registered} below /api. */
class RegisteredContentServerContractTest extends ContentApiContractTest {
  @Override
  protected Served serve(ContentApi api) throws Exception {
    HttpServer host = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    host.setExecutor(pool);
    ContentServer.builder(api).build().register(host, "/api");
    host.start();
    return Served.of(URI.create("http://127.0.0.1:" + host.getAddress().getPort() + "/api"), () -> {
      api.closeEventStreams(); // as the README asks of a host: the server's stop does not end them
      host.stop(0);
      pool.shutdownNow();
    });
  }
}
