package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code broadsheet serve} on Jetty: a file edited on disk reaches an event stream; stopping ends the stream. */
class ServeEventsTest {
  @TempDir Path dir;

  @Test
  void anEditOnDiskReachesTheEventStreamAndStoppingEndsIt() throws Exception {
    ServeCommandTest.content(dir);
    ServeCommand serve = new ServeCommand();
    CommandLine cmd = new CommandLine(serve);
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(new StringWriter(), true));
    cmd.setErr(new PrintWriter(err, true));
    AtomicReference<URI> running = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    serve.onStart = r -> {
      running.set(r);
      started.countDown();
    };
    AtomicInteger exit = new AtomicInteger(-1);
    Thread thread = new Thread(() -> exit.set(cmd.execute(dir.toString(), "--port", "0",
        "--max-event-streams", "1", "--event-heartbeat", "1")));
    thread.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    CountDownLatch ended = new CountDownLatch(1);
    try {
      assertThat(started.await(60, TimeUnit.SECONDS)).as("started; err: %s", err).isTrue();
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<Stream<String>> events = client.send(HttpRequest.newBuilder(running.get().resolve("/events")).build(),
          HttpResponse.BodyHandlers.ofLines());
      assertThat(events.statusCode()).isEqualTo(200);
      assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
      Thread reader = new Thread(() -> {
        try (Stream<String> s = events.body()) {
          for (Iterator<String> it = s.iterator(); it.hasNext(); ) {
            lines.add(it.next());
          }
        } catch (RuntimeException e) {
          // cut
        } finally {
          ended.countDown();
        }
      });
      reader.setDaemon(true);
      reader.start();
      // One stream at a time: a second is refused.
      assertThat(client.send(HttpRequest.newBuilder(running.get().resolve("/events")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);

      new ContentFixture(dir).write(ContentFixture.article("2020/02/fourth", "2020-02-01T08:00:00Z"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      String data = null;
      while (System.nanoTime() < deadline && data == null) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && line.startsWith("data: ") && line.contains("2020/02/fourth")) {
          data = line;
        }
      }
      assertThat(data).contains("\"change\":\"upsert\""); // a new public article
    } finally {
      serve.stop.countDown();
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertThat(exit.get()).as(err.toString()).isZero();
    assertThat(ended.await(10, TimeUnit.SECONDS)).as("the stream ended when serve stopped").isTrue();
  }
}
