package dev.broadsheet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.broadsheet.Revision;
import dev.broadsheet.postgres.PostgresArticleStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;

/**
 * Every command that takes a folder, given a PostgreSQL database instead, on a real server: the
 * same answers, the same bytes, the same refusals.
 */
class DatabaseCommandsTest {
  @TempDir Path dir;

  /** The newsroom fixture, a file with its own layout and comments, a .markdown file, and a broken file. */
  private Path content() throws IOException {
    Path folder = dir.resolve("content");
    ContentFixture c = ContentFixture.newsroom(folder);
    c.write("2026/02/hand-written.md", """
        ---
        # written by hand: comments and spacing stay
        title:   "Harbour crane returns after repairs"
        publishedAt: 2026-02-03T10:00:00Z
        lang: en
        category: LOCAL
        tags: [PORT,   CITY]   # two tags
        ---
        The crane is back.
        """);
    c.write("2026/02/other-extension.markdown", """
        ---
        title: Kept with its extension
        publishedAt: 2026-02-04T10:00:00Z
        lang: en
        ---
        Body.
        """);
    c.write("2026/02/broken.md", "---\ntitle: [unclosed\n---\nBody\n");
    return folder;
  }

  /** Every regular file below {@code root} that is not in a hidden folder, by relative path. */
  private static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (!rel.startsWith(".") && !rel.contains("/.")) {
          out.put(rel, Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  @Test
  void copiesAFolderIntoADatabaseAndBackByteForByte() throws Exception {
    Path folder = content();
    String db = TestPostgres.freshDatabase();

    Cli.Run in = Cli.run("copy", folder, db);
    assertThat(in.exitCode()).as(in.out() + in.err()).isEqualTo(1); // the broken file is not copied
    assertThat(in.out()).contains("broken.md:3:1: error:");
    assertThat(in.outLines().get(in.outLines().size() - 1))
        .isEqualTo("copied 10 articles from " + folder + " to " + db + ", 1 not copied");

    Path back = dir.resolve("back");
    Cli.Run out = Cli.run("copy", db, back);
    assertThat(out.exitCode()).as(out.out() + out.err()).isZero();

    Map<String, byte[]> before = files(folder);
    before.remove("2026/02/broken.md");
    // A database keeps ids, not file names: what comes back from it is written as ID.md.
    Map<String, byte[]> viaDatabase = new TreeMap<>(before);
    viaDatabase.put("2026/02/other-extension.md", viaDatabase.remove("2026/02/other-extension.markdown"));
    assertSameFiles(files(back), viaDatabase);

    // Folder to folder keeps each file's extension too.
    Path copy = dir.resolve("copy");
    assertThat(Cli.run("copy", folder, copy).exitCode()).isEqualTo(1);
    assertSameFiles(files(copy), before);
  }

  private static void assertSameFiles(Map<String, byte[]> actual, Map<String, byte[]> expected) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      assertThat(new String(actual.get(e.getKey()), StandardCharsets.UTF_8)).as(e.getKey())
          .isEqualTo(new String(e.getValue(), StandardCharsets.UTF_8));
      assertThat(actual.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void refusesANonEmptyTargetUnlessReplacingAndThenMirrorsTheSource() throws Exception {
    Path folder = content();
    Files.delete(folder.resolve("2026/02/broken.md"));
    String db = TestPostgres.freshDatabase();
    assertThat(Cli.run("copy", folder, db).exitCode()).isZero();

    // Another article only the database has, and one changed only in the folder.
    assertThat(Cli.run("new", db, "--title", "Only in the database", "--id", "extra/only-db").exitCode()).isZero();
    assertThat(Cli.run("set", folder.resolve("2026/01/ferry-night.md"), "stickyWeight=9").exitCode()).isZero();

    Cli.Run refused = Cli.run("copy", folder, db);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.out()).contains("is not empty (11 articles").contains("--replace").contains("Nothing was copied");
    assertThat(show(db, "2026/01/ferry-night")).doesNotContain("stickyWeight: 9");

    Cli.Run replaced = Cli.run("copy", "--replace", folder, db);
    assertThat(replaced.exitCode()).as(replaced.out() + replaced.err()).isZero();
    assertThat(replaced.out()).contains("deleted 1");
    assertThat(show(db, "2026/01/ferry-night")).contains("stickyWeight: 9");
    assertThat(Cli.run("show", db, "extra/only-db").exitCode()).isEqualTo(1);
  }

  /** The article's file as {@code show} prints it: its bytes. */
  private static String show(String db, String id) {
    ShowCommand show = new ShowCommand();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    show.bytesOut = bytes;
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(show);
    cmd.setErr(new PrintWriter(err, true));
    assertThat(cmd.execute(db, id)).as(err.toString()).isZero();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void queriesAndFacetsAnswerAlikeFromTheFolderTheDatabaseAndSql() throws Exception {
    Path folder = content();
    String db = TestPostgres.freshDatabase();
    Cli.run("copy", folder, db);

    List<List<String>> queries = List.of(
        List.of(),
        List.of("--category", "business"),
        List.of("--tag", "CITY", "--sort", "oldest"),
        List.of("--lang", "de", "--drafts", "include"),
        List.of("--limit", "2", "--format", "json"),
        List.of("--source", "gazette", "--format", "ids", "--scheduled", "include", "--expired", "include"),
        List.of("--from", "2026-01-11", "--to", "2026-02-16"),
        List.of("--text", "ferry", "--format", "json"),
        List.of("--text", "chip -sale", "--sort", "newest"),
        List.of("--text", "year", "--limit", "1"));
    for (List<String> q : queries) {
      List<Object> args = new ArrayList<>(List.of("query", folder, "--as-of", ContentFixture.AS_OF));
      args.addAll(q);
      Cli.Run fromFolder = Cli.run(args.toArray());
      args.set(1, db);
      Cli.Run fromIndex = Cli.run(args.toArray());
      args.add("--query-pushdown");
      Cli.Run fromSql = Cli.run(args.toArray());
      assertThat(fromFolder.exitCode()).as(q + fromFolder.err()).isZero();
      assertThat(fromIndex.out()).as("index " + q).isEqualTo(fromFolder.out());
      assertThat(fromSql.out()).as("pushdown " + q).isEqualTo(fromFolder.out());
      assertThat(fromSql.exitCode()).isZero();
    }
    Cli.Run facetsFolder = Cli.run("facets", folder, "--as-of", ContentFixture.AS_OF, "--format", "json");
    Cli.Run facetsSql = Cli.run("facets", db, "--as-of", ContentFixture.AS_OF, "--format", "json", "--query-pushdown");
    Cli.Run searchFolder = Cli.run("search", folder, "ferries", "--as-of", ContentFixture.AS_OF);
    Cli.Run searchSql = Cli.run("search", db, "ferries", "--as-of", ContentFixture.AS_OF, "--query-pushdown");
    assertThat(searchFolder.exitCode()).as(searchFolder.err()).isZero();
    assertThat(searchFolder.out()).contains("ferries");
    assertThat(searchSql.out()).as(searchSql.err()).isEqualTo(searchFolder.out());
    assertThat(facetsFolder.exitCode()).isZero();
    assertThat(facetsSql.out()).isEqualTo(facetsFolder.out());
    Cli.Run exportFolder = Cli.run("export", folder, dir.resolve("export-folder"), "--as-of", ContentFixture.AS_OF);
    Cli.Run exportDb = Cli.run("export", db, dir.resolve("export-db"), "--as-of", ContentFixture.AS_OF);
    assertThat(exportFolder.exitCode()).as(exportFolder.err()).isZero();
    assertThat(exportDb.exitCode()).as(exportDb.err()).isZero();
    Map<String, byte[]> a = files(dir.resolve("export-folder"));
    Map<String, byte[]> b = files(dir.resolve("export-db"));
    assertThat(b.keySet()).isEqualTo(a.keySet()).isNotEmpty();
    a.forEach((k, v) -> assertThat(new String(b.get(k), StandardCharsets.UTF_8)).as(k).isEqualTo(new String(v, StandardCharsets.UTF_8)));
  }

  @Test
  void newSetShowAndCheckWorkOnADatabase() throws Exception {
    String db = TestPostgres.freshDatabase();
    Cli.Run made = Cli.run("new", db, "--title", "Harbour ferries run through the night", "--id", "2026/03/ferry",
        "--category", "LOCAL", "--tag", "TRANSPORT", "--published-at", "2026-03-01T08:00:00Z");
    assertThat(made.exitCode()).as(made.err()).isZero();
    assertThat(made.out()).isEqualTo("2026/03/ferry\n");
    assertThat(Cli.run("new", db, "--title", "Again", "--id", "2026/03/ferry").err()).contains("already exists");

    String before = show(db, "2026/03/ferry");
    Cli.Run set = Cli.run("set", "--store", db, "--id", "2026/03/ferry", "stickyWeight=4", "tags=TRANSPORT,CITY");
    assertThat(set.exitCode()).as(set.out() + set.err()).isZero();
    assertThat(set.out()).contains("set stickyWeight, tags");
    String after = show(db, "2026/03/ferry");
    List<String> changed = new ArrayList<>(List.of(after.split("\n")));
    changed.removeAll(List.of(before.split("\n")));
    assertThat(changed).as("only the lines of the changed fields").allMatch(l -> l.contains("stickyWeight") || l.contains("CITY"));
    assertThat(Cli.run("set", "--store", db, "--id", "2026/03/ferry", "stickyWeight=-1").exitCode()).isEqualTo(2);
    assertThat(Cli.run("set", "--store", db, "--id", "no/such", "stickyWeight=1").out()).contains("no article with this id");

    assertThat(Cli.run("check", db).exitCode()).isZero();
    // A row whose file is broken, written as another program would: reported with id, line and column.
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(db);
    String password = StoreLocation.environment.apply(StoreLocation.PASSWORD_VARIABLE);
    if (password != null) {
      ds.setPassword(password);
    }
    try (PostgresArticleStore store = PostgresArticleStore.builder(ds).build()) {
      store.putFile("2026/03/broken", "---\ntitle: Fine\npublishedAt: not a date\n---\nBody\n".getBytes(StandardCharsets.UTF_8),
          Revision.NONE);
    }
    Cli.Run check = Cli.run("check", db);
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.out()).contains("2026/03/broken:3:").contains("publishedAt").endsWith("2 files, 1 valid, 1 invalid, 2 warnings\n");
    Cli.Run missing = Cli.run("show", db, "2026/03/broken");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("no article '2026/03/broken'").contains("2026/03/broken:3:");
  }

  @Test
  void setWithStoreAndIdEditsAFolderToo() throws Exception {
    Path folder = content();
    Cli.Run set = Cli.run("set", "--store", folder, "--id", "2026/02/hand-written", "stickyWeight=2");
    assertThat(set.exitCode()).as(set.out()).isZero();
    assertThat(Files.readString(folder.resolve("2026/02/hand-written.md")))
        .contains("# written by hand: comments and spacing stay")
        .contains("tags: [PORT,   CITY]   # two tags")
        .contains("stickyWeight: 2");
    assertThat(Cli.run("set", "--store", folder, "stickyWeight=2").exitCode()).isEqualTo(2);
  }

  @Test
  void refusesPasswordsInUrlsOtherDatabasesAndPushdownOnFolders() throws Exception {
    Path folder = content();
    Cli.Run password = Cli.run("query", "jdbc:postgresql://127.0.0.1:1/news?user=u&password=hunter2");
    assertThat(password.exitCode()).isEqualTo(2);
    assertThat(password.err()).contains("BROADSHEET_DB_PASSWORD").doesNotContain("hunter2");
    Cli.Run mysql = Cli.run("facets", "jdbc:mysql://127.0.0.1/news");
    assertThat(mysql.exitCode()).isEqualTo(2);
    assertThat(mysql.err()).contains("only PostgreSQL");
    Cli.Run pushdown = Cli.run("query", folder, "--query-pushdown");
    assertThat(pushdown.exitCode()).isEqualTo(2);
    assertThat(pushdown.err()).contains("--query-pushdown is for a database");
    Cli.Run nobody = Cli.run("query", "jdbc:postgresql://127.0.0.1:1/news?user=u");
    assertThat(nobody.exitCode()).isEqualTo(1);
    assertThat(nobody.err()).contains("cannot connect to jdbc:postgresql://127.0.0.1:1/news?user=u");
    assertThat(Cli.run("copy", folder, folder).exitCode()).isEqualTo(2);
  }

  @Test
  void servesADatabaseAnsweringInSqlAndFollowsWritesMadeElsewhere() throws Exception {
    Path folder = content();
    Files.delete(folder.resolve("2026/02/broken.md"));
    String db = TestPostgres.freshDatabase();
    assertThat(Cli.run("copy", folder, db).exitCode()).isZero();

    ServeCommand serve = new ServeCommand();
    CommandLine cmd = new CommandLine(serve);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    AtomicReference<URI> running = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    serve.onStart = r -> {
      running.set(r);
      started.countDown();
    };
    AtomicInteger exit = new AtomicInteger(-1);
    Thread thread = new Thread(() -> exit.set(cmd.execute(db, "--port", "0", "--query-pushdown")));
    thread.start();
    HttpClient client = HttpClient.newHttpClient();
    try {
      if (!started.await(60, TimeUnit.SECONDS)) {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, st) -> {
          dump.append(t.getName()).append('\n');
          for (StackTraceElement e : st) {
            dump.append("  ").append(e).append('\n');
          }
        });
        throw new AssertionError("not started; err: " + err + "\n" + dump);
      }
      URI base = running.get();
      JsonNode page = new ObjectMapper().readTree(client.send(HttpRequest.newBuilder(
          base.resolve("/articles?category=local&sort=oldest")).build(), HttpResponse.BodyHandlers.ofString()).body());
      List<String> ids = new ArrayList<>();
      page.get("items").forEach(i -> ids.add(i.get("id").asText()));
      Cli.Run expected = Cli.run("query", folder, "--category", "local", "--sort", "oldest", "--format", "ids");
      assertThat(ids).isEqualTo(expected.outLines()).isNotEmpty();

      // A write through another process's command reaches the server.
      assertThat(Cli.run("new", db, "--title", "Late news", "--id", "2026/03/late").exitCode()).isZero();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      int status = 0;
      while (System.nanoTime() < deadline && (status = client.send(HttpRequest.newBuilder(
          base.resolve("/articles/2026/03/late")).build(), HttpResponse.BodyHandlers.discarding()).statusCode()) != 200) {
        Thread.sleep(50);
      }
      assertThat(status).isEqualTo(200);
      // ... and its words to the server's search index, whose matches SQL filters.
      List<String> found = List.of();
      while (System.nanoTime() < deadline && (found = itemIds(client, base.resolve("/articles?q=late+news"))).isEmpty()) {
        Thread.sleep(50);
      }
      assertThat(found).containsExactly("2026/03/late");
      assertThat(itemIds(client, base.resolve("/articles?q=late+news&category=local"))).isEmpty();
    } finally {
      serve.stop.countDown();
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertThat(exit.get()).as(err.toString()).isZero();
    // The pool and the store are closed: no session of the command is left on the server.
    try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement()) {
      deadline(() -> {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'broadsheet%'")) {
          r.next();
          return r.getInt(1) == 0;
        }
      });
    }
  }

  private static List<String> itemIds(HttpClient client, URI uri) throws Exception {
    JsonNode page = new ObjectMapper().readTree(client.send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(i -> ids.add(i.get("id").asText()));
    return ids;
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void deadline(Check check) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!check.ok()) {
      assertThat(System.nanoTime()).as("condition within 15 s").isLessThan(end);
      Thread.sleep(50);
    }
  }
}
