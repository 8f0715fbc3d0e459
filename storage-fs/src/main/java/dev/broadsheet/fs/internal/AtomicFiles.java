package dev.broadsheet.fs.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** Durable, atomic file replacement: temporary file, fsync, rename, fsync of the folder. */
public final class AtomicFiles {
  /** Temporary files start with a dot and hold this marker. */
  public static final String TEMP_MARKER = ".tmp-";

  private AtomicFiles() {}

  /** Replaces (or creates) {@code target} with {@code bytes}; a reader sees old or new, never half. */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = dir.resolve(tempName(target.getFileName().toString()));
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      move(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
    syncDirectory(dir);
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
    Path dir = target.toAbsolutePath().getParent();
    Path temp = dir.resolve(tempName(target.getFileName().toString()));
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
        content.writeTo(out);
      }
      move(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
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

  /** Whether a file name is one of our temporary files. */
  public static boolean isTemp(String fileName) {
    return fileName.startsWith(".") && fileName.contains(TEMP_MARKER);
  }

  /** Whether a file name is one of our temporary files for {@code targetName}. */
  public static boolean isTempOf(String fileName, String targetName) {
    return fileName.startsWith("." + targetName + TEMP_MARKER);
  }
}
