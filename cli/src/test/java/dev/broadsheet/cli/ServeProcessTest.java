package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} and {@code show} as separate processes, as a shell runs them. */
class ServeProcessTest {
  @TempDir Path dir;

  private static ProcessBuilder broadsheet(Path workDir, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, BroadsheetCommand.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(workDir.toFile());
  }

  @Test
  void servesWithTheTokenFromTheEnvironmentUntilTerminated() throws Exception {
    ServeCommandTest.content(dir.resolve("content"));
    ProcessBuilder pb = broadsheet(dir, "serve", "content", "--port", "0");
    pb.environment().put(ServeCommand.TOKEN_VARIABLE, "from-the-environment");
    pb.redirectError(dir.resolve("err.txt").toFile());
    Process p = pb.start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (java.io.IOException e) {
          return null;
        }
      }).get(60, TimeUnit.SECONDS);
      assertThat(line).matches("Serving 3 articles on http://127\\.0\\.0\\.1:\\d+/");
      URI base = URI.create(line.substring(line.indexOf("http")));

      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.body()).isEqualTo("{\"status\":\"ok\",\"articles\":3,\"problems\":0}");
      HttpResponse<String> drafts = client.send(HttpRequest.newBuilder(base.resolve("/articles?drafts=only"))
          .header("Authorization", "Bearer from-the-environment").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(drafts.statusCode()).isEqualTo(200);
      assertThat(drafts.body()).contains("\"id\":\"drafts/plan\"");
    } finally {
      p.destroy(); // SIGTERM: the shutdown hook closes the server
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(dir.resolve("err.txt")))
        .isEqualTo("Previews need the header: Authorization: Bearer <the preview token>" + System.lineSeparator());
  }

  /**
   * A few connections that sent a request's headers without the blank line that ends them used
   * to stop {@code serve} for good: every thread of its pool waited for the rest.
   */
  @Test
  void keepsAnsweringWhileRequestsAreLeftHalfSent() throws Exception {
    ServeCommandTest.content(dir.resolve("content"));
    ProcessBuilder pb = broadsheet(dir, "serve", "content", "--port", "0");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    List<Socket> held = new ArrayList<>();
    try {
      URI base = served(p);
      // More than the threads the server used to have: twice the processors.
      for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors() + 2; i++) {
        Socket s = new Socket(base.getHost(), base.getPort());
        held.add(s);
        s.getOutputStream().write("GET /articles HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
      }

      // Well within the server's request timeout (10 s), so the held requests are still waiting.
      HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/health"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(health.statusCode()).isEqualTo(200);
    } finally {
      for (Socket s : held) {
        s.close();
      }
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** The address {@code serve} prints once it listens. */
  private static URI served(Process p) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (java.io.IOException e) {
        return null;
      }
    }).get(60, TimeUnit.SECONDS);
    assertThat(line).matches("Serving \\d+ articles on http://127\\.0\\.0\\.1:\\d+/");
    return URI.create(line.substring(line.indexOf("http")));
  }

  @Test
  void showPrintsTheFilesBytesWhateverTheDefaultEncoding() throws Exception {
    byte[] file = ("---\r\ntitle: Cr\u00e8me br\u00fbl\u00e9e \u2014 \u65e5\u672c\r\ndraft: true\r\n---\r\n"
        + "Body \u00e9\u00e9\r\n").getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("content/2026"));
    Files.write(dir.resolve("content/2026/dessert.md"), file);

    ProcessBuilder pb = broadsheet(dir, "show", "content", "2026/dessert");
    pb.command().add(1, "-Dfile.encoding=US-ASCII");
    pb.redirectOutput(dir.resolve("out.bin").toFile());
    pb.redirectError(dir.resolve("err.txt").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
    assertThat(Files.readAllBytes(dir.resolve("out.bin"))).isEqualTo(file);
  }
}
