/** An article store held in memory, for tests and for applications that feed articles themselves. */
@NullMarked
package dev.broadsheet.memory;

import org.jspecify.annotations.NullMarked;
