package dev.broadsheet.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.fs.FileArticleStore;
import dev.broadsheet.fs.Watching;
import dev.broadsheet.internal.Printable;
import dev.broadsheet.postgres.PostgresArticleStore;
import dev.broadsheet.spi.ArticleStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * Where a command's articles are: a content folder, or a PostgreSQL database named by its JDBC
 * URL ({@code jdbc:postgresql://host:5432/news?user=broadsheet}). A password is never part of
 * the URL, where it would be shown in process lists and shell histories: it is read from
 * {@code BROADSHEET_DB_PASSWORD}, and never printed.
 */
abstract sealed class StoreLocation permits StoreLocation.Folder, StoreLocation.Database {
  /** The variable the database password is read from. */
  static final String PASSWORD_VARIABLE = "BROADSHEET_DB_PASSWORD";
  private static final String PREFIX = "jdbc:postgresql:";
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("[?&]password=", Pattern.CASE_INSENSITIVE);

  /** The process environment; tests give their own. */
  static volatile Function<String, String> environment = System::getenv;

  /** How a command uses the store. */
  enum Use {
    /**
     * Read once and exit, writing no article: no watching, and a folder's change journal is
     * left alone (reading it costs a fifth of a restart). Changes made meanwhile are journaled
     * by the next process that keeps it, when it loads.
     */
    READ,
    /** Read once, or write a little, and exit: no watching. */
    ONE_SHOT,
    /** Serve: follow every change made elsewhere. */
    LIVE
  }

  /**
   * The location {@code arg} names, checked: a folder that exists, or a PostgreSQL URL without a
   * password. {@code label} names the argument in errors (DIR, FROM).
   */
  static StoreLocation of(CommandLine commandLine, String label, String arg) {
    if (arg.regionMatches(true, 0, "jdbc:", 0, 5)) {
      if (!arg.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
        throw new ParameterException(commandLine, "Invalid value for " + label
            + ": only PostgreSQL databases are supported (jdbc:postgresql://host:port/database?user=name)");
      }
      if (PASSWORD_PARAMETER.matcher(arg).find()) {
        throw new ParameterException(commandLine, "Invalid value for " + label
            + ": the URL holds a password; give it in " + PASSWORD_VARIABLE + " instead");
      }
      return new Database(arg);
    }
    Path dir = Path.of(arg);
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(commandLine, "Invalid value for " + label + ": "
          + (Files.exists(dir) ? "not a folder: " : "no such folder: ") + Printable.of(arg));
    }
    return new Folder(dir);
  }

  /** As shown in messages: the folder, or the URL (which holds no password). */
  abstract String shown();

  /** The variable that names the folder of a database's search index. */
  static final String SEARCH_FOLDER_VARIABLE = "BROADSHEET_SEARCH_FOLDER";

  /**
   * Where the search index of this store lives: in a folder's state folder; for a database, in
   * {@code BROADSHEET_SEARCH_FOLDER}, or else a folder of the database's own in the temporary
   * folder ({@code broadsheet-search/} there).
   */
  abstract Path searchFolder();

  /**
   * Where the query index is kept between commands, so that a command over content unchanged
   * since the last reads it instead of building it ({@code ArticleRepository.Builder#indexFile}):
   * in a folder's state folder; none for a database.
   */
  @Nullable Path indexFile() {
    return null;
  }

  /**
   * Opens the store. {@code pushdown}: queries answered by the database (refused for a folder
   * by {@link #checkPushdown}).
   */
  abstract Opened open(Use use, boolean pushdown) throws IOException;

  /**
   * A store, and what to release once it is closed (a database's connection pool). The store is
   * closed by the repository built on it, or by {@link #close} when there is none.
   */
  static final class Opened implements AutoCloseable {
    private final ArticleStore store;
    private final AutoCloseable release;

    Opened(ArticleStore store, AutoCloseable release) {
      this.store = store;
      this.release = release;
    }

    ArticleStore store() {
      return store;
    }

    /** Closes the store (again: closing twice is harmless), then releases what it used. */
    @Override
    public void close() {
      try {
        store.close();
        release.close();
      } catch (Exception e) {
        throw new BroadsheetException("cannot close the store: " + e.getMessage(), e);
      }
    }
  }

  /** Fails with a usage error when {@code pushdown} is asked of a folder. */
  void checkPushdown(CommandLine commandLine, boolean pushdown) {
    if (pushdown && this instanceof Folder) {
      throw new ParameterException(commandLine, "--query-pushdown is for a database: " + shown() + " is a folder");
    }
  }

  /** A content folder. */
  static final class Folder extends StoreLocation {
    private final Path path;

    Folder(Path path) {
      this.path = path;
    }

    Path path() {
      return path;
    }

    @Override
    String shown() {
      return ContentFiles.shown(path);
    }

    @Override
    Opened open(Use use, boolean pushdown) throws IOException {
      return new Opened(store(use), () -> {});
    }

    @Override
    Path searchFolder() {
      return path.resolve(FileArticleStore.STATE_FOLDER).resolve("search");
    }

    @Override
    Path indexFile() {
      return path.resolve(FileArticleStore.STATE_FOLDER).resolve("index");
    }

    FileArticleStore store(Use use) throws IOException {
      FileArticleStore.Builder b = FileArticleStore.builder(path).watching(use == Use.LIVE ? Watching.LIVE : Watching.OFF);
      return (use == Use.READ ? b.withoutJournal() : b).build();
    }
  }

  /** A PostgreSQL database, through a small connection pool closed with the store. */
  static final class Database extends StoreLocation {
    private final String url;

    Database(String url) {
      this.url = url;
    }

    @Override
    String shown() {
      return Printable.of(url);
    }

    @Override
    Path searchFolder() {
      String given = environment.apply(SEARCH_FOLDER_VARIABLE);
      if (given != null && !given.isEmpty()) {
        return Path.of(given);
      }
      // One folder per database (the URL names it; it holds no password), out of the way.
      String name = java.util.UUID.nameUUIDFromBytes(url.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
      return Path.of(System.getProperty("java.io.tmpdir"), "broadsheet-search", name);
    }

    @Override
    Opened open(Use use, boolean pushdown) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      String password = environment.apply(PASSWORD_VARIABLE);
      if (password != null && !password.isEmpty()) {
        config.setPassword(password);
      }
      config.setPoolName("broadsheet");
      config.setMaximumPoolSize(use == Use.LIVE ? 16 : 6);
      config.setMinimumIdle(0);
      config.setConnectionTimeout(10_000);
      config.addDataSourceProperty("ApplicationName", "broadsheet " + use.name().toLowerCase(Locale.ROOT));
      HikariDataSource pool;
      try {
        pool = new HikariDataSource(config);
      } catch (RuntimeException e) {
        throw new BroadsheetException("cannot connect to " + shown() + ": " + rootMessage(e), e);
      }
      try {
        return new Opened(PostgresArticleStore.builder(pool).queryPushdown(pushdown).build(), pool);
      } catch (RuntimeException e) {
        pool.close();
        throw e;
      }
    }

    private static String rootMessage(Throwable e) {
      Throwable t = e;
      while (t.getCause() != null && t.getCause() != t) {
        t = t.getCause();
      }
      return String.valueOf(t.getMessage());
    }
  }
}
