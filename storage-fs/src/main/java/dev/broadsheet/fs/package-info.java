/**
 * Articles kept as a folder of Markdown files: {@link dev.broadsheet.fs.FileArticleStore}.
 *
 * <h2>Snapshot</h2>
 *
 * <p>After loading, the store writes a compact binary snapshot of the metadata the index
 * reads (the fields of {@link dev.broadsheet.spi.ArticleStore#partial}) and each file's revision,
 * {@code .broadsheet/metadata.snapshot} under the root unless {@link
 * dev.broadsheet.fs.FileArticleStore.Builder#snapshotFolder(java.nio.file.Path)} says otherwise,
 * and keeps it current on a background thread as articles are saved, deleted or changed by
 * others. The next start reads only the files whose size, modification time (to the
 * nanosecond) or file identity differ from what the snapshot recorded, and files modified less
 * than two seconds before they were recorded, which a change within one tick of the file
 * system's clock could otherwise hide; every other article, with its revision, comes from the
 * snapshot. Files with problems are always read, so their problems are reported as they are.
 * The snapshot carries a checksum and a fingerprint of the root, the extensions, the codec and
 * the library's code: one that is damaged, cut short or made under other settings is ignored
 * and replaced, never trusted; a codec whose parser is not {@code FrontmatterParser.standard()}
 * has limits the store cannot see, so such a store keeps no snapshot. It is replaced atomically,
 * so stores in several processes may share a root. {@link dev.broadsheet.fs.FileArticleStore.Builder#withoutSnapshot()} turns it
 * off; deleting the file is always safe.
 */
@NullMarked
package dev.broadsheet.fs;

import org.jspecify.annotations.NullMarked;
