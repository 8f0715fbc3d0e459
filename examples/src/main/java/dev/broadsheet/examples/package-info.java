/**
 * Example programs a host-application developer can read top to bottom.
 */
@NullMarked
package dev.broadsheet.examples;

import org.jspecify.annotations.NullMarked;
