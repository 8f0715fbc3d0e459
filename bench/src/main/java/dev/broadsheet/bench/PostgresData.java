package dev.broadsheet.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Article;
import dev.broadsheet.postgres.PostgresArticleStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The PostgreSQL the store's benchmarks run on, and the articles in it: {@link BenchData}'s, one
 * schema per size ({@code bench_100000}), written once through the store and kept between runs
 * in the embedded server's data folder.
 */
final class PostgresData {
  /** A JDBC URL of a server of one's own, as the store's tests take it. */
  static final String URL_VARIABLE = "BROADSHEET_TEST_JDBC_URL";
  /** Where the embedded server keeps its data between runs. */
  static final Path DATA = Path.of(System.getProperty("pgdata", "bench/target/pgdata"));
  /** The embedded server's port, fixed so that separate processes find it. */
  static final int PORT = Integer.getInteger("pgport", 54329);

  private PostgresData() {}

  /**
   * The embedded server on {@link #DATA} and {@link #PORT}, made on first use. The embedded
   * server runs with {@code fsync} and {@code synchronous_commit} off; {@code
   * -Dpgconfig=fsync=on,synchronous_commit=on} (settings separated by commas) sets those or any
   * other settings.
   */
  static EmbeddedPostgres startEmbedded() throws IOException {
    EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
        .setDataDirectory(DATA)
        .setCleanDataDirectory(false)
        .setPort(PORT)
        .setServerConfig("shared_buffers", "512MB");
    String config = System.getProperty("pgconfig", "");
    for (String setting : config.split(",")) {
      int eq = setting.indexOf('=');
      if (eq > 0) {
        b.setServerConfig(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
      }
    }
    return b.start();
  }

  /**
   * The embedded server, started if nothing answers at {@code url} ({@link PostgresServer} or
   * the server of {@code BROADSHEET_TEST_JDBC_URL} may), else {@code null}.
   */
  static EmbeddedPostgres startUnlessRunning(String url) throws IOException {
    try (Connection c = DriverManager.getConnection(url)) {
      c.isValid(1);
      return null;
    } catch (SQLException e) {
      return startEmbedded();
    }
  }

  /** {@code BROADSHEET_TEST_JDBC_URL}, or the embedded server's URL on {@link #PORT}. */
  static String url() {
    String given = System.getenv(URL_VARIABLE);
    return given != null && !given.isBlank() ? given
        : "jdbc:postgresql://localhost:" + PORT + "/postgres?user=postgres";
  }

  static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    return new HikariDataSource(config);
  }

  static String schema(int size) {
    return "bench_" + size;
  }

  /** The articles table of {@code size}, quoted. */
  static String table(int size) {
    return table(schema(size));
  }

  /** The articles table in {@code schema}, quoted. */
  static String table(String schema) {
    return "\"" + schema + "\".\"broadsheet_articles\"";
  }

  /**
   * The schema a command-line argument names: a number is the size of {@link BenchData}'s
   * articles ({@code bench_100000}), anything else a schema (as {@link #fillFolder} made it).
   */
  static String schemaOf(String arg) {
    return arg.chars().allMatch(Character::isDigit) ? schema(Integer.parseInt(arg)) : arg;
  }

  /**
   * Copies every {@code .md} file under {@code dir} into {@code schema} with {@code putFile},
   * byte for byte, its id the path under {@code dir} without {@code .md} (as the filesystem store
   * names it), unless the schema holds as many rows as there are files.
   */
  static void fillFolder(DataSource ds, String schema, Path dir) throws Exception {
    fillFolder(ds, schema, dir, Integer.MAX_VALUE);
  }

  /** As {@link #fillFolder(DataSource, String, Path)}, the first {@code limit} files in path order only. */
  static void fillFolder(DataSource ds, String schema, Path dir, int limit) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p)
          && !dir.relativize(p).toString().startsWith(".")).sorted().limit(limit).toList();
    }
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + table(schema) + "') IS NOT NULL")) {
        rs.next();
        if (rs.getBoolean(1)) {
          try (ResultSet n = s.executeQuery("SELECT count(*) FROM " + table(schema))) {
            n.next();
            if (n.getInt(1) == files.size()) {
              return;
            }
          }
        }
      }
      s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    }
    long t0 = System.nanoTime();
    try (PostgresArticleStore store = PostgresArticleStore.builder(ds).schema(schema).build()) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        int slice = (files.size() + 3) / 4;
        for (int t = 0; t < 4; t++) {
          List<Path> part = files.subList(Math.min(files.size(), t * slice), Math.min(files.size(), (t + 1) * slice));
          done.add(pool.submit(() -> {
            for (Path p : part) {
              String rel = dir.relativize(p).toString().replace('\\', '/');
              store.putFile(rel.substring(0, rel.length() - 3), Files.readAllBytes(p), null);
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE " + table(schema));
    }
    System.out.printf("%ncopied %d files of %s to PostgreSQL schema %s in %d s%n", files.size(), dir, schema,
        (System.nanoTime() - t0) / 1_000_000_000);
  }

  /** Writes {@link BenchData#articles} of {@code size} through the store, unless they are there. */
  static void fill(DataSource ds, int size) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + table(size) + "') IS NOT NULL")) {
        rs.next();
        if (rs.getBoolean(1)) {
          try (ResultSet n = s.executeQuery("SELECT count(*) FROM " + table(size))) {
            n.next();
            if (n.getInt(1) == size) {
              return;
            }
          }
        }
      }
      s.execute("DROP SCHEMA IF EXISTS \"" + schema(size) + "\" CASCADE");
    }
    long t0 = System.nanoTime();
    List<Article> articles = BenchData.articles(size);
    try (PostgresArticleStore store = PostgresArticleStore.builder(ds).schema(schema(size)).build()) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        int slice = (size + 3) / 4;
        for (int t = 0; t < 4; t++) {
          List<Article> part = articles.subList(Math.min(size, t * slice), Math.min(size, (t + 1) * slice));
          done.add(pool.submit(() -> {
            for (Article a : part) {
              store.put(a, null);
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE " + table(size));
    }
    System.out.printf("%nwrote %d articles to PostgreSQL in %d s%n", size, (System.nanoTime() - t0) / 1_000_000_000);
  }

  /** The lower-cased tag on the number of articles closest to {@link BenchData#RARE_TAG_TARGET}, ties to the smaller. */
  static String rareTag(DataSource ds, int size) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT t, count(*) FROM " + table(size) + ", unnest(tags_lower) AS t GROUP BY t "
            + "ORDER BY abs(count(*) - ?), t COLLATE \"C\" LIMIT 1")) {
      s.setInt(1, BenchData.RARE_TAG_TARGET);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
