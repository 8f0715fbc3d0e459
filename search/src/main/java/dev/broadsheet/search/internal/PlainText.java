package dev.broadsheet.search.internal;

import java.util.regex.Pattern;

/**
 * The words of a Markdown body without its markup: what a reader reads, which is what search
 * indexes and snippets quote. Link and image targets, HTML tags, emphasis and list markers go;
 * link texts, image descriptions and code stay.
 */
public final class PlainText {
  private static final Pattern IMAGE_OR_LINK = Pattern.compile("!?\\[([^\\]\\n]*)\\]\\([^)\\n]*\\)");
  private static final Pattern REFERENCE = Pattern.compile("!?\\[([^\\]\\n]*)\\]\\[[^\\]\\n]*\\]");
  private static final Pattern DEFINITION = Pattern.compile("(?m)^ {0,3}\\[[^\\]\\n]+\\]:.*$");
  private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z][^<>\\n]*>|<!--.*?-->", Pattern.DOTALL);
  private static final Pattern LINE_MARKERS = Pattern.compile("(?m)^[ \\t]*(?:#{1,6}[ \\t]+|>[ \\t]?|[-*+][ \\t]+|\\d{1,9}[.)][ \\t]+)+");
  private static final Pattern FENCE = Pattern.compile("(?m)^[ \\t]*(```|~~~).*$");
  private static final Pattern EMPHASIS = Pattern.compile("[*_~`]{1,3}");
  private static final Pattern RULE = Pattern.compile("(?m)^[ \\t]*([-*_][ \\t]*){3,}$");
  private static final Pattern TABLE_BARS = Pattern.compile("(?m)^[ \\t]*\\|?[ \\t:|-]+\\|[ \\t:|-]*$");

  private PlainText() {}

  /**
   * Each pass runs only on text holding the character every match of its pattern starts with or
   * contains, so a body with no links, HTML, fences or tables costs the few passes it needs.
   */
  public static String of(String markdown) {
    String s = markdown;
    if (s.contains("```") || s.contains("~~~")) {
      s = FENCE.matcher(s).replaceAll("");
    }
    if (s.indexOf('[') >= 0) {
      s = DEFINITION.matcher(s).replaceAll("");
      s = IMAGE_OR_LINK.matcher(s).replaceAll("$1");
      s = REFERENCE.matcher(s).replaceAll("$1");
    }
    if (s.indexOf('<') >= 0) {
      s = HTML_TAG.matcher(s).replaceAll(" ");
    }
    if (s.indexOf('-') >= 0 || s.indexOf('*') >= 0 || s.indexOf('_') >= 0) {
      s = RULE.matcher(s).replaceAll("");
    }
    if (s.indexOf('|') >= 0) {
      s = TABLE_BARS.matcher(s).replaceAll("");
    }
    s = LINE_MARKERS.matcher(s).replaceAll("");
    if (s.indexOf('*') >= 0 || s.indexOf('_') >= 0 || s.indexOf('~') >= 0 || s.indexOf('`') >= 0) {
      s = EMPHASIS.matcher(s).replaceAll("");
    }
    return s.replace('|', ' ').replace("&nbsp;", " ").replace("&amp;", "&");
  }
}
