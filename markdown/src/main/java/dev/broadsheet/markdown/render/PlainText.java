package dev.broadsheet.markdown.render;

import java.time.Duration;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;

/**
 * The text a reader sees. Images count as no text (their alt text is for when they do not
 * show). Raw HTML counts as text when the renderer escapes it, since it is then shown as
 * written, and as no text when it passes through, since the browser reads it as markup.
 */
final class PlainText {
  private PlainText() {}

  /** The inline text of a heading, paragraph or table cell, on one line where the source has soft breaks. */
  static String inline(Node node, boolean htmlShown) {
    StringBuilder sb = new StringBuilder();
    appendInline(node, htmlShown, sb);
    return sb.toString();
  }

  private static void appendInline(Node parent, boolean htmlShown, StringBuilder sb) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Text t) {
        sb.append(t.getLiteral());
      } else if (n instanceof Code c) {
        sb.append(c.getLiteral());
      } else if (n instanceof SoftLineBreak) {
        sb.append(' ');
      } else if (n instanceof HardLineBreak) {
        sb.append('\n');
      } else if (n instanceof HtmlInline h) {
        if (htmlShown) {
          sb.append(h.getLiteral());
        }
      } else if (!(n instanceof Image)) {
        appendInline(n, htmlShown, sb);
      }
    }
  }

  /** The text of every block under {@code parent}, one line (or more, for code) per leaf block. */
  static void appendBlocks(Node parent, boolean htmlShown, StringBuilder sb) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      appendBlock(n, htmlShown, sb);
    }
  }

  static void appendBlock(Node n, boolean htmlShown, StringBuilder sb) {
    if (n instanceof Paragraph || n instanceof Heading) {
      line(sb, inline(n, htmlShown));
    } else if (n instanceof FencedCodeBlock f) {
      line(sb, f.getLiteral());
    } else if (n instanceof IndentedCodeBlock c) {
      line(sb, c.getLiteral());
    } else if (n instanceof HtmlBlock h) {
      if (htmlShown) {
        line(sb, h.getLiteral());
      }
    } else if (n instanceof TableRow row) {
      StringBuilder cells = new StringBuilder();
      for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
        if (cell instanceof TableCell) {
          if (cells.length() > 0) {
            cells.append('\t');
          }
          cells.append(inline(cell, htmlShown).strip());
        }
      }
      line(sb, cells.toString());
    } else if (!(n instanceof ThematicBreak || n instanceof LinkReferenceDefinition)) {
      appendBlocks(n, htmlShown, sb); // block quotes, lists, list items, table sections
    }
  }

  private static void line(StringBuilder sb, String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return;
    }
    if (sb.length() > 0) {
      sb.append('\n');
    }
    sb.append(t);
  }

  /** Runs of whitespace as single spaces, none at either end. */
  static String collapse(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        space = sb.length() > 0;
      } else {
        if (space) {
          sb.append(' ');
          space = false;
        }
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }

  /**
   * Words in {@code text}: runs of characters between whitespace that hold a letter or digit
   * ("don't", "state-of-the-art" and "3.5" are one word each; a lone dash is none), except that
   * every Han, Hiragana and Katakana character counts as a word of its own, since those
   * scripts do not put spaces between words.
   */
  static int countWords(String text) {
    int words = 0;
    boolean inWord = false;
    boolean counted = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        inWord = false;
        counted = false;
        continue;
      }
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      if (script == Character.UnicodeScript.HAN
          || script == Character.UnicodeScript.HIRAGANA
          || script == Character.UnicodeScript.KATAKANA) {
        words++;
        inWord = false;
        counted = false;
        continue;
      }
      if (!inWord) {
        inWord = true;
        counted = false;
      }
      if (!counted && Character.isLetterOrDigit(cp)) {
        words++;
        counted = true;
      }
    }
    return words;
  }

  /** Whole minutes at {@code wordsPerMinute}, rounded up; zero only when there are no words. */
  static Duration readingTime(int words, int wordsPerMinute) {
    if (words == 0) {
      return Duration.ZERO;
    }
    return Duration.ofMinutes((words + (long) wordsPerMinute - 1) / wordsPerMinute);
  }
}
