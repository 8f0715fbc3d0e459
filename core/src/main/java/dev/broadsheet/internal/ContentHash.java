package dev.broadsheet.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 128-bit hash of a file's bytes, for revisions: any change of content changes it, except
 * with a chance of about 2<sup>-128</sup> for changes nobody crafted to collide. It is not a
 * cryptographic hash and is no defence against someone who can write the files, who does not
 * need one. It runs at several gigabytes a second where SHA-256 manages about one, which
 * matters when every file is hashed at start.
 *
 * <p>Four lanes take 32-byte stripes; each lane folds a 64 × 64 → 128-bit product of its two
 * input words, each whitened with its own constant, into a state that is rotated and added,
 * so no word's contribution can be cancelled by the next. The tail is read zero-padded and the
 * length is mixed in, then the lanes are combined and finished with a full-avalanche mixer.
 */
public final class ContentHash {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  // Odd constants with well-spread bits (from the fractional parts of pi and e and the golden ratio).
  private static final long K0 = 0x243F6A8885A308D3L;
  private static final long K1 = 0x13198A2E03707345L;
  private static final long K2 = 0xA4093822299F31D1L;
  private static final long K3 = 0x082EFA98EC4E6C89L;
  private static final long K4 = 0x452821E638D01377L;
  private static final long K5 = 0xBE5466CF34E90C6DL;
  private static final long K6 = 0xC0AC29B7C97C50DDL;
  private static final long K7 = 0x3F84D5B5B5470917L;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private ContentHash() {}

  /** The hash of {@code bytes} as 32 lower-case hexadecimal digits. */
  public static String hex(byte[] bytes) {
    return hex(bytes, 0, bytes.length);
  }

  /** The hash of {@code bytes[from, from + length)} as 32 lower-case hexadecimal digits. */
  public static String hex(byte[] bytes, int from, int length) {
    long[] h = hash(bytes, from, length);
    char[] out = new char[32];
    put(out, 0, h[0]);
    put(out, 16, h[1]);
    return new String(out);
  }

  /** The two 64-bit halves of the hash of {@code bytes[from, from + length)}. */
  public static long[] hash(byte[] b, int from, int length) {
    if (from < 0 || length < 0 || from > b.length - length) {
      throw new IndexOutOfBoundsException("from " + from + ", length " + length + ", array " + b.length);
    }
    long a = K0 ^ length;
    long c = K1;
    long d = K2;
    long e = K3 ^ Long.rotateLeft(length, 32);
    int i = from;
    int end = from + length;
    for (; end - i >= 32; i += 32) {
      long w0 = (long) LONGS.get(b, i);
      long w1 = (long) LONGS.get(b, i + 8);
      long w2 = (long) LONGS.get(b, i + 16);
      long w3 = (long) LONGS.get(b, i + 24);
      a = Long.rotateLeft(a, 29) + fold(w0 ^ K4, w1 ^ a);
      c = Long.rotateLeft(c, 31) + fold(w1 ^ K5, w2 ^ c);
      d = Long.rotateLeft(d, 37) + fold(w2 ^ K6, w3 ^ d);
      e = Long.rotateLeft(e, 41) + fold(w3 ^ K7, w0 ^ e);
    }
    // The last 0..31 bytes, zero-padded; the length mixed in above tells "a" from "a\0".
    long[] tail = new long[4];
    for (int k = 0; i < end; i++, k++) {
      tail[k >>> 3] |= (b[i] & 0xFFL) << ((k & 7) << 3);
    }
    a = Long.rotateLeft(a, 29) + fold(tail[0] ^ K4, tail[1] ^ a);
    c = Long.rotateLeft(c, 31) + fold(tail[1] ^ K5, tail[2] ^ c);
    d = Long.rotateLeft(d, 37) + fold(tail[2] ^ K6, tail[3] ^ d);
    e = Long.rotateLeft(e, 41) + fold(tail[3] ^ K7, tail[0] ^ e);
    long h1 = fold(a ^ K2, d ^ K5) + (c ^ GOLDEN);
    long h2 = fold(c ^ K3, e ^ K6) + (a ^ Long.rotateLeft(GOLDEN, 17));
    h1 = finish(h1 + fold(e ^ K0, length ^ K7));
    h2 = finish(h2 + fold(d ^ K1, h1));
    h1 += h2;
    h2 += h1;
    return new long[] {h1, h2};
  }

  /** The 128-bit product of {@code x} and {@code y}, its halves added: nothing of either is lost. */
  private static long fold(long x, long y) {
    return Math.multiplyHigh(x, y) ^ (x * y) ^ Long.rotateLeft(x + y, 23);
  }

  /** Murmur3's finalizer: every input bit flips each output bit with probability about one half. */
  private static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }

  private static void put(char[] out, int at, long v) {
    for (int k = 15; k >= 0; k--) {
      out[at + k] = HEX[(int) (v & 0xF)];
      v >>>= 4;
    }
  }
}
