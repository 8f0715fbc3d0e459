package dev.broadsheet.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.broadsheet.Article;
import java.io.IOException;

/** An {@link Article} by the rules of {@link ArticleReader}. */
final class ArticleDeserializer extends StdDeserializer<Article> {
  private static final long serialVersionUID = 1L;

  ArticleDeserializer() {
    super(Article.class);
  }

  @Override
  public Article deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    return ArticleReader.read(p, false).article();
  }
}
