/** Implementation details of the filesystem store. Not API: no compatibility guarantees. */
@NullMarked
package dev.broadsheet.fs.internal;

import org.jspecify.annotations.NullMarked;
