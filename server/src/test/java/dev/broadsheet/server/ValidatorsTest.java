package dev.broadsheet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Revision;
import dev.broadsheet.server.Validators.Tag;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatorsTest {
  @Test
  void readsListsOfTagsWeakStrongAndAnyWithCommasInsideQuotes() {
    assertThat(Validators.tags(List.of("\"a\", W/\"b\"", " *", "\"c,d\"")))
        .containsExactly(new Tag(false, "a"), new Tag(true, "b"), Tag.ANY, new Tag(false, "c,d"));
    assertThat(Validators.tags(List.of("\"x--gzip\""))).containsExactly(new Tag(false, "x"));
    // Nothing after a malformed element is trusted.
    assertThat(Validators.tags(List.of("\"a\", b, \"c\""))).containsExactly(new Tag(false, "a"));
    assertThat(Validators.tags(List.of("\"unclosed"))).isEmpty();
  }

  @Test
  void aRevisionOfAnyCharactersMakesATagThatNamesItAgain() {
    for (String value : List.of("m12", "0f3a9c", "with space", "quote\"d", "~tilde", "caf\u00e9")) {
      Revision r = Revision.of(value);
      String etag = Validators.ofRevision(r);
      assertThat(etag).matches("\"[\\x21\\x23-\\x7e]+\"");
      assertThat(Validators.revisionOf(Validators.tags(List.of(etag)).get(0))).as(value).isEqualTo(r);
    }
    assertThat(Validators.ofRevision(Revision.of("0f3a9c"))).isEqualTo("\"0f3a9c\"");
    assertThat(Validators.ofPage(Revision.of("0f3a9c"), "Draft")).isEqualTo("\"0f3a9c.html.draft\"");
  }

  @Test
  void ifNoneMatchComparesWeaklyAndMatchesEitherCoding() {
    assertThat(Validators.noneMatchFails(List.of("W/\"a\""), "\"a\"")).isTrue();
    assertThat(Validators.noneMatchFails(List.of("\"a--gzip\""), "\"a\"")).isTrue();
    assertThat(Validators.noneMatchFails(List.of("*"), "\"a\"")).isTrue();
    assertThat(Validators.noneMatchFails(List.of("\"b\""), "\"a\"")).isFalse();
  }

  @Test
  void writesAndReadsHttpDates() {
    Instant t = Instant.parse("2026-01-05T09:15:00.750Z");
    assertThat(Validators.httpDate(t)).isEqualTo("Mon, 05 Jan 2026 09:15:00 GMT");
    assertThat(Validators.parseHttpDate("Mon, 05 Jan 2026 09:15:00 GMT")).isEqualTo(Instant.parse("2026-01-05T09:15:00Z"));
    assertThat(Validators.parseHttpDate("Mon, 5 Jan 2026 09:15:00 GMT")).isEqualTo(Instant.parse("2026-01-05T09:15:00Z"));
    assertThat(Validators.parseHttpDate("yesterday")).isNull();
  }
}
