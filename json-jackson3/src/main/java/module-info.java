/**
 * Broadsheet's JSON for Jackson 3 ({@code tools.jackson}) mappers: {@link
 * dev.broadsheet.json.jackson3.BroadsheetModule}.
 */
module dev.broadsheet.json.jackson3 {
  requires transitive dev.broadsheet.json;
  // BroadsheetModule is a Jackson 3 JacksonModule.
  requires transitive tools.jackson.databind;
  requires static transitive org.jspecify;

  exports dev.broadsheet.json.jackson3;
}
