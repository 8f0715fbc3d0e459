/**
 * The article file format: Markdown with YAML frontmatter read and written byte for byte,
 * rendering to HTML and content lint.
 */
module dev.broadsheet.markdown {
  requires transitive dev.broadsheet.core;
  requires static transitive org.jspecify;
  requires org.yaml.snakeyaml;
  requires org.commonmark;
  requires org.commonmark.ext.gfm.tables;
  requires org.commonmark.ext.gfm.strikethrough;
  requires org.commonmark.ext.autolink;
  requires com.github.benmanes.caffeine;

  exports dev.broadsheet.markdown;
  exports dev.broadsheet.markdown.lint;
  exports dev.broadsheet.markdown.render;
}
