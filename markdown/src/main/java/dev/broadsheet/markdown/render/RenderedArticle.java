package dev.broadsheet.markdown.render;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An article body rendered once, with the views a page needs: the HTML, the body cut into
 * sections at its {@code ##} headings, a table of contents, an excerpt and reading figures.
 *
 * <pre>{@code
 * RenderedArticle view = MarkdownRenderer.builder().build().render(article.body());
 * view.html();                        // "<h2 id=\"overview\">Overview</h2>\n<p>The harbour council...</p>\n..."
 * view.sections().get(0).title();     // "Overview"
 * view.tableOfContents().get(0).id(); // "overview", the id of that heading in html()
 * view.excerpt(60);                   // "The harbour council voted seven to two on Thursday to…"
 * view.readingTime();                 // PT1M
 * }</pre>
 *
 * <p>A section starts at each level-2 heading of the body (ATX {@code ##} or setext {@code
 * ---}, not one inside a block quote or list) and runs up to the next one; other headings,
 * level 1 included, belong to the section (or lead) they appear in. What comes before the
 * first section is the lead. The Markdown of the lead and the sections, in order, is exactly
 * the body, and so is their HTML exactly {@link #html()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param html the whole body as HTML
 * @param leadMarkdown the body before the first section, as written; empty when the body opens
 *     with a section
 * @param leadHtml that lead as HTML
 * @param sections the sections in body order
 * @param tableOfContents the level-2 headings of the body (not those in block quotes or
 *     lists), each with the level-3 headings under it as children; a level-3 heading before
 *     the first level-2 one is an entry of its own
 * @param excerpt the plain text of the first paragraph with any text (a paragraph holding
 *     only an image has none), whitespace collapsed; empty when there is none
 * @param plainText the text a reader sees, one line per paragraph, heading, list item or
 *     table row (cells separated by tabs), code blocks as written; images contribute nothing
 * @param wordCount the words of {@link #plainText()}: runs between whitespace holding a
 *     letter or digit, and every Han, Hiragana or Katakana character
 * @param readingTime whole minutes at the renderer's words per minute (200 by default),
 *     rounded up: at least one minute when there is a word, zero when there is none
 * @since 0.1.0
 */
public record RenderedArticle(
    String html,
    String leadMarkdown,
    String leadHtml,
    List<Section> sections,
    List<TocEntry> tableOfContents,
    String excerpt,
    String plainText,
    int wordCount,
    Duration readingTime) {

  private static final String ELLIPSIS = "\u2026";

  public RenderedArticle {
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(leadMarkdown, "leadMarkdown");
    Objects.requireNonNull(leadHtml, "leadHtml");
    sections = List.copyOf(sections);
    tableOfContents = List.copyOf(tableOfContents);
    Objects.requireNonNull(excerpt, "excerpt");
    Objects.requireNonNull(plainText, "plainText");
    Objects.requireNonNull(readingTime, "readingTime");
    if (wordCount < 0) {
      throw new IllegalArgumentException("wordCount must be >= 0, was " + wordCount);
    }
  }

  /**
   * The excerpt in at most {@code maxChars} characters (Unicode code points), ellipsis
   * included. An excerpt that fits is returned whole; a longer one is cut at the last
   * whitespace that leaves room for the ellipsis, without the punctuation before the cut
   * ({@code ,;:.-}), and ends with "…". A first word longer than the limit is cut inside.
   *
   * @throws IllegalArgumentException when {@code maxChars} is not positive
   */
  public String excerpt(int maxChars) {
    if (maxChars <= 0) {
      throw new IllegalArgumentException("maxChars must be positive, was " + maxChars);
    }
    String text = excerpt;
    if (text.codePointCount(0, text.length()) <= maxChars) {
      return text;
    }
    int end = text.offsetByCodePoints(0, maxChars - 1);
    if (!Character.isWhitespace(text.codePointAt(end))) {
      int space = end;
      while (space > 0 && !Character.isWhitespace(text.codePointBefore(space))) {
        space -= Character.charCount(text.codePointBefore(space));
      }
      if (space > 0) {
        end = space;
      }
    }
    while (end > 0 && isTrailingJunk(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + ELLIPSIS;
  }

  private static boolean isTrailingJunk(char c) {
    return Character.isWhitespace(c) || ",;:.-\u2013\u2014".indexOf(c) >= 0;
  }

  /**
   * One section: a level-2 heading and everything up to the next one.
   *
   * @param title the heading's text as a reader sees it
   * @param id the heading's {@code id} in the HTML, for links to {@code #id}
   * @param markdown the section's Markdown as written, from the heading's line up to the next
   *     section's heading line (so it ends with the blank lines between them)
   * @param html the section as HTML, heading included
   */
  public record Section(String title, String id, String markdown, String html) {
    public Section {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(markdown, "markdown");
      Objects.requireNonNull(html, "html");
    }
  }

  /**
   * An entry of the table of contents.
   *
   * @param level 2 or 3
   * @param title the heading's text as a reader sees it
   * @param id the heading's {@code id} in the HTML
   * @param children the level-3 entries under a level-2 one; empty for level 3
   */
  public record TocEntry(int level, String title, String id, List<TocEntry> children) {
    public TocEntry {
      if (level < 1 || level > 6) {
        throw new IllegalArgumentException("level must be 1 to 6, was " + level);
      }
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(id, "id");
      children = List.copyOf(children);
    }
  }
}
