package dev.broadsheet.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.memory.InMemoryArticleStore;
import dev.broadsheet.server.ContentApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * A write refused before its body arrives (no token) keeps its connection: the body that comes
 * after the answer is read and dropped, and the next request on the connection is answered.
 * Were the connection closed instead, the late body would make the client's system reset it,
 * dropping an answer the client had not read yet.
 */
class RefusedBodyTest {
  private static final String BODY = "{\"id\":\"2026/01/late\",\"title\":\"Late\"}";

  @Test
  void aBodyArrivingAfterTheRefusalIsReadAndTheConnectionKept() throws Exception {
    ContentApi api = ContentApi.builder(ArticleRepository.builder().store(new InMemoryArticleStore()).build())
        .writeToken("secret-token").build();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new ContentServlet(api)), "/*");
    server.setHandler(context);
    server.start();
    try (Socket s = new Socket("127.0.0.1", connector.getLocalPort())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
      out.write(("POST /articles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(response(in)).startsWith("HTTP/1.1 401");
      out.write(body); // only now, after the answer
      out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(response(in)).startsWith("HTTP/1.1 200");
    } finally {
      server.stop();
    }
  }

  /** One response's head and its Content-Length body. */
  private static String response(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection ended after: " + head.toString(StandardCharsets.ISO_8859_1));
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
    return text;
  }
}
