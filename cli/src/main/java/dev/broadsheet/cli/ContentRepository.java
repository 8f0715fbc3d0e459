package dev.broadsheet.cli;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.Problem;
import dev.broadsheet.search.LuceneSearch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A content folder opened as an {@link ArticleRepository} over its store (a folder's, or a database's): the same
 * ids, collision rules and problem reports an application gets. Files that cannot be read or
 * are invalid are skipped and reported as problems, so one bad file never hides the others.
 *
 * <p>A command closes what it opened before it exits, after its output is out: closing writes
 * the store's metadata snapshot when it is behind, so that the next command starts from it
 * instead of reading every file again.
 */
final class ContentRepository {

  /** The repository over the folder's valid articles, its store, and the problems of every file skipped. */
  record Opened(ArticleRepository repository, StoreLocation.Opened store, List<Problem> problems) implements AutoCloseable {
    /** Closes the repository and its store, writing the snapshot if it is behind. */
    @Override
    public void close() {
      try {
        repository.close();
      } finally {
        store.close();
      }
    }
  }

  /** The largest page a query may ask for. */
  static final int MAX_PAGE_SIZE = 1000;

  private ContentRepository() {}

  /** Reads every article file below {@code folder}; never throws for a bad file. */
  static Opened open(Path folder) {
    return open(new StoreLocation.Folder(folder), StoreLocation.Use.ONE_SHOT, false);
  }

  /**
   * Reads every article of the store at {@code location}; never throws for a bad article.
   * {@code pushdown}: a database answers the queries itself.
   */
  static Opened open(StoreLocation location, StoreLocation.Use use, boolean pushdown) {
    StoreLocation.Opened store = null;
    try (Progress progress = Progress.start("reading " + location.shown())) {
      store = location.open(use, pushdown);
      ArticleRepository.Builder builder = ArticleRepository.builder()
          .store(store.store())
          .maxPageSize(MAX_PAGE_SIZE)
          // Built at the first query with text, then brought up to date from the revisions it
          // holds: a command that does not search does not pay for it.
          .search(LuceneSearch.builder().folder(location.searchFolder()).build())
          .searchOnFirstUse();
      Path index = location.indexFile();
      if (index != null) {
        builder.indexFile(index);
      }
      ArticleRepository repository = builder.build();
      return new Opened(repository, store, repository.problems());
    } catch (IOException | RuntimeException e) {
      if (store != null) {
        store.close();
      }
      if (e instanceof BroadsheetException b) {
        throw b;
      }
      throw new BroadsheetException("cannot read " + location.shown() + ": "
          + (e instanceof IOException io ? ContentFiles.describe(io) : String.valueOf(e.getMessage())), e);
    }
  }
}
