package dev.broadsheet.cli;

import dev.broadsheet.Problem;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The files named on a command line: files as given, folders walked recursively for article
 * files in name order, hidden entries skipped. A folder that cannot be listed becomes an
 * entry with an error instead of ending the walk.
 */
final class ContentFiles {
  /** Larger files are refused before they are read: no article is anywhere near this size. */
  static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  private static final List<String> EXTENSIONS = List.of(".md", ".markdown", ".txt");

  /**
   * One file to work on, or a path that could not be listed ({@code error} set).
   *
   * @param display the path as problems show it: the argument as given, then the path below it
   * @param id the article id: the path below the folder given, without extension
   */
  record Entry(Path path, String display, String id, @Nullable String error) {}

  private ContentFiles() {}

  static List<Entry> collect(List<Path> arguments) {
    List<Entry> out = new ArrayList<>();
    for (Path arg : arguments) {
      if (Files.isDirectory(arg)) {
        walk(arg, arg, out);
      } else if (Files.exists(arg, LinkOption.NOFOLLOW_LINKS)) {
        out.add(new Entry(arg, arg.toString(), stripExtension(String.valueOf(arg.getFileName())), null));
      } else {
        out.add(new Entry(arg, arg.toString(), "", "no such file or directory"));
      }
    }
    return out;
  }

  private static void walk(Path root, Path dir, List<Entry> out) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path child : stream) {
        children.add(child);
      }
    } catch (IOException | RuntimeException e) {
      out.add(new Entry(dir, dir.toString(), "", "cannot list folder: " + describe(e)));
      return;
    }
    children.sort(null);
    for (Path child : children) {
      String name = String.valueOf(child.getFileName());
      if (name.startsWith(".")) {
        continue;
      }
      // Linked folders are not followed: a link back up the tree would never end.
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        walk(root, child, out);
      } else if (isArticleName(name)) {
        out.add(new Entry(child, child.toString(), id(root, child), null));
      }
    }
  }

  static boolean isArticleName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String ext : EXTENSIONS) {
      if (lower.endsWith(ext) && lower.length() > ext.length()) {
        return true;
      }
    }
    return false;
  }

  private static String id(Path root, Path file) {
    Path rel = root.relativize(file);
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < rel.getNameCount(); i++) {
      if (i > 0) {
        id.append('/');
      }
      String part = rel.getName(i).toString();
      id.append(i == rel.getNameCount() - 1 ? stripExtension(part) : part);
    }
    return id.toString();
  }

  static String stripExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /**
   * The file's bytes.
   *
   * @throws IOException with a message fit for a problem line
   */
  static byte[] read(Path file) throws IOException {
    try {
      if (Files.isDirectory(file)) {
        throw new IOException("is a folder, not a file");
      }
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new IOException("file is larger than " + MAX_FILE_BYTES + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IOException(describe(e), e);
    } catch (OutOfMemoryError e) {
      throw new IOException("file is too large to read", e);
    }
  }

  /** An I/O failure in words, without a stack trace. */
  static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof FileSystemLoopException) {
      return "folder links form a loop";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** A problem about a whole file that has no position in it, such as an I/O error. */
  static Problem fileProblem(String display, String rule, String message) {
    return Problem.error(display, 0, 0, null, rule, message);
  }
}
