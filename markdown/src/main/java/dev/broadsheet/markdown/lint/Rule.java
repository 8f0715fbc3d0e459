package dev.broadsheet.markdown.lint;

/**
 * One lint rule. Rules are stateless: what a run remembers between articles is in the {@link
 * Subject}, so one rule object serves every lint and thread.
 */
interface Rule {
  /** The stable kebab-case name problems carry and options refer to. */
  String name();

  /** Whether {@link ContentLint#builder()} starts with this rule on. */
  default boolean onByDefault() {
    return true;
  }

  void check(Subject subject, Findings out);
}
