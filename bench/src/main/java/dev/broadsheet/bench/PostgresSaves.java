package dev.broadsheet.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Revision;
import dev.broadsheet.postgres.PostgresArticleStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conditional saves per second on the PostgreSQL store, against raw JDBC updates of the same
 * rows, in one run: {@code java -cp benchmarks.jar dev.broadsheet.bench.PostgresSaves DIR [FILES]
 * [SECONDS] [ROUNDS]} against the server {@link PostgresServer} runs (or {@code
 * BROADSHEET_TEST_JDBC_URL}). The first {@code FILES} files of {@code DIR} (2,000) are copied
 * into schema {@code saves}, made afresh; then each configuration runs for {@code SECONDS} (10),
 * in turn, {@code ROUNDS} times (2), after one warm-up of each. Every writer owns its own
 * articles (writer {@code t} of {@code n} the files {@code i} with {@code i % n == t}), so no save
 * conflicts; each save changes the title.
 *
 * <ul>
 *   <li>{@code repository}: {@code repository.save(article.withTitle(...), revision)} through one
 *       {@link ArticleRepository} on one {@link PostgresArticleStore} (index mode), shared by the
 *       writer threads, as in one application instance;
 *   <li>{@code instances}: the same with one repository and store (and pool) per writer, as
 *       separate application instances, each following the others' saves;
 *   <li>{@code jdbc}: raw JDBC, one connection per writer: {@code UPDATE articles SET content =
 *       ?, revision = ? WHERE key = ? AND revision = ?} (one statement, the revision checked in
 *       the database), with the new file made by replacing the title line of the file held in
 *       memory, and its SHA-256 revision;
 *   <li>{@code jdbc-read}: the same preceded by a {@code SELECT content, seq} of the row and
 *       conditional on {@code seq}: the two round trips a store save makes, without parsing,
 *       the minimal-diff update, the JSON, the columns and the follower.
 * </ul>
 */
public final class PostgresSaves {
  private static final String SCHEMA = "saves";

