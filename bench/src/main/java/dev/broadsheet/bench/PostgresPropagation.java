package dev.broadsheet.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleEvent;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import dev.broadsheet.postgres.PostgresArticleStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How long a save on one instance takes to reach another, two JVMs on one database: {@code java
 * -cp benchmarks.jar dev.broadsheet.bench.PostgresPropagation DIR [SAVES] [PAUSE_MS]} against the
 * server {@link PostgresServer} runs (or {@code BROADSHEET_TEST_JDBC_URL}). The first 1,000 files
 * of {@code DIR} are copied into schema {@code propagation}, made afresh. This process (A) starts
 * a second JVM (B, the {@code follow} mode), each with a {@link PostgresArticleStore} (index mode,
 * default poll interval) and an {@link ArticleRepository}; B prints each change its repository's
 * listener is told, with the wall-clock time (microseconds; the two JVMs share the machine's
 * clock). A saves {@code SAVES} articles (500) one at a time, {@code PAUSE_MS} (20) apart, each
 * with {@code repository.save(article, expectedRevision)}, and waits for B to have seen it; the
 * first 50 are a warm-up. Printed: the time from the save acknowledged on A (the call returned)
 * to the change applied on B (its index updated, its listener called), p50, p90, p99 and the
 * largest.
 */
public final class PostgresPropagation {
  private static final String SCHEMA = "propagation";
  private static final int WARMUP = 50;

  private PostgresPropagation() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("follow")) {
      follow();
      return;
    }
    Path dir = Path.of(args[0]);
    int saves = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int pauseMs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    String url = PostgresData.url();
    try (HikariDataSource ds = PostgresData.pool(url, 4)) {
      try (Connection c = ds.getConnection()) {
        c.createStatement().execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
      }
      PostgresData.fillFolder(ds, SCHEMA, dir, 1000);
    }
    List<String> ids = new ArrayList<>();
    try (Connection c = java.sql.DriverManager.getConnection(url);
        ResultSet rs = c.createStatement().executeQuery("SELECT id FROM " + PostgresData.table(SCHEMA)
            + " ORDER BY id COLLATE \"C\"")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }

    String javaCommand = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(javaCommand, "-cp", System.getProperty("java.class.path")));
    for (String p : List.of("pgport", "pgdata")) {
      if (System.getProperty(p) != null) {
        command.add("-D" + p + "=" + System.getProperty(p));
      }
    }
    command.addAll(List.of(PostgresPropagation.class.getName(), "follow"));
    Process b = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Map<String, Long> seen = new ConcurrentHashMap<>();
    Object signal = new Object();
    BufferedReader fromB = new BufferedReader(new InputStreamReader(b.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = fromB.readLine()) != null && !line.equals("ready")) {
      System.out.println("B: " + line);
    }
    Thread reader = new Thread(() -> {
      try {
        String l;
        while ((l = fromB.readLine()) != null) {
          String[] f = l.split(" ");
          if (f.length == 3 && f[0].equals("seen")) {
            seen.put(f[1], Long.parseLong(f[2]));
            synchronized (signal) {
              signal.notifyAll();
            }
          }
        }
      } catch (java.io.IOException e) {
        // B is gone
      }
    });
    reader.setDaemon(true);
    reader.start();

    try (HikariDataSource pool = PostgresData.pool(url, 4)) {
      PostgresArticleStore store = PostgresArticleStore.builder(pool).schema(SCHEMA).build();
      ArticleRepository repo = ArticleRepository.builder().store(store).clock(BenchData.CLOCK).build();
      long[] fromAck = new long[saves];
      long[] fromCall = new long[saves];
      long[] saveTime = new long[saves];
      int missed = 0;
      for (int n = 0; n < WARMUP + saves; n++) {
        StoredArticle current = repo.find(ids.get(n % ids.size())).orElseThrow();
        Article edited = current.article().withTitle("Propagated " + n + " at " + System.nanoTime());
        long call = micros();
        Revision r = repo.save(edited, current.revision());
        long ack = micros();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Long at;
        synchronized (signal) {
          while ((at = seen.get(r.value())) == null && System.nanoTime() < deadline) {
            signal.wait(100);
          }
        }
        if (n >= WARMUP) {
          int i = n - WARMUP;
          if (at == null) {
            missed++;
            fromAck[i] = Long.MAX_VALUE;
            fromCall[i] = Long.MAX_VALUE;
          } else {
            fromAck[i] = at - ack;
            fromCall[i] = at - call;
          }
          saveTime[i] = ack - call;
        }
        Thread.sleep(pauseMs);
      }
      repo.close();
      System.out.printf(Locale.ROOT, "%d saves on A, %d ms apart, %d not seen on B within 10 s; load average %s%n",
          saves, pauseMs, missed, java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
      print("save acknowledged on A -> applied on B", fromAck);
      print("save called on A -> applied on B", fromCall);
      print("save on A (call to return)", saveTime);
    } finally {
      b.getOutputStream().close();
      if (!b.waitFor(10, TimeUnit.SECONDS)) {
        b.destroy();
      }
    }
    System.exit(0);
  }

  private static void print(String what, long[] us) {
    long[] s = us.clone();
    Arrays.sort(s);
    System.out.printf(Locale.ROOT, "%-40s min %.2f ms, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", what,
        s[0] / 1000.0, s[s.length / 2] / 1000.0, s[(int) (s.length * 0.9)] / 1000.0,
        s[(int) (s.length * 0.99)] / 1000.0, s[s.length - 1] / 1000.0);
  }

  private static long micros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  /** B: follows the schema and prints every change its repository applies, until stdin closes. */
  private static void follow() throws Exception {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
        StandardCharsets.UTF_8);
    try (HikariDataSource pool = PostgresData.pool(PostgresData.url(), 4)) {
      PostgresArticleStore store = PostgresArticleStore.builder(pool).schema(SCHEMA).build();
      ArticleRepository repo = ArticleRepository.builder().store(store).clock(BenchData.CLOCK).build();
      repo.addListener((ArticleEvent e) -> {
        long at = micros();
        if (e.newRevision() != null) {
          synchronized (out) {
            out.println("seen " + e.newRevision().value() + " " + at);
            out.flush();
          }
        }
      });
      synchronized (out) {
        out.println(repo.size() + " articles loaded");
        out.println("ready");
        out.flush();
      }
      while (System.in.read() >= 0) {
        // until A closes our stdin
      }
      repo.close();
    }
    System.exit(0);
  }
}
