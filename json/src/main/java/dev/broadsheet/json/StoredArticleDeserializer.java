package dev.broadsheet.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.broadsheet.Revision;
import dev.broadsheet.StoredArticle;
import java.io.IOException;
import java.util.Objects;

/** A {@link StoredArticle}: an article object that must also have its {@code revision}. */
final class StoredArticleDeserializer extends StdDeserializer<StoredArticle> {
  private static final long serialVersionUID = 1L;

  StoredArticleDeserializer() {
    super(StoredArticle.class);
  }

  @Override
  public StoredArticle deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    ArticleReader.Read read = ArticleReader.read(p, true);
    // The reader reports a missing revision as a problem, so a result always has one.
    Revision revision = Objects.requireNonNull(read.revision(), "revision");
    return new StoredArticle(read.article(), revision);
  }
}