  private PostgresSaves() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    String url = PostgresData.url();
    try (HikariDataSource ds = PostgresData.pool(url, 4)) {
      try (Connection c = ds.getConnection()) {
        c.createStatement().execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
      }
      PostgresData.fillFolder(ds, SCHEMA, dir, files);
    }
    List<String> ids = new ArrayList<>();
    try (Connection c = java.sql.DriverManager.getConnection(url);
        ResultSet rs = c.createStatement().executeQuery("SELECT id FROM " + PostgresData.table(SCHEMA)
            + " ORDER BY id COLLATE \"C\"")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    System.out.printf(Locale.ROOT, "%d articles in schema %s, %d s per run, load average %s%n", ids.size(), SCHEMA,
        seconds, loadAverage());
    String[] modes = {"repository", "jdbc", "jdbc-read", "instances"};
    for (String mode : modes) {
      for (int writers : new int[] {1, 4}) {
        run(mode, writers, ids, Math.min(seconds, 3), url, false); // warm-up
      }
    }
    for (int r = 1; r <= rounds; r++) {
      for (int writers : new int[] {1, 4}) {
        for (String mode : modes) {
          if (mode.equals("instances") && writers == 1) {
            continue; // the same as repository
          }
          run(mode, writers, ids, seconds, url, true);
        }
      }
    }
    System.exit(0);
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  /** One save: the {@code n}-th of its writer. */
  private interface Writer {
    void save(int n) throws Exception;
  }

  private static void run(String mode, int writers, List<String> ids, int seconds, String url, boolean print)
      throws Exception {
    List<AutoCloseable> open = new ArrayList<>();
    List<Writer> ws = new ArrayList<>();
    ArticleRepository shared = null;
    for (int t = 0; t < writers; t++) {
      List<String> mine = new ArrayList<>();
      for (int i = t; i < ids.size(); i += writers) {
        mine.add(ids.get(i));
      }
      switch (mode) {
        case "repository", "instances" -> {
          ArticleRepository repo;
          if (mode.equals("instances") || shared == null) {
            HikariDataSource pool = PostgresData.pool(url, mode.equals("instances") ? 3 : writers + 2);
            open.add(pool);
            PostgresArticleStore store = PostgresArticleStore.builder(pool).schema(SCHEMA).build();
            repo = ArticleRepository.builder().store(store).clock(BenchData.CLOCK).build();
            open.add(0, repo);
            shared = repo;
          } else {
            repo = shared;
          }
          ws.add(repositoryWriter(repo, mine));
        }
        case "jdbc", "jdbc-read" -> {
          Connection c = java.sql.DriverManager.getConnection(url);
          open.add(c);
          ws.add(jdbcWriter(c, mine, mode.equals("jdbc-read")));
        }
        default -> throw new IllegalArgumentException(mode);
      }
    }
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong saves = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(writers);
    List<Thread> threads = new ArrayList<>();
    long t0 = System.nanoTime();
    for (Writer w : ws) {
      long[] lat = new long[2_000_000];
      latencies.add(lat);
      Thread th = new Thread(() -> {
        int n = 0;
        try {
          while (System.nanoTime() < deadline) {
            long s = System.nanoTime();
            w.save(n);
            lat[n++] = (System.nanoTime() - s) / 1000;
          }
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        } finally {
          saves.addAndGet(n);
          lat[lat.length - 1] = n;
          done.countDown();
        }
      });
      threads.add(th);
      th.start();
    }
    done.await();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    for (AutoCloseable c : open) {
      c.close();
    }
    if (!failures.isEmpty()) {
      failures.get(0).printStackTrace();
      throw new IllegalStateException(failures.size() + " writers failed");
    }
    if (print) {
      long[] all = new long[(int) saves.get()];
      int at = 0;
      for (long[] lat : latencies) {
        int n = (int) lat[lat.length - 1];
        System.arraycopy(lat, 0, all, at, n);
        at += n;
      }
      Arrays.sort(all);
      System.out.printf(Locale.ROOT, "%-10s writers %d: %7.0f saves/s (%d in %.1f s), latency p50 %.2f ms, "
          + "p99 %.2f ms; load average %s%n", mode, writers, saves.get() / elapsed, saves.get(), elapsed,
          all[all.length / 2] / 1000.0, all[(int) (all.length * 0.99)] / 1000.0, loadAverage());
    }
  }

  private static Writer repositoryWriter(ArticleRepository repo, List<String> ids) {
    Article[] articles = new Article[ids.size()];
    Revision[] revisions = new Revision[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      var stored = repo.find(ids.get(i)).orElseThrow();
      articles[i] = stored.article();
      revisions[i] = stored.revision();
    }
    long stamp = System.nanoTime();
    return n -> {
      int i = n % articles.length;
      Article edited = articles[i].withTitle("Saved " + stamp + " " + n);
      revisions[i] = repo.save(edited, revisions[i]);
    };
  }

  private static Writer jdbcWriter(Connection c, List<String> ids, boolean readFirst) throws Exception {
    String table = PostgresData.table(SCHEMA);
    byte[][] files = new byte[ids.size()][];
    String[] revisions = new String[ids.size()];
    String[] keys = new String[ids.size()];
    try (PreparedStatement s = c.prepareStatement("SELECT content, revision FROM " + table + " WHERE key = ?")) {
      for (int i = 0; i < ids.size(); i++) {
        keys[i] = ArticleIds.key(ids.get(i));
        s.setString(1, keys[i]);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          files[i] = rs.getBytes(1);
          revisions[i] = rs.getString(2);
        }
      }
    }
    PreparedStatement update = c.prepareStatement("UPDATE " + table
        + " SET content = ?, revision = ? WHERE key = ? AND revision = ?");
    PreparedStatement read = c.prepareStatement("SELECT content, seq FROM " + table + " WHERE key = ?");
    PreparedStatement updateSeq = c.prepareStatement("UPDATE " + table
        + " SET content = ?, revision = ? WHERE key = ? AND seq = ?");
    long stamp = System.nanoTime();
    return n -> {
      int i = n % files.length;
      byte[] current = files[i];
      long seq = 0;
      if (readFirst) {
        read.setString(1, keys[i]);
        try (ResultSet rs = read.executeQuery()) {
          rs.next();
          current = rs.getBytes(1);
          seq = rs.getLong(2);
        }
      }
      byte[] next = retitle(current, "Saved " + stamp + " " + n);
      String revision = Revision.ofContent(next).value();
      PreparedStatement s = readFirst ? updateSeq : update;
      s.setBytes(1, next);
      s.setString(2, revision);
      s.setString(3, keys[i]);
      if (readFirst) {
        s.setLong(4, seq);
      } else {
        s.setString(4, revisions[i]);
      }
      if (s.executeUpdate() != 1) {
        throw new IllegalStateException("conflict on " + keys[i]);
      }
      files[i] = next;
      revisions[i] = revision;
    };
  }

  /** The file with its {@code title:} line replaced. */
  private static byte[] retitle(byte[] file, String title) {
    String s = new String(file, StandardCharsets.UTF_8);
    int at = s.indexOf("\ntitle: ");
    int end = s.indexOf('\n', at + 1);
    return (s.substring(0, at + 1) + "title: " + title + s.substring(end)).getBytes(StandardCharsets.UTF_8);
  }
}
