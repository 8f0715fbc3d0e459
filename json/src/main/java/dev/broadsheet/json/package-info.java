/**
 * JSON for Broadsheet values through Jackson: register {@code BroadsheetModule} on an {@code ObjectMapper};
 * {@code StaticExport} writes the public content as static JSON files.
 */
@NullMarked
package dev.broadsheet.json;

import org.jspecify.annotations.NullMarked;
