package dev.broadsheet;

/**
 * Hears every change to a repository's articles. Called after the change is visible to
 * queries, on the thread that made it (or the store's watcher thread for outside changes);
 * keep it quick. An exception a listener throws is logged and does not undo the change.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ArticleListener {
  void onEvent(ArticleEvent event);
}
