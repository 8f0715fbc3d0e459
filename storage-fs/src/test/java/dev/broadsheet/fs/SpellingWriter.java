package dev.broadsheet.fs;

import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Revision;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Creates the articles {@code race/item-0} to {@code race/item-(n-1)}, each only if no article
 * holds its id in any spelling, spelling the ids in lower or upper case as told. Waits for a
 * line on stdin before starting, so two of them run at once; prints how many it made and how
 * many it found made in the other spelling. Run by {@link TwoProcessTest} in a child JVM.
 */
public final class SpellingWriter {
  private SpellingWriter() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    boolean upper = args[2].equals("upper");
    try (FileArticleStore store = FileArticleStore.builder(root).watching(Watching.OFF).build()) {
      store.loadAll();
      TestFiles.readyThenWait();
      int made = 0;
      int taken = 0;
      for (int i = 0; i < n; i++) {
        String id = "race/item-" + i;
        if (upper) {
          id = "race/" + ("item-" + i).toUpperCase(Locale.ROOT);
        }
        try {
          store.put(TestFiles.sample(id, "Item " + i, "Made " + (upper ? "loud" : "quiet") + ".\n"), Revision.NONE);
          made++;
        } catch (InvalidIdException | ArticleConflictException e) {
          taken++;
        }
      }
      System.out.println("done " + made + " " + taken);
      System.out.flush();
    }
  }
}
