package dev.broadsheet.server;

import dev.broadsheet.Article;
import dev.broadsheet.CoverImage;
import dev.broadsheet.feeds.NewsFeeds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The two HTML pages the server writes: the preview list and one article. Every value from an
 * article is escaped where it lands; the rendered body comes from the Markdown renderer, which
 * escapes raw HTML and drops unsafe URLs by default. No page holds a script.
 */
final class Html {
  /** Served with every page: nothing runs, nothing loads but images and the page's own styles. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self' https: data:; "
      + "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  /** The list page's: the same, but its search box may submit to the page itself. */
  static final String LIST_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("form-action 'none'", "form-action 'self'");

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private static final String STYLE = "body{max-width:46rem;margin:2rem auto;padding:0 1rem;"
      + "font:1.05rem/1.6 system-ui,sans-serif;color:#222}"
      + "img{max-width:100%;height:auto}.meta,.tags{color:#666;font-size:.9rem;margin:.2rem 0}"
      + "ul.articles{list-style:none;padding:0}ul.articles li{display:flow-root;margin:0 0 1.2rem}"
      + "ul.articles img{float:left;width:100px;height:67px;object-fit:cover;margin:0 .8rem 0 0}"
      + ".status{display:inline-block;background:#fe8;padding:0 .4rem;font-size:.8rem}";

  private Html() {}

  /** One article: title, a line of facts, the rendered body. */
  static byte[] articlePage(Article a, String renderedBody, String base, @Nullable String status) {
    return articlePage(a, renderedBody, base, status, List.of());
  }

  /** A language version of a page: {@code <link rel="alternate" hreflang="de" href="...">}. */
  record Alternate(String lang, String href) {}

