package dev.broadsheet.feeds;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import dev.broadsheet.Article;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Writes one feed in each of its formats from the same items. */
final class FeedWriter {
  private static final JsonFactory JSON = new JsonFactory();
  /**
   * {@code < > &} written as escaped code points: a JSON Feed holds no markup a careless page
   * that embeds it could run, whatever its titles say; readers see the same text.
   */
  private static final CharacterEscapes NO_MARKUP = new CharacterEscapes() {
    private static final long serialVersionUID = 1L;
    private final int[] escapes = standardAsciiEscapesForJSON();

    {
      escapes['<'] = ESCAPE_STANDARD;
      escapes['>'] = ESCAPE_STANDARD;
      escapes['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public @Nullable SerializableString getEscapeSequence(int ch) {
      return null;
    }
  };
  static final String ATOM_NS = "http://www.w3.org/2005/Atom";
  private static final String CONTENT_NS = "http://purl.org/rss/1.0/modules/content/";

  /**
   * One article of a feed.
   *
   * @param url its page, absolute
   * @param summary its description, or an excerpt of its body
   * @param html its body rendered as safe HTML
   */
  record Item(Article article, String url, String summary, String html) {
    /** When it last changed: {@code updatedAt} when later than {@code publishedAt}. */
    @Nullable Instant updated() {
      Instant p = article.publishedAt();
      Instant u = article.updatedAt();
      return u != null && (p == null || u.isAfter(p)) ? u : p;
    }

    /** Its category, then its tags, each spelling once. */
    List<String> terms() {
      Set<String> out = new LinkedHashSet<>();
      if (article.category() != null && !article.category().isBlank()) {
        out.add(article.category());
      }
      out.addAll(article.tags());
      out.removeIf(String::isBlank);
      return new ArrayList<>(out);
    }
  }

  /**
   * The feed's own facts.
   *
   * @param title the feed's title
   * @param home the site's home page, absolute
   * @param self the feed's own URL, absolute
   * @param language its language tag, or null
   * @param fallback when it changed if it has no item with a date: the time of writing
   */
  record Head(String title, String description, String home, String self, @Nullable String language,
      Instant fallback) {}

  private FeedWriter() {}

  static void write(FeedFormat format, Head head, List<Item> items, OutputStream out) {
    switch (format) {
      case RSS -> rss(head, items, out);
      case ATOM -> atom(head, items, out);
      case JSON -> json(head, items, out);
    }
  }

  /** When the feed last changed: its newest item's change, else {@link Head#fallback}. */
  private static Instant updated(Head head, List<Item> items) {
    Instant newest = null;
    for (Item i : items) {
      Instant u = i.updated();
      if (u != null && (newest == null || u.isAfter(newest))) {
        newest = u;
      }
    }
    return newest != null ? newest : head.fallback();
  }

  // ------------------------------------------------------------------ RSS 2.0

  private static void rss(Head head, List<Item> items, OutputStream out) {
    try (Xml x = new Xml(out)) {
      x.root("rss", "atom", ATOM_NS, "content", CONTENT_NS).attr("version", "2.0").newline();
      x.start("channel").newline();
      x.element("title", head.title()).element("link", head.home()).element("description", head.description());
      if (head.language() != null) {
        x.element("language", head.language());
      }
      x.element("lastBuildDate", rfc822(updated(head, items)));
      x.empty("atom:link", "href", head.self(), "rel", "self", "type", "application/rss+xml").newline();
      for (Item i : items) {
        Article a = i.article();
        x.start("item");
        x.element("title", a.title()).element("link", i.url());
        x.start("guid").attr("isPermaLink", "true").text(i.url()).end();
        if (a.publishedAt() != null) {
          x.element("pubDate", rfc822(a.publishedAt()));
        }
        if (i.updated() != null) {
          x.element("atom:updated", rfc3339(i.updated()));
        }
        x.element("description", i.summary());
        for (String t : i.terms()) {
          x.element("category", t);
        }
        x.element("content:encoded", i.html());
        x.end().newline();
      }
      x.end().newline().end();
    }
  }

  // ------------------------------------------------------------------ Atom 1.0

  private static void atom(Head head, List<Item> items, OutputStream out) {
    try (Xml x = new Xml(out)) {
      x.root("feed", "", ATOM_NS);
      if (head.language() != null) {
        x.attr("xml:lang", head.language());
      }
      x.newline();
      x.element("id", head.self()).element("title", head.title()).element("subtitle", head.description());
      x.element("updated", rfc3339(updated(head, items)));
      x.empty("link", "rel", "self", "type", "application/atom+xml", "href", head.self());
      x.empty("link", "rel", "alternate", "type", "text/html", "href", head.home());
      x.start("author").element("name", head.title()).end();
      x.element("generator", "Broadsheet").newline();
      for (Item i : items) {
        Article a = i.article();
        x.start("entry");
        if (a.lang() != null && !a.lang().isBlank()) {
          x.attr("xml:lang", a.lang());
        }
        x.element("id", i.url());
        x.start("title").attr("type", "text").text(a.title()).end();
        x.empty("link", "rel", "alternate", "type", "text/html", "href", i.url());
        if (a.publishedAt() != null) {
          x.element("published", rfc3339(a.publishedAt()));
        }
        x.element("updated", rfc3339(i.updated() != null ? i.updated() : updated(head, items)));
        x.start("summary").attr("type", "text").text(i.summary()).end();
        for (String t : i.terms()) {
          x.empty("category", "term", t);
        }
        x.start("content").attr("type", "html").text(i.html()).end();
        x.end().newline();
      }
      x.end();
    }
  }

  // ------------------------------------------------------------------ JSON Feed 1.1

  private static void json(Head head, List<Item> items, OutputStream out) {
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setCharacterEscapes(NO_MARKUP);
      g.writeStartObject();
      g.writeStringField("version", "https://jsonfeed.org/version/1.1");
      g.writeStringField("title", Text.clean(head.title()));
      g.writeStringField("description", Text.clean(head.description()));
      g.writeStringField("home_page_url", Text.clean(head.home()));
      g.writeStringField("feed_url", Text.clean(head.self()));
      if (head.language() != null) {
        g.writeStringField("language", Text.clean(head.language()));
      }
      g.writeArrayFieldStart("items");
      for (Item i : items) {
        Article a = i.article();
        g.writeStartObject();
        g.writeStringField("id", Text.clean(i.url()));
        g.writeStringField("url", Text.clean(i.url()));
        g.writeStringField("title", Text.clean(a.title()));
        g.writeStringField("summary", Text.clean(i.summary()));
        g.writeStringField("content_html", Text.clean(i.html()));
        if (a.publishedAt() != null) {
          g.writeStringField("date_published", rfc3339(a.publishedAt()));
        }
        if (i.updated() != null) {
          g.writeStringField("date_modified", rfc3339(i.updated()));
        }
        if (a.lang() != null && !a.lang().isBlank()) {
          g.writeStringField("language", Text.clean(a.lang()));
        }
        List<String> terms = i.terms();
        if (!terms.isEmpty()) {
          g.writeArrayFieldStart("tags");
          for (String t : terms) {
            g.writeString(Text.clean(t));
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------ dates

  /** RFC 822 as RSS writes dates: {@code Fri, 30 Jan 2026 02:57:10 GMT}. */
  static String rfc822(Instant i) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(i.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
  }

  /** RFC 3339 in UTC, to the second: {@code 2026-01-30T02:57:10Z}; also the W3C form sitemaps take. */
  static String rfc3339(Instant i) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(i.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
  }
}
