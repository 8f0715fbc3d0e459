package dev.broadsheet.markdown.lint;

/** A title longer than any listing or search result shows. */
final class LongTitleRule implements Rule {
  static final int MAX = 200;

  @Override
  public String name() {
    return "long-title";
  }

  @Override
  public void check(Subject subject, Findings out) {
    String title = subject.article().title();
    int length = title.codePointCount(0, title.length());
    if (length > MAX) {
      out.warn(subject.position("title"), "title",
          "title is " + length + " characters long; keep it to " + MAX + " or fewer");
    }
  }
}
