/**
 * The {@code broadsheet} command: check a content folder, prove that files are written back
 * byte for byte, and edit one field of an article with the smallest change.
 */
@NullMarked
package dev.broadsheet.cli;

import org.jspecify.annotations.NullMarked;
