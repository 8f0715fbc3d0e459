package dev.broadsheet.markdown.render;

import dev.broadsheet.markdown.render.RenderedArticle.Section;
import dev.broadsheet.markdown.render.RenderedArticle.TocEntry;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders Markdown (CommonMark with GitHub tables, strikethrough and autolinks) to HTML that
 * is safe to show from untrusted authors by default.
 *
 * <pre>{@code
 * MarkdownRenderer renderer = MarkdownRenderer.builder()
 *     .nofollowExternalLinks(true)
 *     .internalHosts("news.example.com")
 *     .lazyImages(true)
 *     .build();
 * renderer.toHtml("Hi <script>x</script> [me](javascript:alert(1))");
 * // "<p>Hi &lt;script&gt;x&lt;/script&gt; me</p>\n"
 * RenderedArticle view = renderer.render(article.body());
 * }</pre>
 *
 * <p><b>HTML.</b> By default raw HTML, block or inline, is escaped: it shows as the text the
 * author typed and never becomes markup. {@link Builder#allowRawHtml(boolean)} passes it
 * through unchanged, for trusted authors only: nothing in raw HTML is checked, its URLs
 * included.
 *
 * <p><b>URLs.</b> The target of every Markdown link, autolink and image (reference
 * definitions included) must have no scheme (a relative, {@code //host}, {@code ?query} or
 * {@code #fragment} URL) or the scheme {@code http}, {@code https} or {@code mailto}, read as
 * a browser reads it: case ignored, outer spaces and controls trimmed, tabs and line breaks
 * anywhere removed, character references decoded. Anything else ({@code javascript:}, {@code
 * vbscript:}, {@code data:}, {@code file:}, {@code tel:}...) is not linked: a link is replaced
 * by its text and an image by its alt text, so the page keeps the words and loses the target.
 * This holds whether raw HTML is allowed or not. URLs that pass are percent-encoded where
 * needed.
 *
 * <p><b>Heading ids.</b> Every heading gets an {@code id} made from its text: NFKC, lower
 * case, letters of any script, digits, marks and {@code _} kept, every other run of
 * characters a single {@code -} ({@code "What Happened?"} gives {@code what-happened}, {@code
 * "Über uns"} gives {@code über-uns}), at most 80 characters, {@code section} when nothing is
 * left. A repeated id gets {@code -1}, {@code -2}... so ids are unique within one rendering.
 * An optional {@link Builder#headingIdPrefix(String) prefix} keeps ids chosen by authors away
 * from the page's own element ids.
 *
 * <p>Immutable and thread-safe: build one and share it.
 *
 * @since 0.1.0
 */
public final class MarkdownRenderer {
  private static final List<Extension> EXTENSIONS = List.of(
      TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create());
  private static final Pattern ID_PREFIX = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)?");
  private static final String REL = "nofollow noopener";

  private final Parser parser;
  private final boolean allowRawHtml;
  private final boolean nofollowExternalLinks;
  private final boolean lazyImages;
  private final String headingIdPrefix;
  private final int wordsPerMinute;
  private final UrlPolicy urls;

  private MarkdownRenderer(Builder b) {
    this.allowRawHtml = b.allowRawHtml;
    this.nofollowExternalLinks = b.nofollowExternalLinks;
    this.lazyImages = b.lazyImages;
    this.headingIdPrefix = b.headingIdPrefix;
    this.wordsPerMinute = b.wordsPerMinute;
    this.urls = new UrlPolicy(b.internalHosts);
    this.parser = Parser.builder()
        .extensions(EXTENSIONS)
        .includeSourceSpans(IncludeSourceSpans.BLOCKS)
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The HTML of {@code markdown}; the same as {@code render(markdown).html()}, without the
   * other views.
   */
  public String toHtml(String markdown) {
    Objects.requireNonNull(markdown, "markdown");
    Node document = parse(markdown);
    Map<Heading, String> ids = new IdentityHashMap<>();
    assignIds(document, ids, new IdentityHashMap<>());
    return htmlRenderer(ids).render(document);
  }

  /** {@code markdown}, an article body, rendered with every view of {@link RenderedArticle}. */
  public RenderedArticle render(String markdown) {
    Objects.requireNonNull(markdown, "markdown");
    Node document = parse(markdown);
    Map<Heading, String> ids = new IdentityHashMap<>();
    Map<Heading, String> titles = new IdentityHashMap<>();
    assignIds(document, ids, titles);
    HtmlRenderer renderer = htmlRenderer(ids);

    StringBuilder html = new StringBuilder(markdown.length() + markdown.length() / 4);
    List<Section> sections = new ArrayList<>();
    List<Heading> tocHeadings = new ArrayList<>();
    Map<Heading, List<TocEntry>> tocChildren = new IdentityHashMap<>();
    List<TocEntry> children = null;
    String leadMarkdown = null;
    String leadHtml = "";
    Heading open = null; // the heading of the section being collected; null while in the lead
    int openStart = 0;
    int openHtml = 0;
    StringBuilder plain = new StringBuilder();

    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      if (block instanceof Heading h && h.getLevel() == 2) {
        int start = lineStart(markdown, h);
        if (open == null) {
          leadMarkdown = markdown.substring(0, start);
          leadHtml = html.toString();
        } else {
          sections.add(section(open, titles, ids, markdown.substring(openStart, start), html.substring(openHtml)));
        }
        open = h;
        openStart = start;
        openHtml = html.length();
      }
      if (block instanceof Heading h && (h.getLevel() == 2 || h.getLevel() == 3)) {
        if (h.getLevel() == 2) {
          children = new ArrayList<>();
          tocHeadings.add(h);
          tocChildren.put(h, children);
        } else if (children != null) {
          children.add(new TocEntry(3, titles.get(h), ids.get(h), List.of()));
        } else {
          tocHeadings.add(h);
        }
      }
      html.append(renderer.render(block));
      PlainText.appendBlock(block, !allowRawHtml, plain);
    }
    if (open == null) {
      leadMarkdown = markdown;
      leadHtml = html.toString();
    } else {
      sections.add(section(open, titles, ids, markdown.substring(openStart), html.substring(openHtml)));
    }
    String plainText = plain.toString();
    int words = PlainText.countWords(plainText);
    return new RenderedArticle(
        html.toString(),
        leadMarkdown,
        leadHtml,
        sections,
        toc(tocHeadings, tocChildren, titles, ids),
        excerpt(document),
        plainText,
        words,
        PlainText.readingTime(words, wordsPerMinute));
  }

  private Node parse(String markdown) {
    Node document = parser.parse(markdown);
    UrlPolicy.neutralize(document);
    return document;
  }

  /** Ids (and titles) for every heading, in document order, so the HTML and the views agree. */
  private void assignIds(Node document, Map<Heading, String> ids, Map<Heading, String> titles) {
    Anchors anchors = new Anchors(headingIdPrefix);
    boolean htmlShown = !allowRawHtml;
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(Heading heading) {
        String title = PlainText.collapse(PlainText.inline(heading, htmlShown));
        titles.put(heading, title);
        ids.put(heading, anchors.next(title));
      }
    });
  }

  private HtmlRenderer htmlRenderer(Map<Heading, String> ids) {
    // Built per rendering: the attribute provider needs this document's heading ids.
    return HtmlRenderer.builder()
        .extensions(EXTENSIONS)
        .escapeHtml(!allowRawHtml)
        .sanitizeUrls(true)
        .urlSanitizer(urls)
        .percentEncodeUrls(true)
        .attributeProviderFactory(context -> (node, tagName, attributes) -> {
          if (node instanceof Heading h) {
            String id = ids.get(h);
            if (id != null) {
              attributes.put("id", id);
            }
          } else if (node instanceof Link link) {
            // commonmark marks every link nofollow when it sanitizes URLs; only external ones are
            attributes.remove("rel");
            if (nofollowExternalLinks && urls.isExternal(link.getDestination())) {
              attributes.put("rel", REL);
            }
          } else if (node instanceof Image && lazyImages) {
            attributes.put("loading", "lazy");
          }
        })
        .build();
  }

  private static Section section(Heading h, Map<Heading, String> titles, Map<Heading, String> ids,
      String markdown, String html) {
    return new Section(titles.get(h), ids.get(h), markdown, html);
  }

  /** Where the line holding the start of {@code node} starts in {@code source}. */
  private static int lineStart(String source, Node node) {
    List<SourceSpan> spans = node.getSourceSpans();
    int i = spans.isEmpty() ? 0 : Math.min(spans.get(0).getInputIndex(), source.length());
    while (i > 0 && source.charAt(i - 1) != '\n' && source.charAt(i - 1) != '\r') {
      i--;
    }
    return i;
  }

  private static List<TocEntry> toc(List<Heading> headings, Map<Heading, List<TocEntry>> children,
      Map<Heading, String> titles, Map<Heading, String> ids) {
    List<TocEntry> toc = new ArrayList<>(headings.size());
    for (Heading h : headings) {
      toc.add(new TocEntry(h.getLevel(), titles.get(h), ids.get(h), children.getOrDefault(h, List.of())));
    }
    return toc;
  }

  private String excerpt(Node document) {
    boolean htmlShown = !allowRawHtml;
    String[] found = {""};
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(Paragraph paragraph) {
        if (found[0].isEmpty()) {
          found[0] = PlainText.collapse(PlainText.inline(paragraph, htmlShown));
        }
      }
    });
    return found[0];
  }

  /** Options for a renderer; every default is the safe one for untrusted content. */
  public static final class Builder {
    private boolean allowRawHtml;
    private boolean nofollowExternalLinks;
    private boolean lazyImages;
    private final Set<String> internalHosts = new LinkedHashSet<>();
    private String headingIdPrefix = "";
    private int wordsPerMinute = 200;

    private Builder() {}

    /**
     * Whether raw HTML in the Markdown passes through unchanged; default false, which escapes
     * it so it shows as text. Only for trusted authors: raw HTML is not checked in any way.
     * Markdown link and image URLs are checked either way.
     */
    public Builder allowRawHtml(boolean value) {
      this.allowRawHtml = value;
      return this;
    }

    /**
     * Whether links to other sites get {@code rel="nofollow noopener"}; default false. A link
     * is external when its URL is absolute {@code http}/{@code https} or scheme-relative
     * ({@code //host/...}) and its host is not one of the {@link #internalHosts internal
     * hosts} or a subdomain of one. Relative, fragment and {@code mailto:} links never are.
     */
    public Builder nofollowExternalLinks(boolean value) {
      this.nofollowExternalLinks = value;
      return this;
    }

    /**
     * Hosts whose links are not external (their subdomains neither), such as the site's own;
     * adds to those given before. Case and a trailing dot are ignored.
     *
     * @throws IllegalArgumentException when a value is not a bare host name (it has a scheme,
     *     path, port or spaces)
     */
    public Builder internalHosts(String... hosts) {
      for (String host : hosts) {
        internalHosts.add(UrlPolicy.normalizeHost(Objects.requireNonNull(host, "host")));
      }
      return this;
    }

    /** Whether images get {@code loading="lazy"}; default false. */
    public Builder lazyImages(boolean value) {
      this.lazyImages = value;
      return this;
    }

    /**
     * A prefix for every heading id, such as {@code "h-"}, so that an author cannot give a
     * heading the id of an element of the page around the article; default none.
     *
     * @throws IllegalArgumentException unless empty or an ASCII letter followed by ASCII
     *     letters, digits, {@code -} or {@code _}
     */
    public Builder headingIdPrefix(String value) {
      Objects.requireNonNull(value, "headingIdPrefix");
      if (!ID_PREFIX.matcher(value).matches()) {
        throw new IllegalArgumentException(
            "headingIdPrefix must be empty or an ASCII letter followed by letters, digits, '-' or '_', was '"
                + value + "'");
      }
      this.headingIdPrefix = value;
      return this;
    }

    /** The reading speed behind {@link RenderedArticle#readingTime()}; default 200. */
    public Builder wordsPerMinute(int value) {
      if (value <= 0) {
        throw new IllegalArgumentException("wordsPerMinute must be positive, was " + value);
      }
      this.wordsPerMinute = value;
      return this;
    }

    public MarkdownRenderer build() {
      return new MarkdownRenderer(this);
    }
  }
}
