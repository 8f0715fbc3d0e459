package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleQueryParseInstantTest {
  @Test
  void readsTimestampsWithAnOffsetAndDatesAsTheStartOfTheDayInUtc() {
    assertThat(ArticleQuery.parseInstant("2026-02-01T09:00:00Z")).hasValue(Instant.parse("2026-02-01T09:00:00Z"));
    assertThat(ArticleQuery.parseInstant("2026-02-01T10:00:00+01:00")).hasValue(Instant.parse("2026-02-01T09:00:00Z"));
    assertThat(ArticleQuery.parseInstant("2026-02-01T09:00:00.250Z")).hasValue(Instant.parse("2026-02-01T09:00:00.250Z"));
    assertThat(ArticleQuery.parseInstant("2026-02-01")).hasValue(Instant.parse("2026-02-01T00:00:00Z"));
  }

  @Test
  void refusesTimestampsWithoutAnOffsetAndAnythingElse() {
    assertThat(ArticleQuery.parseInstant("2026-02-01T09:00:00")).isEmpty();
    assertThat(ArticleQuery.parseInstant("yesterday")).isEmpty();
    assertThat(ArticleQuery.parseInstant("2026-02-30")).isEmpty();
    assertThat(ArticleQuery.parseInstant("")).isEmpty();
  }
}
