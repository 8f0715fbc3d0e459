package dev.broadsheet.fs;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.ContentFolder.Found;
import dev.broadsheet.fs.ContentFolder.TooLargeException;
import dev.broadsheet.fs.internal.AtomicFiles;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.DocumentResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Writes and deletes article files, one writer at a time per root: this JVM's lock on the root,
 * then a file lock in the state folder that every process writing the root takes, so that the
 * comparison of revisions and the replacement of the file are one step for every writer, the
 * command line's included.
 */
final class FileWrites {
  /** The lock file every writer of a root holds while it writes, in the root's state folder. */
  static final String LOCK_FILE = "write.lock";

  private final FileArticleStore store;
  private final ContentFolder folder;
  private final ArticleCodec codec;
  private final KnownFiles known;

  FileWrites(FileArticleStore store, ContentFolder folder, ArticleCodec codec, KnownFiles known) {
    this.store = store;
    this.folder = folder;
    this.codec = codec;
    this.known = known;
  }

  /**
   * Stores {@code article} if its file still has the revision {@code expected} (any, when
   * null): the smallest edit of the file's bytes that expresses it, or a new file.
   */
  Revision put(Article article, @Nullable Revision expected) throws IOException {
    String id = article.id();
    folder.validateForWrite(id);
    return underWriteLock(id, () -> {
      Found found = folder.find(id);
      Path existing = folder.locate(id, true, found);
      removeLeftovers(found.temporaries());
      Path target = folder.checkNoLinks(id, existing != null ? existing : folder.newFile(id));
      byte[] current = existing == null ? null : folder.readOrNull(existing);
      checkExpected(id, expected, current);
      byte[] out = null;
      if (current != null) {
        DocumentResult doc = codec.parser().parse(folder.source(target), current);
        if (doc.document() != null) {
          out = codec.update(doc.document(), article);
        }
      }
      if (out == null) {
        out = codec.write(article);
      }
      if (current == null || !Arrays.equals(current, out)) {
        Files.createDirectories(target.getParent());
        folder.checkNoLinks(id, target);
        AtomicFiles.write(target, out);
      }
      Revision revision = FileArticleStore.revision(out);
      known.written(id, target, revision);
      store.cache(new StoredArticle(article, revision), out.length);
      store.changed();
      return revision;
    });
  }

  /** Deletes the file of {@code id} if it still has the revision {@code expected} (any, when null). */
  boolean delete(String id, @Nullable Revision expected) throws IOException {
    dev.broadsheet.ArticleIds.validate(id);
    return underWriteLock(id, () -> {
      Path existing = folder.locate(id, true);
      if (existing != null) {
        folder.checkNoLinks(id, existing);
      }
      byte[] current = existing == null ? null : folder.readOrNull(existing);
      checkExpected(id, expected, current);
      if (existing == null || current == null) {
        return false;
      }
      AtomicFiles.delete(existing);
      known.deleted(id);
      store.changed();
      return true;
    });
  }

  private interface WriteCall<T> {
    T call() throws IOException;
  }

  /** Runs a write holding this JVM's lock on the root and then the file lock shared with other processes. */
  private <T> T underWriteLock(String id, WriteCall<T> write) throws IOException {
    known.lock.lock();
    try (ProcessLock held = processLock()) {
      return write.call();
    } catch (TooLargeException e) {
      throw new BroadsheetException("the file of '" + id + "' is larger than " + folder.maxFileBytes() + " bytes", e);
    } finally {
      known.lock.unlock();
    }
  }

  /** Fails when the caller expected another revision than the file's bytes now have. */
  private static void checkExpected(String id, @Nullable Revision expected, byte @Nullable [] current) {
    Revision currentRevision = current == null ? Revision.NONE : FileArticleStore.revision(current);
    if (expected != null && !expected.equals(currentRevision)) {
      throw new ArticleConflictException(id, expected, currentRevision);
    }
  }

  /**
   * Deletes temporary files a killed writer left behind, and only those: a writer holds a lock
   * on its temporary file until it is renamed, so a file whose lock can be taken belongs to no
   * live writer in any process. Called holding the root's write lock.
   */
  private static void removeLeftovers(Iterable<Path> temporaries) {
    for (Path p : temporaries) {
      AtomicFiles.removeIfAbandoned(p);
    }
  }

  /** Holds the lock that serializes writers across processes on this root. */
  private record ProcessLock(FileChannel channel, FileLock lock) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }

  private ProcessLock processLock() throws IOException {
    Path dir = folder.realRoot().resolve(FileArticleStore.STATE_FOLDER);
    Files.createDirectories(dir);
    FileChannel ch = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      return new ProcessLock(ch, ch.lock());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }
}
