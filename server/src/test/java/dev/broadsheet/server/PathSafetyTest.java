package dev.broadsheet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths that try to reach outside the content, as the JDK's server passes them on: every one is a
 * 404 (a container may refuse some with a 400 of its own, which the behaviour kit allows), none
 * says where files are.
 */
class PathSafetyTest {
  @TempDir Path dir;
  TestServer server;
  Path content;

  @BeforeEach
  void start() throws Exception {
    content = dir.resolve("content");
    Files.createDirectories(content);
    // A file next to the content root that a traversal would reach.
    Files.writeString(dir.resolve("outside.md"), "---\ntitle: Outside the root\n---\nSecret outside.\n");
    server = TestServer.newsroom(content);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void traversalAttemptsAreNotFound() {
    for (String path : List.of(
        "/articles/..%2Foutside",
        "/articles/..%2F..%2Fetc%2Fpasswd",
        "/articles/%2e%2e/outside",
        "/articles/%2E%2E%2Foutside",
        "/articles/2026/..%2F..%2Foutside",
        "/articles/2026/%2e%2e/%2e%2e/outside",
        "/articles/%2Fetc%2Fpasswd",
        "/articles/2026%5C01%5Crate-pause",
        "/articles/..%5Coutside",
        "/articles/C:%5Cwindows",
        "/articles/.hidden/file",
        "/articles/2026//01/rate-pause",
        "/articles/2026/01/rate-pause%00",
        "/articles/2026/01/rate-pause%0A",
        "/articles/%252e%252e%252foutside",
        "/articles/..%2Foutside.html",
        "/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd.html")) {
      HttpResponse<String> r = server.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).doesNotContain("Secret outside").doesNotContain(dir.toString())
          .doesNotContain("Exception").doesNotContain("passwd");
    }
  }

  @Test
  void escapesOfBytesThatAreNotUtf8AreBadRequests() {
    for (String path : List.of("/articles/2026/%C3%28", "/articles/%E2%82", "/articles/%FF.html")) {
      HttpResponse<String> r = server.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(TestServer.parse(r.body()).get("detail").asText())
          .isEqualTo("The article id in the path is not valid percent-encoded UTF-8.");
    }
  }

  /**
   * Request lines a URI cannot hold (a raw backslash, a malformed escape) are refused by the JDK's
   * HTTP server before any handler runs, with its own short 400 page; dot segments sent raw reach
   * the handler and are refused as ids. Either way nothing from outside the root is served and
   * no stack trace or path is shown.
   */
  @Test
  void rawBackslashesMalformedEscapesAndDotSegmentsOnTheWireAreRefused() throws Exception {
    for (String target : List.of("/articles/..\\outside", "/articles/%zz", "/articles/../outside",
        "/articles/2026/../../outside", "/articles/./2026/01/rate-pause", "/../outside.md")) {
      String response = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      String status = response.lines().findFirst().orElse("");
      assertThat(status).as(target).matches("HTTP/1\\.1 (400|404) .*");
      assertThat(response).as(target).doesNotContain("Secret outside").doesNotContain(dir.toString())
          .doesNotContain("\tat ").doesNotContain("dev.broadsheet");
    }
  }

  /**
   * What the JDK's server cannot parse it answers itself, before any handler runs, with a fixed
   * page and without our headers (see ContentServer, "Answers the JDK gives itself"). That page
   * must hold nothing of what was sent, or a target could put markup into it.
   */
  @Test
  void requestsTheJdkCannotParseGetItsFixedPageWhichEchoesNothingSent() throws Exception {
    for (String target : List.of("/articles/%zz<script>alert(1)</script>", "/<img src=x onerror=alert(1)>",
        "/articles/a\\b<b>bold</b>")) {
      String response = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n"); // the JDK closes it
      assertThat(response).as(target).startsWith("HTTP/1.1 400 Bad Request\r\n")
          .contains("\r\nConnection: close\r\n")
          .endsWith("\r\n\r\n<h1>400 Bad Request</h1>URISyntaxException thrown")
          .doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>");
    }
    // Spaces in a target do parse (the rest is taken for the version): the answer is ours.
    String ours = raw("GET /a b c HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(ours).startsWith("HTTP/1.1 404 Not Found\r\n").containsIgnoringCase("X-Content-Type-Options: nosniff")
        .containsIgnoringCase("Content-Type: application/problem+json");
  }

  /** The JDK's server lets an escaped slash through to the API, which decodes the id once. */
  @Test
  void findsAnIdWithEscapedSlashesDecodedOnce() {
    assertThat(TestServer.parse(server.get("/articles/2026%2F02%2Fstadion").body()).get("id").asText())
        .isEqualTo("2026/02/stadion");
    // Decoded once: %2561 is the three characters "%61", which no id here has.
    assertThat(server.get("/articles/2026/02/st%2561dion").statusCode()).isEqualTo(404);
  }

  /** One request written on a socket as it is given, bypassing any client's clean-up of the path. */
  private String raw(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.running.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.UTF_8);
    }
  }
}
