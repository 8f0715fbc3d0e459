package dev.broadsheet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A content folder served on a free port of the loopback interface, and a client for it. */
final class TestServer implements AutoCloseable {
  static final String TOKEN = "s3cret-preview-token";
  static final ObjectMapper JSON = new ObjectMapper();

  final ArticleRepository repository;
  final ContentServer.Running running;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  TestServer(Path root, Watching watching, UnaryOperator<ContentServer.Builder> options) throws IOException {
    this(root, s -> s.watching(watching), options);
  }

  /** A server whose store is made with more options than whether it watches the folder. */
  TestServer(Path root, UnaryOperator<FileArticleStore.Builder> storeOptions,
      UnaryOperator<ContentServer.Builder> options) throws IOException {
    Clock clock = Clock.fixed(Newsroom.NOW, ZoneOffset.UTC);
    FileArticleStore store = storeOptions.apply(FileArticleStore.builder(root)
        .rescanInterval(Duration.ofMillis(500)))
        .build();
    repository = ArticleRepository.builder().store(store).clock(clock).build();
    running = options.apply(ContentServer.builder(repository).clock(clock).previewToken(TOKEN)).build().start(0);
  }

  /** The newsroom, read once, served with a preview token. */
  static TestServer newsroom(Path root) throws IOException {
    Newsroom.write(root);
    return new TestServer(root, Watching.OFF, b -> b);
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + running.port() + pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery, String... headers) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET(), headers);
  }

  HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return client.send(request.timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The body of a 200 as JSON; fails with the body when the status is another. */
  JsonNode json(String pathAndQuery, String... headers) {
    HttpResponse<String> r = get(pathAndQuery, headers);
    if (r.statusCode() != 200) {
      throw new AssertionError(pathAndQuery + " gave " + r.statusCode() + ": " + r.body());
    }
    return parse(r.body());
  }

  static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }

  @Override
  public void close() {
    running.close();
    repository.close();
  }

  /** The ids of a page's items, in order. */
  static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(i -> ids.add(i.get("id").asText()));
    return ids;
  }
}
