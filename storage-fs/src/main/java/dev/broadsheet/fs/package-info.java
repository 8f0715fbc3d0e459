/**
 * Articles kept as a folder of Markdown files: {@link dev.broadsheet.fs.FileArticleStore}.
 */
@NullMarked
package dev.broadsheet.fs;

import org.jspecify.annotations.NullMarked;
