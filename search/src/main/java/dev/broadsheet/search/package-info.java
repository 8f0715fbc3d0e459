/** Full-text search for a repository: {@link dev.broadsheet.search.LuceneSearch}. */
@NullMarked
package dev.broadsheet.search;

import org.jspecify.annotations.NullMarked;
