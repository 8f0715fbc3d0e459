package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VisibilityTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  private static Article.Builder a() {
    return Article.builder("a").title("A").publishedAt(NOW);
  }

  @Test
  void publishedAtNowIsPublicAndExpiresAtNowIsExpired() {
    assertThat(Visibility.of(a().build(), NOW)).isEqualTo(Visibility.PUBLIC);
    assertThat(Visibility.of(a().publishedAt(NOW.plusNanos(1)).build(), NOW)).isEqualTo(Visibility.SCHEDULED);
    assertThat(Visibility.of(a().expiresAt(NOW).build(), NOW)).isEqualTo(Visibility.EXPIRED);
    assertThat(Visibility.of(a().expiresAt(NOW.plusNanos(1)).build(), NOW)).isEqualTo(Visibility.PUBLIC);
  }

  @Test
  void draftComesFirstThenScheduledThenExpired() {
    Article all = a().draft(true).publishedAt(NOW.plusSeconds(60)).expiresAt(NOW.minusSeconds(60)).build();
    assertThat(Visibility.of(all, NOW)).isEqualTo(Visibility.DRAFT);
    assertThat(Visibility.of(all.withDraft(false), NOW)).isEqualTo(Visibility.SCHEDULED);
    assertThat(Visibility.of(Article.builder("d").draft(true).build(), NOW)).isEqualTo(Visibility.DRAFT);
    assertThat(Visibility.DRAFT.label()).isEqualTo("Draft");
  }

  @Test
  void nextChangeIsTheNextInstantTimeAloneChangesVisibility() {
    Instant later = NOW.plusSeconds(3600);
    Instant end = NOW.plusSeconds(7200);
    assertThat(Visibility.nextChange(a().publishedAt(later).expiresAt(end).build(), NOW)).isEqualTo(later);
    assertThat(Visibility.nextChange(a().expiresAt(end).build(), NOW)).isEqualTo(end);
    assertThat(Visibility.nextChange(a().expiresAt(NOW).build(), NOW)).isNull();
    assertThat(Visibility.nextChange(a().build(), NOW)).isNull();
    assertThat(Visibility.nextChange(a().draft(true).publishedAt(later).build(), NOW)).isNull();
  }
}
