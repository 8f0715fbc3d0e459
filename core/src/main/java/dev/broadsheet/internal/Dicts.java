package dev.broadsheet.internal;

/** The value numbering of one repository, shared by all its snapshots. */
public final class Dicts {
  final Dict categories = new Dict();
  final Dict tags = new Dict();
  final Dict langs = new Dict();
  final Dict sources = new Dict();

  /**
   * Numbers {@code labels} (categories, tags, languages, sources) in the order given, as a
   * build that met them in that order does.
   */
  void restore(String[][] labels) {
    Dict[] dicts = {categories, tags, langs, sources};
    for (int f = 0; f < dicts.length; f++) {
      for (String label : labels[f]) {
        dicts[f].ordinal(label);
      }
    }
  }
}
