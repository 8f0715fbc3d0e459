/**
 * The article file format: Markdown with YAML frontmatter, read with every position kept and
 * written back byte for byte, or with the smallest edit that expresses a change.
 *
 * <p>Two layers: {@link dev.broadsheet.markdown.FrontmatterDocument} is any Markdown file with
 * frontmatter, as a tree of {@link dev.broadsheet.markdown.YamlNode}s; {@link
 * dev.broadsheet.markdown.ArticleCodec} maps such documents to and from {@link
 * dev.broadsheet.Article}s by the article schema.
 */
@NullMarked
package dev.broadsheet.markdown;

import org.jspecify.annotations.NullMarked;
