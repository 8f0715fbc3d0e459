package dev.broadsheet.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server for the command tests: an embedded PostgreSQL 17 from Maven Central,
 * started once per test JVM, or the server of {@code BROADSHEET_TEST_JDBC_URL}. Each call of
 * {@link #freshDatabase} makes an empty database and returns its URL as a user would type it:
 * without the password, which is handed to the commands the way a user does
 * ({@code BROADSHEET_DB_PASSWORD}).
 */
final class TestPostgres {
  private static final Pattern PASSWORD = Pattern.compile("([?&])password=([^&]*)&?", Pattern.CASE_INSENSITIVE);
  private static String serverUrl;

  private TestPostgres() {}

  private static synchronized String serverUrl() {
    if (serverUrl == null) {
      String given = System.getenv("BROADSHEET_TEST_JDBC_URL");
      if (given != null && !given.isBlank()) {
        serverUrl = given;
      } else {
        try {
          serverUrl = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start().getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
          throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
      }
    }
    return serverUrl;
  }

  /** A new, empty database; its URL without a password. */
  static String freshDatabase() throws SQLException {
    String name = "bs_cli_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    try (Connection c = DriverManager.getConnection(serverUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\" ENCODING 'UTF8' TEMPLATE template0");
    }
    String url = serverUrl();
    int slash = url.indexOf('/', "jdbc:postgresql://".length());
    int query = url.indexOf('?', slash);
    String withDb = url.substring(0, slash) + "/" + name + (query < 0 ? "" : url.substring(query));
    Matcher m = PASSWORD.matcher(withDb);
    if (m.find()) {
      String password = m.group(2);
      StoreLocation.environment = variable -> StoreLocation.PASSWORD_VARIABLE.equals(variable) ? password : System.getenv(variable);
      withDb = m.replaceFirst("$1");
      withDb = withDb.endsWith("?") || withDb.endsWith("&") ? withDb.substring(0, withDb.length() - 1) : withDb;
    }
    return withDb;
  }

  /** A connection to the database of {@code url}, for SQL from outside the commands. */
  static Connection connect(String url) throws SQLException {
    String password = StoreLocation.environment.apply(StoreLocation.PASSWORD_VARIABLE);
    java.util.Properties p = new java.util.Properties();
    if (password != null) {
      p.setProperty("password", password);
    }
    return DriverManager.getConnection(url, p);
  }
}
