package dev.broadsheet.servlet;

import dev.broadsheet.server.ContentApi;
import dev.broadsheet.server.ContentApiContractTest;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The behaviour kit on embedded Jetty 12 (ee10), the servlet mapped at /api/* in the context /site. */
class ContentServletContractTest extends ContentApiContractTest {
  @Override
  protected Served serve(ContentApi api) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/site");
    context.addServlet(new ServletHolder(new ContentServlet(api)), "/api/*");
    server.setHandler(context);
    server.start();
    return Served.of(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/site/api"), server::stop);
  }
}
