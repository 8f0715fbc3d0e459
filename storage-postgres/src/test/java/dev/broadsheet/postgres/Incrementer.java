package dev.broadsheet.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.StoredArticle;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Adds one to the {@code counter} of one article {@code times} times, reading it and saving with
 * the revision read, again after each conflict. Prints {@code ready}, waits for a line, then
 * prints {@code done CONFLICTS}. Run by {@link LostUpdatesTest} in a child JVM.
 */
public final class Incrementer {
  private Incrementer() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String schema = args[1];
    String id = args[2];
    int times = Integer.parseInt(args[3]);
    try (HikariDataSource pool = TestDatabase.pool(url, 2);
        PostgresArticleStore store = PostgresArticleStore.builder(pool).schema(schema).build()) {
      store.get(id).orElseThrow();
      System.out.println("ready");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      int conflicts = 0;
      for (int done = 0; done < times; ) {
        StoredArticle read = store.get(id).orElseThrow();
        long counter = (Long) read.article().extra().get("counter");
        try {
          store.put(read.article().toBuilder().putExtra("counter", counter + 1).build(), read.revision());
          done++;
        } catch (ArticleConflictException e) {
          conflicts++;
        }
      }
      System.out.println("done " + conflicts);
      System.out.flush();
    }
  }
}
