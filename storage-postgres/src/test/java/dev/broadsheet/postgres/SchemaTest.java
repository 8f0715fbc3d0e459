package dev.broadsheet.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.broadsheet.ArticleField;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tables: made on first use from the shipped files, once, or by Flyway from the same files. */
class SchemaTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private static Map<String, String> columns(String schema, String table) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
        "SELECT column_name, data_type, udt_name FROM information_schema.columns "
            + "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
      s.setString(1, schema);
      s.setString(2, table);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String type = rs.getString(2);
          out.put(rs.getString(1), type.equals("ARRAY") ? rs.getString(3).substring(1) + "[]" : type);
        }
      }
    }
    return out;
  }

  @Test
  void firstUseCreatesTheTablesAndRecordsTheVersion() throws Exception {
    String schema = TestDatabase.freshSchema();
    try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema).build()) {
      assertThat(db.queryOne("SELECT count(*) FROM information_schema.tables WHERE table_schema = ?", schema))
          .isEqualTo(0L);
      store.loadAll();
    }
    assertThat(db.queryOne("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables "
        + "WHERE table_schema = ?", schema))
        .isEqualTo("broadsheet_articles,broadsheet_changes,broadsheet_changes_head,broadsheet_schema_version");
    assertThat(db.queryOne("SELECT string_agg(version || ':' || description, ',' ORDER BY version) FROM " + schema
        + ".broadsheet_schema_version")).isEqualTo("1:init,2:query columns,3:change timing,4:translation key");
  }

  @Test
  void everyIndexedFieldHasAColumnOfItsType() throws Exception {
    String schema = TestDatabase.freshSchema();
    try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema).build()) {
      store.loadAll();
    }
    Map<String, String> columns = columns(schema, "broadsheet_articles");
    List<String> indexed = new ArrayList<>();
    for (ArticleField f : ArticleField.values()) {
      if (f.indexed() && f.type() != ArticleField.Type.GROUP) {
        indexed.add(f.path());
        assertThat(columns).as("the column of %s", f.path()).containsEntry(Columns.name(f), Columns.sqlType(f));
      }
    }
    assertThat(indexed).containsExactly("publishedAt", "expiresAt", "lang", "translationKey", "source.key", "category", "tags",
        "stickyWeight", "sentiment", "draft");
    assertThat(columns).containsKeys("key", "id", "revision", "seq", "content", "article", "precise");
    assertThat(columns).containsEntry("content", "bytea").containsEntry("article", "jsonb")
        .containsEntry("tags", "text[]");
  }

  @Test
  void tagsHaveAGinIndexAndTheFilterColumnsIndexes() throws Exception {
    String schema = TestDatabase.freshSchema();
    try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema).build()) {
      store.loadAll();
    }
    assertThat((String) db.queryOne("SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND indexname = ?",
        schema, "broadsheet_articles_tags_idx")).contains("USING gin (tags)");
    assertThat(db.queryOne("SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND tablename = ?",
        schema, "broadsheet_articles")).isEqualTo(17L); // key, id, fourteen on what queries filter and sort by, the translation key
    assertThat((String) db.queryOne("SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND indexname = ?",
        schema, "broadsheet_articles_tags_lower_idx")).contains("USING gin (tags_lower)");
  }

  @Test
  void instancesStartingTogetherRunTheMigrationOnce() throws Exception {
    String schema = TestDatabase.freshSchema();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> started = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Callable<Integer> open = () -> {
          try (PostgresArticleStore store = PostgresArticleStore.builder(db.pool(1)).schema(schema).build()) {
            return store.loadAll().articles().size();
          }
        };
        started.add(pool.submit(open));
      }
      for (Future<Integer> f : started) {
        assertThat(f.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(db.queryOne("SELECT count(*) FROM " + schema + ".broadsheet_schema_version")).isEqualTo(4L);
  }

  @Test
  void tablesAreNamedByTheSchemaAndPrefixGiven() throws Exception {
    String schema = TestDatabase.freshSchema();
    try (PostgresArticleStore a = PostgresArticleStore.builder(db.dataSource()).schema(schema).tablePrefix("").build();
        PostgresArticleStore b = PostgresArticleStore.builder(db.dataSource()).schema(schema).tablePrefix("desk_").build()) {
      Revision r = a.put(Samples.article("2026/01/ferry"), null);
      assertThat(b.loadAll().articles()).isEmpty();
      assertThat(a.loadAll().articles()).extracting(StoredArticle::revision).containsExactly(r);
    }
    assertThat(db.queryOne("SELECT count(*) FROM " + schema + ".articles")).isEqualTo(1L);
    assertThat(db.queryOne("SELECT count(*) FROM " + schema + ".desk_articles")).isEqualTo(0L);
  }

  @Test
  void verifyRefusesTablesThatAreNotThereNamingTheFilesToRun() {
    String schema = TestDatabase.freshSchema();
    PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema)
        .migrations(Migrations.VERIFY).build();
    assertThatThrownBy(store::loadAll)
        .isInstanceOf(BroadsheetException.class)
        .hasMessage("the tables " + schema + ".broadsheet_* are at schema version 0, and 4 is needed: run "
            + "db/broadsheet/V1__init.sql, V2__query_columns.sql, V3__change_timing.sql, V4__translation_key.sql (with Flyway or Liquibase, schema=" + schema
            + ", prefix=broadsheet_), or build the store with Migrations.APPLY");
  }

  @Test
  void refusesTablesOfANewerVersion() throws Exception {
    String schema = TestDatabase.freshSchema();
    try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema).build()) {
      store.loadAll();
    }
    db.execute("INSERT INTO " + schema + ".broadsheet_schema_version (version, description) VALUES (5, 'future')");
    PostgresArticleStore newer = PostgresArticleStore.builder(db.dataSource()).schema(schema).build();
    assertThatThrownBy(newer::loadAll)
        .isInstanceOf(BroadsheetException.class)
        .hasMessageContaining("are at schema version 5, newer than this version of Broadsheet knows (4)");
  }

  @Test
  void flywayRunsTheShippedFilesAndTheStoreFindsItsTables() throws Exception {
    String schema = TestDatabase.freshSchema();
    Flyway.configure()
        .dataSource(db.dataSource())
        .schemas(schema)
        .locations("classpath:" + Schema.FOLDER)
        .placeholders(Map.of("schema", schema, "prefix", "news_"))
        .load()
        .migrate();
    try (PostgresArticleStore store = PostgresArticleStore.builder(db.dataSource()).schema(schema)
        .tablePrefix("news_").migrations(Migrations.VERIFY).build()) {
      Revision r = store.put(Samples.article("2026/01/ferry"), Revision.NONE);
      assertThat(store.loadAll().articles()).extracting(StoredArticle::revision).containsExactly(r);
    }
    assertThat(db.queryOne("SELECT count(*) FROM " + schema + ".news_changes")).isEqualTo(1L);
  }

  @Test
  void theFileListNamesEveryShippedFileInOrder() throws Exception {
    Path folder = Path.of(SchemaTest.class.getResource("/" + Schema.FOLDER).toURI());
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(Schema.FILES);
    }
    for (int v = 1; v <= Schema.FILES.size(); v++) {
      assertThat(Schema.FILES.get(v - 1)).startsWith("V" + v + "__");
      assertThat(Schema.file(Schema.FILES.get(v - 1)))
          .contains("INSERT INTO \"${schema}\".\"${prefix}schema_version\" (version, description) VALUES (" + v + ",");
    }
  }
}