  /** One article with links to its language versions. */
  static byte[] articlePage(Article a, String renderedBody, String base, @Nullable String status,
      List<Alternate> alternates) {
    StringBuilder b = new StringBuilder(renderedBody.length() + 1024);
    head(b, a.lang(), a.title(), a.description(), status != null, alternates);
    b.append("<body>\n<nav><a href=\"").append(attr(base + "/")).append("\">All articles</a></nav>\n");
    b.append("<article>\n<header>\n<h1>").append(text(a.title())).append("</h1>\n");
    facts(b, a, status);
    b.append("</header>\n").append(renderedBody);
    if (!renderedBody.isEmpty() && !renderedBody.endsWith("\n")) {
      b.append('\n');
    }
    b.append("</article>\n</body>\n</html>\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A listed article and what the page says about it. */
  /** An article of the list, with its status for previews and, for a search, its snippet (safe HTML). */
  record Item(Article article, @Nullable String status, @Nullable String snippetHtml) {}

  /**
   * The preview page: the articles of one page of a query, each linking to its rendered page.
   *
   * @param next the query string of the next page, or null on the last page
   */
  static byte[] listPage(List<Item> items, int total, String base, @Nullable String next, @Nullable String search) {
    StringBuilder b = new StringBuilder(4096);
    head(b, null, "Articles", null, items.stream().anyMatch(i -> i.status() != null), List.of());
    b.append("<body>\n<header>\n<h1>Articles</h1>\n");
    // A plain GET form: the page itself reads q, no script involved.
    b.append("<form method=\"get\" action=\"").append(attr(base + "/")).append("\" role=\"search\">")
        .append("<input type=\"search\" name=\"q\" aria-label=\"Search articles\" value=\"")
        .append(attr(search == null ? "" : search)).append("\"> <button type=\"submit\">Search</button></form>\n");
    b.append("<p class=\"meta\">").append(total)
        .append(total == 1 ? " article" : " articles").append("</p>\n</header>\n");
    b.append("<ul class=\"articles\">\n");
    for (Item item : items) {
      Article a = item.article();
      b.append("<li><a href=\"").append(attr(base + "/articles/" + pathOf(a.id()) + ".html")).append("\">");
      String thumb = thumbnail(a.coverImage());
      if (thumb != null) {
        b.append("<img src=\"").append(attr(thumb)).append("\" alt=\"\" width=\"100\" height=\"67\" loading=\"lazy\">");
      }
      b.append(text(a.title())).append("</a>\n");
      facts(b, a, item.status());
      if (item.snippetHtml() != null) {
        b.append("<p class=\"snippet\">").append(item.snippetHtml()).append("</p>\n"); // escaped when made
      }
      if (!a.tags().isEmpty()) {
        b.append("<p class=\"tags\">");
        List<String> tags = new ArrayList<>();
        a.tags().forEach(t -> tags.add("#" + text(t)));
        b.append(String.join(" ", tags)).append("</p>\n");
      }
      b.append("</li>\n");
    }
    b.append("</ul>\n");
    if (next != null) {
      b.append("<nav><a href=\"").append(attr(base + "/?" + next)).append("\">Older articles</a></nav>\n");
    }
    b.append("</body>\n</html>\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void head(
      StringBuilder b, @Nullable String lang, String title, @Nullable String description, boolean noindex,
      List<Alternate> alternates) {
    b.append("<!DOCTYPE html>\n<html lang=\"").append(attr(lang == null || lang.isBlank() ? "en" : lang))
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(text(title)).append("</title>\n");
    if (description != null && !description.isBlank()) {
      b.append("<meta name=\"description\" content=\"").append(attr(description)).append("\">\n");
    }
    if (noindex) {
      b.append("<meta name=\"robots\" content=\"noindex\">\n");
    }
    for (Alternate alt : alternates) {
      b.append("<link rel=\"alternate\" hreflang=\"").append(attr(alt.lang())).append("\" href=\"")
          .append(attr(alt.href())).append("\">\n");
    }
    b.append("<style>").append(STYLE).append("</style>\n</head>\n");
  }

  /** Date, category, sentiment and source on one line; the status (draft, scheduled) first. */
  private static void facts(StringBuilder b, Article a, @Nullable String status) {
    List<String> parts = new ArrayList<>();
    if (a.publishedAt() != null) {
      Instant p = a.publishedAt();
      parts.add("<time datetime=\"" + attr(p.toString()) + "\">" + DATE.format(p) + "</time>");
    }
    if (a.category() != null) {
      parts.add(text(a.category()));
    }
    if (a.sentiment() != null) {
      parts.add(a.sentiment().name().toLowerCase(Locale.ROOT));
    }
    if (a.source() != null && a.source().name() != null) {
      parts.add(text(a.source().name()));
    }
    b.append("<p class=\"meta\">");
    if (status != null) {
      b.append("<span class=\"status\">").append(text(status)).append("</span> ");
    }
    b.append(String.join(" \u00b7 ", parts)).append("</p>\n");
  }

  /**
   * The thumbnail URL when it is one a page may load: https, or relative to this site. Other
   * schemes ({@code http:}, {@code javascript:}, {@code data:}) and URLs with spaces or
   * controls, which a browser would read differently, are left out.
   */
  static @Nullable String thumbnail(@Nullable CoverImage cover) {
    if (cover == null) {
      return null;
    }
    String url = cover.thumb() != null ? cover.thumb() : cover.small();
    if (url == null || url.isEmpty()) {
      return null;
    }
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c <= ' ' || c == '\\' || (c >= 0x7F && c <= 0x9F)) {
        return null;
      }
    }
    if (url.startsWith("//")) {
      return null; // another host, over whatever scheme the page came by
    }
    if (SCHEME.matcher(url).find()) {
      return url.regionMatches(true, 0, "https:", 0, 6) ? url : null;
    }
    return url;
  }

  /** An id as a URL path: each segment percent-encoded, the slashes between them kept. */
  static String pathOf(String id) {
    String path = NewsFeeds.articlePath(id); // articles/{path}.html: one spelling of an article's path
    return path.substring("articles/".length(), path.length() - ".html".length());
  }


  /** Text content: {@code & < >} escaped, and quotes too so the same text is safe in attributes. */
  static String text(String s) {
    return attr(s);
  }

  /** An attribute value in double quotes. */
  static String attr(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        case '\0' -> "\uFFFD";
        default -> null;
      };
      if (rep != null) {
        if (b == null) {
          b = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        b.append(rep);
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }
}
