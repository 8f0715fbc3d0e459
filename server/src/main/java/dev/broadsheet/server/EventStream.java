package dev.broadsheet.server;

import java.util.Objects;

/**
 * The body of a streamed answer ({@code GET /events}, Server-Sent Events), handed to an adapter
 * by {@link ApiResponse#stream()}. The adapter sends the answer's status and headers, then
 * either {@link #start starts} the stream on an {@link EventSink} of its own or, when it cannot
 * (the client went away), {@link #close closes} it: the stream holds one of the API's {@linkplain
 * ContentApi.Builder#maxEventStreams subscriber places} until it does one or the other (at most
 * half a minute).
 *
 * <pre>{@code
 * ApiResponse r = api.handle(request);
 * if (r.stream().isPresent()) {
 *   sendHeaders(r);                              // status and headers, no Content-Length; flushed
 *   r.stream().get().start(new EventSink() {     // returns at once; written on the stream's thread
 *     public void write(byte[] b) throws IOException { out.write(b); out.flush(); }
 *     public void close() { closeTheAnswer(); }
 *   });
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class EventStream {
  private final EventHub.Subscriber subscriber;

  EventStream(EventHub.Subscriber subscriber) {
    this.subscriber = subscriber;
  }

  /**
   * Starts writing events to {@code sink} on a thread of the API's own, and returns at once. The
   * stream ends, and closes the sink, when the client goes away, when it falls too far behind,
   * when the stream is {@linkplain #close closed}, or when the API {@linkplain
   * ContentApi#closeEventStreams ends every stream}.
   *
   * @throws IllegalStateException when the stream was started or closed already
   */
  public void start(EventSink sink) {
    subscriber.start(Objects.requireNonNull(sink, "sink"));
  }

  /**
   * Ends the stream: a started one finishes the write under way and closes its sink; one never
   * started gives back its place. Returns at once; does nothing when the stream has ended.
   */
  public void close() {
    subscriber.end();
  }

  /** Whether the stream has ended (or was never started and was closed). */
  public boolean isClosed() {
    return subscriber.ended();
  }
}
