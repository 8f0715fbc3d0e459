package dev.broadsheet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.server.ContentServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples run in a child JVM with the library jars on the module path, where their module
 * descriptors are in force, and must do there exactly what they do on the class path: a
 * missing requires, or a library reaching into a package that another one does not export,
 * fails at run time only, so the descriptor tests of each module cannot catch it.
 */
@Timeout(120)
class ModulePathTest {
  /** The run-time class path of the examples, which the build writes before the tests run. */
  private static final Path DEPENDENCIES = Path.of("target", "classpath.txt");

  /** Resolved from these, as an application requiring them would; the rest follows. */
  private static final String ROOTS = "dev.broadsheet.fs,dev.broadsheet.json,dev.broadsheet.server";

  @TempDir Path dir;

  @Test
  void quickStartPrintsTheSameOnTheModulePath() throws Exception {
    String folder = SampleFiles.FOLDER.toString();

    List<String> expected = Output.of(QuickStart::main, folder);

    Process child = start("QuickStart", folder);
    assertThat(lines(child)).isEqualTo(expected);
    assertThat(exitCode(child)).isZero();
  }

  @Test
  void staticExportWritesTheSameFilesOnTheModulePath() throws Exception {
    Path here = dir.resolve("class-path");
    Path there = dir.resolve("module-path");
    Output.of(StaticExport::main, SampleFiles.FOLDER.toString(), here.toString());

    Process child = start("StaticExport", SampleFiles.FOLDER.toString(), there.toString());
    lines(child);
    assertThat(exitCode(child)).isZero();

    List<Path> files = SampleFiles.files(here);
    assertThat(files).hasSizeGreaterThan(SampleFiles.read(SampleFiles.FOLDER).size() / 2);
    assertThat(SampleFiles.files(there)).map(there::relativize).isEqualTo(files.stream().map(here::relativize).toList());
    for (Path f : files) {
      Path other = there.resolve(here.relativize(f));
      assertThat(Files.readAllBytes(other)).as(other.toString()).isEqualTo(Files.readAllBytes(f));
    }
  }

  @Test
  void jsonApiServerAnswersTheSameOnTheModulePath() throws Exception {
    String query = "articles?category=SPORTS&limit=3";
    ContentServer.Running[] here = new ContentServer.Running[1];
    Output.of(args -> here[0] = JsonApiServer.start(SampleFiles.FOLDER, 0));
    Process child = start("JsonApiServer", SampleFiles.FOLDER.toString(), "0");
    try (ContentServer.Running server = here[0]) {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String serving = out.readLine();
      assertThat(serving).as("the child's first line").isNotNull().startsWith("Serving ");
      URI there = URI.create(serving.substring(serving.lastIndexOf(' ') + 1));

      HttpResponse<String> expected = get(server.uri().resolve(query));
      HttpResponse<String> actual = get(there.resolve(query));
      assertThat(actual.statusCode()).isEqualTo(expected.statusCode()).isEqualTo(200);
      assertThat(actual.body()).isEqualTo(expected.body());
      assertThat(get(there.resolve("articles?limit=abc")).statusCode()).isEqualTo(400);
    } finally {
      child.destroy();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Process start(String example, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", Files.readString(DEPENDENCIES).strip(),
        "--add-modules", ROOTS,
        "-cp", Path.of("target", "classes").toString(),
        "dev.broadsheet.examples." + example));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static List<String> lines(Process child) throws IOException {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      return out.lines().toList();
    }
  }

  private static int exitCode(Process child) throws InterruptedException {
    if (!child.waitFor(60, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      throw new AssertionError("the example did not end within 60 seconds");
    }
    return child.exitValue();
  }

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
