/** Implementation details of the Lucene search index. Not API: no compatibility guarantees. */
@NullMarked
package dev.broadsheet.search.internal;

import org.jspecify.annotations.NullMarked;
