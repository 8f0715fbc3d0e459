/**
 * The content API over an {@code ArticleRepository}: JSON pages, rendered HTML, facets and writes,
 * as {@link dev.broadsheet.server.ContentApi} apart from any server, and on the JDK's HTTP server
 * as {@link dev.broadsheet.server.ContentServer}.
 */
@NullMarked
package dev.broadsheet.server;

import org.jspecify.annotations.NullMarked;
