package dev.broadsheet.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Runs the embedded PostgreSQL of the store's benchmarks until the process is stopped, for the
 * cold-start runs, which must not pay for starting a server:
 * {@code java -cp benchmarks.jar dev.broadsheet.bench.PostgresServer [SIZE...]} starts it on
 * {@link PostgresData#PORT} and writes the articles of each size first if they are not there.
 */
public final class PostgresServer {
  private PostgresServer() {}

  public static void main(String[] args) throws Exception {
    try (EmbeddedPostgres pg = PostgresData.startEmbedded()) {
      for (String size : args) {
        try (var pool = PostgresData.pool(PostgresData.url(), 4)) {
          PostgresData.fill(pool, Integer.parseInt(size));
        }
      }
      System.out.println("PostgreSQL ready at " + PostgresData.url());
      Thread.currentThread().join();
    }
  }
}
