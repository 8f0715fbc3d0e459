package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run the launcher lists classes with, as it runs it: a child JVM with {@code
 * -XX:DumpLoadedClassList}. The list must hold what a query and a serving server load, and the
 * run must end by itself and leave the articles as they were.
 */
class ClassListRunTest {
  @TempDir Path temp;

  @Test
  void listsTheClassesOfAQueryAndOfAServerAnsweringRequests() throws Exception {
    Path content = temp.resolve("content");
    ServeCommandTest.content(content);
    Map<Path, byte[]> before = files(content);
    Path list = temp.resolve("classes.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:DumpLoadedClassList=" + list, "-cp", classPath,
        ClassListRun.class.getName(), content.toString())
        .redirectErrorStream(true)
        .redirectOutput(temp.resolve("output.txt").toFile())
        .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the run ended by itself").isTrue();
    assertThat(p.exitValue()).isZero();

    List<String> classes = Files.readAllLines(list, StandardCharsets.UTF_8);
    assertThat(classes).as("a query printed as JSON")
        .contains("dev/broadsheet/cli/QueryCommand$Json", "com/fasterxml/jackson/core/JsonGenerator");
    assertThat(classes).as("the server, routing requests")
        .contains("org/eclipse/jetty/server/Server", "dev/broadsheet/server/Route$Match");
    assertThat(classes).as("the search index, opened by the server").contains("dev/broadsheet/search/LuceneSearch");
    // Only the state folder is written: every article is as it was, byte for byte.
    Map<Path, byte[]> after = files(content);
    assertThat(after).containsOnlyKeys(before.keySet());
    before.forEach((file, bytes) -> assertThat(after.get(file)).as(file.toString()).isEqualTo(bytes));
  }

  /** Every file below {@code root} but the state folder's, by path. */
  private static Map<Path, byte[]> files(Path root) throws Exception {
    Map<Path, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        if (!root.relativize(f).startsWith(".broadsheet")) {
          out.put(root.relativize(f), Files.readAllBytes(f));
        }
      }
    }
    return out;
  }
}
