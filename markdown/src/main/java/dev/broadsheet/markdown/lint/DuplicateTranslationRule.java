package dev.broadsheet.markdown.lint;

/**
 * A second version of a story in one language: an article whose {@code translationKey} and
 * {@code lang} an earlier article of the run already has. Readers of its language would get one
 * of the two, and pages link only one of them.
 */
final class DuplicateTranslationRule implements Rule {
  @Override
  public String name() {
    return "duplicate-translation";
  }

  @Override
  public void check(Subject subject, Findings out) {
    String key = subject.article().translationKey();
    String lang = subject.article().lang();
    if (key == null || key.isBlank() || lang == null || lang.isBlank()) {
      return;
    }
    String earlier = subject.earlierSourceOfTranslation(key, lang);
    if (earlier != null && !earlier.equals(subject.source())) {
      out.warn(subject.position("translationKey"), "translationKey",
          "translationKey '" + key + "' already has a version in '" + lang + "': " + earlier);
    }
  }
}
