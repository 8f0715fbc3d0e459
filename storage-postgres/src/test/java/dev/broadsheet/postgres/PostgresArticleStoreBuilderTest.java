package dev.broadsheet.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Options are checked when they are set, with messages that say what is allowed. */
class PostgresArticleStoreBuilderTest {
  private final PostgresArticleStore.Builder builder = PostgresArticleStore.builder(new PGSimpleDataSource());

  @Test
  void defaultsToThePublicSchemaAndTheBroadsheetPrefix() {
    PostgresArticleStore store = builder.build();
    assertThat(store.schema()).isEqualTo("public");
    assertThat(store.tablePrefix()).isEqualTo("broadsheet_");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "News", "1news", "news-desk", "news desk", "news\"; DROP TABLE x; --", "ñews",
      "news.desk", "a\u0000b"})
  void refusesASchemaThatIsNotAPlainLowerCaseName(String schema) {
    assertThatThrownBy(() -> builder.schema(schema))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("schema must be 1 to 63 lower-case letters, digits and underscores, not starting with a digit, was '");
  }

  @Test
  void refusesASchemaPostgresqlReserves() {
    assertThatThrownBy(() -> builder.schema("pg_news"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema must not start with pg_, which PostgreSQL reserves, was 'pg_news'");
  }

  @Test
  void refusesASchemaLongerThanPostgresqlNames() {
    assertThatThrownBy(() -> builder.schema("n".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    assertThat(builder.schema("n".repeat(63)).build().schema()).hasSize(63);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bs_", "1bs_", "bs-", "bs\"", "bs'", "b$$s", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
  void refusesATablePrefixThatIsNotPlain(String prefix) {
    assertThatThrownBy(() -> builder.tablePrefix(prefix))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tablePrefix must be empty or 1 to 30 lower-case letters, digits and underscores");
  }

  @Test
  void takesAnEmptyTablePrefix() {
    assertThat(builder.tablePrefix("").build().tablePrefix()).isEmpty();
  }

  @Test
  void refusesDurationsAndSizesOutOfRange() {
    assertThatThrownBy(() -> builder.pollInterval(Duration.ZERO))
        .hasMessage("pollInterval must be positive, was PT0S");
    assertThatThrownBy(() -> builder.changeRetention(Duration.ofSeconds(-1)))
        .hasMessage("changeRetention must be positive, was PT-1S");
    assertThatThrownBy(() -> builder.articleCacheBytes(-1))
        .hasMessage("articleCacheBytes must be >= 0, was -1");
    assertThatThrownBy(() -> builder.fetchSize(0))
        .hasMessage("fetchSize must be positive, was 0");
  }

  @Test
  void connectsToNothingUntilFirstUsed() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none");
    PostgresArticleStore store = PostgresArticleStore.builder(nowhere).build();
    assertThatThrownBy(store::check)
        .isInstanceOf(java.io.IOException.class)
        .hasMessageStartingWith("cannot reach PostgreSQL: ");
  }
}
