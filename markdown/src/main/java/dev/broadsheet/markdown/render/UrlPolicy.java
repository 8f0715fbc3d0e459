package dev.broadsheet.markdown.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.renderer.html.UrlSanitizer;
import org.jspecify.annotations.Nullable;

/**
 * Which link and image URLs may reach the page, and which links count as external.
 *
 * <p>A URL is read the way a browser's URL parser reads an attribute value: leading and
 * trailing C0 controls and spaces are ignored and tabs and line breaks anywhere are removed
 * (so {@code " jav\tascript:"} is {@code javascript:}). Character references are already
 * decoded by the Markdown parser and the renderer escapes every {@code &} it writes, so a
 * reference cannot smuggle a scheme past this check. What is left is allowed when it has no
 * scheme (relative, {@code //host}, {@code ?query} or {@code #fragment}) or its scheme,
 * ignoring case, is {@code http}, {@code https} or {@code mailto}.
 */
final class UrlPolicy implements UrlSanitizer {
  private static final Set<String> SCHEMES = Set.of("http", "https", "mailto");

  private final Set<String> internalHosts;

  UrlPolicy(Set<String> internalHosts) {
    this.internalHosts = Set.copyOf(internalHosts);
  }

  /** The URL as a browser would read it: outer controls and spaces trimmed, tabs and line breaks removed. */
  static String clean(String url) {
    int start = 0;
    int end = url.length();
    while (start < end && url.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && url.charAt(end - 1) <= ' ') {
      end--;
    }
    StringBuilder sb = null;
    for (int i = start; i < end; i++) {
      char c = url.charAt(i);
      if (c == '\t' || c == '\n' || c == '\r') {
        if (sb == null) {
          sb = new StringBuilder(end - start).append(url, start, i);
        }
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb != null ? sb.toString() : url.substring(start, end);
  }

  /** The scheme of a cleaned URL, lower case, or null when it has none (a relative URL). */
  static @Nullable String scheme(String cleaned) {
    if (cleaned.isEmpty() || !isAsciiLetter(cleaned.charAt(0))) {
      return null;
    }
    for (int i = 1; i < cleaned.length(); i++) {
      char c = cleaned.charAt(i);
      if (c == ':') {
        return cleaned.substring(0, i).toLowerCase(Locale.ROOT);
      }
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
        return null;
      }
    }
    return null;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** Whether {@code url} may be the target of a link or the source of an image. */
  static boolean isAllowed(String url) {
    String scheme = scheme(clean(url));
    return scheme == null || SCHEMES.contains(scheme);
  }

  /**
   * Whether a link leaves the site: an absolute {@code http(s)} or scheme-relative URL whose
   * host is none of the internal hosts nor a subdomain of one.
   */
  boolean isExternal(String url) {
    String cleaned = clean(url);
    String scheme = scheme(cleaned);
    String rest;
    if (scheme == null) {
      if (!cleaned.startsWith("//") && !cleaned.startsWith("\\\\")) {
        return false;
      }
      rest = cleaned.substring(2);
    } else if (scheme.equals("http") || scheme.equals("https")) {
      rest = cleaned.substring(scheme.length() + 1);
      int slashes = 0;
      while (slashes < rest.length() && (rest.charAt(slashes) == '/' || rest.charAt(slashes) == '\\')) {
        slashes++;
      }
      rest = rest.substring(slashes);
    } else {
      return false;
    }
    String host = host(rest);
    for (String internal : internalHosts) {
      if (host.equals(internal) || host.endsWith("." + internal)) {
        return false;
      }
    }
    return true;
  }

  /** The host of an authority followed by anything: no user info, port or trailing dot, lower case. */
  private static String host(String authorityAndRest) {
    int end = authorityAndRest.length();
    for (int i = 0; i < authorityAndRest.length(); i++) {
      char c = authorityAndRest.charAt(i);
      if (c == '/' || c == '\\' || c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    String authority = authorityAndRest.substring(0, end);
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    if (!host.startsWith("[")) {
      int colon = host.lastIndexOf(':');
      if (colon >= 0) {
        host = host.substring(0, colon);
      }
    }
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return host.toLowerCase(Locale.ROOT);
  }

  /** A host as configured: lower case, no trailing dot; rejects what cannot be a host name. */
  static String normalizeHost(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.isEmpty() || h.chars().anyMatch(c -> c <= ' ' || "/\\?#@:".indexOf(c) >= 0)) {
      throw new IllegalArgumentException("internal host must be a bare host name like example.com, was '" + host + "'");
    }
    return h;
  }

  /**
   * Replaces every link whose URL is not allowed by its content, and every such image by its
   * alt text, so that the page shows what the author wrote without a dangerous target.
   */
  static void neutralize(Node document) {
    List<Node> unsafe = new ArrayList<>();
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(Link link) {
        if (!isAllowed(link.getDestination())) {
          unsafe.add(link);
        }
        visitChildren(link);
      }

      @Override
      public void visit(Image image) {
        if (!isAllowed(image.getDestination())) {
          unsafe.add(image);
        }
        visitChildren(image);
      }
    });
    for (Node node : unsafe) {
      Node child = node.getFirstChild();
      while (child != null) {
        Node next = child.getNext();
        node.insertBefore(child);
        child = next;
      }
      node.unlink();
    }
  }

  // Every unsafe URL is gone before rendering (see neutralize); this only hands the browser the
  // URL as it will read it, with the controls that could hide a scheme from a human reader removed.

  @Override
  public String sanitizeLinkUrl(String url) {
    return isAllowed(url) ? clean(url) : "";
  }

  @Override
  public String sanitizeImageUrl(String url) {
    return sanitizeLinkUrl(url);
  }
}
