/**
 * The content API over an {@code ArticleRepository}, apart from any server ({@link
 * dev.broadsheet.server.ContentApi}), and its adapter to the JDK's HTTP server ({@link
 * dev.broadsheet.server.ContentServer}).
 */
module dev.broadsheet.server {
  requires transitive dev.broadsheet.core;
  // The builder takes an ArticleRenderer and an ObjectMapper; the server hands out an HttpHandler.
  requires transitive dev.broadsheet.markdown;
  requires transitive com.fasterxml.jackson.databind;
  requires transitive jdk.httpserver;
  requires java.net.http;
  requires dev.broadsheet.json;
  requires com.github.benmanes.caffeine;
  // The builder takes NewsFeeds.
  requires transitive dev.broadsheet.feeds;
  requires static transitive org.jspecify;

  exports dev.broadsheet.server;
}
