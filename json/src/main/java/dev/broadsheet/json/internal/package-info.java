/** Not API: the JSON rules the HTTP API shares with this module. */
package dev.broadsheet.json.internal;
