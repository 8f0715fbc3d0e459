package dev.broadsheet;

/**
 * Whether a query shows articles of a kind (drafts, scheduled, expired): leave them out, take
 * them in with the rest, or show only them.
 *
 * @since 0.1.0
 */
public enum Inclusion {
  EXCLUDE,
  INCLUDE,
  ONLY
}
