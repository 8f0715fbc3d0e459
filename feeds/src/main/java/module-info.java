/**
 * Feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1), sitemaps, a news sitemap and robots.txt for the
 * public articles of a repository: {@link dev.broadsheet.feeds.NewsFeeds}.
 */
module dev.broadsheet.feeds {
  requires transitive dev.broadsheet.core;
  // The builder takes an ArticleRenderer.
  requires transitive dev.broadsheet.markdown;
  requires dev.broadsheet.json;
  requires com.fasterxml.jackson.core;
  requires java.xml;
  requires static transitive org.jspecify;

  exports dev.broadsheet.feeds;
}
