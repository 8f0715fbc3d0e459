/**
 * Article bodies as HTML: {@link dev.broadsheet.markdown.render.MarkdownRenderer} turns
 * CommonMark with GitHub tables, strikethrough and autolinks into HTML that is safe for
 * untrusted content by default, and into {@link dev.broadsheet.markdown.render.RenderedArticle}
 * views (sections, table of contents, excerpt, reading time); {@link
 * dev.broadsheet.markdown.render.ArticleRenderer} caches those views by article id and revision.
 */
@NullMarked
package dev.broadsheet.markdown.render;

import org.jspecify.annotations.NullMarked;
