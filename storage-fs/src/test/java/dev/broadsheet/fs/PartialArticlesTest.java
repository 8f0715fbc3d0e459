package dev.broadsheet.fs;

import static dev.broadsheet.fs.TestFiles.article;
import static dev.broadsheet.fs.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Page;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store keeps only what the index reads; whole articles come from the files when handed out. */
class PartialArticlesTest {
  @TempDir Path root;

  private ArticleRepository open() throws IOException {
    FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).build();
    return ArticleRepository.builder().store(store).build();
  }

  @Test
  void theIndexHoldsPartialArticlesAndTheRepositoryHandsOutWholeOnes() throws IOException {
    write(root, "ferry.md", """
        ---
        title: Night ferries return
        description: The harbour runs crossings after midnight again.
        publishedAt: '2026-01-02T08:00:00.000Z'
        category: CITY
        tags: [TRANSPORT, HARBOUR]
        source:
          name: Harbour Gazette
          key: harbour-gazette
        coverImage:
          raw: 'https://example.com/ferry.jpg'
        ---
        ## Overview

        Crossings start at one.
        """);
    FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).build();
    StoredArticle loaded = store.loadAll().articles().get(0);

    assertThat(loaded.article().title()).isEmpty();
    assertThat(loaded.article().description()).isNull();
    assertThat(loaded.article().coverImage()).isNull();
    assertThat(loaded.article().source().name()).isNull();
    assertThat(loaded.article().source().key()).isEqualTo("harbour-gazette");
    assertThat(loaded.article().tags()).containsExactly("TRANSPORT", "HARBOUR");

    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      Article whole = repo.get("ferry").orElseThrow();
      assertThat(whole.title()).isEqualTo("Night ferries return");
      assertThat(whole.description()).isEqualTo("The harbour runs crossings after midnight again.");
      assertThat(whole.coverImage().raw()).isEqualTo("https://example.com/ferry.jpg");
      assertThat(whole.source().name()).isEqualTo("Harbour Gazette");
      assertThat(whole.body()).isEqualTo("## Overview\n\nCrossings start at one.\n");
      assertThat(repo.query(ArticleQuery.builder().categories("city").build()).items()).containsExactly(whole);
    }
  }

  @Test
  void anArticleWhoseFileWentAwayUnnoticedIsLeftOutRatherThanHandedOutHalf() throws IOException {
    write(root, "a.md", article("Alpha", "Body a.\n"));
    write(root, "b.md", article("Beta", "Body b.\n"));
    try (ArticleRepository repo = open()) {
      Files.delete(root.resolve("a.md")); // not watching: the index still holds it

      assertThat(repo.size()).isEqualTo(2);
      Page<Article> page = repo.query(ArticleQuery.builder().build());
      assertThat(page.items()).extracting(Article::title).containsExactly("Beta");
      // Handing it out found it gone, so the index took the deletion too.
      assertThat(repo.size()).isEqualTo(1);
      assertThat(repo.get("a")).isEmpty();
      assertThat(repo.find("a")).isEmpty();
      assertThat(repo.query(ArticleQuery.builder().build()).total()).isEqualTo(1);
    }
  }

  @Test
  void aFileEditedUnnoticedIsHandedOutByIdAsItIsNowWithItsRevision() throws IOException {
    write(root, "a.md", article("Alpha", "Body a.\n"));
    try (ArticleRepository repo = open()) {
      Path file = write(root, "a.md", article("Alpha, revised", "Body a, revised.\n"));

      Revision now = FileArticleStore.revision(Files.readAllBytes(file));
      assertThat(repo.find("a")).hasValueSatisfying(s -> {
        assertThat(s.article().title()).isEqualTo("Alpha, revised");
        assertThat(s.article().body()).isEqualTo("Body a, revised.\n");
        assertThat(s.revision()).isEqualTo(now);
      });
      assertThat(repo.get("a").orElseThrow().title()).isEqualTo("Alpha, revised");
    }
  }

  @Test
  void aPageLeavesOutAnArticleEditedUnnoticedAndTheIndexThenTakesTheEdit() throws IOException {
    write(root, "a.md", article("Alpha", "CITY", "Body a.\n"));
    write(root, "b.md", article("Beta", "CITY", "Body b.\n"));
    try (ArticleRepository repo = open()) {
      // Now in another category, which the index does not know yet.
      write(root, "a.md", article("Alpha moved", "HARBOUR", "Body a.\n"));

      ArticleQuery city = ArticleQuery.builder().categories("CITY").build();
      assertThat(repo.query(city).items()).extracting(Article::title).containsExactly("Beta");

      assertThat(repo.query(city).items()).extracting(Article::title).containsExactly("Beta");
      assertThat(repo.query(city).total()).isEqualTo(1);
      assertThat(repo.query(ArticleQuery.builder().categories("HARBOUR").build()).items())
          .extracting(Article::title).containsExactly("Alpha moved");
    }
  }

  /**
   * Under a prompt watcher (inotify here) a page hands out the articles as the index holds them,
   * without a look at each file; the watcher brings an outside edit, a move to another category
   * and a delete into the index and the pages alike, and the page never holds a half-known
   * article on the way.
   */
  @Test
  void underAPromptWatcherPagesFollowOutsideEditsThroughTheWatcher() throws Exception {
    write(root, "a.md", article("Alpha", "CITY", "Body a.\n"));
    write(root, "b.md", article("Beta", "CITY", "Body b.\n"));
    FileArticleStore store = FileArticleStore.builder(root).watching(Watching.LIVE).build();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      // Prompt once the first rescan has looked for changes made between loading and watching.
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (!store.promptlyWatched() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      if (System.getProperty("os.name", "").startsWith("Linux")) {
        assertThat(store.promptlyWatched()).as("inotify is event-driven").isTrue();
      }
      org.junit.jupiter.api.Assumptions.assumeTrue(store.promptlyWatched(),
          "the watch service of this platform polls: pages look at each file instead");
      ArticleQuery city = ArticleQuery.builder().categories("CITY").build();
      assertThat(repo.query(city).items()).extracting(Article::title).containsExactly("Alpha", "Beta");

      write(root, "a.md", article("Alpha again", "CITY", "Body a, longer now.\n"));
      awaitTitles(repo, city, "Alpha again", "Beta");
      assertThat(repo.get("a").orElseThrow().body()).isEqualTo("Body a, longer now.\n");

      write(root, "a.md", article("Alpha moved", "HARBOUR", "Body a.\n"));
      awaitTitles(repo, city, "Beta");
      assertThat(repo.query(ArticleQuery.builder().categories("HARBOUR").build()).items())
          .extracting(Article::title).containsExactly("Alpha moved");

      Files.delete(root.resolve("b.md"));
      awaitTitles(repo, city);
      assertThat(store.promptlyWatched()).isTrue();
    }
    assertThat(store.promptlyWatched()).as("closed").isFalse();
    FileArticleStore off = FileArticleStore.builder(root).watching(Watching.OFF).build();
    off.loadAll();
    assertThat(off.promptlyWatched()).as("not watching").isFalse();
    off.close();
  }

  /** Waits (10 s at most) until the pages of {@code q} hold exactly {@code titles}, in order. */
  private static void awaitTitles(ArticleRepository repo, ArticleQuery q, String... titles) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    List<String> seen = List.of();
    while (System.nanoTime() < deadline) {
      Page<Article> page = repo.query(q);
      seen = page.items().stream().map(Article::title).toList();
      // Whatever a page holds on the way is whole: a title and a body from one revision.
      for (Article a : page.items()) {
        assertThat(a.body()).as(a.title()).startsWith(a.title().startsWith("Alpha again") ? "Body a, longer" : "Body ");
      }
      if (seen.equals(List.of(titles))) {
        return;
      }
      Thread.sleep(5);
    }
    assertThat(seen).containsExactly(titles);
  }

  /**
   * A page of many articles reads their files together (in parallel): each comes out whole, in
   * the page's order, and those edited or deleted unnoticed are left out as one at a time would.
   */
  @Test
  void aLargePageReadsItsFilesTogetherAndStillLeavesOutWhatChanged() throws IOException {
    for (int i = 0; i < 40; i++) {
      write(root, String.format("a%02d.md", i), article("Article " + i, "Body " + i + ".\n"));
    }
    try (ArticleRepository repo = open()) {
      write(root, "a03.md", article("Article 3, moved", "HARBOUR", "Body 3.\n"));
      write(root, "a17.md", article("Article 17, moved", "HARBOUR", "Body 17.\n"));
      Files.delete(root.resolve("a25.md"));
      ArticleQuery city = ArticleQuery.builder().categories("CITY").sort(dev.broadsheet.Sort.OLDEST).limit(100).build();

      java.util.List<String> expected = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        if (i != 3 && i != 17 && i != 25) {
          expected.add(String.format("a%02d", i));
        }
      }
      Page<Article> page = repo.query(city);
      assertThat(page.items()).extracting(Article::id).containsExactlyElementsOf(expected);
      assertThat(page.items()).allSatisfy(a -> assertThat(a.body()).isEqualTo("Body " + Integer.parseInt(a.id().substring(1)) + ".\n"));
      assertThat(repo.size()).isEqualTo(39); // the deletion reached the index
      assertThat(repo.query(ArticleQuery.builder().categories("HARBOUR").build()).items())
          .extracting(Article::title).containsExactlyInAnyOrder("Article 3, moved", "Article 17, moved");
    }
  }
}
