/**
 * Broadsheet's JSON for Jackson 3 mappers: {@link dev.broadsheet.json.jackson3.BroadsheetModule},
 * the same objects as {@link dev.broadsheet.json.BroadsheetModule} writes for Jackson 2.
 */
@NullMarked
package dev.broadsheet.json.jackson3;

import org.jspecify.annotations.NullMarked;
