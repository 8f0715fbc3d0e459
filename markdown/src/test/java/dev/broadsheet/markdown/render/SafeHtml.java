package dev.broadsheet.markdown.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * What safe HTML may hold, checked on the tree a browser-grade parser (jsoup) builds from it,
 * not on the string: elements from a fixed list, no event handler or style attribute, and
 * every URL with an allowed scheme once the parser has decoded it.
 */
final class SafeHtml {
  static final Set<String> ELEMENTS = Set.of(
      "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "em", "strong", "code", "pre",
      "ul", "ol", "li", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td",
      "del");
  static final Set<String> ATTRIBUTES = Set.of(
      "href", "src", "alt", "title", "id", "align", "rel", "loading", "class", "start");
  static final Set<String> SCHEMES = Set.of("http", "https", "mailto");
  private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.\\-]*):");

  private SafeHtml() {}

  /** Every way {@code html} breaks the rules, empty when it is safe. */
  static List<String> violations(String html) {
    return violations(Jsoup.parseBodyFragment(html).body());
  }

  /** Every way the parsed {@code body} breaks the rules, empty when it is safe. */
  static List<String> violations(Element body) {
    List<String> found = new ArrayList<>();
    for (Element e : body.getAllElements()) {
      if (e == body) {
        continue;
      }
      if (!ELEMENTS.contains(e.normalName())) {
        found.add("element <" + e.normalName() + ">");
      }
      for (Attribute a : e.attributes()) {
        String key = a.getKey().toLowerCase(Locale.ROOT);
        if (key.startsWith("on")) {
          found.add("event handler " + key + " on <" + e.normalName() + ">");
        }
        if (key.equals("style")) {
          found.add("style attribute on <" + e.normalName() + ">");
        }
        if (!ATTRIBUTES.contains(key)) {
          found.add("attribute " + key + " on <" + e.normalName() + ">");
        }
        if (key.equals("class") && !(e.normalName().equals("code") && a.getValue().startsWith("language-"))) {
          found.add("class '" + a.getValue() + "' on <" + e.normalName() + ">");
        }
        if (key.equals("href") || key.equals("src")) {
          String scheme = scheme(a.getValue());
          if (scheme != null && !SCHEMES.contains(scheme)) {
            found.add("scheme " + scheme + ": in " + key + " of <" + e.normalName() + ">");
          }
        }
      }
    }
    return found;
  }

  /** The scheme a browser reads from an attribute value jsoup has decoded, or null. */
  static String scheme(String value) {
    StringBuilder sb = new StringBuilder();
    value.codePoints().filter(c -> c > ' ').forEach(sb::appendCodePoint);
    Matcher m = SCHEME.matcher(sb.toString().toLowerCase(Locale.ROOT));
    return m.find() ? m.group(1) : null;
  }

  /** The text a reader sees in {@code html}, as jsoup renders it. */
  static String visibleText(String html) {
    return Jsoup.parseBodyFragment(html).body().text();
  }

  /** The ids of every element in {@code html}, in document order. */
  static List<String> ids(String html) {
    return Jsoup.parseBodyFragment(html).body().select("[id]").eachAttr("id");
  }

  static String resource(String name) throws IOException {
    try (InputStream in = SafeHtml.class.getResourceAsStream(name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The shared corpus folder, looked for as {@code shared/corpus} in the working directory and
   * every folder above it; null when there is none.
   */
  static Path corpus() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("corpus");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
