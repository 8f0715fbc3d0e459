package dev.broadsheet.server;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.feeds.Channel;
import dev.broadsheet.feeds.FeedFormat;
import dev.broadsheet.feeds.NewsFeeds;
import java.io.ByteArrayOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The routes of {@link NewsFeeds}: feeds, sitemaps, the news sitemap and robots.txt. Like lists,
 * they carry no {@code Last-Modified}, only the ETag of their bytes: an article leaving a feed
 * changes it without any article's date telling.
 */
final class Outputs {
  static final String XML = "application/xml; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  private final ArticleRepository repository;
  private final @Nullable NewsFeeds feeds;
  private final Reads reads;

  Outputs(ArticleRepository repository, @Nullable NewsFeeds feeds, Reads reads) {
    this.repository = repository;
    this.feeds = feeds;
    this.reads = reads;
  }

  /** A feed; {@code rest} is {@code feed.rss} for the home feed, {@code key/feed.rss} for the others. */
  Reply feed(Call c, Channel.Kind kind, String rest) {
    NewsFeeds f = configured(c);
    int slash = rest.lastIndexOf('/');
    FeedFormat format = format(rest.substring(slash + 1));
    Channel channel = Channel.home();
    if (kind != Channel.Kind.HOME) {
      String key = Params.decode(rest.substring(0, slash), false);
      channel = (key == null ? java.util.Optional.<Channel>empty() : f.channel(repository, kind, key))
          .orElseThrow(() -> new Refused(Reads.notFound())); // no public article has it
    }
    return Reply.ok(format.mediaType(), f.feed(repository, channel, format), c.cacheControl());
  }

  Reply sitemap(Call c) {
    NewsFeeds f = configured(c);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    f.sitemap(repository, out);
    return Reply.ok(XML, out.toByteArray(), c.cacheControl());
  }

  Reply sitemapPage(Call c, String page) {
    NewsFeeds f = configured(c);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    if (!f.sitemapPage(repository, Integer.parseInt(page), out)) {
      return Reads.notFound();
    }
    return Reply.ok(XML, out.toByteArray(), c.cacheControl());
  }

  Reply newsSitemap(Call c) {
    NewsFeeds f = configured(c);
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    f.newsSitemap(repository, out);
    return Reply.ok(XML, out.toByteArray(), c.cacheControl());
  }

  Reply robots(Call c) {
    return Reply.ok(TEXT, configured(c).robots(), c.cacheControl());
  }

  /** The feeds, once the route takes no parameters; a 404 when the API has none. */
  private NewsFeeds configured(Call c) {
    reads.noParameters(c);
    if (feeds == null) {
      throw new Refused(Problems.of(404, "Feeds and sitemaps need the site's base URL, and none is configured."));
    }
    return feeds;
  }

  private static FeedFormat format(String fileName) {
    for (FeedFormat f : FeedFormat.values()) {
      if (f.fileName().equals(fileName)) {
        return f;
      }
    }
    throw new IllegalStateException("the route matched no feed: " + fileName);
  }
}
