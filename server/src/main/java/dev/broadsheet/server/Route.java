package dev.broadsheet.server;

import dev.broadsheet.QueryOption;
import dev.broadsheet.server.Authorizer.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every operation the API answers, in one table that routing, {@code Allow}, CORS preflights and
 * a description of the API read: its method, path, the query options it takes, the permission it
 * needs and the media type of its body.
 */
enum Route {
  PREVIEW_PAGE("GET", Path.HOME, QueryReader.LIST, null, null, "The newest articles as an HTML page"),
  LIST_ARTICLES("GET", Path.ARTICLES, QueryReader.LIST, null, null, "A page of articles without bodies"),
  CREATE_ARTICLE("POST", Path.ARTICLES, Set.of(), Permission.WRITE, MediaTypes.JSON, "Create an article"),
  GET_ARTICLE("GET", Path.ARTICLE, Set.of(), null, null, "One article with its body and revision"),
  REPLACE_ARTICLE("PUT", Path.ARTICLE, Set.of(), Permission.WRITE, MediaTypes.JSON,
      "Replace an article, or create it with If-None-Match: *"),
  PATCH_ARTICLE("PATCH", Path.ARTICLE, Set.of(), Permission.WRITE, MediaTypes.MERGE_PATCH,
      "Change fields of an article (JSON Merge Patch)"),
  DELETE_ARTICLE("DELETE", Path.ARTICLE, Set.of(), Permission.WRITE, null, "Delete an article"),
  GET_ARTICLE_PAGE("GET", Path.ARTICLE_PAGE, Set.of(), null, null, "One article as an HTML page"),
  FACETS("GET", Path.FACETS, QueryReader.FACETS, null, null, "Counts per category, tag, sentiment, language, source"),
  HEALTH("GET", Path.HEALTH, Set.of(), null, null, "Whether the store can be read, and how many articles are public"),
  CHANGES("GET", Path.CHANGES, Set.of(), null, null, "A page of the change feed after a sync token"),
  EVENTS("GET", Path.EVENTS, Set.of(), null, null, "The change feed as Server-Sent Events"),
  OPENAPI("GET", Path.OPENAPI, Set.of(), null, null, "This API described in OpenAPI 3.1"),
  FEED("GET", Path.FEED, Set.of(), null, null, "The newest public articles as RSS, Atom or JSON Feed"),
  CATEGORY_FEED("GET", Path.CATEGORY_FEED, Set.of(), null, null, "A category's newest public articles as a feed"),
  TAG_FEED("GET", Path.TAG_FEED, Set.of(), null, null, "The newest public articles with a tag as a feed"),
  SITEMAP("GET", Path.SITEMAP, Set.of(), null, null, "Every public article's page; an index when paged"),
  SITEMAP_PAGE("GET", Path.SITEMAP_PAGE, Set.of(), null, null, "A page of a paged sitemap"),
  NEWS_SITEMAP("GET", Path.NEWS_SITEMAP, Set.of(), null, null, "The articles of the last 48 hours as a news sitemap"),
  ROBOTS("GET", Path.ROBOTS, Set.of(), null, null, "robots.txt, naming both sitemaps");

  /** The paths the API answers, as templates; {@code {id}} holds slashes. */
  enum Path {
    HOME("/"),
    ARTICLES("/articles"),
    ARTICLE("/articles/{id}"),
    ARTICLE_PAGE("/articles/{id}.html"),
    FACETS("/facets"),
    HEALTH("/health"),
    CHANGES("/changes"),
    EVENTS("/events"),
    OPENAPI("/openapi.json"),
    FEED("/feed.{format}"),
    CATEGORY_FEED("/category/{key}/feed.{format}"),
    TAG_FEED("/tag/{key}/feed.{format}"),
    SITEMAP("/sitemap.xml"),
    SITEMAP_PAGE("/sitemap-{page}.xml"),
    NEWS_SITEMAP("/news-sitemap.xml"),
    ROBOTS("/robots.txt");

    final String template;

    Path(String template) {
      this.template = template;
    }
  }

