package dev.broadsheet.postgres;

import dev.broadsheet.BroadsheetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Creates and upgrades the store's tables from the migration files it ships in {@code
 * db/broadsheet}, the files a host may run with Flyway or Liquibase instead. Each file records
 * its version in the schema-version table; migrations run in one transaction under an advisory
 * lock, so that instances starting together run each file once and none sees half a schema.
 */
final class Schema {
  /** Where the migration files are, on the class path. */
  static final String FOLDER = "db/broadsheet";

  /** The migration files, in order; the version of each is its position, from 1. */
  static final List<String> FILES = List.of("V1__init.sql", "V2__query_columns.sql", "V3__change_timing.sql",
      "V4__translation_key.sql");

  /** The schema version this library needs. */
  static final int LATEST = FILES.size();

  /** The oldest PostgreSQL the store supports. */
  static final int MIN_SERVER = 14;

  private Schema() {}

  /** The text of a migration file, placeholders and all. */
  static String file(String name) {
    try (InputStream in = Schema.class.getResourceAsStream("/" + FOLDER + "/" + name)) {
      if (in == null) {
        throw new IllegalStateException(FOLDER + "/" + name + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FOLDER + "/" + name, e);
    }
  }

  /**
   * Brings the schema to {@link #LATEST}, or with {@link Migrations#VERIFY} checks that it is
   * there. Leaves {@code c} in auto-commit mode.
   *
   * @throws BroadsheetException when the server is too old or not UTF-8, when the schema is newer
   *     than this library, or (VERIFY) older than it needs
   */
  static void ensure(Connection c, Names names, Migrations mode) throws SQLException {
    int major = c.getMetaData().getDatabaseMajorVersion();
    if (major < MIN_SERVER) {
      throw new BroadsheetException("PostgreSQL " + MIN_SERVER + " or later is needed, the server is "
          + c.getMetaData().getDatabaseProductVersion());
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_encoding")) {
        rs.next();
        if (!"UTF8".equalsIgnoreCase(rs.getString(1))) {
          throw new BroadsheetException("the database must be encoded in UTF8, it is " + rs.getString(1));
        }
      }
      if (mode == Migrations.APPLY) {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          s.setLong(1, names.migrationLock());
          s.execute();
        }
      }
      int current = version(c, names);
      if (current > LATEST) {
        throw new BroadsheetException("the tables " + names + " are at schema version " + current
            + ", newer than this version of Broadsheet knows (" + LATEST + "); upgrade Broadsheet");
      }
      if (current < LATEST && mode == Migrations.VERIFY) {
        throw new BroadsheetException("the tables " + names + " are at schema version " + current + ", and "
            + LATEST + " is needed: run " + FOLDER + "/" + String.join(", ", FILES.subList(current, LATEST))
            + " (with Flyway or Liquibase, schema=" + names.schema() + ", prefix=" + names.prefix()
            + "), or build the store with Migrations.APPLY");
      }
      for (int v = current + 1; v <= LATEST; v++) {
        try (Statement s = c.createStatement()) {
          s.execute(names.substitute(file(FILES.get(v - 1))));
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(c, e);
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** The schema's version: 0 when none of the files has run. */
  static int version(Connection c, Names names) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      s.setString(1, names.schemaVersion());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return 0;
        }
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM " + names.schemaVersion())) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
