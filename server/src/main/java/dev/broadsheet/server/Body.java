package dev.broadsheet.server;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The bytes of an answer's body, whole or in parts written one after the other: a list page is
 * its items' kept bytes with the punctuation between them, sent as they are rather than copied
 * into one array first (a page of twenty articles is about 35 KB). Immutable: the parts are
 * never changed by anyone once given.
 */
final class Body {
  static final Body EMPTY = new Body(new byte[][] {new byte[0]}, 0);

  private final byte[][] parts;
  private final int length;

  private Body(byte[][] parts, int length) {
    this.parts = parts;
    this.length = length;
  }

  /** The body {@code bytes}, which it then owns. */
  static Body of(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Body(new byte[][] {bytes}, bytes.length);
  }

  /** The body of {@code parts} one after the other, which it then owns. */
  static Body of(byte[][] parts) {
    long length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a body of " + length + " bytes is too large");
    }
    return new Body(parts, (int) length);
  }

  int length() {
    return length;
  }

  /** The whole body as one array: the array itself for a body of one part, else a new one. */
  byte[] bytes() {
    if (parts.length == 1) {
      return parts[0];
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  void writeTo(OutputStream out) throws IOException {
    for (byte[] p : parts) {
      out.write(p);
    }
  }
}
