package dev.broadsheet.fs.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Durable, atomic file replacement: a temporary file in the target's folder, fsync, rename over
 * the target, fsync of the folder. A reader, and the file after a crash, see the old bytes or
 * the new ones, never a mix. The one way Broadsheet replaces a file, for the store and the
 * command line alike.
 *
 * <ul>
 *   <li>An existing target keeps its POSIX permissions.
 *   <li>The rename is atomic or the write fails: a file system that cannot rename atomically
 *       gets an {@link AtomicMoveNotSupportedException}, never a silent copy.
 *   <li>The writer holds a lock on its temporary file until the rename, so that a temporary
 *       file a crashed writer left behind can be told from one a live writer (in any process)
 *       is about to rename: see {@link #removeIfAbandoned}.
 * </ul>
 */
public final class AtomicFiles {
  /** Temporary files start with a dot and hold this marker. */
  public static final String TEMP_MARKER = ".tmp-";
  /** The temporary files this JVM is writing now; another thread of it must not take them for leftovers. */
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

  private AtomicFiles() {}

  /** Replaces (or creates) {@code target} with {@code bytes}; a reader sees old or new, never half. */
  public static void write(Path target, byte[] bytes) throws IOException {
    replace(target, out -> out.write(bytes), true);
  }

  /** Writes a file's content to a stream. */
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Replaces (or creates) {@code target} with what {@code content} writes, atomically but not
   * durably: a reader sees the old file or the whole new one, but after a power failure the
   * new one may be missing or damaged. For caches that check what they read; a large file
   * written this way does not hold up the fsyncs of durable writes.
   */
  public static void replace(Path target, Content content) throws IOException {
    replace(target, content, false);
  }

  private static void replace(Path target, Content content, boolean durable) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = dir.resolve(tempName(target.getFileName().toString()));
    LIVE.add(temp);
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        FileLock held = ch.lock();
        try {
          copyPermissions(target, temp);
          if (durable) {
            content.writeTo(Channels.newOutputStream(new Unclosable(ch)));
            ch.force(true);
          } else {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(new Unclosable(ch)), 1 << 16);
            content.writeTo(out);
            out.flush();
          }
          move(temp, target);
        } finally {
          if (held.isValid()) {
            held.release();
          }
        }
      }
    } finally {
      try {
        Files.deleteIfExists(temp);
      } finally {
        LIVE.remove(temp);
      }
    }
    if (durable) {
      syncDirectory(dir);
    }
  }

  /** A channel whose close a stream over it cannot reach: the writer closes it after the rename. */
  private static final class Unclosable implements java.nio.channels.WritableByteChannel {
    private final FileChannel ch;

    Unclosable(FileChannel ch) {
      this.ch = ch;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return ch.write(src);
    }

    @Override
    public boolean isOpen() {
      return ch.isOpen();
    }

    @Override
    public void close() {
      // the writer closes the channel once the file is renamed
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new AtomicMoveNotSupportedException(temp.toString(), target.toString(),
          "the file system cannot replace a file atomically, so a reader or a crash could see half of it; "
              + "nothing was written");
    }
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = view.readAttributes().permissions();
    } catch (NoSuchFileException e) {
      return; // a new file: the process's defaults
    }
    Files.setPosixFilePermissions(to, permissions);
  }

  /**
   * A hidden name next to the target, short enough for any file system even when the target's
   * own name is close to the 255-byte limit.
   */
  static String tempName(String targetName) {
    String prefix = targetName.getBytes(StandardCharsets.UTF_8).length <= 150 ? targetName : "article";
    return "." + prefix + TEMP_MARKER + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** Deletes {@code target} durably. */
  public static boolean delete(Path target) throws IOException {
    boolean deleted = Files.deleteIfExists(target);
    if (deleted) {
      syncDirectory(target.toAbsolutePath().getParent());
    }
    return deleted;
  }

  /** Makes a rename or deletion in {@code dir} durable; a no-op where the platform cannot. */
  public static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a folder; the rename is still atomic there.
    }
  }

  /**
   * Deletes the temporary file {@code temp} if no live writer owns it: it is not one this JVM is
   * writing, and no writer in another process holds its lock. A writer locks its temporary file
   * right after creating it; callers hold the root's write lock, which every writer of the root
   * holds from before it creates its temporary file, so none can be caught in between.
   *
   * @return whether it was deleted
   */
  public static boolean removeIfAbandoned(Path temp) {
    if (LIVE.contains(temp.toAbsolutePath())) {
      return false;
    }
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
        FileLock lock = ch.tryLock();
        if (lock == null) {
          return false; // a writer in another process holds it
        }
        try {
          return Files.deleteIfExists(temp);
        } finally {
          lock.release();
        }
      }
    } catch (OverlappingFileLockException e) {
      return false; // a writer of this JVM holds it
    } catch (IOException e) {
      return false; // gone, or not ours to remove: loading never reads it anyway
    }
  }

  /** Whether a file name is one of our temporary files. */
  public static boolean isTemp(String fileName) {
    return fileName.startsWith(".") && fileName.contains(TEMP_MARKER);
  }

  /** Whether a file name is one of our temporary files for {@code targetName}. */
  public static boolean isTempOf(String fileName, String targetName) {
    return fileName.startsWith("." + targetName + TEMP_MARKER);
  }
}
