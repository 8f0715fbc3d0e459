package dev.broadsheet.fs;

import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.StoredArticle;
import java.nio.file.Path;
import java.util.Random;

/**
 * Adds one to the {@code counter} field of random articles, {@code updates} times, reading the
 * revision and saving with it, retrying on conflict. Waits for a line on stdin before starting,
 * so two of them run at once. Run by {@link TwoProcessTest} in a child JVM.
 */
public final class CounterWriter {
  private CounterWriter() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int ids = Integer.parseInt(args[1]);
    int updates = Integer.parseInt(args[2]);
    Random random = new Random(Long.parseLong(args[3]));
    try (FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).build()) {
      store.loadAll();
      TestFiles.readyThenWait();
      int conflicts = 0;
      for (int done = 0; done < updates; ) {
        String id = "c" + random.nextInt(ids);
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
