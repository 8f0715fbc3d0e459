package dev.broadsheet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantsTest {
  @Test
  void writesWhatInstantToStringWritesOverSeededInstants() {
    Random random = new Random(42);
    long[] spans = {1_000L, 86_400L, 400L * 365 * 86_400, 12_000L * 365 * 86_400};
    int[] nanos = {0, 1, 999_999_999, 500_000_000, 120_000_000, 7_000, 123_456_000, 100, 10_000_000};
    for (int i = 0; i < 200_000; i++) {
      long span = spans[i % spans.length];
      long second = (random.nextLong() % span) + (i % 3 == 0 ? 0 : 1_700_000_000L);
      int nano = i % 2 == 0 ? nanos[random.nextInt(nanos.length)] : random.nextInt(1_000_000_000);
      Instant t = Instant.ofEpochSecond(second, nano);
      assertThat(Instants.iso(t)).as("%s", t).isEqualTo(t.toString());
    }
  }

  @Test
  void writesTheEdgesOfTheFourDigitYearsAndBeyondThem() {
    long[] seconds = {0, -1, 1, 59, 60, 3_599, 3_600, 86_399, 86_400, -62_167_219_200L, -62_167_219_201L,
        253_402_300_799L, 253_402_300_800L, 951_782_400L /* 2000-02-29 */, Instant.MIN.getEpochSecond(),
        Instant.MAX.getEpochSecond()};
    for (long s : seconds) {
      for (int nano : new int[] {0, 1, 1_000, 1_000_000, 999_999_999}) {
        Instant t = Instant.ofEpochSecond(s, nano);
        assertThat(Instants.iso(t)).as("%s", t).isEqualTo(t.toString());
      }
    }
  }
}
