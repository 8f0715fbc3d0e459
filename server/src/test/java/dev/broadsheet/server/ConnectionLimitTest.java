package dev.broadsheet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.memory.InMemoryArticleStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDK reads its connection limit once per JVM, when it makes its first HTTP server, so the
 * default {@link ContentServer#start} sets is seen in a JVM of its own, as {@code serve} runs.
 */
@Timeout(120)
class ConnectionLimitTest {

  /** Starts a server on a free port, prints the port and serves until its input ends. */
  public static final class Serve {
    public static void main(String[] args) throws IOException {
      ArticleRepository repository = ArticleRepository.builder().store(new InMemoryArticleStore()).build();
      try (ContentServer.Running running = ContentServer.builder(repository).build().start(0)) {
        System.out.println(running.port());
        System.out.flush();
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
  }

  @Test
  void connectionsPastTheLimitAreClosedAtOnceWhileTheOthersAreServed() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child = new ProcessBuilder(java, "-cp", classPath, Serve.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<Socket> open = new ArrayList<>();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      int port = Integer.parseInt(CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          return null;
        }
      }).get(60, TimeUnit.SECONDS));
      InetAddress loopback = InetAddress.getLoopbackAddress();
      for (int i = 0; i < ContentServer.MAX_CONNECTIONS; i++) {
        open.add(new Socket(loopback, port));
      }

      try (Socket oneTooMany = new Socket(loopback, port)) {
        oneTooMany.setSoTimeout(10_000);
        assertThat(firstByte(oneTooMany.getInputStream())).isEqualTo(-1);
      }
      // Those within the limit are held and answered.
      Socket first = open.get(0);
      first.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      first.setSoTimeout(10_000);
      byte[] status = first.getInputStream().readNBytes("HTTP/1.1 200".length());
      assertThat(new String(status, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
    } finally {
      for (Socket s : open) {
        s.close();
      }
      child.getOutputStream().close();
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
  }

  /** The first byte the server sends, or -1 when it closes the connection (by an end or a reset). */
  private static int firstByte(InputStream in) throws IOException {
    try {
      return in.read();
    } catch (SocketException reset) {
      return -1;
    }
  }
}
