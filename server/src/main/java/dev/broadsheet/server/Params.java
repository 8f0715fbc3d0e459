package dev.broadsheet.server;

import dev.broadsheet.internal.Printable;
import dev.broadsheet.server.BadRequest.InvalidParam;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of a query string, decoded once as forms encode them ({@code +} is a space,
 * {@code %XX} a byte of UTF-8), in the order given. Malformed escapes and bytes that are not
 * UTF-8 are refused rather than replaced: a replaced character would quietly ask for
 * something else.
 */
final class Params {
  /** More parameters than any real query needs; a guard against pathological query strings. */
  static final int MAX_PARAMS = 100;

  private final Map<String, List<String>> values;

  private Params(Map<String, List<String>> values) {
    this.values = values;
  }

  static Params none() {
    return new Params(Map.of());
  }

  /**
   * @param rawQuery the query string as sent, still percent-encoded; null when there is none
   * @throws BadRequest naming the parameter whose name or value cannot be decoded
   */
  static Params parse(@Nullable String rawQuery) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new Params(values);
    }
    List<InvalidParam> bad = new ArrayList<>();
    int count = 0;
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      if (++count > MAX_PARAMS) {
        throw BadRequest.of("query", "more than " + MAX_PARAMS + " parameters");
      }
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
      String name = decode(rawName, true);
      if (name == null) {
        bad.add(new InvalidParam(printable(rawName), "the name is not valid percent-encoded UTF-8"));
        continue;
      }
      String value = decode(rawValue, true);
      if (value == null) {
        bad.add(new InvalidParam(name, "the value is not valid percent-encoded UTF-8"));
        continue;
      }
      values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    if (!bad.isEmpty()) {
      throw new BadRequest(bad);
    }
    return new Params(values);
  }

  Map<String, List<String>> all() {
    return values;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  List<String> list(String name) {
    return values.getOrDefault(name, List.of());
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * Decodes percent escapes once; with {@code form}, {@code +} is a space.
   *
   * @return the text, or null when an escape is malformed or the bytes are not UTF-8
   */
  static @Nullable String decode(String raw, boolean form) {
    if (raw.indexOf('%') < 0 && !(form && raw.indexOf('+') >= 0)) {
      return raw;
    }
    ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 4);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.put((byte) (hi << 4 | lo));
        i += 2;
      } else if (form && c == '+') {
        bytes.put((byte) ' ');
      } else if (c < 0x80) {
        bytes.put((byte) c);
      } else {
        // Raw non-ASCII (an unencoded character the client let through): take it as UTF-8.
        int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
        bytes.put(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    bytes.flip();
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** A raw name for a problem document: short, and with controls shown as escapes. */
  static String printable(String raw) {
    return Printable.of(raw, 64);
  }
}
