package dev.broadsheet.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Article;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

/**
 * Saves articles in a loop until it is killed, printing {@code id marker} after each save
 * returned. Run by {@link CrashTest} in a child JVM.
 */
public final class CrashingSaver {
  static final int IDS = 6;
  /** What the saver's sessions are called in pg_stat_activity. */
  static final String APPLICATION_NAME = "broadsheet crash saver";

  private CrashingSaver() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String schema = args[1];
    long run = Long.parseLong(args[2]);
    Random random = new Random(Long.parseLong(args[3]));
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try (HikariDataSource pool = TestDatabase.pool(url, 2, APPLICATION_NAME);
        PostgresArticleStore store = PostgresArticleStore.builder(pool).schema(schema).build()) {
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
