/**
 * JSON for Broadsheet values through Jackson: {@link dev.broadsheet.json.BroadsheetModule} and
 * {@link dev.broadsheet.json.StaticExport}.
 */
module dev.broadsheet.json {
  requires transitive dev.broadsheet.core;
  // BroadsheetModule is a Jackson Module.
  requires transitive com.fasterxml.jackson.databind;
  requires static transitive org.jspecify;

  exports dev.broadsheet.json;
  // The spelling of JSON paths, which the HTTP API maps back to positions in a request body.
  exports dev.broadsheet.json.internal to dev.broadsheet.server;
}
