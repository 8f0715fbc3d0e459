package dev.broadsheet.bench;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.search.LuceneSearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * How soon search sees a change: from the moment {@code ArticleRepository.save} returns, or a
 * file is renamed into place or deleted in the watched folder, to the first query with text
 * that finds the article (or no longer finds it). Queries are asked back to back, one change
 * at a time; a change not seen within 10 s counts as missed.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.broadsheet.bench.SearchFreshness [CHANGES] [ARTICLES]
 * </pre>
 */
public final class SearchFreshness {
  private static final ArticleCodec CODEC = ArticleCodec.builder().build();

  private SearchFreshness() {}

  public static void main(String[] args) throws Exception {
    int changes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int articles = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    Path dir = Files.createTempDirectory("broadsheet-search-freshness");
    for (int i = 0; i < articles; i++) {
      write(dir, article("bench/a-" + i, "first"));
    }
    try (ArticleRepository repo = ArticleRepository.builder()
        .store(FileArticleStore.builder(dir).watching(Watching.LIVE).build())
        .search(LuceneSearch.builder().folder(dir.resolve(".broadsheet/search")).build())
        .build()) {
      long[] saves = new long[changes];
      long[] edits = new long[changes];
      long[] deletes = new long[changes];
      for (int i = 0; i < changes; i++) {
        String saved = word("saved", i);
        long start = System.nanoTime();
        repo.save(article("bench/a-" + (i % articles), saved));
        saves[i] = until(start, n -> n == 1, repo, saved);

        String edited = word("edited", i);
        Article next = article("bench/a-" + ((i + 1) % articles), edited);
        Path target = dir.resolve(next.id() + ".md");
        Path file = target.resolveSibling(target.getFileName() + ".tmp"); // as editors save
        Files.write(file, CODEC.write(next));
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        start = System.nanoTime();
        edits[i] = until(start, n -> n == 1, repo, edited);

        String gone = word("gone", i);
        Path doomed = write(dir, article("bench/d-" + i, gone));
        until(System.nanoTime(), n -> n == 1, repo, gone);
        Files.delete(doomed);
        start = System.nanoTime();
        deletes[i] = until(start, n -> n == 0, repo, gone);
      }
      System.out.printf(Locale.ROOT, "%d changes of each kind over %d articles%n", changes, articles);
      EventLatency.report("save -> found", saves);
      EventLatency.report("file renamed in -> found", edits);
      EventLatency.report("file deleted -> gone", deletes);
    }
  }

  /**
   * A word of letters only, unique to {@code kind} and {@code i}, at least two edits from every
   * other one, so that typo tolerance (one edit) never finds another change's word.
   */
  private static String word(String kind, int i) {
    StringBuilder b = new StringBuilder("zq").append(kind, 0, 3);
    for (char c : Integer.toString(i, 26).toCharArray()) {
      char letter = (char) (Character.isDigit(c) ? 'a' + (c - '0') : c + 10);
      b.append(letter).append(letter);
    }
    return b.append("xq").toString();
  }

  /** Microseconds from {@code start} until the count of {@code word} passes; -1 after 10 s. */
  private static long until(long start, IntPredicate done, ArticleRepository repo, String word) {
    ArticleQuery q = ArticleQuery.builder().text(word).build();
    long deadline = start + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (done.test(repo.count(q))) {
        return (System.nanoTime() - start) / 1000;
      }
      Thread.onSpinWait();
    }
    return -1;
  }

  private static Article article(String id, String word) {
    return Article.builder(id).title("Harbour report " + word)
        .publishedAt(Instant.parse("2026-01-01T00:00:00Z")).lang("en").category("LOCAL")
        .body("## Overview\n\nThe ferry crossed the harbour at dawn, " + word + ".\n").build();
  }

  private static Path write(Path dir, Article a) throws Exception {
    Path file = dir.resolve(a.id() + ".md");
    Files.createDirectories(file.getParent());
    Files.write(file, CODEC.write(a));
    return file;
  }
}
