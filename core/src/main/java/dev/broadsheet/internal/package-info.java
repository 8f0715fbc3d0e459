/**
 * Implementation details of the repository and its index. Not API: no compatibility
 * guarantees.
 */
@NullMarked
package dev.broadsheet.internal;

import org.jspecify.annotations.NullMarked;
