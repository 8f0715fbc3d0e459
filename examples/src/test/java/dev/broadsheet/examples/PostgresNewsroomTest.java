package dev.broadsheet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.postgres.PostgresArticleStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgresNewsroom against a real PostgreSQL: an embedded PostgreSQL 17, or the server of
 * {@code BROADSHEET_TEST_JDBC_URL} when that is set (a URL to any database of it, for a role
 * that may create databases), as in storage-postgres's tests. The example gets a database of
 * its own, dropped at the end.
 */
@Timeout(180)
class PostgresNewsroomTest {
  private static final String URL_VARIABLE = "BROADSHEET_TEST_JDBC_URL";
  private static final Pattern SAVED = Pattern.compile("A saved (\\S+): updatedAt (\\S+), revision (\\S+) -> (\\S+)");
  private static final Pattern SEEN = Pattern.compile("B sees it after (\\d+) ms: updatedAt (\\S+), revision (\\S+)");

  private static EmbeddedPostgres embedded;
  private static String serverUrl;
  private static String database;
  private static String url;

  @BeforeAll
  static void createDatabase() throws Exception {
    String given = System.getenv(URL_VARIABLE);
    if (given != null && !given.isBlank()) {
      serverUrl = given;
    } else {
      embedded = EmbeddedPostgres.builder().start();
      serverUrl = embedded.getJdbcUrl("postgres", "postgres");
    }
    database = "bs_postgresnewsroom_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
    sql(serverUrl, "CREATE DATABASE \"" + database + "\" ENCODING 'UTF8' TEMPLATE template0");
    url = withDatabase(serverUrl, database);
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    if (embedded != null) {
      embedded.close(); // its files go as a whole
    } else if (database != null) {
      sql(serverUrl, "DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
    }
  }

  @Test
  void importsTheSampleFolderByteForByteAndTheEditReachesTheSecondInstance() throws Exception {
    List<String> lines = Output.of(PostgresNewsroom::main, url);

    assertThat(lines.get(0)).startsWith("Imported " + SampleContent.COUNT + " articles from ")
        .endsWith(" into newsroom.broadsheet_articles, byte for byte");
    assertThat(lines.get(1)).isEqualTo("Instance A holds " + SampleContent.COUNT + " articles, instance B " + SampleContent.COUNT);
    Matcher saved = match(SAVED, lines.get(2));
    Matcher seen = match(SEEN, lines.get(3));
    String id = saved.group(1);
    Revision before = Revision.of(saved.group(3));
    Revision after = Revision.of(saved.group(4));
    assertThat(after).isNotEqualTo(before);
    // Instance B printed the revision and updatedAt it holds: those A saved.
    assertThat(seen.group(3)).isEqualTo(after.toString());
    assertThat(seen.group(2)).isEqualTo(saved.group(2));
    assertThat(lines).hasSize(4);

    // The database, read apart from the example: every file as it is in the folder, but the edited one.
    try (HikariDataSource pool = pool(); PostgresArticleStore store = PostgresArticleStore.builder(pool)
        .schema(PostgresNewsroom.SCHEMA).build()) {
      List<Path> files = SampleFiles.files(SampleFiles.FOLDER);
      assertThat(files).hasSize(SampleContent.COUNT);
      for (Path file : files) {
        String relative = SampleFiles.FOLDER.relativize(file).toString().replace('\\', '/');
        String fileId = relative.substring(0, relative.length() - ".md".length());
        byte[] bytes = Files.readAllBytes(file);
        byte[] stored = store.file(fileId).orElseThrow();
        if (fileId.equals(id)) {
          assertThat(Revision.ofContent(bytes)).isEqualTo(before);
          assertThat(Revision.ofContent(stored)).isEqualTo(after);
          StoredArticle edited = store.get(id).orElseThrow();
          assertThat(edited.article().updatedAt()).isEqualTo(Instant.parse(saved.group(2)));
        } else {
          assertThat(stored).as(fileId).isEqualTo(bytes);
        }
      }
    }

    // A second run finds the articles there, imports nothing and edits again.
    List<String> again = Output.of(PostgresNewsroom::main, url);
    assertThat(again.get(0)).isEqualTo("The database holds articles already: nothing imported");
    assertThat(again.get(1)).isEqualTo(lines.get(1));
    assertThat(match(SEEN, again.get(3)).group(3)).isEqualTo(match(SAVED, again.get(2)).group(4));
  }

  @Test
  void startsAnEmbeddedPostgresWhenNoDatabaseIsGiven() throws Exception {
    assumeTrue(System.getenv("BROADSHEET_JDBC_URL") == null, "BROADSHEET_JDBC_URL is set: the example would use it");
    assumeTrue(System.getenv(URL_VARIABLE) == null, URL_VARIABLE + " is set: no embedded PostgreSQL in this run");

    List<String> lines = Output.of(PostgresNewsroom::main);

    assertThat(lines.get(0)).matches("No JDBC URL given: started an embedded PostgreSQL on port \\d+");
    assertThat(lines.get(1)).startsWith("Imported " + SampleContent.COUNT + " articles from ");
    assertThat(match(SEEN, lines.get(4)).group(3)).isEqualTo(match(SAVED, lines.get(3)).group(4));
  }

  private static Matcher match(Pattern pattern, String line) {
    Matcher m = pattern.matcher(line);
    assertThat(m.matches()).as("'%s' matches %s", line, pattern).isTrue();
    return m;
  }

  private static HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(2);
    return new HikariDataSource(config);
  }

  private static void sql(String on, String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(on); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /** The URL of {@code name} on the server of {@code server}: the path replaced, parameters kept. */
  private static String withDatabase(String server, String name) {
    int slash = server.indexOf('/', "jdbc:postgresql://".length());
    int query = server.indexOf('?', slash < 0 ? 0 : slash);
    String base = slash < 0 ? (query < 0 ? server : server.substring(0, query)) : server.substring(0, slash);
    return base + "/" + name + (query < 0 ? "" : server.substring(query));
  }
}
