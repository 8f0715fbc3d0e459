package dev.broadsheet.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.broadsheet.Article;
import dev.broadsheet.ArticleField;
import dev.broadsheet.SchemaSamples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every field of the schema table survives JSON: one added to the table but not here fails. */
class SchemaJsonTest {
  private final ObjectMapper mapper = JsonMapper.builder().addModule(new BroadsheetModule()).build();

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void everyFieldIsWrittenAndReadBack(int variant) throws Exception {
    Article a = SchemaSamples.everyField("2026/01/every-field", variant);
    String json = mapper.writeValueAsString(a);
    JsonNode tree = mapper.readTree(json);
    for (ArticleField f : ArticleField.values()) {
      JsonNode at = f.parent() == null ? tree.get(f.key()) : tree.path(f.parent().key()).get(f.key());
      assertThat(at).as(f.path()).isNotNull();
    }
    assertThat(mapper.readValue(json, Article.class)).isEqualTo(a);
  }
}
