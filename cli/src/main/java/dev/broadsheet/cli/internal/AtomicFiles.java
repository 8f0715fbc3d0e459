package dev.broadsheet.cli.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;

/**
 * Replaces a file's content so that readers, and the file after a crash, see either the old
 * bytes or the new ones, never a mix: the new bytes go to a hidden temporary file in the same
 * folder, are forced to disk, and the temporary file is renamed over the target.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("content/a.md"), bytes);
 * }</pre>
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to {@code target} atomically. A target that is a symbolic link has
   * the file it points to replaced; an existing file keeps its POSIX permissions.
   *
   * @throws AtomicMoveNotSupportedException when the file system cannot rename atomically
   * @throws IOException when writing fails; the target is then unchanged and no temporary
   *     file is left behind
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(bytes, "bytes");
    Path file = Files.exists(target) ? target.toRealPath() : target.toAbsolutePath();
    Path dir = file.getParent();
    Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".tmp-", "");
    boolean moved = false;
    try {
      copyPermissions(file, temp);
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
      forceDirectory(dir);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    if (!Files.exists(from)) {
      return;
    }
    PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    Files.setPosixFilePermissions(to, permissions);
  }

  /** Makes the rename itself durable. Some platforms cannot open a folder; that is harmless. */
  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Windows refuses to open a folder as a channel; the rename is as durable as it gets.
    }
  }
}
