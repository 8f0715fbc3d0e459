package dev.broadsheet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.fs.Watching;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clients that send half a request, never send its body, speak TLS to the plain port, never read
 * their answer or just keep connections open: none of them stops the server answering others.
 * The JDK's server reads a request on the thread that answers it, so each of them holds a thread
 * while it waits.
 */
@Timeout(120)
class SlowClientsTest {
  /** How long an answer to a well-behaved client may take here, however many slow ones wait. */
  private static final Duration PROMPTLY = Duration.ofSeconds(10);

  @TempDir Path dir;

  /**
   * Four such requests used to stop {@code serve} for good: its fixed pool had twice the
   * processors' threads, each blocked reading a request that never ended.
   */
  @Test
  void healthAnswersWhileFiftyHalfSentRequestsAreHeldOpen() throws Exception {
    Newsroom.write(dir);
    // Far longer than this test waits: the held requests are not timed out while it runs.
    try (TestServer server = new TestServer(dir, Watching.OFF, b -> b.requestTimeout(Duration.ofMinutes(10)));
        Held held = new Held()) {
      for (int i = 0; i < 50; i++) {
        held.add(connect(server, "GET /articles/2026/01/rate-pause HTTP/1.1\r\nHost: x\r\n"));
      }
      // Each waits on a thread of its own, as the JDK's server reads requests.
      awaitThreads(server, 50);

      HttpResponse<String> health = get(server, "/health");

      assertThat(health.statusCode()).isEqualTo(200);
      // Held, not dropped: every one is answered once its blank line comes.
      for (Socket s : held.sockets) {
        write(s, "\r\n");
      }
      for (Socket s : held.sockets) {
        assertThat(statusLine(s)).isEqualTo("HTTP/1.1 200 OK");
      }
    }
  }

  static Stream<Arguments> stalledRequests() {
    byte[] tls = new byte[300];
    // A TLS record carrying a ClientHello, as a client that took the port for HTTPS sends first.
    byte[] head = {0x16, 0x03, 0x01, 0x01, 0x27, 0x01, 0x00, 0x01, 0x23, 0x03, 0x03};
    Arrays.fill(tls, (byte) 0x2a);
    System.arraycopy(head, 0, tls, 0, head.length);
    return Stream.of(
        Arguments.of("headers without their blank line",
            "GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)),
        Arguments.of("a request line that never ends", "GET /articles?category=".getBytes(StandardCharsets.US_ASCII)),
        Arguments.of("a body that never comes",
            "POST /articles HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
        Arguments.of("a chunked body that never ends",
            "GET /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab".getBytes(StandardCharsets.US_ASCII)),
        Arguments.of("TLS on the plain port", tls));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stalledRequests")
  void aStalledRequestIsClosedAfterTheRequestTimeoutWithoutAnAnswer(String what, byte[] request) throws Exception {
    Newsroom.write(dir);
    Duration timeout = Duration.ofSeconds(1);
    try (TestServer server = new TestServer(dir, Watching.OFF, b -> b.requestTimeout(timeout))) {
      long start = System.nanoTime();
      try (Socket s = connect(server, new String(request, StandardCharsets.ISO_8859_1))) {
        byte[] answer = readUntilClosed(s);
        Duration open = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer).as(what).isEmpty();
        assertThat(open).as(what + ": closed by the timeout, not refused at once").isGreaterThanOrEqualTo(timeout);
      }
      assertThat(get(server, "/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aClientThatDoesNotReadItsAnswerIsCutOffAfterTheResponseTimeout() throws Exception {
    Newsroom.write(dir);
    // Far more than the socket buffers of both ends hold.
    String body = "The council met again. ".repeat(12 * 1024 * 1024 / 23);
    Newsroom.write(dir, "2026/02/minutes.md", """
        ---
        title: Council minutes in full
        publishedAt: '2026-02-20T08:00:00Z'
        category: LOCAL
        ---
        """ + body);
    // One thread: while the reader that does not read holds it, nobody else is answered.
    try (TestServer server = new TestServer(dir, Watching.OFF,
        b -> b.threads(1).maxThreads(1).responseTimeout(Duration.ofSeconds(1)))) {
      Socket reader = new Socket();
      reader.setReceiveBufferSize(4096);
      reader.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.running.port()), 5000);
      try (reader) {
        write(reader, "GET /articles/2026/02/minutes HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(statusLine(reader)).isEqualTo("HTTP/1.1 200 OK"); // the answer is on its way, then stalls

        HttpResponse<String> health = get(server, "/health");

        assertThat(health.statusCode()).isEqualTo(200);
        // The connection was closed partway: the rest of the 12 MB answer never comes.
        assertThat(readUntilClosed(reader).length).isLessThan(body.length());
      }
    }
  }

  /**
   * Idle keep-alive connections hold no thread: the JDK's server watches them on its selector
   * and keeps at most 200 of them (closing the rest once their answer is out).
   */
  @Test
  void fiveHundredIdleKeepAliveConnectionsStarveNoOne() throws Exception {
    Newsroom.write(dir);
    try (TestServer server = new TestServer(dir, Watching.OFF, b -> b); Held held = new Held()) {
      for (int i = 0; i < 500; i++) {
        held.add(connect(server, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
      }
      for (Socket s : held.sockets) {
        assertThat(statusLine(s)).isEqualTo("HTTP/1.1 200 OK");
      }

      HttpResponse<String> articles = get(server, "/articles");

      assertThat(articles.statusCode()).isEqualTo(200);
      assertThat(TestServer.parse(articles.body()).get("total").asInt()).isEqualTo(5);
    }
  }

  // ------------------------------------------------------------------ helpers

  /** A GET by a well-behaved client, which must be answered {@link #PROMPTLY}. */
  private static HttpResponse<String> get(TestServer server, String path) throws Exception {
    return server.client.send(HttpRequest.newBuilder(server.uri(path)).timeout(PROMPTLY).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static Socket connect(TestServer server, String text) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.running.port()), 5000);
    write(s, text);
    return s;
  }

  private static void write(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** The first line of the answer on {@code s}; the rest is left unread. */
  private static String statusLine(Socket s) throws IOException {
    s.setSoTimeout((int) PROMPTLY.toMillis());
    InputStream in = s.getInputStream();
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** Everything the server sends until it closes the connection (or resets it). */
  private static byte[] readUntilClosed(Socket s) throws IOException {
    s.setSoTimeout(15_000);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    try {
      InputStream in = s.getInputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        all.write(buffer, 0, n);
      }
    } catch (SocketException reset) {
      // Closed with unread request bytes left on the server's side: a reset rather than an end.
    }
    return all.toByteArray();
  }

  private static void awaitThreads(TestServer server, int threads) throws InterruptedException {
    long deadline = System.nanoTime() + PROMPTLY.toNanos();
    while (server.running.threads() < threads) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the server runs " + server.running.threads() + " threads, not " + threads);
      }
      Thread.sleep(20);
    }
  }

  /** Sockets closed together at the end of a test. */
  private static final class Held implements AutoCloseable {
    final List<Socket> sockets = new ArrayList<>();

    void add(Socket s) {
      sockets.add(s);
    }

    @Override
    public void close() throws IOException {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
