/**
 * The article model and the exceptions every Broadsheet module shares.
 *
 * <p>{@link dev.broadsheet.Article} is the immutable value a host application reads and
 * edits; {@link dev.broadsheet.Problem} is how any module reports what is wrong with a file
 * or a value, as data.
 */
@NullMarked
package dev.broadsheet;

import org.jspecify.annotations.NullMarked;
