package dev.broadsheet.server;

import java.io.IOException;

/**
 * Where an adapter lets an {@link EventStream} write the body of a streamed answer ({@code GET
 * /events}), after it has sent the status and headers of the {@link ApiResponse}. The stream
 * calls it from a thread of its own, one call at a time.
 *
 * @since 0.1.0
 */
public interface EventSink {
  /**
   * Writes {@code bytes} and flushes them to the client. May block while the client does not read;
   * the stream then gives up after {@link ContentApi.Builder#eventSendTimeout} and calls {@link
   * #abort()} from another thread.
   *
   * @throws IOException when the client went away; the stream then ends
   */
  void write(byte[] bytes) throws IOException;

  /** Ends the answer normally (the last chunk). Called once, from the stream's thread. */
  void close();

  /**
   * Drops the connection of a client that stopped reading, called from another thread while
   * {@link #write} may be blocked. The stream's thread is interrupted as well, which fails a
   * blocked write on an interruptible channel; by default nothing more.
   */
  default void abort() {}
}
