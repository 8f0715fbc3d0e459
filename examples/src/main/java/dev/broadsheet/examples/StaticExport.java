package dev.broadsheet.examples;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The content as static JSON files, for a CDN or any static file host: the same answers as the
 * content API, without a server. Only what the public may see is written, and the same content
 * always gives the same bytes, so a sync tool uploads only what changed.
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
 *     dev.broadsheet.examples.StaticExport [CONTENT_FOLDER] [OUT_FOLDER]
 * }</pre>
 */
public final class StaticExport {
  private StaticExport() {}

  public static void main(String[] args) throws IOException {
    Path content = SampleFolder.of(args);
    Path out = Path.of(args.length > 1 ? args[1] : "target/static-api");

    FileArticleStore store = FileArticleStore.builder(content).watching(Watching.OFF).build();
    try (ArticleRepository repository = ArticleRepository.builder().store(store).build()) {
      // Built in a hidden folder next to OUT and renamed into place: a reader sees the old
      // export or the new one, never half of one.
      dev.broadsheet.json.StaticExport.Result result = dev.broadsheet.json.StaticExport.builder()
          .pageSize(10)
          .build()
          .write(repository, out);
      System.out.println("Exported " + result.articles() + " articles in " + result.files() + " files to " + out);
      System.out.println("  " + out.resolve("index.json") + "        every article, feed and facet");
      System.out.println("  " + out.resolve("feed/page-1.json") + "  the front page");
    }
  }
}
