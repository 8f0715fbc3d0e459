package dev.broadsheet.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written readers of timestamps and numbers agree with the regular expressions and
 * {@code java.time} they stand in for, on the usual forms and on many near misses.
 */
class ScalarsTest {
  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(-5), ZoneId.of("Europe/Berlin"));

  /** Both ways give the same instant, or both refuse the text. */
  private static void assertSameInstant(String text, ZoneId zone) {
    Instant expected;
    try {
      expected = Scalars.instantByPattern(text, zone);
    } catch (DateTimeException e) {
      expected = null;
    }
    Instant common = Scalars.commonInstant(text, zone);
    if (common != null) {
      assertThat(common).as("'%s' in %s", text, zone).isEqualTo(expected);
    }
    if (expected == null) {
      assertThatThrownBy(() -> Scalars.instant(text, zone)).as("'%s'", text).isInstanceOf(DateTimeException.class);
    } else {
      assertThat(Scalars.instant(text, zone)).as("'%s'", text).isEqualTo(expected);
    }
  }

  @Test
  void readsTheUsualTimestampFormsByHand() {
    String[] usual = {
        "2026-01-30T02:57:10.000Z", "2026-01-30T02:57:10Z", "2026-01-30", "2026-01-30T02:57", "2026-01-30 02:57:10",
        "2026-01-30t02:57:10.5+02:00", "2026-01-30T02:57:10.123456789-0530", "2026-01-30T02:57:10 Z",
        "2026-01-30T02:57:10+18", "2024-02-29T23:59:59.999z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
        "1970-01-01", "2000-02-29", "1900-03-01T00:00-00:30",
    };
    for (String t : usual) {
      assertThat(Scalars.commonInstant(t, ZoneOffset.UTC)).as(t).isNotNull();
      for (ZoneId zone : ZONES) {
        assertSameInstant(t, zone);
      }
    }
    assertThat(Scalars.commonInstant("2026-01-30T02:57:10.000Z", ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2026-01-30T02:57:10Z"));
  }

  @Test
  void leavesImpossibleDatesAndOddFormsToJavaTime() {
    String[] odd = {
        "2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-30T24:00", "2026-01-30T23:60",
        "2026-01-30T23:59:60", "2026-01-30T02:57:10+18:30", "2026-01-30T02:57:10+19", "2026-01-30T02:57:10.Z",
        "2026-01-30T02:57:10.1234567890Z", "2026-01-30T02:57.5", "2026-01-30Z", "2026-1-30", "２０２６-01-30", "",
        "2026-01-30T", "2026-01-30T02:57:", "2026-01-30T02:57:10+5", "2026-01-30T02:57:10+05:3",
        "2026-01-30T02:57:10  Z", "2026-01-30T02:57:10Zz",
    };
    for (String t : odd) {
      for (ZoneId zone : ZONES) {
        assertSameInstant(t, zone);
      }
    }
  }

  @Test
  void agreesOnRandomTimestampLikeText() {
    SplittableRandom random = new SplittableRandom(20260130);
    String alphabet = "0123456789-:T .Z+z";
    String base = "2026-01-30T02:57:10.123+05:30";
    for (int i = 0; i < 50_000; i++) {
      StringBuilder t = new StringBuilder(base.substring(0, random.nextInt(base.length() + 1)));
      for (int edits = random.nextInt(4); edits > 0; edits--) {
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        int at = random.nextInt(t.length() + 1);
        switch (random.nextInt(3)) {
          case 0 -> t.insert(at, c);
          case 1 -> {
            if (at < t.length()) {
              t.setCharAt(at, c);
            }
          }
          default -> {
            if (at < t.length()) {
              t.deleteCharAt(at);
            }
          }
        }
      }
      assertSameInstant(t.toString(), ZONES.get(random.nextInt(ZONES.size())));
    }
  }

  @Test
  void readsNumbersAsTheCoreSchemaPatternsDo() {
    SplittableRandom random = new SplittableRandom(7);
    String alphabet = "0123456789+-.eE_x";
    for (int i = 0; i < 50_000; i++) {
      StringBuilder t = new StringBuilder();
      for (int n = random.nextInt(24); n > 0; n--) {
        t.append(random.nextInt(3) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : (char) ('0' + random.nextInt(10)));
      }
      String s = t.toString();
      BigInteger integer = Scalars.integer(s);
      if (INTEGER.matcher(s).matches()) {
        assertThat(integer).as(s).isEqualTo(new BigInteger(s.startsWith("+") ? s.substring(1) : s));
      } else if (!s.startsWith("0x") && !s.startsWith("0o")) {
        assertThat(integer).as(s).isNull();
      }
      Double floating = Scalars.floating(s);
      if (FLOAT.matcher(s).matches()) {
        assertThat(floating).as(s).isEqualTo(Double.parseDouble(s));
      } else {
        assertThat(floating).as(s).isNull();
      }
    }
    assertThat(Scalars.integer("0x1F")).isEqualTo(BigInteger.valueOf(31));
    assertThat(Scalars.integer("-123456789012345678901")).isEqualTo(new BigInteger("-123456789012345678901"));
    assertThat(Scalars.floating(".inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Scalars.floating("1.")).isEqualTo(1.0);
    assertThat(Scalars.floating(".")).isNull();
  }
}
