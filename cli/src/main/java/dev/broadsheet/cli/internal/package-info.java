/**
 * Helpers of the command line tool. Not an API: no compatibility guarantees.
 */
@NullMarked
package dev.broadsheet.cli.internal;

import org.jspecify.annotations.NullMarked;
