package dev.broadsheet.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleEvent;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * One application instance: a repository on the shared tables that writes articles of its own
 * and conditional updates of shared ones, and measures how long the others' writes take to
 * reach it. Lines: prints {@code ready}, waits for {@code go}, writes, prints {@code written},
 * waits for {@code check}, waits until its repository holds what the database holds, then
 * prints {@code converged DIGEST}, {@code seen N} and {@code delays MICROS,...}. Run by {@link
 * InstancesTest} in a child JVM.
 */
public final class Instance {
  static final String APPLICATION_NAME = "broadsheet instance";
  static final int SHARED = 5;

  private Instance() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String schema = args[1];
    String me = args[2];
    int writes = Integer.parseInt(args[3]);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Map<String, Revision> held = new ConcurrentHashMap<>();
    List<Long> delays = java.util.Collections.synchronizedList(new ArrayList<>());
    Map<String, Boolean> seen = new ConcurrentHashMap<>();
    try (HikariDataSource pool = TestDatabase.pool(url, 4, APPLICATION_NAME);
        ArticleRepository repo = ArticleRepository.builder()
            .store(PostgresArticleStore.builder(pool).schema(schema).build())
            .listener(e -> {
              long now = micros(Instant.now());
              if (e.type() == ArticleEvent.Type.DELETED) {
                held.remove(e.id());
                return;
              }
              held.put(e.id(), e.newRevision());
              Object writer = e.article().extra().get("writer");
              if (writer != null && !writer.equals(me)) {
                delays.add(now - (Long) e.article().extra().get("writtenAt"));
                if (!e.id().startsWith("shared/")) {
                  seen.put(e.id(), true);
                }
              }
            })
            .build()) {
      System.out.println("ready");
      System.out.flush();
      in.readLine();
      long next = System.nanoTime();
      for (int i = 0; i < writes; i++) {
        next += 20_000_000; // a steady 50 writes a second
        LockSupport.parkNanos(next - System.nanoTime());
        repo.save(stamped(Article.builder(me + "/" + i).title("From " + me + " " + i)
            .publishedAt(Instant.parse("2026-06-01T00:00:00Z")).category("CITY").body("Body " + i + ".\n").build(), me));
        if (i % 3 == 0) {
          bumpShared(repo, "shared/" + (i % SHARED), me);
        }
      }
      System.out.println("written");
      System.out.flush();
      in.readLine();
      try (PostgresArticleStore truth = PostgresArticleStore.builder(pool).schema(schema).build()) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        Map<String, Revision> stored = stored(truth);
        while (!new TreeMap<>(held).equals(stored)) {
          if (System.nanoTime() > deadline) {
            throw new AssertionError(me + " did not converge: holds " + new TreeMap<>(held) + ", stored " + stored);
          }
          Thread.sleep(20);
          stored = stored(truth);
        }
        System.out.println("converged " + stored.entrySet().stream().map(e -> e.getKey() + "@" + e.getValue())
            .collect(Collectors.joining(",")).hashCode());
      }
      System.out.println("seen " + seen.size());
      synchronized (delays) {
        System.out.println("delays " + delays.stream().map(String::valueOf).collect(Collectors.joining(",")));
      }
      System.out.flush();
    }
  }

  private static Map<String, Revision> stored(PostgresArticleStore store) throws Exception {
    Map<String, Revision> out = new TreeMap<>();
    for (StoredArticle s : store.loadAll().articles()) {
      out.put(s.id(), s.revision());
    }
    return out;
  }

  /** Adds one to a shared article's counter with a conditional save, again after a conflict. */
  private static void bumpShared(ArticleRepository repo, String id, String me) {
    while (true) {
      Optional<StoredArticle> read = repo.find(id);
      long counter = read.map(s -> (Long) s.article().extra().get("counter")).orElse(0L);
      Article base = read.map(StoredArticle::article).orElseGet(() -> Article.builder(id).title("Shared " + id)
          .publishedAt(Instant.parse("2026-06-01T00:00:00Z")).category("SHARED").body("Shared.\n").build());
      try {
        repo.save(stamped(base.toBuilder().putExtra("counter", counter + 1).build(), me),
            read.map(StoredArticle::revision).orElse(Revision.NONE));
        return;
      } catch (ArticleConflictException e) {
        // another instance was first: read again
      }
    }
  }

  private static Article stamped(Article a, String me) {
    return a.toBuilder().putExtra("writer", me).putExtra("writtenAt", micros(Instant.now())).build();
  }

  private static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }
}
