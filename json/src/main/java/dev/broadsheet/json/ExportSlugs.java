package dev.broadsheet.json;

import dev.broadsheet.ArticleQuery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Folder names for category and tag values in a {@link StaticExport}: the value's query key
 * (lower case), with every byte of its UTF-8 that is not {@code a-z}, {@code 0-9}, {@code -} or
 * {@code _} written as {@code ~} and two lower-case hex digits. {@code "AI"} is {@code ai},
 * {@code "C++"} is {@code c~2b~2b}, {@code "Über"} is {@code ~c3~bcber}, {@code "a/b"} is
 * {@code a~2fb}, the empty value is {@code ~}.
 *
 * <p>Two different keys never get one name: the escapes decode back to the key (every
 * {@code ~} is followed by two hex digits), so names never collide, also on case-insensitive
 * file systems, and no name is {@code .} or {@code ..} or holds a separator. A name that would
 * be longer than 120 characters is cut to at most 96 and ends with {@code ~~} and 16 hex digits
 * of the SHA-256 of the key instead; {@code ~~} never appears in a name that was not cut.
 */
final class ExportSlugs {
  static final int MAX_LENGTH = 120;
  private static final int KEEP = 96;

  private ExportSlugs() {}

  static String slug(String value) {
    String key = ArticleQuery.key(value);
    if (key.isEmpty()) {
      return "~";
    }
    StringBuilder b = new StringBuilder(key.length() + 8);
    for (byte x : key.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        b.append((char) c);
      } else {
        b.append('~').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
      }
    }
    if (b.length() <= MAX_LENGTH) {
      return b.toString();
    }
    int cut = KEEP;
    // Never cut inside an escape: "~", "~x" at the end would read as part of the hash marker.
    int tilde = b.lastIndexOf("~", cut - 1);
    if (tilde >= 0 && tilde > cut - 3) {
      cut = tilde;
    }
    return b.substring(0, cut) + "~~" + HexFormat.of().formatHex(sha256(key), 0, 8);
  }

  /**
   * The query key a name stands for, or null when the name is no name {@link #slug} gives, or
   * one cut to length (whose key only a walk over the values finds).
   */
  static @Nullable String key(String name) {
    if (name.equals("~")) {
      return "";
    }
    if (name.isEmpty() || name.length() > MAX_LENGTH || name.contains("~~")) {
      return null;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        out.write(c);
      } else if (c == '~' && i + 2 < name.length() && hex(name.charAt(i + 1)) >= 0 && hex(name.charAt(i + 2)) >= 0) {
        out.write(hex(name.charAt(i + 1)) << 4 | hex(name.charAt(i + 2)));
        i += 2;
      } else {
        return null;
      }
    }
    String key;
    try {
      key = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
    return slug(key).equals(name) ? key : null; // one name per key: no second spelling of a feed
  }

  /** A lower-case hex digit's value, or -1. */
  private static int hex(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
