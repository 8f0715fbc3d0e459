package dev.broadsheet.spi;

import dev.broadsheet.ArticleQuery;
import dev.broadsheet.Facets;
import dev.broadsheet.Page;
import dev.broadsheet.StoredArticle;
import java.io.IOException;
import java.time.Instant;

/**
 * Answers queries for a store that can do so itself, such as a database that pushes filters
 * and ordering down. Semantics are those of {@link ArticleQuery}: the same filters, visibility
 * at {@code now}, order, cursors and totals as the repository's in-memory index.
 *
 * @since 0.1.0
 */
public interface QueryEngine {

  Page<StoredArticle> query(ArticleQuery query, Instant now) throws IOException;

  Facets facets(ArticleQuery query, Instant now) throws IOException;
}
