package dev.broadsheet.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.AiInfo;
import dev.broadsheet.Article;
import dev.broadsheet.CoverImage;
import dev.broadsheet.Problem;
import dev.broadsheet.Source;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The article format's conformance suite: every folder under {@code conformance/} is one case,
 * with an {@code input.md} and what reading it must give.
 *
 * <ul>
 *   <li>{@code expected-problems.txt}: one problem per line, in file order, as {@code
 *       line:column: rule: part of the message}. The file holds exactly these problems.
 *   <li>{@code expected-fields.txt}: {@code field=value} lines the article must have ({@code
 *       source.key}, {@code extra.views}, {@code extra.views@type} for the Java type of an unknown
 *       key's value, {@code extra.views@json} for that value written as JSON, nested values
 *       included: text quoted, whole numbers bare, other numbers with a fraction ({@code 1.0},
 *       {@code Infinity}, {@code NaN}); {@code \n} in a value is a line break). The file must have
 *       no problem.
 *   <li>{@code codec.properties} (optional): {@code zone=} the zone dates are read in.
 * </ul>
 *
 * <p>Lines starting with {@code #} are comments. Whenever a document could be read, writing it
 * back must give the input's bytes. Adding a case is adding a folder.
 */
class ConformanceTest {

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(root())) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void conforms(String name) throws IOException {
    Path dir = root().resolve(name);
    byte[] input = Files.readAllBytes(dir.resolve("input.md"));
    ArticleCodec codec = codec(dir.resolve("codec.properties"));

    ArticleResult result = codec.read(name, "input.md", input);

    if (result.document() != null) {
      assertThat(result.document().toBytes()).as("document written back").isEqualTo(input);
    }
    Path problemsFile = dir.resolve("expected-problems.txt");
    Path fieldsFile = dir.resolve("expected-fields.txt");
    assertThat(Files.exists(problemsFile) || Files.exists(fieldsFile))
        .as("case %s has expected-problems.txt or expected-fields.txt", name)
        .isTrue();
    if (Files.exists(problemsFile)) {
      assertProblems(result.problems(), lines(problemsFile));
      assertThat(result.article()).as("article of a file with errors").isNull();
    }
    if (Files.exists(fieldsFile)) {
      assertThat(result.problems()).as("problems").isEmpty();
      assertThat(result.article()).as("article").isNotNull();
      for (String line : lines(fieldsFile)) {
        int eq = line.indexOf('=');
        String field = line.substring(0, eq);
        String expected = unescape(line.substring(eq + 1));
        assertThat(describe(result.article(), field)).as(field).isEqualTo(expected);
      }
    }
  }

  private static void assertProblems(List<Problem> actual, List<String> expected) {
    List<String> shown = actual.stream().map(p -> p.line() + ":" + p.column() + ": " + p.rule() + ": " + p.message()).toList();
    assertThat(actual).as("problems %s", shown).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      String[] parts = expected.get(i).split(": ", 3);
      String[] at = parts[0].split(":");
      Problem p = actual.get(i);
      assertThat(p.line()).as("line of %s", shown.get(i)).isEqualTo(Integer.parseInt(at[0]));
      assertThat(p.column()).as("column of %s", shown.get(i)).isEqualTo(Integer.parseInt(at[1]));
      assertThat(p.rule()).as("rule of %s", shown.get(i)).isEqualTo(parts[1]);
      assertThat(p.message()).as("message of %s", shown.get(i)).contains(parts[2]);
      assertThat(p.source()).isEqualTo("input.md");
    }
  }

  private static ArticleCodec codec(Path properties) throws IOException {
    ArticleCodec.Builder builder = ArticleCodec.builder();
    if (Files.exists(properties)) {
      Properties p = new Properties();
      p.load(new StringReader(Files.readString(properties)));
      if (p.getProperty("zone") != null) {
        builder.zone(ZoneId.of(p.getProperty("zone")));
      }
    }
    return builder.build();
  }

  private static List<String> lines(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        out.add(line);
      }
    }
    return out;
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A field of the article as text, by the names the fixture files use. */
  static String describe(Article a, String field) {
    if (field.startsWith("extra.")) {
      boolean type = field.endsWith("@type");
      boolean json = field.endsWith("@json");
      String key = field.substring("extra.".length(), type || json ? field.lastIndexOf('@') : field.length());
      assertThat(a.extra()).as("extra").containsKey(key);
      Object v = a.extra().get(key);
      if (json) {
        return json(v);
      }
      return type ? (v == null ? "null" : v.getClass().getSimpleName()) : String.valueOf(v);
    }
    Source s = a.source();
    CoverImage c = a.coverImage();
    AiInfo ai = a.ai();
    Object value = switch (field) {
      case "title" -> a.title();
      case "description" -> a.description();
      case "publishedAt" -> a.publishedAt();
      case "updatedAt" -> a.updatedAt();
      case "expiresAt" -> a.expiresAt();
      case "lang" -> a.lang();
      case "externalId" -> a.externalId();
      case "category" -> a.category();
      case "tags" -> a.tags();
      case "stickyWeight" -> a.stickyWeight();
      case "sentiment" -> a.sentiment();
      case "score" -> a.score();
      case "draft" -> a.draft();
      case "body" -> a.body();
      case "source.name" -> s == null ? null : s.name();
      case "source.key" -> s == null ? null : s.key();
      case "source.type" -> s == null ? null : s.type();
      case "coverImage.raw" -> c == null ? null : c.raw();
      case "coverImage.small_s3" -> c == null ? null : c.smallS3();
      case "ai.rewritten" -> ai == null ? null : ai.rewritten();
      case "ai.expandedAt" -> ai == null ? null : ai.expandedAt();
      case "ai.version" -> ai == null ? null : ai.version();
      default -> throw new IllegalArgumentException("unknown field in fixture: " + field);
    };
    return String.valueOf(value);
  }

  /** An unknown key's value as JSON, compact, keys in file order. */
  private static String json(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
    }
    if (v instanceof List<?> list) {
      return list.stream().map(ConformanceTest::json).collect(Collectors.joining(",", "[", "]"));
    }
    if (v instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> json(e.getKey()) + ":" + json(e.getValue()))
          .collect(Collectors.joining(",", "{", "}"));
    }
    return v.toString(); // Boolean, Long, BigInteger, Double
  }

  private static Path root() {
    URL url = ConformanceTest.class.getResource("/conformance");
    assertThat(url).as("conformance fixtures on the test class path").isNotNull();
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
