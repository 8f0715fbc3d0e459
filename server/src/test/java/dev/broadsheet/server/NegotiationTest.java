package dev.broadsheet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the API reads from Accept-Encoding, Content-Type and paths in problems. */
class NegotiationTest {
  @Test
  void gzipIsAcceptedByNameOrStarWithAWeightAboveZero() {
    assertThat(Gzip.accepted(List.of("gzip"))).isTrue();
    assertThat(Gzip.accepted(List.of("deflate, GZIP;q=0.5"))).isTrue();
    assertThat(Gzip.accepted(List.of("br", "x-gzip"))).isTrue();
    assertThat(Gzip.accepted(List.of("*"))).isTrue();
    assertThat(Gzip.accepted(List.of("gzip;q=0"))).isFalse();
    assertThat(Gzip.accepted(List.of("gzip;q=0.000, *"))).isFalse();
    assertThat(Gzip.accepted(List.of("*;q=0"))).isFalse();
    assertThat(Gzip.accepted(List.of("identity, br"))).isFalse();
    assertThat(Gzip.accepted(List.of())).isFalse();
  }

  @Test
  void aContentTypeMatchesWithNoParameterButUtf8() {
    assertThat(MediaTypes.matches("application/json", MediaTypes.JSON)).isTrue();
    assertThat(MediaTypes.matches("Application/JSON ; Charset=\"UTF-8\"", MediaTypes.JSON)).isTrue();
    assertThat(MediaTypes.matches("application/json; charset=latin1", MediaTypes.JSON)).isFalse();
    assertThat(MediaTypes.matches("application/json; profile=x", MediaTypes.JSON)).isFalse();
    assertThat(MediaTypes.matches("application/jsonx", MediaTypes.JSON)).isFalse();
    assertThat(MediaTypes.matches(null, MediaTypes.JSON)).isFalse();
  }

  @Test
  void jsonPathsBecomePointers() {
    assertThat(JsonLocations.pointer("$")).isEmpty();
    assertThat(JsonLocations.pointer("$.tags[1]")).isEqualTo("/tags/1");
    assertThat(JsonLocations.pointer("$.source.key")).isEqualTo("/source/key");
    assertThat(JsonLocations.pointer("$.extra['a/b~c']")).isEqualTo("/extra/a~1b~0c");
    assertThat(JsonLocations.pointer("$.extra['it\\'s']")).isEqualTo("/extra/it's");
  }

  @Test
  void positionsOfAPatchAreFoundForThePathOrTheNearestValueAroundIt() {
    JsonLocations at = JsonLocations.of("{\"source\": {\"name\": 1},\n \"tags\": [\"a\", 2]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(at.at("$.source.name")).isEqualTo(new JsonLocations.Position(1, 21));
    assertThat(at.at("$.source.key")).isEqualTo(new JsonLocations.Position(1, 12));
    assertThat(at.at("$.tags[1]")).isEqualTo(new JsonLocations.Position(2, 16));
    assertThat(at.at("$.title")).isEqualTo(new JsonLocations.Position(1, 1));
  }
}
