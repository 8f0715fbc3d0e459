/**
 * Full-text search for a repository on Apache Lucene: {@link dev.broadsheet.search.LuceneSearch}.
 */
module dev.broadsheet.search {
  requires transitive dev.broadsheet.core;
  requires org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires org.apache.lucene.queryparser;
  requires static transitive org.jspecify;

  exports dev.broadsheet.search;
}
