package dev.broadsheet.internal;

/** The value numbering of one repository, shared by all its snapshots. */
public final class Dicts {
  final Dict categories = new Dict();
  final Dict tags = new Dict();
  final Dict langs = new Dict();
  final Dict sources = new Dict();
}
