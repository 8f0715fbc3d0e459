/**
 * Micrometer meters for Broadsheet: {@link dev.broadsheet.metrics.BroadsheetMetrics}.
 */
// "requires-transitive-automatic": Micrometer has no module descriptor, only an automatic name.
@SuppressWarnings("requires-transitive-automatic")
module dev.broadsheet.metrics {
  requires transitive dev.broadsheet.core;
  requires transitive dev.broadsheet.markdown;
  // bind takes a MeterRegistry and Tags.
  requires transitive micrometer.core;
  requires static transitive org.jspecify;

  exports dev.broadsheet.metrics;
}
