package dev.broadsheet.feeds;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sitemaps (sitemaps.org 0.9) and the news sitemap, and how URLs are split into pages: at most
 * {@link #MAX_URLS} and {@link #MAX_BYTES} each, the limits search engines read.
 */
final class Sitemaps {
  static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
  static final String XHTML_NS = "http://www.w3.org/1999/xhtml";
  static final String NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";
  static final int MAX_URLS = 50_000;
  static final long MAX_BYTES = 50L * 1024 * 1024;
  /** Bytes of a page besides its URLs, and a URL besides its texts: more than they take. */
  private static final int PAGE_OVERHEAD = 400;
  private static final int URL_OVERHEAD = 120;
  private static final int ALTERNATE_OVERHEAD = 80;

  /** A language version of a page, for {@code xhtml:link rel="alternate"}. */
  record Alternate(String lang, String href) {}

  /** One URL of a sitemap. */
  record Url(String loc, @Nullable Instant lastmod, List<Alternate> alternates) {
    /**
     * At least the bytes the URL takes in a sitemap: escaping makes a character at most six
     * bytes ({@code &quot;}), UTF-8 at most four per char, so five per char bounds both.
     */
    long maxBytes() {
      long n = URL_OVERHEAD + 6L * loc.length();
      for (Alternate a : alternates) {
        n += ALTERNATE_OVERHEAD + 6L * (a.href.length() + a.lang.length());
      }
      return n;
    }
  }

  /** One news article. */
  record NewsUrl(String loc, String title, String language, Instant published) {}

  private Sitemaps() {}

  /** {@code urls} in pages within the limits, in order; one empty page when there is none. */
  static List<List<Url>> pages(List<Url> urls, int maxUrls, long maxBytes) {
    List<List<Url>> pages = new ArrayList<>();
    List<Url> page = new ArrayList<>();
    long bytes = PAGE_OVERHEAD;
    for (Url u : urls) {
      long b = u.maxBytes();
      if (!page.isEmpty() && (page.size() == maxUrls || bytes + b > maxBytes)) {
        pages.add(page);
        page = new ArrayList<>();
        bytes = PAGE_OVERHEAD;
      }
      page.add(u);
      bytes += b;
    }
    pages.add(page);
    return pages;
  }

  static void urlset(List<Url> urls, OutputStream out) {
    boolean alternates = urls.stream().anyMatch(u -> !u.alternates.isEmpty());
    try (Xml x = new Xml(out)) {
      if (alternates) {
        x.root("urlset", "", NS, "xhtml", XHTML_NS);
      } else {
        x.root("urlset", "", NS);
      }
      x.newline();
      for (Url u : urls) {
        x.start("url").element("loc", u.loc);
        if (u.lastmod != null) {
          x.element("lastmod", FeedWriter.rfc3339(u.lastmod));
        }
        for (Alternate a : u.alternates) {
          x.empty("xhtml:link", "rel", "alternate", "hreflang", a.lang, "href", a.href);
        }
        x.end().newline();
      }
      x.end();
    }
  }

  /** The index of {@code pages}, at {@code locs}: the latest lastmod of each page. */
  static void index(List<List<Url>> pages, List<String> locs, OutputStream out) {
    try (Xml x = new Xml(out)) {
      x.root("sitemapindex", "", NS).newline();
      for (int p = 0; p < pages.size(); p++) {
        x.start("sitemap").element("loc", locs.get(p));
        Instant latest = null;
        for (Url u : pages.get(p)) {
          if (u.lastmod != null && (latest == null || u.lastmod.isAfter(latest))) {
            latest = u.lastmod;
          }
        }
        if (latest != null) {
          x.element("lastmod", FeedWriter.rfc3339(latest));
        }
        x.end().newline();
      }
      x.end();
    }
  }

  static void news(String publication, List<NewsUrl> urls, OutputStream out) {
    try (Xml x = new Xml(out)) {
      x.root("urlset", "", NS, "news", NEWS_NS).newline();
      for (NewsUrl u : urls) {
        x.start("url").element("loc", u.loc);
        x.start("news:news");
        x.start("news:publication").element("news:name", publication).element("news:language", u.language).end();
        x.element("news:publication_date", FeedWriter.rfc3339(u.published));
        x.element("news:title", u.title);
        x.end().end().newline();
      }
      x.end();
    }
  }

  static byte[] robots(String base) {
    return ("User-agent: *\nAllow: /\n\nSitemap: " + base + "/sitemap.xml\nSitemap: " + base + "/news-sitemap.xml\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
