package dev.broadsheet.fs;

import dev.broadsheet.Article;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * Saves articles in a loop until it is killed, printing {@code id marker} after each save
 * returned. Run by {@link CrashTest} in a child JVM.
 */
public final class CrashingWriter {
  static final int IDS = 6;

  private CrashingWriter() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    long run = Long.parseLong(args[1]);
    Random random = new Random(Long.parseLong(args[2]));
    PrintStream out = new PrintStream(System.out, false, "UTF-8");
    try (FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).build()) {
      for (long seq = 0; ; seq++) {
        String id = "crash/a" + random.nextInt(IDS);
        long marker = run * 1_000_000 + seq;
        String line = "Marker " + marker + " says hello.\n";
        Article a = Article.builder(id)
            .title("Crash " + marker)
            .publishedAt(Instant.parse("2026-01-02T08:00:00Z"))
            .putExtra("marker", marker)
            .body(line.repeat(1 + random.nextInt(6000)) + "end " + marker + "\n")
            .build();
        store.put(a, null);
        out.println(id + " " + marker);
        out.flush();
      }
    }
  }
}
