package dev.broadsheet.server;

import dev.broadsheet.Revision;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Entity tags and dates: how they are made, written, read and compared (RFC 9110, section 8.8
 * and 13).
 *
 * <p>An article's JSON has the strong tag {@code "<revision>"}, so that the tag a client reads
 * is the revision it writes back with ({@code If-Match}); its page has {@code
 * "<revision>.html"}, and for a preview of a hidden article the status too, since the page shows
 * it. Other answers have a hash of their bytes. A gzip-encoded answer is another representation,
 * so its tag gets {@value #GZIP} appended; conditional headers are compared with that suffix
 * taken off, so either tag validates.
 */
final class Validators {
  static final String GZIP = "--gzip";
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._+/=-]{1,200}");
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private Validators() {}

  /** One entity tag of a conditional header: {@code *}, or an opaque tag, weak or strong. */
  record Tag(boolean weak, String opaque) {
    static final Tag ANY = new Tag(false, "*");

    boolean isAny() {
      return this == ANY;
    }
  }

  /** A strong tag of bytes: the first 128 bits of their SHA-256, quoted. */
  static String ofBytes(byte[] body) {
    byte[] d = sha256(body);
    return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(d, 16)) + "\"";
  }

  /** A strong tag of {@code parts}: the first 128 bits of the SHA-256 of them, apart, quoted. */
  static String ofParts(String... parts) {
    return ofBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
  }

  /** The strong tag of an article's JSON: its revision. */
  static String ofRevision(Revision revision) {
    return "\"" + opaque(revision) + "\"";
  }

  /** The strong tag of an article's page, which shows {@code status} (null when public). */
  static String ofPage(Revision revision, @Nullable String status) {
    return "\"" + opaque(revision) + ".html" + (status == null ? "" : "." + status.toLowerCase(Locale.ROOT)) + "\"";
  }

  /** A revision as the characters a tag may hold; other revisions base64url-encoded after '~'. */
  private static String opaque(Revision revision) {
    String v = revision.value();
    if (PLAIN.matcher(v).matches()) {
      return v;
    }
    return "~" + Base64.getUrlEncoder().withoutPadding().encodeToString(v.getBytes(StandardCharsets.UTF_8));
  }

  /** The revision a strong tag of an article's JSON names. */
  static Revision revisionOf(Tag tag) {
    String o = tag.opaque();
    if (o.startsWith("~")) {
      try {
        return Revision.of(new String(Base64.getUrlDecoder().decode(o.substring(1)), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // not one of ours: a revision no article has
      }
    }
    return Revision.of(o);
  }

  /** {@code etag} with the suffix of its gzip representation. */
  static String gzipped(String etag) {
    return etag.substring(0, etag.length() - 1) + GZIP + "\"";
  }

  /**
   * The tags of {@code If-Match} or {@code If-None-Match} values, in order, each without the gzip
   * suffix. Parsing stops at the first malformed element, as nothing after it can be trusted.
   */
  static List<Tag> tags(List<String> values) {
    List<Tag> out = new ArrayList<>();
    for (String v : values) {
      int i = 0;
      int n = v.length();
      while (i < n) {
        char c = v.charAt(i);
        if (c == ' ' || c == '\t' || c == ',') {
          i++;
          continue;
        }
        if (c == '*') {
          out.add(Tag.ANY);
          i++;
          continue;
        }
        boolean weak = v.startsWith("W/", i);
        int open = weak ? i + 2 : i;
        if (open >= n || v.charAt(open) != '"') {
          break;
        }
        int close = v.indexOf('"', open + 1);
        if (close < 0) {
          break;
        }
        String opaque = v.substring(open + 1, close);
        if (opaque.endsWith(GZIP)) {
          opaque = opaque.substring(0, opaque.length() - GZIP.length());
        }
        out.add(new Tag(weak, opaque));
        i = close + 1;
      }
    }
    return out;
  }

  /** Whether {@code If-None-Match} values name {@code etag} (weak comparison) or are {@code *}. */
  static boolean noneMatchFails(List<String> ifNoneMatch, String etag) {
    String opaque = etag.substring(1, etag.length() - 1);
    for (Tag t : tags(ifNoneMatch)) {
      if (t.isAny() || t.opaque().equals(opaque)) {
        return true;
      }
    }
    return false;
  }

  /** An instant as an HTTP date ({@code Sun, 06 Nov 1994 08:49:37 GMT}), to the second. */
  static String httpDate(Instant instant) {
    return HTTP_DATE.format(instant);
  }

  /** An HTTP date, or null when the text is not one (a recipient ignores such a header). */
  static @Nullable Instant parseHttpDate(String text) {
    try {
      return DateTimeFormatter.RFC_1123_DATE_TIME.parse(text.strip(), Instant::from);
    } catch (DateTimeException e) {
      return null;
    }
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
