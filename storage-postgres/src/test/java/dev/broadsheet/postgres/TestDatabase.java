package dev.broadsheet.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database of its own for a test class, on one PostgreSQL server per test JVM: an embedded
 * PostgreSQL 17 from Maven Central, started on first use and stopped when the JVM exits, or the
 * server of {@code BROADSHEET_TEST_JDBC_URL} when that is set (a URL to any database of it, for
 * a role that may create databases; the databases made are dropped at the end).
 *
 * <pre>{@code
 * @RegisterExtension static final TestDatabase db = new TestDatabase();
 * ... PostgresArticleStore.builder(db.dataSource()).schema(db.freshSchema()).build();
 * }</pre>
 */
final class TestDatabase implements BeforeAllCallback, AfterAllCallback {
  static final String URL_VARIABLE = "BROADSHEET_TEST_JDBC_URL";

  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static final List<String> CREATED = new ArrayList<>();
  private static String serverUrl;

  private String name;
  private String url;
  private final List<HikariDataSource> pools = new ArrayList<>();
  private HikariDataSource shared;

  /** A JDBC URL of the shared server (its maintenance database); starts the server once. */
  static synchronized String serverUrl() {
    if (serverUrl == null) {
      String given = System.getenv(URL_VARIABLE);
      if (given != null && !given.isBlank()) {
        serverUrl = given;
      } else {
        try {
          EmbeddedPostgres pg = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
          serverUrl = pg.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
          throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
      }
      Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropCreated, "drop-test-databases"));
    }
    return serverUrl;
  }

  /** The URL of {@code database} on the server of {@code url}: the path replaced, parameters kept. */
  static String withDatabase(String url, String database) {
    int slash = url.indexOf('/', "jdbc:postgresql://".length());
    int query = url.indexOf('?', slash < 0 ? 0 : slash);
    String base = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
    return base + "/" + database + (query < 0 ? "" : url.substring(query));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    String cls = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
    name = "bs_" + cls.substring(0, Math.min(cls.length(), 40)) + "_"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
    try (Connection c = DriverManager.getConnection(serverUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\" ENCODING 'UTF8' TEMPLATE template0");
    }
    synchronized (TestDatabase.class) {
      CREATED.add(name);
    }
    url = withDatabase(serverUrl(), name);
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    pools.forEach(HikariDataSource::close);
    pools.clear();
    shared = null;
  }

  private static synchronized void dropCreated() {
    if (System.getenv(URL_VARIABLE) == null) {
      return; // the embedded server and its files go as a whole
    }
    try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
      for (String db : CREATED) {
        s.execute("DROP DATABASE IF EXISTS \"" + db + "\" WITH (FORCE)");
      }
    } catch (SQLException e) {
      System.err.println("could not drop the test databases " + CREATED + ": " + e.getMessage());
    }
  }

  /** This class's database's name. */
  String name() {
    return name;
  }

  /** The JDBC URL of this class's database, credentials included, for child JVMs. */
  String url() {
    return url;
  }

  /** A pool of connections to this class's database, shared by its tests, closed after the class. */
  synchronized HikariDataSource dataSource() {
    if (shared == null) {
      shared = pool(8);
    }
    return shared;
  }

  static HikariDataSource pool(String url, int size) {
    return pool(url, size, "broadsheet tests");
  }

  /** A pool whose sessions carry {@code applicationName} in pg_stat_activity. */
  static HikariDataSource pool(String url, int size, String applicationName) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.addDataSourceProperty("ApplicationName", applicationName);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    // A database that is down fails a request for a connection quickly, as a health check wants.
    config.setConnectionTimeout(2_000);
    config.setInitializationFailTimeout(-1);
    HikariDataSource ds = new HikariDataSource(config);
    return ds;
  }

  /** A new pool registered to be closed after the class. */
  HikariDataSource pool(int size) {
    HikariDataSource ds = pool(url, size);
    pools.add(ds);
    return ds;
  }

  /** A schema name not used before in this JVM, for a store that must start empty. */
  static String freshSchema() {
    return "s" + SCHEMAS.incrementAndGet();
  }

  /** A connection of its own to this class's database, for SQL from outside the store. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /** Runs one statement with these parameters on a connection of its own. */
  int execute(String sql, Object... params) throws SQLException {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      return s.executeUpdate();
    }
  }

  /** The first column of the first row of a query, or null. */
  Object queryOne(String sql, Object... params) throws SQLException {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    }
  }

  /**
   * Ends the sessions of this database's followers, as an administrator or a failover would;
   * returns how many.
   */
  int terminateFollowers() throws SQLException {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ? AND application_name = ?")) {
      s.setString(1, name);
      s.setString(2, Follower.APPLICATION_NAME);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /**
   * Takes the database away: no new connection is accepted and every session is ended; {@link
   * #bringBack} undoes it.
   */
  void takeDown() throws SQLException {
    try (Connection c = DriverManager.getConnection(serverUrl()); Statement s = c.createStatement()) {
      s.execute("ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS false");
      s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }
  }

  void bringBack() throws SQLException {
    try (Connection c = DriverManager.getConnection(serverUrl()); Statement s = c.createStatement()) {
      s.execute("ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS true");
    }
  }

  /** How many sessions of this database carry {@code applicationName}. */
  long sessions(String applicationName) throws SQLException {
    return (Long) queryOne("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND application_name = ?",
        name, applicationName);
  }

  /** Waits until {@code condition} holds; fails after {@code seconds}. */
  static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s: " + what);
      }
      Thread.sleep(10);
    }
  }
}
