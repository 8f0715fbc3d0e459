package dev.broadsheet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentHashTest {
  @Test
  void valuesArePinnedSoRevisionsStayTheSameAcrossReleases() {
    byte[] counting = new byte[1000];
    for (int i = 0; i < counting.length; i++) {
      counting[i] = (byte) (i * 31 + 7);
    }
    assertThat(ContentHash.hex(new byte[0])).isEqualTo("a862e64ee77068cc2de4e4206ec436af");
    assertThat(ContentHash.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo("babd4dfd9d8e4949e1e2fbea0bd64ff7");
    assertThat(ContentHash.hex(counting)).isEqualTo("19e00fac7b61974318ccddc39243ed36");
  }

  @Test
  void everySingleBitFlipChangesTheHash() {
    Random random = new Random(1);
    for (int length : new int[] {1, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 100, 4300}) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      Set<String> seen = new HashSet<>();
      seen.add(ContentHash.hex(bytes));
      for (int bit = 0; bit < 8 * length; bit++) {
        bytes[bit >>> 3] ^= (byte) (1 << (bit & 7));
        assertThat(seen.add(ContentHash.hex(bytes))).as("bit %d of %d bytes", bit, length).isTrue();
        bytes[bit >>> 3] ^= (byte) (1 << (bit & 7));
      }
    }
  }

  @Test
  void trailingZerosAndTheSameBytesAtAnotherLengthDiffer() {
    Set<String> seen = new HashSet<>();
    for (int length = 0; length <= 200; length++) {
      assertThat(seen.add(ContentHash.hex(new byte[length]))).as("%d zero bytes", length).isTrue();
    }
  }

  @Test
  void aSliceHashesAsTheSameBytesOnTheirOwn() {
    byte[] bytes = new byte[500];
    new Random(3).nextBytes(bytes);
    assertThat(ContentHash.hex(bytes, 17, 300)).isEqualTo(ContentHash.hex(Arrays.copyOfRange(bytes, 17, 317)));
    assertThat(ContentHash.hex(bytes, 17, 300)).hasSize(32).matches("[0-9a-f]{32}");
    assertThatThrownBy(() -> ContentHash.hex(bytes, 400, 200)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void oneChangedWordInAnArticleSizedTextChangesHalfTheBitsOrSo() {
    String text = "---\ntitle: A story\n---\n" + "Lorem ipsum dolor sit amet. ".repeat(150);
    byte[] a = text.getBytes(StandardCharsets.UTF_8);
    byte[] b = text.replace("amet. Lorem ipsum dolor sit amet. \n", "amet. Lorem ipsum dolor sat amet. \n")
        .getBytes(StandardCharsets.UTF_8);
    b[b.length / 2] ^= 1;
    long[] x = ContentHash.hash(a, 0, a.length);
    long[] y = ContentHash.hash(b, 0, b.length);
    int differing = Long.bitCount(x[0] ^ y[0]) + Long.bitCount(x[1] ^ y[1]);
    assertThat(differing).isBetween(40, 88);
  }
}
