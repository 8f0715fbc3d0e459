package dev.broadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArticleIdsTest {
  /** Characters that ids are made of, and the ones the rules are about. */
  private static final String ALPHABET = "aZ09-_./. \t\\:\u0000\u007f\u0085é\u0301ÉﬁK\u212a\uD83D\uDE00\uD800";

  @Test
  void theQuickAnswerAgreesWithTheRulesOnRandomIds() {
    long seed = Long.getLong("broadsheet.seed", 20261126L);
    Random random = new Random(seed);
    int valid = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(12);
      for (int k = 0; k < length; k++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String id = b.toString();
      boolean byRules;
      try {
        ArticleIds.validate(id);
        byRules = true;
      } catch (InvalidIdException e) {
        byRules = false;
      }
      assertThat(ArticleIds.isValid(id)).as("seed %d, id %s", seed, escaped(id)).isEqualTo(byRules);
      assertThat(ArticleIds.key(id)).as("seed %d, id %s", seed, escaped(id))
          .isEqualTo(Normalizer.normalize(id, Normalizer.Form.NFC).toLowerCase(Locale.ROOT));
      assertThat(ArticleIds.keyIfValid(id)).as("seed %d, id %s", seed, escaped(id))
          .isEqualTo(byRules ? ArticleIds.key(id) : null);
      valid += byRules ? 1 : 0;
    }
    assertThat(valid).as("the generator reaches valid ids too").isGreaterThan(1_000);
  }

  @Test
  void everydayIdsAreValidAndKeyedByTheirLowerCase() {
    assertThat(ArticleIds.isValid("2026/01/openai-funding")).isTrue();
    assertThat(ArticleIds.isValid("News/Ferry_Times.v2")).isTrue();
    assertThat(ArticleIds.key("News/Ferry_Times.v2")).isEqualTo("news/ferry_times.v2");
    assertThat(ArticleIds.key("café")).isEqualTo(ArticleIds.key("cafe\u0301"));
  }

  @Test
  void idsThatBreakARuleAreRefusedWhateverPathAnswers() {
    for (String id : new String[] {"", "/abs", "a//b", "a/", "a/.hidden", "a/../b", ".", "a\\b", "a:b", " a", "a ",
        "x".repeat(ArticleIds.MAX_LENGTH + 1)}) {
      assertThat(ArticleIds.isValid(id)).as(escaped(id)).isFalse();
      assertThatThrownBy(() -> ArticleIds.validate(id)).isInstanceOf(InvalidIdException.class);
    }
  }

  private static String escaped(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return b.toString();
  }
}
