package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule every module's README example test follows: the README's blocks fenced {@code ```java
 * TAG} are, in order and whitespace aside, the regions between {@code // README example begins}
 * and {@code // README example ends} in the module's test that compiles them.
 */
public final class ReadmeExamples {
  private ReadmeExamples() {}

  /**
   * @param tag the fence's tag ({@code postgres} for {@code ```java postgres})
   * @param test the test's source, relative to the repository root
   * @param regions how many regions the test holds
   */
  public static void assertShown(String tag, String test, int regions) throws IOException {
    Path root = root(test);
    List<String> blocks = all(Pattern.compile("```java " + Pattern.quote(tag) + "\n(.*?)```", Pattern.DOTALL),
        Files.readString(root.resolve("README.md")));
    List<String> compiled = all(Pattern.compile("// README example begins\n(.*?)  // README example ends",
        Pattern.DOTALL), Files.readString(root.resolve(test)));
    assertThat(compiled).hasSize(regions);
    assertThat(blocks).isEqualTo(compiled);
  }

  private static List<String> all(Pattern p, String text) {
    List<String> out = new ArrayList<>();
    for (Matcher m = p.matcher(text); m.find(); ) {
      out.add(m.group(1).strip().replaceAll("\\s+", " "));
    }
    return out;
  }

  private static Path root(String test) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("README.md")) && Files.isRegularFile(d.resolve(test))) {
        return d;
      }
    }
    throw new IllegalStateException("the repository root is not above " + Path.of("").toAbsolutePath());
  }
}
