package dev.broadsheet.bench;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.markdown.ArticleCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/**
 * Durable saves per second with one writer, next to the raw rate of what a durable save must
 * do at least (write a temporary file, fsync it, rename it over the target, fsync the folder)
 * on the same disk: {@code java -cp benchmarks.jar dev.broadsheet.bench.DurableSaves DIR [N [FILES]]},
 * with {@code FILES} other articles (none unless given) in the saved article's folder.
 */
public final class DurableSaves {
  private DurableSaves() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    Files.createDirectories(dir.resolve("saves"));
    Files.createDirectories(dir.resolve("raw"));
    Article base = Article.builder("saves/a")
        .title("A durable save")
        .publishedAt(Instant.parse("2026-01-30T02:57:10Z"))
        .category("BUSINESS")
        .tags("AI")
        .body("## Overview\n\n" + "Text of the article. ".repeat(200) + "\n")
        .build();
    byte[] bytes = ArticleCodec.builder().build().write(base);
    int others = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    for (int i = 0; i < others; i++) {
      Files.write(dir.resolve("saves/other-" + i + ".md"), bytes);
    }

    // Raw: temp file, fsync, rename, fsync of the folder.
    Path target = dir.resolve("raw/a.md");
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Path temp = dir.resolve("raw/.a.md.tmp");
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel d = FileChannel.open(dir.resolve("raw"), StandardOpenOption.READ)) {
        d.force(true);
      }
    }
    double raw = n / ((System.nanoTime() - t0) / 1e9);

    FileArticleStore store = FileArticleStore.builder(dir).watching(Watching.OFF).build();
    try (ArticleRepository repo = ArticleRepository.builder().store(store).build()) {
      repo.save(base);
      long t1 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        repo.save(base.withStickyWeight(1 + i % 50));
      }
      double saves = n / ((System.nanoTime() - t1) / 1e9);
      System.out.printf(Locale.ROOT,
          "%d saves of a %d-byte article beside %d others: %.0f saves/s; raw temp+fsync+rename+fsync: %.0f/s (%.0f%%)%n",
          n, bytes.length, others, saves, raw, 100 * saves / raw);
    }
  }
}
