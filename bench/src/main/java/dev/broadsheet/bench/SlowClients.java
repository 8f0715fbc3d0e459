package dev.broadsheet.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that hold a server's connections while a load generator measures the others:
 * {@code java -cp benchmarks.jar dev.broadsheet.bench.SlowClients MODE N SECONDS PORT}. Loopback
 * only; stops by itself after {@code SECONDS}, then prints what happened to stderr.
 *
 * <ul>
 *   <li>{@code idle}: {@code N} keep-alive connections, each asks {@code /health} once, reads the
 *       answer and then stays open, silent.
 *   <li>{@code trickle}: {@code N} connections that send {@code GET /health} one byte every 100
 *       ms, read the answer and start again, for as long as they run.
 *   <li>{@code stall}: {@code N} connections that send a {@code POST /articles} with {@code
 *       Content-Length: 100} and never send the body.
 *   <li>{@code stall-writer}: the same with the write token of {@code BROADSHEET_WRITE_TOKEN}, so
 *       that the API reads the body.
 * </ul>
 */
public final class SlowClients {
  private static final byte[] HEALTH = "GET /health HTTP/1.1\r\nHost: bench\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final String STALLED = "POST /articles HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
      + "Content-Length: 100\r\n";

  private SlowClients() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int n = Integer.parseInt(args[1]);
    long seconds = Long.parseLong(args[2]);
    int port = Integer.parseInt(args[3]);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger closedByServer = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Long> closedAfterMs = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Thread t = new Thread(() -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
          OutputStream out = s.getOutputStream();
          InputStream in = s.getInputStream();
          switch (mode) {
            case "idle" -> {
              out.write(HEALTH);
              out.flush();
              if (readAnswer(s, in)) {
                answered.incrementAndGet();
              }
              if (waitForClose(s, in, end)) {
                closedByServer.incrementAndGet();
                closedAfterMs.add((System.nanoTime() - start) / 1_000_000);
              }
            }
            case "trickle" -> {
              while (System.nanoTime() < end) {
                for (byte b : HEALTH) {
                  out.write(b);
                  out.flush();
                  Thread.sleep(100);
                }
                if (!readAnswer(s, in)) {
                  closedByServer.incrementAndGet();
                  closedAfterMs.add((System.nanoTime() - start) / 1_000_000);
                  return;
                }
                answered.incrementAndGet();
              }
            }
            case "stall", "stall-writer" -> {
              String auth = mode.equals("stall-writer") ? "Authorization: Bearer " + System.getenv("BROADSHEET_WRITE_TOKEN")
                  + "\r\n" : "";
              out.write((STALLED + auth + "\r\n").getBytes(StandardCharsets.US_ASCII));
              out.flush();
              if (waitForClose(s, in, end)) {
                closedByServer.incrementAndGet();
                closedAfterMs.add((System.nanoTime() - start) / 1_000_000);
              }
            }
            default -> throw new IllegalArgumentException("mode must be idle, trickle or stall, was " + mode);
          }
        } catch (IOException e) {
          failed.incrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "slow-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000 + 15_000));
    }
    List<Long> closed = new ArrayList<>(closedAfterMs);
    closed.sort(null);
    System.err.printf("%s x%d for %d s: answers %d, closed by the server %d%s, failed to connect or write %d%n",
        mode, n, seconds, answered.get(), closedByServer.get(),
        closed.isEmpty() ? "" : " (after " + closed.get(0) + " to " + closed.get(closed.size() - 1) + " ms)",
        failed.get());
  }

  /** Reads one answer's head and its Content-Length of body; false when the server closed instead. */
  private static boolean readAnswer(Socket s, InputStream in) throws IOException {
    s.setSoTimeout(60_000);
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      head.append((char) c);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    if (c < 0) {
      return false;
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    return in.readNBytes(length).length == length;
  }

  /** Waits until the server closes the connection (true) or the time is over (false). */
  private static boolean waitForClose(Socket s, InputStream in, long end) throws IOException {
    while (System.nanoTime() < end) {
      s.setSoTimeout((int) Math.max(1, Math.min(1000, (end - System.nanoTime()) / 1_000_000)));
      try {
        if (in.read() < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // still open
      } catch (IOException reset) {
        return true;
      }
    }
    return false;
  }
}
