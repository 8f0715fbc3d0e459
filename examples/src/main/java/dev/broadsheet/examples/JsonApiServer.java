package dev.broadsheet.examples;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.server.ContentServer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The content API embedded in an application: a repository over a folder, and a server over
 * the repository. Edit a file while it runs and the next request sees the change.
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
 *     dev.broadsheet.examples.JsonApiServer [CONTENT_FOLDER] [PORT]
 * curl 'http://127.0.0.1:8080/articles?category=SPORTS&limit=3'
 * }</pre>
 */
public final class JsonApiServer {
  private JsonApiServer() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path content = SampleFolder.of(args);
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8080;
    try (ContentServer.Running running = start(content, port)) {
      Thread.currentThread().join(); // serve until the process is stopped
    }
  }

  /** Everything an application needs: ten lines. */
  static ContentServer.Running start(Path content, int port) throws IOException {
    // The default store watches the folder, so edits on disk reach the API within a second.
    ArticleRepository repository = ArticleRepository.builder()
        .store(FileArticleStore.builder(content).build())
        .build();
    ContentServer server = ContentServer.builder(repository)
        .previewToken(System.getenv("BROADSHEET_PREVIEW_TOKEN")) // null: drafts stay private
        .cacheControl("public, max-age=60")                      // for a CDN in front
        .build();
    ContentServer.Running running = server.start(port);          // 127.0.0.1 only
    System.out.println("Serving " + repository.size() + " articles on " + running.uri());
    System.out.println("Try " + running.uri() + "articles?category=SPORTS&limit=3");
    return running;
  }
}
