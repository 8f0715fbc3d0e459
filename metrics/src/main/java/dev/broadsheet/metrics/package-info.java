/**
 * Micrometer meters for Broadsheet: {@code BroadsheetMetrics.bind(repository, registry)}.
 */
@NullMarked
package dev.broadsheet.metrics;

import org.jspecify.annotations.NullMarked;
