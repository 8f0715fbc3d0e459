/**
 * A read-only content API over an {@code ArticleRepository}: JSON pages, rendered HTML and facets.
 */
@NullMarked
package dev.broadsheet.server;

import org.jspecify.annotations.NullMarked;
