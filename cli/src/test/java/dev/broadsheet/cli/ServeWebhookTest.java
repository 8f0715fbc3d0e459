package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeWebhookTest {
  private static final String SECRET = "whsec-cli-test-secret";

  @TempDir Path dir;
  private Function<String, String> environment;

  @BeforeEach
  void secretInTheEnvironment() {
    environment = StoreLocation.environment;
    Function<String, String> outer = environment;
    StoreLocation.environment = v -> WebhookOptions.SECRET_VARIABLE.equals(v) ? SECRET : outer.apply(v);
  }

  @AfterEach
  void restore() {
    StoreLocation.environment = environment;
  }

  @Test
  void postsSignedChangesOfTheFolderAndKeepsItsPositionInTheStateFolder() throws Exception {
    ServeCommandTest.content(dir);
    List<JsonNode> items = new CopyOnWriteArrayList<>();
    List<Boolean> verified = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    receiver.createContext("/", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      verified.add(verify(ex.getRequestHeaders().getFirst("Broadsheet-Signature"), body));
      new ObjectMapper().readTree(body).get("items").forEach(items::add);
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    receiver.start();
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

    ServeCommand serve = new ServeCommand();
    CommandLine cmd = new CommandLine(serve);
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(new StringWriter(), true));
    cmd.setErr(new PrintWriter(err, true));
    CountDownLatch started = new CountDownLatch(1);
    serve.onStart = r -> started.countDown();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread thread = new Thread(() -> exit.set(cmd.execute(dir.toString(), "--port", "0", "--webhook", url)));
    thread.start();
    try {
      assertThat(started.await(60, TimeUnit.SECONDS)).as("started; err: %s", err).isTrue();
      new ContentFixture(dir).write(ContentFixture.article("2020/02/fourth", "2020-02-01T08:00:00Z"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline && items.stream().noneMatch(n -> n.get("id").asText().equals("2020/02/fourth"))) {
        Thread.sleep(20);
      }
      assertThat(items).extracting(n -> n.get("id").asText() + " " + n.get("change").asText())
          .containsExactly("2020/02/fourth upsert");
      assertThat(verified).containsOnly(true);
      Path state = dir.resolve(".broadsheet/webhooks.json");
      assertThat(state).exists();
      assertThat(Files.readString(state)).contains(url).doesNotContain(SECRET);
    } finally {
      serve.stop.countDown();
      thread.join(TimeUnit.SECONDS.toMillis(30));
      receiver.stop(0);
    }
    assertThat(exit.get()).as(err.toString()).isZero();
    assertThat(err.toString()).isEqualTo("Webhooks: 1 endpoint, positions kept in "
        + ContentFiles.shown(dir.resolve(".broadsheet/webhooks.json")) + System.lineSeparator());
  }

  @Test
  void refusesAWebhookWithoutASecretOrWithABadUrl() throws Exception {
    ServeCommandTest.content(dir);
    Cli.Run bad = Cli.run("serve", dir, "--webhook", "ftp://example.com/hook");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).startsWith("Invalid value for option '--webhook': must be an absolute http or https URL, "
        + "was 'ftp://example.com/hook'\n");

    StoreLocation.environment = v -> WebhookOptions.SECRET_VARIABLE.equals(v) ? "" : environment.apply(v);
    Cli.Run none = Cli.run("serve", dir, "--webhook", "https://example.com/hook");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).startsWith("--webhook needs a signing secret: set the environment variable "
        + "BROADSHEET_WEBHOOK_SECRET\n");
    assertThat(none.out()).isEmpty();
  }

  private static boolean verify(String header, byte[] body) {
    try {
      String[] parts = header.split(",");
      String t = parts[0].substring(2);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.UTF_8),
          parts[1].substring(3).getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      return false;
    }
  }
}
