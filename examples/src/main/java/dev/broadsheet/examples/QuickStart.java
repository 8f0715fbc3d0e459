package dev.broadsheet.examples;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Page;
import dev.broadsheet.Sort;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.markdown.render.ArticleRenderer;
import dev.broadsheet.markdown.render.RenderedArticle;
import java.io.IOException;
import java.nio.file.Path;

/**
 * From a folder of Markdown articles to a home page: open the folder, ask for the ten articles
 * a front page shows, print them, then the first one's sections.
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
 *     dev.broadsheet.examples.QuickStart [CONTENT_FOLDER]
 * }</pre>
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) throws IOException {
    Path content = SampleFolder.of(args);

    // A store reads the folder: one article per file, its id the path without ".md"
    // (2026/11/some-story). Watching.OFF reads the folder once; a long-running application
    // keeps the default, LIVE, and sees files change while it runs.
    FileArticleStore store = FileArticleStore.builder(content).watching(Watching.OFF).build();

    // The repository indexes every article in memory and answers queries. It is thread-safe:
    // build one when the application starts and share it.
    try (ArticleRepository repository = ArticleRepository.builder().store(store).build()) {
      // A file that cannot be read is skipped and reported; it never stops the others loading.
      repository.problems().forEach(System.err::println);

      // The home feed: pinned articles first (highest stickyWeight first), then the newest.
      // Drafts, scheduled and expired articles stay out unless a query asks for them.
      ArticleQuery home = ArticleQuery.builder().sort(Sort.STICKY_FIRST).limit(10).build();
      Page<Article> page = repository.query(home);
      System.out.println("Home feed: " + page.items().size() + " of " + page.total() + " articles, pinned first");
      for (Article a : page.items()) {
        System.out.println(a.id() + " | " + a.title() + " | " + a.category() + " | sticky " + a.stickyWeight());
      }

      // The article page: the renderer turns the body into safe HTML (raw HTML escaped,
      // javascript: links dropped) and into the pieces a page lays out. ArticleRenderer caches
      // by id and revision, so an edited article is rendered again and never served stale.
      ArticleRenderer renderer = ArticleRenderer.builder().build();
      StoredArticle top = repository.find(page.items().get(0).id()).orElseThrow();
      RenderedArticle rendered = renderer.render(top);
      System.out.println();
      System.out.println(top.article().title() + " (" + rendered.readingTime().toMinutes() + " min read)");
      System.out.println(rendered.excerpt(100));
      for (RenderedArticle.Section section : rendered.sections()) {
        System.out.println("  " + section.title() + "  #" + section.id() + "  " + section.html().length() + " bytes of HTML");
      }
    }
  }
}
