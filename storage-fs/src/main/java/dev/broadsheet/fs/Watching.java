package dev.broadsheet.fs;

/**
 * Whether a {@link FileArticleStore} follows changes made to its folder by others.
 *
 * @since 0.1.0
 */
public enum Watching {
  /** Watch the folder and rescan it now and then: outside changes reach the repository. */
  LIVE,
  /** Read the folder once; only the store's own writes change what it holds. */
  OFF
}
