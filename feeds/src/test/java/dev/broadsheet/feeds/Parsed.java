package dev.broadsheet.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Outputs parsed back with the JDK's XML parser (namespace-aware, failing on any error) and
 * Jackson, with the rules of each format asserted: what a reader needs of RSS 2.0, Atom 1.0
 * (RFC 4287), JSON Feed 1.1 and sitemaps.org 0.9.
 */
final class Parsed {
  static final String ATOM = "http://www.w3.org/2005/Atom";
  static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";
  static final String XHTML = "http://www.w3.org/1999/xhtml";
  static final String NEWS = "http://www.google.com/schemas/sitemap-news/0.9";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Parsed() {}

  /** The document, or an assertion error when the bytes are not well-formed namespace-valid XML. */
  static Document xml(byte[] bytes) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new DefaultHandler() {
        @Override
        public void error(SAXParseException e) throws SAXParseException {
          throw e;
        }
      });
      return b.parse(new ByteArrayInputStream(bytes));
    } catch (Exception e) {
      throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + new String(bytes,
          java.nio.charset.StandardCharsets.UTF_8), e);
    }
  }

  static JsonNode json(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + e.getMessage(), e);
    }
  }

  static List<Element> children(Element parent, String ns, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e && name.equals(e.getLocalName()) && java.util.Objects.equals(ns, e.getNamespaceURI())) {
        out.add(e);
      }
    }
    return out;
  }

  static Element one(Element parent, String ns, String name) {
    List<Element> found = children(parent, ns, name);
    assertThat(found).as("exactly one <%s> in <%s>", name, parent.getTagName()).hasSize(1);
    return found.get(0);
  }

  static String text(Element parent, String ns, String name) {
    return one(parent, ns, name).getTextContent();
  }

  /** An RSS 2.0 channel: its rules asserted; the items. */
  static List<Element> rssItems(byte[] bytes) {
    Element rss = xml(bytes).getDocumentElement();
    assertThat(rss.getLocalName()).isEqualTo("rss");
    assertThat(rss.getNamespaceURI()).isNull();
    assertThat(rss.getAttribute("version")).isEqualTo("2.0");
    Element channel = one(rss, null, "channel");
    assertThat(text(channel, null, "title")).isNotBlank();
    assertThat(text(channel, null, "link")).startsWith("http");
    assertThat(text(channel, null, "description")).isNotBlank();
    rfc822(text(channel, null, "lastBuildDate"));
    assertThat(one(channel, ATOM, "link").getAttribute("rel")).isEqualTo("self");
    List<Element> items = children(channel, null, "item");
    for (Element item : items) {
      assertThat(text(item, null, "title")).isNotNull();
      assertThat(text(item, null, "link")).startsWith("http");
      Element guid = one(item, null, "guid");
      assertThat(guid.getAttribute("isPermaLink")).isEqualTo("true");
      assertThat(guid.getTextContent()).isEqualTo(text(item, null, "link"));
      rfc822(text(item, null, "pubDate"));
      one(item, CONTENT, "encoded");
      one(item, null, "description");
    }
    return items;
  }

  /** An Atom feed: RFC 4287's musts asserted (ids, titles, updated, an author); the entries. */
  static List<Element> atomEntries(byte[] bytes) {
    Element feed = xml(bytes).getDocumentElement();
    assertThat(feed.getLocalName()).isEqualTo("feed");
    assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
    assertThat(text(feed, ATOM, "id")).startsWith("http");
    one(feed, ATOM, "title");
    Instant.parse(text(feed, ATOM, "updated"));
    assertThat(text(one(feed, ATOM, "author"), ATOM, "name")).isNotBlank();
    assertThat(children(feed, ATOM, "link")).extracting(e -> e.getAttribute("rel")).contains("self", "alternate");
    List<Element> entries = children(feed, ATOM, "entry");
    for (Element e : entries) {
      assertThat(text(e, ATOM, "id")).startsWith("http");
      one(e, ATOM, "title");
      Instant.parse(text(e, ATOM, "updated"));
      Instant.parse(text(e, ATOM, "published"));
      assertThat(one(e, ATOM, "link").getAttribute("href")).isEqualTo(text(e, ATOM, "id"));
      assertThat(one(e, ATOM, "content").getAttribute("type")).isEqualTo("html");
      assertThat(one(e, ATOM, "summary").getAttribute("type")).isEqualTo("text");
    }
    return entries;
  }

  /** A JSON Feed 1.1: its required members asserted; the items. */
  static List<JsonNode> jsonItems(byte[] bytes) {
    JsonNode feed = json(bytes);
    assertThat(feed.path("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
    assertThat(feed.path("title").isTextual()).isTrue();
    assertThat(feed.path("feed_url").asText()).startsWith("http");
    assertThat(feed.path("home_page_url").asText()).startsWith("http");
    assertThat(feed.path("items").isArray()).isTrue();
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode item : feed.path("items")) {
      assertThat(item.path("id").isTextual()).isTrue();
      assertThat(item.path("url").asText()).startsWith("http");
      assertThat(item.path("content_html").isTextual()).isTrue();
      Instant.parse(item.path("date_published").asText());
      items.add(item);
    }
    return items;
  }

  /** A sitemap's {@code <url>}s: each a {@code loc}, at most 50,000 of them. */
  static List<Element> sitemapUrls(byte[] bytes) {
    Element set = xml(bytes).getDocumentElement();
    assertThat(set.getLocalName()).isEqualTo("urlset");
    assertThat(set.getNamespaceURI()).isEqualTo(SITEMAP);
    assertThat(bytes.length).isLessThanOrEqualTo(50 * 1024 * 1024);
    List<Element> urls = children(set, SITEMAP, "url");
    assertThat(urls.size()).isLessThanOrEqualTo(50_000);
    for (Element u : urls) {
      assertThat(text(u, SITEMAP, "loc")).startsWith("http");
      for (Element lastmod : children(u, SITEMAP, "lastmod")) {
        Instant.parse(lastmod.getTextContent());
      }
    }
    return urls;
  }

  /** A sitemap index's {@code loc}s. */
  static List<String> sitemapIndex(byte[] bytes) {
    Element index = xml(bytes).getDocumentElement();
    assertThat(index.getLocalName()).isEqualTo("sitemapindex");
    assertThat(index.getNamespaceURI()).isEqualTo(SITEMAP);
    List<String> locs = new ArrayList<>();
    for (Element s : children(index, SITEMAP, "sitemap")) {
      locs.add(text(s, SITEMAP, "loc"));
    }
    return locs;
  }

  static ZonedDateTime rfc822(String s) {
    return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
  }
}
