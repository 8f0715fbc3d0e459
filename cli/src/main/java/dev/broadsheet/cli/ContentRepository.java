package dev.broadsheet.cli;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.Problem;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A content folder opened as an {@link ArticleRepository} over the filesystem store: the same
 * ids, collision rules and problem reports an application gets. Files that cannot be read or
 * are invalid are skipped and reported as problems, so one bad file never hides the others.
 *
 * <p>A command closes what it opened before it exits, after its output is out: closing writes
 * the store's metadata snapshot when it is behind, so that the next command starts from it
 * instead of reading every file again.
 */
final class ContentRepository {

  /** The repository over the folder's valid articles, its store, and the problems of every file skipped. */
  record Opened(ArticleRepository repository, FileArticleStore store, List<Problem> problems) implements AutoCloseable {
    /** Closes the repository and its store, writing the snapshot if it is behind. */
    @Override
    public void close() {
      repository.close();
    }
  }

  /** The largest page a query may ask for. */
  static final int MAX_PAGE_SIZE = 1000;

  private ContentRepository() {}

  /** Reads every article file below {@code folder}; never throws for a bad file. */
  static Opened open(Path folder) {
    try (Progress progress = Progress.start("reading " + ContentFiles.shown(folder))) {
      FileArticleStore store = FileArticleStore.builder(folder).watching(Watching.OFF).build();
      ArticleRepository repository = ArticleRepository.builder()
          .store(store)
          .maxPageSize(MAX_PAGE_SIZE)
          .build();
      return new Opened(repository, store, repository.problems());
    } catch (IOException e) {
      throw new BroadsheetException("cannot read " + ContentFiles.shown(folder) + ": " + ContentFiles.describe(e), e);
    }
  }
}
