package dev.broadsheet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The examples of RFC 7396, appendix A: target, patch, result. */
class MergePatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> rfc7396() {
    return Stream.of(
        Arguments.of("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
        Arguments.of("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"),
        Arguments.of("{\"a\":\"b\"}", "{\"a\":null}", "{}"),
        Arguments.of("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"),
        Arguments.of("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
        Arguments.of("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"),
        Arguments.of("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"),
        Arguments.of("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}"),
        Arguments.of("[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]"),
        Arguments.of("{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]"),
        Arguments.of("{\"a\":\"foo\"}", "null", "null"),
        Arguments.of("{\"a\":\"foo\"}", "\"bar\"", "\"bar\""),
        Arguments.of("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}"),
        Arguments.of("[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}"),
        Arguments.of("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"));
  }

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @MethodSource("rfc7396")
  void appliesAsTheRfcShows(String target, String patch, String result) throws Exception {
    JsonNode original = JSON.readTree(target);

    assertThat(MergePatch.apply(original, JSON.readTree(patch))).isEqualTo(JSON.readTree(result));
    assertThat(original).isEqualTo(JSON.readTree(target)); // left as it was
  }
}
