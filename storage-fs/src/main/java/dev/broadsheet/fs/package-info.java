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
 * snapshot, where it stays encoded until it is asked for ({@link
 * dev.broadsheet.StoredArticle#decodedLater}); one whose bytes no longer decode is logged and
 * its file read. Files with problems are always read, so their problems are reported as they are.
 * The snapshot carries a checksum and a fingerprint of the root, the extensions, the codec and
 * the library's code: one that is damaged, cut short or made under other settings is ignored
 * and replaced, never trusted; a codec whose parser is not {@code FrontmatterParser.standard()}
 * has limits the store cannot see, so such a store keeps no snapshot. It is replaced atomically,
 * so stores in several processes may share a root. {@link dev.broadsheet.fs.FileArticleStore.Builder#withoutSnapshot()} turns it
 * off; deleting the file is always safe.
 *
 * <h2>Change journal</h2>
 *
 * <p>The store keeps a durable journal of every change to its articles, {@code
 * .broadsheet/changes.journal} under the root, and hands it to the repository as its {@link
 * dev.broadsheet.spi.ArticleStore#changeLog() change log}: the sync tokens of {@link
 * dev.broadsheet.ArticleRepository#changes} then stay valid across restarts and between
 * processes sharing the root. What is journaled, and when:
 *
 * <ul>
 *   <li>Every write through a store ({@code put}, {@code putFile}, {@code delete}, and so the
 *       command line's {@code set} and {@code new}) appends one entry under the root's write lock,
 *       with the article's revision and its timing (draft, publishedAt, expiresAt) before and
 *       after, and forces it to disk before the write returns: a save that returned is in the
 *       journal, and the repository never holds a change the journal lacks. A no-op save (the same
 *       bytes) appends nothing.
 *   <li>A change made outside (an editor, git, a store without a journal) is journaled by the
 *       first store that sees it: its watcher or a second look at the file, under the same lock,
 *       before its listener hears of it; a change the journal already holds (another process
 *       wrote it) is not journaled twice. A writer that finds the file it replaces differing from
 *       what the journal says journals that edit first.
 *   <li>A whole load journals what changed while no store ran: files whose revision is not the
 *       journal's, and articles the journal holds whose files are gone. What the journal holds
 *       of every article comes from {@code .broadsheet/changes.base}, the state of every article
 *       as of one entry (written when a journal starts over a folder that already holds
 *       articles, which are not journaled as changes, and at each compaction), and the entries
 *       after it.
 *   <li>The journal holds at most {@link
 *       dev.broadsheet.fs.FileArticleStore.Builder#journalLimit(int)} entries (100,000 by
 *       default); past that the oldest are dropped down to half, and a token older than the
 *       oldest left gets a {@link dev.broadsheet.SyncTokenExpiredException}. Each record is
 *       checksummed: a record a killed writer left half-written is never read, and the next
 *       writer cuts it off before it appends. A journal whose header is damaged is started anew
 *       with a new id, and tokens of the old one are refused as foreign.
 *   <li>A store with its snapshot in the state folder (the default) makes the folder at load if
 *       need be. One built {@linkplain dev.broadsheet.fs.FileArticleStore.Builder#withoutSnapshot()
 *       without a snapshot} or with its {@linkplain
 *       dev.broadsheet.fs.FileArticleStore.Builder#snapshotFolder(java.nio.file.Path) snapshot
 *       elsewhere} (a read-only root) writes nothing into the root at load: it journals only when
 *       the state folder is there already, and otherwise (or when the journal cannot be written)
 *       offers no change log, so its repository keeps the feed in memory. Its writes are
 *       journaled all the same, since a write makes the state folder for its lock anyway. {@link
 *       dev.broadsheet.fs.FileArticleStore.Builder#withoutJournal()} turns the journal off.
 * </ul>
 *
 * <p>The entries' instants come from the store's {@linkplain
 * dev.broadsheet.fs.FileArticleStore.Builder#clock clock}; give the store and the repository the
 * same one. A store hands out as the journal's newest position only what it has told its
 * listener: a change another process journaled is held back until this store has seen its file
 * (within about a second with {@link dev.broadsheet.fs.Watching#LIVE}), so that an initial sync
 * never pairs a position with articles that miss a change before it. A write costs one more
 * append and fsync, of the journal, under the write lock.
 */
@NullMarked
package dev.broadsheet.fs;

import org.jspecify.annotations.NullMarked;
