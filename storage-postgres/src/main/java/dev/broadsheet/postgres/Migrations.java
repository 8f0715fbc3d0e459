package dev.broadsheet.postgres;

/**
 * Who creates and upgrades the store's tables.
 *
 * <pre>{@code
 * PostgresArticleStore.builder(dataSource)
 *     .migrations(Migrations.VERIFY) // Flyway runs classpath:db/broadsheet before the store starts
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public enum Migrations {
  /**
   * The store creates its tables on first use and runs the migration files it ships that the
   * database has not run yet, under an advisory lock, so that instances starting together run
   * each file once. The default.
   */
  APPLY,
  /**
   * The host runs the migration files itself (with Flyway or Liquibase); the store only checks
   * that the database is at the version it needs, and fails on first use, naming the files to
   * run, when it is not.
   */
  VERIFY
}
