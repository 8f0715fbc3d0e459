package dev.broadsheet.cli;

import dev.broadsheet.ArticleIds;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Problem;
import dev.broadsheet.Severity;
import dev.broadsheet.fs.ContentFolder;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.internal.Printable;
import dev.broadsheet.markdown.ArticleCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The files named on a command line, seen as the file store sees them: a folder's article
 * files in walk order with the store's rules for names, ids, collisions and what is not a
 * regular file ({@link ContentFolder}); a file as given. A folder that cannot be listed, a
 * name that is no id, a pipe named like an article: each becomes an entry with its problem
 * instead of ending the walk or hanging on the pipe.
 */
final class ContentFiles {
  /**
   * The codec the commands read files with, made when first asked for: not when the command line
   * is built, which makes every command's object.
   */
  static ArticleCodec codec() {
    return Codec.DEFAULT;
  }

  private static final class Codec {
    static final ArticleCodec DEFAULT = ArticleCodec.builder().build();
  }

  /**
   * One file to work on.
   *
   * @param display the path as problems show it: the argument as given, then the path below it
   * @param id the article id: the path below the folder given, without extension
   * @param problem why it cannot be read as an article, or null
   */
  record Entry(Path path, String display, String id, @Nullable Problem problem, @Nullable ContentFolder folder) {
    /** Whether the entry was skipped rather than found wrong (a pipe, a link): a warning. */
    boolean skipped() {
      return problem != null && problem.severity() == Severity.WARNING;
    }
  }

  private ContentFiles() {}

  static List<Entry> collect(List<Path> arguments) {
    List<Entry> out = new ArrayList<>();
    for (Path arg : arguments) {
      try {
        if (Files.isDirectory(arg, LinkOption.NOFOLLOW_LINKS)) {
          ContentFolder folder = folderOf(arg);
          for (ContentFolder.ContentFile f : folder.files()) {
            out.add(new Entry(f.path(), f.source(), f.id(), f.problem(), folder));
          }
        } else if (Files.exists(arg, LinkOption.NOFOLLOW_LINKS)) {
          Path parent = arg.toAbsolutePath().getParent();
          String id = stripExtension(String.valueOf(arg.getFileName()));
          Problem p = ArticleIds.isValid(id) ? null
              : fileProblem(arg.toString(), "id", "the file's name is not a valid id: "
                  + idReason(id));
          out.add(new Entry(arg, arg.toString(), id, p, folderOf(parent)));
        } else {
          out.add(new Entry(arg, arg.toString(), "", fileProblem(arg.toString(), "io", "no such file or directory"),
              null));
        }
      } catch (IOException e) {
        out.add(new Entry(arg, arg.toString(), "", fileProblem(arg.toString(), "io",
            "cannot list folder: " + ContentFolder.describe(e)), null));
      }
    }
    return out;
  }

  /** The content folder {@code dir} as a store sees it; building it reads nothing. */
  static ContentFolder folderOf(Path dir) throws IOException {
    return FileArticleStore.builder(dir).watching(Watching.OFF).withoutSnapshot().build().folder();
  }

  /**
   * The bytes of an entry's file, as the store reads one: a regular file, not too large.
   *
   * @throws IOException with a message fit for a problem line
   */
  static byte[] read(Entry entry) throws IOException {
    ContentFolder folder = entry.folder();
    if (folder == null) {
      throw new IOException("no such file or directory");
    }
    return folder.read(entry.path());
  }

  static String stripExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** An I/O failure in words, without a stack trace. */
  static String describe(Exception e) {
    return ContentFolder.describe(e);
  }

  /** A path as the commands print it: control characters escaped, so it cannot forge a line. */
  static String shown(Object path) {
    return Printable.of(String.valueOf(path));
  }

  /** A problem about a whole file that has no position in it, such as an I/O error. */
  static Problem fileProblem(String display, String rule, String message) {
    return Problem.error(display, 0, 0, null, rule, message);
  }

  /** Why an id is refused, in the words of {@link ArticleIds}. */
  private static String idReason(String id) {
    try {
      ArticleIds.validate(id);
      return "";
    } catch (InvalidIdException e) {
      return e.getMessage();
    }
  }
}
