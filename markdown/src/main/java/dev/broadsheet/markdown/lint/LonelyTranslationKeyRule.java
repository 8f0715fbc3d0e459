package dev.broadsheet.markdown.lint;

/**
 * A {@code translationKey} no other article of the run has: a story with no other version, often
 * a key misspelt in one of its versions. Known only when the run has seen every article, so it
 * reports from {@link ContentLint.Run#finish()}; each article on its own passes.
 */
final class LonelyTranslationKeyRule implements Rule {
  static final String NAME = "lonely-translation-key";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void check(Subject subject, Findings out) {
    // Compares articles across the run: see ContentLint.Run#finish.
  }
}
