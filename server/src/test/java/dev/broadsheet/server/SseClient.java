package dev.broadsheet.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client over real HTTP: reads the stream on a thread of its own and hands
 * out the events as they come; counts comment lines (heartbeats). Closing it closes the
 * connection.
 */
final class SseClient implements AutoCloseable {
  /** One event: its id (null when the block had none), type (null: message) and data. */
  record Event(String id, String event, String data) {
    JsonNode json() {
      return ApiClient.parse(data);
    }
  }

  final HttpResponse<Stream<String>> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  final AtomicInteger comments = new AtomicInteger();
  /** The last id seen, as a browser's EventSource keeps it. */
  volatile String lastEventId;
  volatile boolean ended;
  private final Thread reader;

  private SseClient(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens {@code uri} with {@code headers}; the answer's status is in {@link #response}. */
  static SseClient open(HttpClient client, URI uri, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      return new SseClient(client.send(b.build(), HttpResponse.BodyHandlers.ofLines()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int status() {
    return response.statusCode();
  }

  private void read() {
    String id = null;
    String type = null;
    StringBuilder data = null;
    boolean sawId = false;
    try (Stream<String> lines = response.body()) {
      for (var it = lines.iterator(); it.hasNext(); ) {
        String line = it.next();
        if (line.isEmpty()) {
          if (sawId) {
            lastEventId = id;
          }
          if (data != null) {
            events.add(new Event(sawId ? id : null, type, data.toString()));
          }
          id = null;
          type = null;
          data = null;
          sawId = false;
        } else if (line.startsWith(":")) {
          comments.incrementAndGet();
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
          switch (field) {
            case "id" -> {
              id = value;
              sawId = true;
            }
            case "event" -> type = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> { }
          }
        }
      }
    } catch (RuntimeException e) {
      // closed
    } finally {
      ended = true;
    }
  }

  /** The next event, waiting up to {@code wait}; fails when none comes. */
  Event next(Duration wait) throws InterruptedException {
    Event e = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (e == null) {
      throw new AssertionError("no event within " + wait + (ended ? " (the stream ended)" : ""));
    }
    return e;
  }

  /** Events until one matches {@code last}, that one included, within {@code wait} in all. */
  List<Event> until(Predicate<Event> last, Duration wait) throws InterruptedException {
    List<Event> out = new ArrayList<>();
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Event e = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no matching event within " + wait + "; got " + out);
      }
      out.add(e);
      if (last.test(e)) {
        return out;
      }
    }
  }

  /** Events that came without waiting. */
  List<Event> drained() {
    List<Event> out = new ArrayList<>();
    events.drainTo(out);
    return out;
  }

  @Override
  public void close() {
    reader.interrupt();
    try {
      response.body().close();
    } catch (RuntimeException e) {
      // already closed
    }
  }
}
