package dev.broadsheet.examples;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleEvent;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Revision;
import dev.broadsheet.Sentiment;
import dev.broadsheet.Source;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The life of one article through the repository: create, update, a conflicting update and
 * how to resolve it, delete. Works on a copy of the sample articles in a temporary folder,
 * which it removes at the end; the sample folder is never written.
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
 *     dev.broadsheet.examples.Editorial [CONTENT_FOLDER]
 * }</pre>
 */
public final class Editorial {
  private Editorial() {}

  public static void main(String[] args) throws IOException {
    Path workspace = Files.createTempDirectory("broadsheet-editorial");
    try {
      int copied = copyArticles(SampleFolder.of(args), workspace);
      System.out.println("working on a copy of " + copied + " sample articles");
      edit(workspace);
    } finally {
      deleteRecursively(workspace);
    }
  }

  private static void edit(Path folder) throws IOException {
    // A fixed clock makes every date, and so every file and revision, the same on each run.
    // An application keeps the default, the system clock.
    Clock clock = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);

    FileArticleStore store = FileArticleStore.builder(folder).watching(Watching.OFF).build();
    try (ArticleRepository repository = ArticleRepository.builder()
        .store(store)
        .clock(clock)
        // Listeners hear every change once it is visible to queries: refresh caches, ping a
        // search index, push to subscribers.
        .listener(Editorial::printEvent)
        // Here on the writing thread, so that events print in order with the rest; by default
        // listeners run on threads of their own and never hold up a write.
        .listenerExecutor(Runnable::run)
        .build()) {

      // ---- Create. Revision.NONE means "only if no article has this id yet", so two editors
      // cannot both create the same story.
      String id = "2026/11/harbourside-library-opens-late-on-thursdays";
      Article article = Article.builder(id)
          .title("Harbourside Library to Open Late on Thursdays")
          .description("The central library will stay open until ten on Thursday evenings from January.")
          .publishedAt(clock.instant())
          .lang("en")
          .source(Source.of("Harbourside Gazette", "harbourside-gazette", "RSS"))
          .category("LOCAL")
          .tags("CITY", "LIBRARIES")
          .sentiment(Sentiment.POSITIVE)
          .body("""
              ## Overview

              The central library in Harbourside will stay open until ten in the evening on \
              Thursdays from January, the council said.
              """)
          .build();
      Revision created = repository.save(article, Revision.NONE);
      System.out.println("created " + id + " at revision " + created);

      // ---- Update. Read the article with its revision, change it, save it with that revision:
      // the save succeeds only if nobody changed the article in between.
      StoredArticle read = repository.find(id).orElseThrow();
      Article pinned = read.article().toBuilder().stickyWeight(2).updatedAt(clock.instant()).build();
      Revision updated = repository.save(pinned, read.revision());
      System.out.println("updated " + id + ": stickyWeight 2, revision " + created + " -> " + updated);

      // ---- A conflicting update. A second editor read the article before the update above and
      // now saves a new title with the revision they read, which is no longer the stored one.
      Article retitled = article.withTitle("Harbourside Library Extends Thursday Opening Hours");
      try {
        repository.save(retitled, created);
      } catch (ArticleConflictException e) {
        System.out.println("conflict: " + e.getMessage());

        // ---- Resolve it: read the article again, apply the same change to what is stored now,
        // and save with the current revision. The pin from the first update is kept.
        StoredArticle current = repository.find(id).orElseThrow();
        Article merged = current.article().withTitle(retitled.title());
        Revision resolved = repository.save(merged, current.revision());
        System.out.println("resolved: new title saved over revision " + current.revision() + " -> " + resolved
            + ", stickyWeight still " + merged.stickyWeight());
      }

      // The file is ordinary Markdown with YAML frontmatter, in the canonical field order.
      Path file = folder.resolve(id + ".md");
      List<String> frontmatter = Files.readAllLines(file).subList(0, 6);
      frontmatter.forEach(line -> System.out.println("  " + line));

      // ---- Delete, again guarded by the revision read last.
      StoredArticle last = repository.find(id).orElseThrow();
      boolean deleted = repository.delete(id, last.revision());
      System.out.println("deleted " + id + ": " + deleted + ", file left: " + Files.exists(file));
    }
  }

  private static void printEvent(ArticleEvent event) {
    System.out.println("event: " + event.type() + " " + event.id() + " ("
        + (event.oldRevision() == null ? "none" : event.oldRevision()) + " -> "
        + (event.newRevision() == null ? "none" : event.newRevision()) + ")");
  }

  // ------------------------------------------------------------------ files

  private static int copyArticles(Path from, Path to) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(from)) {
      files = walk.filter(p -> p.getFileName().toString().endsWith(".md")).filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Path target = to.resolve(from.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
    return files.size();
  }

  private static void deleteRecursively(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
