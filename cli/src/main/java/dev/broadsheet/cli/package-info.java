/**
 * The {@code broadsheet} command: check a content folder, prove that files are written back
 * byte for byte, edit one field of an article with the smallest change, and query a folder or
 * count its articles by facet.
 */
@NullMarked
package dev.broadsheet.cli;

import org.jspecify.annotations.NullMarked;
