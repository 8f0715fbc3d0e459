package dev.broadsheet.fs;

import dev.broadsheet.Article;
import dev.broadsheet.Revision;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * Saves and now and then deletes articles in a loop until it is killed, printing {@code id
 * revision} (or {@code id -} for a delete) after each write returned. Run by {@link
 * JournalCrashTest} in a child JVM.
 */
public final class JournalingWriter {
  static final int IDS = 5;

  private JournalingWriter() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    long run = Long.parseLong(args[1]);
    Random random = new Random(Long.parseLong(args[2]));
    PrintStream out = new PrintStream(System.out, false, "UTF-8");
    try (FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).build()) {
      for (long seq = 0; ; seq++) {
        String id = "j/a" + random.nextInt(IDS);
        if (random.nextInt(10) == 0) {
          if (store.delete(id, null)) {
            out.println(id + " -");
            out.flush();
          }
          continue;
        }
        long marker = run * 1_000_000 + seq;
        Article a = Article.builder(id)
            .title("Journal " + marker)
            .publishedAt(Instant.parse("2026-01-02T08:00:00Z").plusSeconds(marker % 1000))
            .draft(random.nextInt(4) == 0)
            .body(("Marker " + marker + ".\n").repeat(1 + random.nextInt(200)))
            .build();
        Revision r = store.put(a, null);
        out.println(id + " " + r.value());
        out.flush();
      }
    }
  }
}
