package dev.broadsheet.server;

/**
 * How a reader of the change feed that a repository listener woke looks again when the feed
 * does not show the change yet. The listener hears of a change when the repository applies it;
 * a store whose log is shared (a database) moves the log's head just after, so the feed can lag
 * the wake-up by a moment. The pauses before each look again, in milliseconds; after them, the
 * reader waits for the next wake-up or its poll.
 */
final class FeedWake {
  static final long[] SETTLE_MILLIS = {2, 5, 10, 20, 40, 80, 160, 320};

  private FeedWake() {}
}
