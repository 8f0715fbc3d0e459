/**
 * Content lint: warnings about articles that are valid but probably not what their author
 * meant, such as garbled characters, an empty section or a cover image served over plain
 * HTTP. Start with {@link dev.broadsheet.markdown.lint.ContentLint}.
 */
@NullMarked
package dev.broadsheet.markdown.lint;

import org.jspecify.annotations.NullMarked;
