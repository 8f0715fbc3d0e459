package dev.broadsheet.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;

/**
 * Runs the embedded PostgreSQL of the store's benchmarks until the process is stopped, for the
 * cold-start runs, which must not pay for starting a server:
 * {@code java -cp benchmarks.jar dev.broadsheet.bench.PostgresServer [SIZE...]} starts it on
 * {@link PostgresData#PORT} and writes the articles of each size first if they are not there;
 * an argument {@code SCHEMA=DIR} copies the files of folder {@code DIR} into schema {@code SCHEMA}
 * instead ({@code corpus_100k=/tmp/corpus100k}).
 */
public final class PostgresServer {
  private PostgresServer() {}

  public static void main(String[] args) throws Exception {
    try (EmbeddedPostgres pg = PostgresData.startEmbedded()) {
      for (String arg : args) {
        try (var pool = PostgresData.pool(PostgresData.url(), 4)) {
          int eq = arg.indexOf('=');
          if (eq > 0) {
            PostgresData.fillFolder(pool, arg.substring(0, eq), Path.of(arg.substring(eq + 1)));
          } else {
            PostgresData.fill(pool, Integer.parseInt(arg));
          }
        }
      }
      System.out.println("PostgreSQL ready at " + PostgresData.url());
      Thread.currentThread().join();
    }
  }
}
