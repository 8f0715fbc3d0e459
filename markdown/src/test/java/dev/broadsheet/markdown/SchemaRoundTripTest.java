package dev.broadsheet.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleField;
import dev.broadsheet.SchemaSamples;
import dev.broadsheet.spi.ArticleStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every field of the schema table survives the file format, through each way of reading it: a
 * field added to the table but not to a reader or the writer fails here.
 */
class SchemaRoundTripTest {
  private final ArticleCodec codec = ArticleCodec.builder().build();

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void everyFieldIsWrittenAndReadBack(int variant) {
    Article a = SchemaSamples.everyFieldPublic("2026/01/every-field", variant);
    byte[] file = codec.write(a);
    String text = new String(file, StandardCharsets.UTF_8);
    for (ArticleField f : ArticleField.values()) {
      assertThat(text).as("the file names " + f.path()).contains(f.key() + ":");
    }

    ArticleResult whole = codec.read(a.id(), "every.md", file);
    assertThat(whole.problems()).isEmpty();
    assertThat(whole.article()).isEqualTo(a);

    ArticleResult front = codec.readFrontmatter(a.id(), "every.md", file);
    assertThat(front.problems()).isEmpty();
    assertThat(front.article()).isEqualTo(a.withBody(""));
    assertThat(ArticleStore.partial(front.article())).isEqualTo(ArticleStore.partial(a));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void anEditOfEveryFieldChangesOnlyItsLines(int variant) {
    Article a = SchemaSamples.everyFieldPublic("2026/01/every-field", variant);
    byte[] file = codec.write(a);
    Article b = SchemaSamples.everyFieldPublic("2026/01/every-field", variant + 7);
    for (ArticleField f : ArticleField.values()) {
      if (f.type() == ArticleField.Type.GROUP || f == ArticleField.DRAFT) {
        continue;
      }
      Object other = f.type() == ArticleField.Type.BOOLEAN ? !(Boolean) f.get(a) : f.get(b);
      Article edited = f.with(a, other);
      DocumentResult doc = codec.parser().parse("every.md", file);
      byte[] out = codec.update(doc.document(), edited);
      assertThat(codec.read(a.id(), "every.md", out).article()).as(f.path()).isEqualTo(edited);
      String[] before = new String(file, StandardCharsets.UTF_8).split("\n", -1);
      String[] after = new String(out, StandardCharsets.UTF_8).split("\n", -1);
      assertThat(after).as(f.path() + ": only its own lines change").hasSameSizeAs(before);
      int changed = 0;
      for (int i = 0; i < before.length; i++) {
        if (!before[i].equals(after[i])) {
          changed++;
          assertThat(after[i].strip()).as(f.path()).startsWith(f.type() == ArticleField.Type.TEXT_LIST ? "- " : f.key() + ":");
        }
      }
      assertThat(changed).as(f.path()).isPositive();
    }
  }
}
