/**
 * Spring Boot 4 auto-configuration for Broadsheet: {@link
 * dev.broadsheet.spring.BroadsheetAutoConfiguration} and its {@link
 * dev.broadsheet.spring.BroadsheetProperties}.
 */
module dev.broadsheet.spring {
  // The beans it declares are of these modules' types.
  requires transitive dev.broadsheet.servlet;
  requires transitive dev.broadsheet.fs;
  requires transitive dev.broadsheet.json.jackson3;
  requires spring.boot;
  requires spring.boot.autoconfigure;
  requires spring.beans;
  requires spring.context;
  requires spring.core;
  // Only when the application has Actuator's health support, or keeps articles in PostgreSQL.
  requires static spring.boot.health;
  requires static dev.broadsheet.postgres;
  // Only when the application has Micrometer and broadsheet-metrics.
  requires static dev.broadsheet.metrics;
  requires static micrometer.core;
  requires static transitive org.jspecify;

  exports dev.broadsheet.spring;
  // Spring reads the configuration classes and binds the properties by reflection.
  opens dev.broadsheet.spring to spring.core, spring.beans, spring.context, spring.boot;
}
