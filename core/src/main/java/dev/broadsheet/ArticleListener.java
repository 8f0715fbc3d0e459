package dev.broadsheet;

/**
 * Hears every change to a repository's articles, and each instant an article goes live or
 * expires. Called after the change is visible to queries, never under the repository's write
 * lock: each listener has a queue of its own, drained in order on the repository's listener
 * executor ({@link ArticleRepository.Builder#listenerExecutor}), so a slow listener delays no
 * write and no other listener. An exception a listener throws is logged and does not undo the
 * change.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ArticleListener {
  void onEvent(ArticleEvent event);
}
