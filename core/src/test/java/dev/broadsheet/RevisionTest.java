package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.internal.ContentHash;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevisionTest {

  @Test
  void aRevisionOfContentIsTheHashOfTheBytesAsText() {
    byte[] bytes = "---\ntitle: A\n---\nBody.\n".getBytes(StandardCharsets.UTF_8);
    Revision r = Revision.ofContent(bytes);
    assertThat(r.value()).isEqualTo(ContentHash.hex(bytes)).matches("[0-9a-f]{32}");
    assertThat(r).hasToString(r.value());
    assertThat(Revision.of(r.value())).isEqualTo(r).hasSameHashCodeAs(r);
  }

  @Test
  void aRevisionIsMadeAgainFromItsPartsAsTheStoresKeepThem() {
    dev.broadsheet.internal.Revisions.Parts parts = dev.broadsheet.internal.Revisions.parts();
    Random random = new Random(11);
    for (int i = 0; i < 1000; i++) {
      byte[] content = new byte[random.nextInt(64)];
      random.nextBytes(content);
      Revision r = Revision.ofContent(content);
      assertThat(parts.text(r)).isNull();
      Revision again = parts.ofHash(parts.high(r), parts.low(r));
      assertThat(again).isEqualTo(r).hasSameHashCodeAs(r);
      assertThat(again.value()).isEqualTo(r.value());
    }
    Revision text = Revision.of("W/\"x\"");
    assertThat(parts.text(text)).isEqualTo("W/\"x\"");
    assertThat(parts.high(text)).isZero();
    assertThat(parts.low(text)).isZero();
  }

  @Test
  void everyValueReadsBackAsItWasGivenAndEqualValuesAreEqualRevisions() {
    Random random = new Random(7);
    List<String> values = new java.util.ArrayList<>(List.of("none", "1", "W/\"x\"", "pg:12:34",
        "0123456789abcdef0123456789abcdef", "00000000000000000000000000000000", "ffffffffffffffffffffffffffffffff",
        "0123456789ABCDEF0123456789abcdef", "0123456789abcdef0123456789abcdeg", "0123456789abcdef0123456789abcde",
        "0123456789abcdef0123456789abcdef0", "+123456789abcdef0123456789abcdef", "-123456789abcdef0123456789abcdef",
        "8000000000000000800000000000000\u0660"));
    // A character just outside the digits' ranges, or beyond ASCII, at each place of either half.
    for (int at = 0; at < 32; at++) {
      for (char c : new char[] {'/', ':', '`', 'g', 'A', 'F', '\u0100', '\uff41', '\u0660'}) {
        StringBuilder v = new StringBuilder("0123456789abcdef0123456789abcdef");
        v.setCharAt(at, c);
        values.add(v.toString());
      }
    }
    for (int i = 0; i < 200; i++) {
      StringBuilder hex = new StringBuilder();
      for (int k = 0; k < 32; k++) {
        hex.append("0123456789abcdef".charAt(random.nextInt(16)));
      }
      values.add(hex.toString());
    }
    Set<Revision> distinct = new HashSet<>();
    for (String v : values) {
      Revision r = Revision.of(v);
      assertThat(r.value()).isEqualTo(v);
      assertThat(Revision.of(new String(v.toCharArray()))).isEqualTo(r).hasSameHashCodeAs(r);
      distinct.add(r);
    }
    assertThat(distinct).as("revisions of different values differ").hasSize(new HashSet<>(values).size());
    assertThat(Revision.of("0123456789ABCDEF0123456789abcdef"))
        .isNotEqualTo(Revision.of("0123456789abcdef0123456789abcdef"));
    assertThat(Revision.of("none")).isEqualTo(Revision.NONE);
  }

  @Test
  void anEmptyValueIsNoRevision() {
    assertThatThrownBy(() -> Revision.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Revision.of(null)).isInstanceOf(NullPointerException.class);
  }
}
