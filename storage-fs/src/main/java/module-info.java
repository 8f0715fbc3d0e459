/**
 * Articles kept as a folder of Markdown files: {@link dev.broadsheet.fs.FileArticleStore}.
 */
module dev.broadsheet.fs {
  requires transitive dev.broadsheet.core;
  // The builder takes an ArticleCodec.
  requires transitive dev.broadsheet.markdown;
  // FileArticleStore.articleCacheStats() returns Caffeine's CacheStats.
  requires transitive com.github.benmanes.caffeine;
  requires static transitive org.jspecify;

  exports dev.broadsheet.fs;
}
