package dev.broadsheet.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.broadsheet.Article;
import java.io.IOException;

/** An {@link Article} as the object {@link BroadsheetModule} documents. */
final class ArticleSerializer extends StdSerializer<Article> {
  private static final long serialVersionUID = 1L;

  private final BroadsheetModule.Bodies bodies;

  ArticleSerializer(BroadsheetModule.Bodies bodies) {
    super(Article.class);
    this.bodies = bodies;
  }

  @Override
  public void serialize(Article value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    ArticleWriter.write(gen, value, null, bodies);
  }
}
