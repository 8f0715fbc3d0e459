package dev.broadsheet.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.broadsheet.StoredArticle;
import java.io.IOException;

/** A {@link StoredArticle}: the article's object with {@code revision} after its id. */
final class StoredArticleSerializer extends StdSerializer<StoredArticle> {
  private static final long serialVersionUID = 1L;

  private final BroadsheetModule.Bodies bodies;

  StoredArticleSerializer(BroadsheetModule.Bodies bodies) {
    super(StoredArticle.class);
    this.bodies = bodies;
  }

  @Override
  public void serialize(StoredArticle value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    ArticleWriter.write(gen, value.article(), value.revision(), bodies);
  }
}
