package dev.broadsheet.fs;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.InvalidArticleException;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.fs.ContentFolder.Found;
import dev.broadsheet.fs.ContentFolder.TooLargeException;
import dev.broadsheet.fs.internal.AtomicFiles;
import dev.broadsheet.fs.internal.JournalBase.Last;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.ArticleResult;
import dev.broadsheet.markdown.DocumentResult;
import dev.broadsheet.spi.LoggedChange.Timing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
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
  /** This JVM's lock for each lock file, taken before the file lock. */
  private static final Map<Path, ReentrantLock> FILE_LOCKS = new ConcurrentHashMap<>();

  private final FileArticleStore store;
  private final ContentFolder folder;
  private final ArticleCodec codec;
  private final KnownFiles known;
  /** The count of writes this store left in each lock file (see {@link #underWriteLock}). */
  private final Map<Path, Long> writeCounts = new ConcurrentHashMap<>();

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
        folder.changed(target, true);
      }
      Revision revision = FileArticleStore.revision(out);
      known.written(id, target, revision);
      journal(id, target, current, new Last(revision, Timing.of(article)));
      store.cache(new StoredArticle(article, revision), out.length);
      store.changed();
      return revision;
    });
  }

  /**
   * Writes {@code content} as the file of {@code id} if it still has the revision {@code
   * expected}: an existing file in place, a new one as {@code <id>.<extension>} (the store's
   * extension for new files when null). Only a valid article is written.
   */
  Revision putFile(String id, @Nullable String extension, byte[] content, @Nullable Revision expected) throws IOException {
    folder.validateForWrite(id);
    ArticleResult read = codec.read(id, id, content);
    if (!read.isValid()) {
      throw new InvalidArticleException(read.problems());
    }
    return underWriteLock(id, () -> {
      Found found = folder.find(id);
      Path existing = folder.locate(id, true, found);
      removeLeftovers(found.temporaries());
      Path fresh = extension == null ? folder.newFile(id) : folder.realRoot().resolve(id + "." + extension);
      Path target = folder.checkNoLinks(id, existing != null ? existing : fresh);
      byte[] current = existing == null ? null : folder.readOrNull(existing);
      checkExpected(id, expected, current);
      if (current == null || !Arrays.equals(current, content)) {
        Files.createDirectories(target.getParent());
        folder.checkNoLinks(id, target);
        AtomicFiles.write(target, content);
        folder.changed(target, true);
      }
      Revision revision = FileArticleStore.revision(content);
      known.written(id, target, revision);
      journal(id, target, current, new Last(revision, Timing.of(read.article())));
      store.cache(new StoredArticle(read.article(), revision), content.length);
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
      folder.changed(existing, false);
      known.deleted(id);
      journal(id, existing, current, null);
      store.changed();
      return true;
    });
  }

  /**
   * Journals a write that succeeded, durably, before it returns (and so before the repository or
   * any listener hears of it). Under the write lock.
   */
  private void journal(String id, Path file, byte @Nullable [] current, @Nullable Last after) throws IOException {
    Journal j = store.journal();
    if (j != null) {
      j.written(id, current, bytes -> {
        ArticleResult r = codec.readFrontmatter(id, folder.source(file), bytes);
        return r.isValid() ? Timing.of(r.article()) : null;
      }, after);
    }
  }

  interface WriteCall<T> {
    T call() throws IOException;
  }

  /**
   * Runs {@code call} holding this JVM's lock on the root and the root's write lock file, which
   * every writer of a file under the root takes: no write of the root, in any process, runs
   * meanwhile. For journaling what a look at a file found.
   */
  <T> T underRootLock(WriteCall<T> call) throws IOException {
    known.lock.lock();
    try {
      Path state = folder.realRoot().resolve(FileArticleStore.STATE_FOLDER);
      Files.createDirectories(state);
      try (Held held = lock(List.of(state.resolve(LOCK_FILE)))) {
        return call.call();
      }
    } finally {
      known.lock.unlock();
    }
  }

  /**
   * Runs a write of {@code id} holding this JVM's lock on the root, then the write locks every
   * process takes (see {@link #lockFiles}).
   */
  private <T> T underWriteLock(String id, WriteCall<T> write) throws IOException {
    known.lock.lock();
    try (Held held = lock(lockFiles(id))) {
      // Every writer counts its writes in the lock files it holds: a count this store did not
      // leave there means another store (most often another process) wrote since, and what this
      // one listed of the folders is listed again, whatever their change times say.
      long[] counts = new long[held.channels().size()];
      boolean others = false;
      for (int i = 0; i < counts.length; i++) {
        counts[i] = writeCount(held.channels().get(i));
        Long mine = writeCounts.get(held.files().get(i));
        others |= mine == null || mine != counts[i];
      }
      if (others) {
        folder.forgetListings();
      }
      T result;
      try {
        result = write.call();
      } catch (IOException | RuntimeException | Error e) {
        try {
          countWrite(held, counts); // it may have changed files before it failed
        } catch (IOException c) {
          e.addSuppressed(c);
        }
        throw e;
      }
      countWrite(held, counts);
      return result;
    } catch (TooLargeException e) {
      throw new BroadsheetException("the file of '" + id + "' is larger than " + folder.maxFileBytes() + " bytes", e);
    } finally {
      known.lock.unlock();
    }
  }

  /**
   * The lock files a writer of {@code id} takes, outermost first: the root's, in its state folder
   * (made if need be), and that of every folder between the root and the article's that has a
   * state folder of its own. A store rooted further down, and the command line's {@code set FILE}
   * (which takes the outermost root that has a state folder, see {@link FileArticleStore#rootOf}),
   * take the same files for the same article, so every writer of a file excludes every other.
   */
  private List<Path> lockFiles(String id) throws IOException {
    Path root = folder.realRoot();
    Path state = root.resolve(FileArticleStore.STATE_FOLDER);
    Files.createDirectories(state);
    List<Path> out = new ArrayList<>();
    out.add(state.resolve(LOCK_FILE));
    String[] segments = id.split("/");
    Path dir = root;
    for (int i = 0; i < segments.length - 1; i++) {
      dir = dir.resolve(segments[i]);
      Path inner = dir.resolve(FileArticleStore.STATE_FOLDER);
      if (Files.isDirectory(inner, LinkOption.NOFOLLOW_LINKS)) {
        out.add(inner.resolve(LOCK_FILE));
      }
    }
    return out;
  }

  /** Leaves one more than {@code counts} in each lock file {@code held}, and remembers it. */
  private void countWrite(Held held, long[] counts) throws IOException {
    for (int i = 0; i < counts.length; i++) {
      long next = counts[i] + 1;
      ByteBuffer b = ByteBuffer.allocate(Long.BYTES).putLong(0, next);
      while (b.hasRemaining()) {
        held.channels().get(i).write(b, b.position());
      }
      writeCounts.put(held.files().get(i), next);
    }
  }

  /** The count of writes a lock file holds (see {@link #underWriteLock}); 0 in a new or older one. */
  private static long writeCount(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(Long.BYTES);
    while (b.hasRemaining()) {
      if (ch.read(b, b.position()) < 0) {
        return 0;
      }
    }
    return b.getLong(0);
  }

  /** Locks held, released in reverse order. */
  private record Held(List<Path> files, List<ReentrantLock> jvm, List<FileChannel> channels) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      IOException failed = null;
      for (int i = channels.size() - 1; i >= 0; i--) {
        try {
          channels.get(i).close(); // releases its lock
        } catch (IOException e) {
          failed = e;
        }
      }
      for (int i = jvm.size() - 1; i >= 0; i--) {
        jvm.get(i).unlock();
      }
      if (failed != null) {
        throw failed;
      }
    }
  }

  /**
   * Takes each lock file in order: first this JVM's lock for it (a file lock excludes only other
   * processes, and two channels of one JVM on one file must not both lock it), then the file lock.
   */
  private static Held lock(List<Path> files) throws IOException {
    List<ReentrantLock> jvm = new ArrayList<>();
    List<FileChannel> channels = new ArrayList<>();
    Held held = new Held(files, jvm, channels);
    try {
      for (Path f : files) {
        ReentrantLock l = FILE_LOCKS.computeIfAbsent(f, k -> new ReentrantLock());
        l.lock();
        jvm.add(l);
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        channels.add(ch);
        ch.lock();
      }
      return held;
    } catch (IOException | RuntimeException e) {
      held.close();
      throw e;
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

}
