/**
 * The article file format: Markdown with YAML frontmatter, read with every position kept and
 * written back byte for byte, or with the smallest edit that expresses a change.
 *
 * <p>Two layers: {@link dev.broadsheet.markdown.FrontmatterDocument} is any Markdown file with
 * frontmatter, as a tree of {@link dev.broadsheet.markdown.YamlNode}s; {@link
 * dev.broadsheet.markdown.ArticleCodec} maps such documents to and from {@link
 * dev.broadsheet.Article}s by the article schema ({@link dev.broadsheet.ArticleField}).
 *
 * <h2>Three ways to read frontmatter, one answer</h2>
 *
 * <p>A file is read by the first of three readers that takes it; each declines to the next
 * rather than guess, and each gives exactly what the last would have given:
 *
 * <ol>
 *   <li><b>The direct reader</b> ({@code ArticleScanner}) goes from the file's bytes straight to
 *       an {@code Article}, with no node tree and no positions, for the everyday valid file:
 *       block mappings of plain or simply quoted one-line values, block and flow lists of
 *       scalars, ASCII keys. It declines anything else, and any file that would have a problem
 *       at all (a problem needs a position, which it does not keep), so it is only ever right
 *       or silent. It is what {@code ArticleCodec.read} and {@code readFrontmatter} try first;
 *       the document of a file it took is read by the next readers only if asked for (by
 *       {@code update}, say).
 *   <li><b>The fast scanner</b> ({@code FastScanner}) builds the same node tree the full parser
 *       builds, positions included, for the YAML that frontmatter usually holds, and declines
 *       anchors, aliases, tags, block scalars, multi-line scalars, escapes, flow mappings, tabs,
 *       control characters, duplicate keys and anything else unusual. {@link
 *       dev.broadsheet.markdown.FrontmatterParser} tries it before the full parser.
 *   <li><b>The full parser</b> reads any YAML through SnakeYAML's event stream, keeps every
 *       position, and reports every problem: the reference the other two are held to.
 * </ol>
 *
 * <p>Why three: reading frontmatter is most of what a store's first load does, and the direct
 * reader takes an everyday file in under a third of the time of the fast scanner and the schema
 * mapping (about 3.9 against 12.9 microseconds a file) with a seventh of the allocation, while
 * the fast scanner spares the common case SnakeYAML's cost (the benchmarks' notes give the
 * measurements). Why they cannot drift: differential tests run all
 * three (and the schema mapping behind them) over the conformance cases, every saved fuzz input,
 * generated hostile articles and the real corpus, and fail on any difference in the article, the
 * problems, the tree or the bytes written back; the fuzz targets keep looking for new ones.
 */
@NullMarked
package dev.broadsheet.markdown;

import org.jspecify.annotations.NullMarked;
