/**
 * Articles kept in PostgreSQL: {@link dev.broadsheet.postgres.PostgresArticleStore}.
 */
// "requires-automatic": the PostgreSQL driver is an automatic module (org.postgresql.jdbc).
@SuppressWarnings("requires-automatic")
module dev.broadsheet.postgres {
  requires transitive dev.broadsheet.core;
  // The builder takes an ArticleCodec.
  requires transitive dev.broadsheet.markdown;
  // The builder takes a DataSource.
  requires transitive java.sql;
  requires static transitive org.jspecify;
  requires dev.broadsheet.json;
  requires com.fasterxml.jackson.databind;
  requires com.github.benmanes.caffeine;
  // LISTEN: PGConnection.getNotifications.
  requires org.postgresql.jdbc;

  exports dev.broadsheet.postgres;
}