  /**
   * A path matched: which one, and the raw (still percent-encoded) id when it has one; for a
   * feed, its key and file name ({@code sports/feed.rss}, {@code feed.rss}); for a sitemap's
   * page, its number.
   */
  record Match(Path path, String rawId) {}

  final String method;
  final Path path;
  final Set<QueryOption> options;
  final @Nullable Permission permission;
  final @Nullable String mediaType;
  final String summary;

  Route(String method, Path path, Set<QueryOption> options, @Nullable Permission permission,
      @Nullable String mediaType, String summary) {
    this.method = method;
    this.path = path;
    this.options = options;
    this.permission = permission;
    this.mediaType = mediaType;
    this.summary = summary;
  }

  /**
   * The path of a raw path below the base, or null. Matched on the raw path: {@code .html} is
   * recognized before decoding, so an id that itself ends in ".html" is reachable as JSON with
   * the dot escaped ({@code %2Ehtml}).
   */
  static @Nullable Match match(String rel) {
    switch (rel) {
      case "", "/": return new Match(Path.HOME, "");
      case "/articles": return new Match(Path.ARTICLES, "");
      case "/facets": return new Match(Path.FACETS, "");
      case "/health": return new Match(Path.HEALTH, "");
      case "/changes": return new Match(Path.CHANGES, "");
      case "/events": return new Match(Path.EVENTS, "");
      case "/openapi.json": return new Match(Path.OPENAPI, "");
      case "/feed.rss", "/feed.atom", "/feed.json": return new Match(Path.FEED, rel.substring(1));
      case "/sitemap.xml": return new Match(Path.SITEMAP, "");
      case "/news-sitemap.xml": return new Match(Path.NEWS_SITEMAP, "");
      case "/robots.txt": return new Match(Path.ROBOTS, "");
      default: break;
    }
    Match output = outputs(rel);
    if (output != null) {
      return output;
    }
    String prefix = "/articles/";
    if (rel.startsWith(prefix) && rel.length() > prefix.length()) {
      String rest = rel.substring(prefix.length());
      if (rest.endsWith(".html") && rest.length() > ".html".length()) {
        return new Match(Path.ARTICLE_PAGE, rest.substring(0, rest.length() - ".html".length()));
      }
      return new Match(Path.ARTICLE, rest);
    }
    return null;
  }

  /** A category or tag feed, or a sitemap's page; null for other paths. */
  private static @Nullable Match outputs(String rel) {
    if (rel.startsWith("/sitemap-") && rel.endsWith(".xml")) {
      String page = rel.substring("/sitemap-".length(), rel.length() - ".xml".length());
      return page.matches("[1-9][0-9]{0,8}") ? new Match(Path.SITEMAP_PAGE, page) : null;
    }
    Path path = rel.startsWith("/category/") ? Path.CATEGORY_FEED : rel.startsWith("/tag/") ? Path.TAG_FEED : null;
    if (path == null) {
      return null;
    }
    String rest = rel.substring(rel.indexOf('/', 1) + 1);
    int slash = rest.indexOf('/');
    if (slash < 1 || rest.indexOf('/', slash + 1) >= 0 || !rest.substring(slash + 1).matches("feed\\.(rss|atom|json)")) {
      return null;
    }
    return new Match(path, rest);
  }

  /** The routes of {@code path} offered with these permissions, GET first. */
  static List<Route> of(Path path, Set<Permission> offered) {
    List<Route> out = new ArrayList<>(4);
    for (Route r : values()) {
      if (r.path == path && (r.permission == null || offered.contains(r.permission))) {
        out.add(r);
      }
    }
    return out;
  }

  /** The {@code Allow} header of {@code routes}: GET with HEAD, the others, OPTIONS. */
  static String allow(List<Route> routes) {
    StringBuilder b = new StringBuilder();
    for (Route r : routes) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(r.method);
      if (r.method.equals("GET")) {
        b.append(", HEAD");
      }
    }
    return b.append(", OPTIONS").toString();
  }
}
