package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceTest {

  @Test
  void sourcesAreEqualExactlyWhenEveryPartIsEqualAbsentPartsIncluded() {
    String[] parts = {null, "", "Wire", "wire", "RSS"};
    List<Source> all = new ArrayList<>();
    for (String name : parts) {
      for (String key : parts) {
        for (String type : parts) {
          all.add(Source.of(name, key, type));
        }
      }
    }
    for (Source a : all) {
      for (Source b : all) {
        boolean same = java.util.Objects.equals(a.name(), b.name()) && java.util.Objects.equals(a.key(), b.key())
            && java.util.Objects.equals(a.type(), b.type());
        assertThat(a.equals(b)).as("%s = %s", a, b).isEqualTo(same);
        if (same) {
          assertThat(a).hasSameHashCodeAs(b);
        }
      }
      assertThat(a.equals(null)).isFalse();
      assertThat(a.equals((Object) Arrays.asList(a.name(), a.key(), a.type()))).isFalse();
    }
    // Parts are told apart by position, not only by value.
    assertThat(Source.of("a", "b", null)).isNotEqualTo(Source.of("b", "a", null));
    assertThat(all.stream().map(Source::hashCode).distinct().count()).isGreaterThan(all.size() / 2);
  }
}
