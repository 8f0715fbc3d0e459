package dev.broadsheet.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The schema and table prefix a store works in, and the names made of them. They are the only
 * things ever written into SQL text rather than bound as parameters, and only after {@link
 * #of} has checked them: lower-case letters, digits and underscores, always inside double
 * quotes.
 */
final class Names {
  /** The longest prefix: what PostgreSQL's 63-byte names leave room for after the longest suffix. */
  static final int MAX_PREFIX = 30;
  static final int MAX_SCHEMA = 63;

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  private final String schema;
  private final String prefix;

  private Names(String schema, String prefix) {
    this.schema = schema;
    this.prefix = prefix;
  }

  /**
   * @throws IllegalArgumentException saying what is wrong with either name
   */
  static Names of(String schema, String prefix) {
    checkSchema(schema);
    checkPrefix(prefix);
    return new Names(schema, prefix);
  }

  static void checkSchema(String schema) {
    if (!IDENTIFIER.matcher(schema).matches() || schema.length() > MAX_SCHEMA) {
      throw new IllegalArgumentException("schema must be 1 to " + MAX_SCHEMA
          + " lower-case letters, digits and underscores, not starting with a digit, was '" + printable(schema) + "'");
    }
    if (schema.startsWith("pg_")) {
      throw new IllegalArgumentException("schema must not start with pg_, which PostgreSQL reserves, was '"
          + schema + "'");
    }
  }

  static void checkPrefix(String prefix) {
    if (!prefix.isEmpty() && (!IDENTIFIER.matcher(prefix).matches() || prefix.length() > MAX_PREFIX)) {
      throw new IllegalArgumentException("tablePrefix must be empty or 1 to " + MAX_PREFIX
          + " lower-case letters, digits and underscores, not starting with a digit, was '" + printable(prefix) + "'");
    }
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(80).forEach(c -> {
      if (c < 0x20 || c == 0x7F) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.toString();
  }

  String schema() {
    return schema;
  }

  String prefix() {
    return prefix;
  }

  /** {@code "schema"."prefix" + table}, quoted. */
  String table(String table) {
    return '"' + schema + "\".\"" + prefix + table + '"';
  }

  String articles() {
    return table("articles");
  }

  String changes() {
    return table("changes");
  }

  String head() {
    return table("changes_head");
  }

  String schemaVersion() {
    return table("schema_version");
  }

  /**
   * The channel the tables' trigger notifies: named after the articles table, as the trigger
   * computes it from its own schema and table name.
   */
  String channel() {
    return "broadsheet_" + md5(schema + "." + prefix + "articles").substring(0, 16);
  }

  /** The advisory lock migrations of this schema and prefix take. */
  long migrationLock() {
    byte[] d = digest("MD5", "broadsheet migrations " + schema + "." + prefix);
    long key = 0;
    for (int i = 0; i < 8; i++) {
      key = (key << 8) | (d[i] & 0xFF);
    }
    return key;
  }

  /** {@code sql} with the placeholders {@code ${schema}} and {@code ${prefix}} replaced. */
  String substitute(String sql) {
    return sql.replace("${schema}", schema).replace("${prefix}", prefix);
  }

  private static String md5(String s) {
    return HexFormat.of().formatHex(digest("MD5", s));
  }

  private static byte[] digest(String algorithm, String s) {
    try {
      return MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return schema + "." + prefix + "*";
  }
}
