package dev.broadsheet.feeds;

import org.jspecify.annotations.Nullable;

/**
 * The formats of a feed, with the file name and media type each is served with.
 *
 * @since 0.1.0
 */
public enum FeedFormat {
  /** RSS 2.0 with the content module's {@code content:encoded} for bodies. */
  RSS("feed.rss", "application/rss+xml; charset=utf-8"),
  /** Atom 1.0 (RFC 4287). */
  ATOM("feed.atom", "application/atom+xml; charset=utf-8"),
  /** JSON Feed 1.1. */
  JSON("feed.json", "application/feed+json; charset=utf-8");

  private final String fileName;
  private final String mediaType;

  FeedFormat(String fileName, String mediaType) {
    this.fileName = fileName;
    this.mediaType = mediaType;
  }

  /** The name of the feed's file and the last segment of its path: {@code feed.rss}. */
  public String fileName() {
    return fileName;
  }

  /** The {@code Content-Type} of the feed: {@code application/rss+xml; charset=utf-8}. */
  public String mediaType() {
    return mediaType;
  }

  /** The format of a file name ({@code feed.atom}), or null. */
  static @Nullable FeedFormat ofFileName(String name) {
    for (FeedFormat f : values()) {
      if (f.fileName.equals(name)) {
        return f;
      }
    }
    return null;
  }
}
