/**
 * JSON for Broadsheet values through Jackson: register {@code BroadsheetModule} on an {@code ObjectMapper}.
 */
@NullMarked
package dev.broadsheet.json;

import org.jspecify.annotations.NullMarked;
