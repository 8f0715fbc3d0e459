package dev.broadsheet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlPagesTest {
  private static final String CSP = "default-src 'none'; img-src 'self' https: data:; style-src 'unsafe-inline'; "
      + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.newsroom(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void previewPageListsTheNewestArticlesLinkingToTheirPages() {
    HttpResponse<String> r = server.get("/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    String html = r.body();
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<p class=\"meta\">5 articles</p>");
    int previous = -1;
    for (String id : Newsroom.PUBLIC_NEWEST_FIRST) {
      int at = html.indexOf("<a href=\"/articles/" + id + ".html\">");
      assertThat(at).as(id).isGreaterThan(previous);
      previous = at;
    }
    assertThat(html).contains("<img src=\"https://images.example.com/pier.jpg?w=200\" alt=\"\" width=\"100\" "
        + "height=\"67\" loading=\"lazy\">Harbour pier reopens after two years of repairs</a>");
    assertThat(html).contains("<p class=\"meta\"><time datetime=\"2026-01-12T07:30:00Z\">2026-01-12 07:30 UTC</time>"
        + " \u00b7 LOCAL \u00b7 positive \u00b7 Harbour Gazette</p>");
    assertThat(html).contains("<p class=\"tags\">#CITY #TRANSPORT</p>");
  }

  @Test
  void previewPageEscapesEveryValueAndLoadsNoUnsafeImage() {
    String html = server.get("/").body();

    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("javascript:").doesNotContain("<b>")
        .doesNotContain("<i>ART");
    assertThat(html).contains("Gallery night &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;friends&quot;");
    assertThat(html).contains("#&lt;i&gt;ART&lt;/i&gt;").contains("Culture &lt;Weekly&gt;");
    // A relative thumbnail is kept, its quotes and ampersands escaped in the attribute.
    assertThat(html).contains("<img src=\"/images/gallery.jpg?a=1&amp;b=&quot;2&quot;\"");
    // The chip plant's thumbnail is a javascript: URL: no image at all.
    assertThat(html).contains("<a href=\"/articles/2026/02/chip-plant.html\">Chip plant opening slips to next year</a>");
  }

  @Test
  void previewPageLinksToTheNextPageWithTheSameFilters() {
    String html = server.get("/?limit=2&lang=en").body();
    assertThat(html).contains("<p class=\"meta\">3 articles</p>");
    String marker = "<nav><a href=\"/?limit=2&amp;lang=en&amp;cursor=";
    assertThat(html).contains(marker);
    String href = html.substring(html.indexOf(marker) + "<nav><a href=\"".length());
    href = href.substring(0, href.indexOf('"')).replace("&amp;", "&");
    String next = server.get(href).body();
    assertThat(next).contains("/articles/2026/01/harbour-pier.html").doesNotContain("Older articles");
  }

  @Test
  void articlePageIsAMinimalSafeDocument() {
    HttpResponse<String> r = server.get("/articles/2026/01/harbour-pier.html");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
    assertThat(r.headers().firstValue("ETag")).isPresent();
    assertThat(r.body()).isEqualTo("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Harbour pier reopens after two years of repairs</title>
        <meta name="description" content="Walkers and anglers get the old pier back on Saturday.">
        <style>%s</style>
        </head>
        <body>
        <nav><a href="/">All articles</a></nav>
        <article>
        <header>
        <h1>Harbour pier reopens after two years of repairs</h1>
        <p class="meta"><time datetime="2026-01-12T07:30:00Z">2026-01-12 07:30 UTC</time> \u00b7 LOCAL \u00b7 positive \u00b7 Harbour Gazette</p>
        </header>
        <h2 id="overview">Overview</h2>
        <p>The pier is open again from Saturday morning, with new railings and lights.</p>
        <h2 id="what-happened">What Happened</h2>
        <p>Storm damage closed it two winters ago.</p>
        </article>
        </body>
        </html>
        """.formatted(styleOf(r.body())));
  }

  @Test
  void articlePageEscapesTitleMetaAndBody() {
    String html = server.get("/articles/2026/02/gallery-night.html").body();

    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("javascript:");
    assertThat(html).contains("<html lang=\"fr\">")
        .contains("<title>Gallery night &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;friends&quot;</title>")
        .contains("<meta name=\"description\" content=\"A night of &lt;b&gt;art&lt;/b&gt; &amp; music\">")
        .contains("Doors open at seven. &lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt;")
        .contains("<a href=\"https://example.com/map?a=1&amp;b=2\">the map</a>");
  }

  @Test
  void pagesCarryTheJsonEtagsOfTheirOwn() {
    String json = server.get("/articles/2026/02/stadion").headers().firstValue("ETag").orElseThrow();
    String page = server.get("/articles/2026/02/stadion.html").headers().firstValue("ETag").orElseThrow();
    assertThat(page).isNotEqualTo(json);
    assertThat(server.get("/articles/2026/02/stadion.html", "If-None-Match", page).statusCode()).isEqualTo(304);
  }

  @Test
  void thumbnailsAreHttpsOrRelativeOnly() {
    assertThat(thumb("https://img.example.com/a.jpg")).isEqualTo("https://img.example.com/a.jpg");
    assertThat(thumb("HTTPS://img.example.com/a.jpg")).isEqualTo("HTTPS://img.example.com/a.jpg");
    assertThat(thumb("/img/a.jpg")).isEqualTo("/img/a.jpg");
    assertThat(thumb("img/a.jpg")).isEqualTo("img/a.jpg");
    for (String bad : List.of("http://img.example.com/a.jpg", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
        "data:image/png;base64,AAAA", "//evil.example.com/a.jpg", " javascript:alert(1)", "java\tscript:x",
        "vbscript:x", "https://a b")) {
      assertThat(thumb(bad)).as(bad).isNull();
    }
  }

  private static String thumb(String url) {
    return Html.thumbnail(new dev.broadsheet.CoverImage(null, null, null, null, url, null));
  }

  private static String styleOf(String html) {
    return html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
  }
}
