package dev.broadsheet.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/** Content coding: gzip when the client accepts it and the body is worth compressing. */
final class Gzip {
  /**
   * Smaller bodies are sent as they are: they fit one packet either way, and the gzip header
   * and the work would cost more than they save.
   */
  static final int MIN_BYTES = 1024;

  private Gzip() {}

  /**
   * Whether {@code Accept-Encoding} values accept gzip: {@code gzip}, {@code x-gzip} or {@code *}
   * with a weight above 0, unless gzip itself is refused ({@code gzip;q=0}).
   */
  static boolean accepted(List<String> acceptEncoding) {
    boolean gzip = false;
    boolean any = false;
    boolean refused = false;
    for (String header : acceptEncoding) {
      for (String element : header.split(",")) {
        String[] parts = element.split(";");
        String coding = parts[0].strip().toLowerCase(Locale.ROOT);
        boolean zero = false;
        for (int i = 1; i < parts.length; i++) {
          String p = parts[i].strip().toLowerCase(Locale.ROOT);
          if (p.startsWith("q=")) {
            zero = isZero(p.substring(2).strip());
          }
        }
        if (coding.equals("gzip") || coding.equals("x-gzip")) {
          if (zero) {
            refused = true;
          } else {
            gzip = true;
          }
        } else if (coding.equals("*") && !zero) {
          any = true;
        }
      }
    }
    return !refused && (gzip || any);
  }

  private static boolean isZero(String q) {
    return q.matches("0(\\.0{0,3})?");
  }

  static byte[] compress(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return out.toByteArray();
  }
}
