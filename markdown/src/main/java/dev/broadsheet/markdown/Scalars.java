package dev.broadsheet.markdown;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reading scalar text by schema, and writing scalars that read back as what they are. */
final class Scalars {
  private Scalars() {}

  static final String STR = "tag:yaml.org,2002:str";
  static final String INT = "tag:yaml.org,2002:int";
  static final String FLOAT = "tag:yaml.org,2002:float";
  static final String BOOL = "tag:yaml.org,2002:bool";
  static final String NULL = "tag:yaml.org,2002:null";
  static final String TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp";
  static final String SEQ = "tag:yaml.org,2002:seq";
  static final String MAP = "tag:yaml.org,2002:map";

  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})"
              + "(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?"
              + "[ ]?(Z|z|[+-]\\d{2}(?::?\\d{2})?)?)?");
  private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern INF = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

  // What a YAML 1.1 or 1.2 reader could take for something other than a string.
  private static final Pattern LOOKS_TYPED =
      Pattern.compile(
          "~|null|Null|NULL"
              + "|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
              + "|[-+]?[0-9][0-9_]*"
              + "|[-+]?0x[0-9a-fA-F_]+|[-+]?0o[0-7_]+|[-+]?0b[01_]+"
              + "|[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?"
              + "|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
              + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
              + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*"
              + "|<<|=");

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  // ------------------------------------------------------------------ reading

  static boolean isBooleanText(String text) {
    return switch (text) {
      case "true", "True", "TRUE", "false", "False", "FALSE" -> true;
      default -> false;
    };
  }

  static boolean booleanValue(String text) {
    return text.charAt(0) == 't' || text.charAt(0) == 'T';
  }

  /** A whole number in YAML 1.2 core form, or null. */
  static @Nullable BigInteger integer(String text) {
    if (isDecimal(text)) {
      if (text.length() <= 18) {
        return BigInteger.valueOf(Long.parseLong(text));
      }
      return new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    }
    if (OCTAL.matcher(text).matches()) {
      return new BigInteger(text.substring(2), 8);
    }
    if (HEX.matcher(text).matches()) {
      return new BigInteger(text.substring(2), 16);
    }
    return null;
  }

  /** A number (whole or not) in YAML 1.2 core form, or null. Infinities and NaN count. */
  static @Nullable Double floating(String text) {
    if (isFloat(text)) {
      return Double.parseDouble(text);
    }
    if (INF.matcher(text).matches()) {
      return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (NAN.matcher(text).matches()) {
      return Double.NaN;
    }
    return null;
  }

  /**
   * An ISO-8601 timestamp: an instant with or without fractional seconds, with an offset
   * (converted to the instant), without one (read in {@code zone}), or a date alone (the
   * start of that day in {@code zone}).
   *
   * @throws DateTimeException when the text is not such a timestamp
   */
  static Instant instant(String text, ZoneId zone) {
    Instant fast = commonInstant(text, zone);
    return fast != null ? fast : instantByPattern(text, zone);
  }

  /** {@link #instant} by the regular expression and {@code java.time}: any form, and the exceptions. */
  static Instant instantByPattern(String text, ZoneId zone) {
    Matcher m = TIMESTAMP.matcher(text);
    if (!m.matches()) {
      throw new DateTimeException("not an ISO-8601 timestamp");
    }
    LocalDate date =
        LocalDate.of(
            Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    if (m.group(4) == null) {
      return date.atStartOfDay(zone).toInstant();
    }
    int nanos = 0;
    if (m.group(7) != null) {
      String f = (m.group(7) + "00000000").substring(0, 9);
      nanos = Integer.parseInt(f);
    }
    LocalTime time =
        LocalTime.of(
            Integer.parseInt(m.group(4)),
            Integer.parseInt(m.group(5)),
            m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
            nanos);
    LocalDateTime local = LocalDateTime.of(date, time);
    String offset = m.group(8);
    if (offset == null) {
      return local.atZone(zone).toInstant();
    }
    if (offset.equalsIgnoreCase("z")) {
      return local.toInstant(ZoneOffset.UTC);
    }
    String o = offset.replace(":", "");
    int hours = Integer.parseInt(o.substring(1, 3));
    int minutes = o.length() > 3 ? Integer.parseInt(o.substring(3, 5)) : 0;
    int sign = o.charAt(0) == '-' ? -1 : 1;
    return local.toInstant(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
  }

  /** {@code [-+]?[0-9]+}, the YAML 1.2 core form of a decimal integer. */
  private static boolean isDecimal(String t) {
    int i = !t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+') ? 1 : 0;
    int digits = digitsFrom(t, i);
    return digits > 0 && i + digits == t.length();
  }

  /** {@code [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?}, the YAML 1.2 core form of a number. */
  private static boolean isFloat(String t) {
    int n = t.length();
    int i = n > 0 && (t.charAt(0) == '-' || t.charAt(0) == '+') ? 1 : 0;
    int whole = digitsFrom(t, i);
    i += whole;
    if (i < n && t.charAt(i) == '.') {
      int fraction = digitsFrom(t, i + 1);
      if (whole == 0 && fraction == 0) {
        return false;
      }
      i += 1 + fraction;
    } else if (whole == 0) {
      return false;
    }
    if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
      i++;
      if (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
        i++;
      }
      int exponent = digitsFrom(t, i);
      if (exponent == 0) {
        return false;
      }
      i += exponent;
    }
    return i == n;
  }

  /** How many ASCII digits {@code t} holds from {@code i} on, in a row. */
  private static int digitsFrom(String t, int i) {
    int j = i;
    while (j < t.length() && t.charAt(j) >= '0' && t.charAt(j) <= '9') {
      j++;
    }
    return j - i;
  }

  /**
   * The timestamps {@link #TIMESTAMP} matches, read without the regular expression: a date, or
   * a date and time with optional seconds, fraction and offset, all in range; null for
   * anything else (an unusual form, a date that does not exist, a zone with rules), which the
   * regular expression and {@code java.time} then decide.
   */
  static @Nullable Instant commonInstant(String t, ZoneId zone) {
    int n = t.length();
    if (n < 10 || t.charAt(4) != '-' || t.charAt(7) != '-') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) {
      return null;
    }
    long epochDay = epochDay(year, month, day);
    int offsetSeconds;
    if (n == 10) {
      if (!(zone instanceof ZoneOffset z)) {
        return null;
      }
      return Instant.ofEpochSecond(epochDay * 86_400 - z.getTotalSeconds());
    }
    char sep = t.charAt(10);
    if ((sep != 'T' && sep != 't' && sep != ' ') || n < 16 || t.charAt(13) != ':') {
      return null;
    }
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = 0;
    int nanos = 0;
    int i = 16;
    if (i < n && t.charAt(i) == ':') {
      second = i + 3 <= n ? digits(t, i + 1, i + 3) : -1;
      i += 3;
      if (i < n && t.charAt(i) == '.') {
        int f = digitsFrom(t, i + 1);
        if (f < 1 || f > 9) {
          return null;
        }
        nanos = digits(t, i + 1, i + 1 + f);
        for (int k = f; k < 9; k++) {
          nanos *= 10;
        }
        i += 1 + f;
      }
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    if (i < n && t.charAt(i) == ' ') {
      i++;
    }
    if (i == n) {
      if (!(zone instanceof ZoneOffset z)) {
        return null;
      }
      offsetSeconds = z.getTotalSeconds();
    } else {
      char o = t.charAt(i);
      if (o == 'Z' || o == 'z') {
        if (i + 1 != n) {
          return null;
        }
        offsetSeconds = 0;
      } else if (o == '+' || o == '-') {
        int rest = n - i - 1;
        int oh = rest >= 2 ? digits(t, i + 1, i + 3) : -1;
        int om;
        if (rest == 2) {
          om = 0;
        } else if (rest == 4) {
          om = digits(t, i + 3, i + 5);
        } else if (rest == 5 && t.charAt(i + 3) == ':') {
          om = digits(t, i + 4, i + 6);
        } else {
          return null;
        }
        if (oh < 0 || om < 0 || oh > 18 || om > 59 || (oh == 18 && om != 0)) {
          return null;
        }
        offsetSeconds = (o == '-' ? -1 : 1) * (oh * 3600 + om * 60);
      } else {
        return null;
      }
    }
    long seconds = epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static int monthLength(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days from 1970-01-01 to a valid date of a year from 0 to 9999, as {@code LocalDate.toEpochDay}. */
  private static long epochDay(int year, int month, int day) {
    long y = year;
    long total = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    total += (367 * month - 362) / 12;
    total += day - 1;
    if (month > 2) {
      total--;
      if (monthLength(year, 2) == 28) {
        total--;
      }
    }
    return total - 719_528;
  }

  /** The value of the ASCII digits {@code t[from, to)}, or -1 if any is not a digit. */
  private static int digits(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  // ------------------------------------------------------------------ writing

  /** An instant as the reference files write it: single-quoted ISO-8601 UTC with milliseconds. */
  static String timestamp(Instant instant) {
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    int nanos = t.getNano();
    String fraction;
    if (nanos % 1_000_000 == 0) {
      fraction = String.format("%03d", nanos / 1_000_000);
    } else if (nanos % 1_000 == 0) {
      fraction = String.format("%06d", nanos / 1_000);
    } else {
      fraction = String.format("%09d", nanos);
    }
    return "'" + DateTimeFormatter.ISO_LOCAL_DATE.format(t) + "T" + TIME.format(t) + "." + fraction + "Z'";
  }

  /** A number that reads back as the same double; whole numbers without a fraction. */
  static String score(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /** A double that reads back as a double (never as a whole number). */
  static String floatText(double value) {
    if (Double.isNaN(value)) {
      return ".nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? ".inf" : "-.inf";
    }
    return Double.toString(value);
  }

  /**
   * A string as a scalar that reads back as exactly that string: plain where that is safe,
   * single-quoted where YAML (1.1 or 1.2) could misread it, double-quoted with escapes where
   * it holds line breaks or other characters only escapes can carry.
   */
  static String string(String s) {
    return string(s, false);
  }

  /**
   * As {@link #string(String)}; inside a flow collection ({@code flow}) a {@code ?} is quoted
   * too, since parsers read it there as the start of an explicit key.
   */
  static String string(String s, boolean flow) {
    if (flow && s.indexOf('?') >= 0 && !needsEscapes(s)) {
      return "'" + s.replace("'", "''") + "'";
    }
    if (needsEscapes(s)) {
      return doubleQuoted(s);
    }
    if (needsQuotes(s)) {
      return "'" + s.replace("'", "''") + "'";
    }
    return s;
  }

  private static boolean needsQuotes(String s) {
    if (s.isEmpty()) {
      return true;
    }
    char first = s.charAt(0);
    char last = s.charAt(s.length() - 1);
    if (first == ' ' || last == ' ' || "-?:,[]{}#&*!|>'\"%@`".indexOf(first) >= 0) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      if (":#,[]{}".indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return LOOKS_TYPED.matcher(s).matches();
  }

  private static boolean needsEscapes(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF
          || c == 0xFFFE || c == 0xFFFF) {
        return true;
      }
      if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        if (!paired) {
          return true;
        }
        i++;
      }
    }
    return false;
  }

  private static String doubleQuoted(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case 0 -> out.append("\\0");
        default -> {
          if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            out.append(String.format("\\x%02X", (int) c));
          } else if (c == 0x2028 || c == 0x2029 || c == 0xFEFF || c == 0xFFFE || c == 0xFFFF
              || (Character.isSurrogate(c)
                  && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                  && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))))) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
