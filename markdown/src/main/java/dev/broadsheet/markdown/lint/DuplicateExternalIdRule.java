package dev.broadsheet.markdown.lint;

/**
 * An {@code externalId} that an earlier article of the run already has: usually one story
 * imported twice. Reported on each later article, naming the first.
 */
final class DuplicateExternalIdRule implements Rule {
  @Override
  public String name() {
    return "duplicate-external-id";
  }

  @Override
  public void check(Subject subject, Findings out) {
    String externalId = subject.article().externalId();
    if (externalId == null || externalId.isBlank()) {
      return;
    }
    String earlier = subject.earlierSourceOf(externalId);
    if (earlier != null && !earlier.equals(subject.source())) {
      out.warn(subject.position("externalId"), "externalId",
          "externalId '" + externalId + "' is also used by " + earlier);
    }
  }
}
